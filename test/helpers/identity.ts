/** Fictitious but checksum-valid resident identity numbers (GB 11643), computed independently of src/. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function residentId(birth: string, sequence: number, region = '110101'): string {
  const body = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + Number(c) * WEIGHTS[i]!, 0);
  return body + CHECK[sum % 11];
}

/** The same number with a wrong check character. */
export function withWrongCheck(id: string): string {
  const last = id.slice(-1);
  return id.slice(0, -1) + (last === '0' ? '1' : '0');
}

export interface CsvOwner {
  name: string;
  id: string;
  idType?: string;
  kind?: string;
  phone?: string;
  /** 不动产权证书号 of this owner for this unit. */
  certificate?: string;
}

export interface CsvUnit {
  registryNo: string;
  building: string;
  stair?: string;
  room: string;
  area: string;
  areaSource?: string;
  kind?: string;
  developerHeld?: boolean;
  owners: CsvOwner[];
}

/** A registry CSV with English headers, one row per (unit, owner). */
export function registryCsv(units: CsvUnit[]): string {
  const header =
    'registry_no,building,stair,room,area,area_source,kind,developer_held,owner_name,owner_kind,owner_id_type,owner_id_number,owner_phone,owner_certificate_no';
  const rows = units.flatMap((u) =>
    u.owners.map((o) =>
      [
        u.registryNo,
        u.building,
        u.stair ?? '',
        u.room,
        u.area,
        u.areaSource ?? 'registry',
        u.kind ?? 'residential',
        u.developerHeld ? 'true' : 'false',
        o.name,
        o.kind ?? (o.idType === 'uscc' ? 'organisation' : 'person'),
        o.idType ?? 'resident_id',
        o.id,
        o.phone ?? '',
        o.certificate ?? '',
      ].join(','),
    ),
  );
  return `${[header, ...rows].join('\n')}\n`;
}

/** 统一社会信用代码 with a valid check character (GB 32100), computed independently. */
export function uscc(body17: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...body17].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i]!, 0);
  return body17 + alphabet[(31 - (sum % 31)) % 31];
}
