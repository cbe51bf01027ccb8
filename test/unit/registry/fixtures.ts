/**
 * Test-side builders for identity numbers and import files. The check
 * characters are computed here with algorithms written differently from the
 * production code (the recursive ISO 7064 form; USCC weights derived, not
 * tabulated), so a shared mistake cannot make both agree.
 */

/** ISO 7064 MOD 11-2, recursive form: p ← 2·(p + digit) mod 11; check = (12 − p) mod 11, 10 written X. */
export function mod11_2(body17: string): string {
  let p = 0;
  for (const digit of body17) p = ((p + Number(digit)) * 2) % 11;
  const check = (12 - p) % 11;
  return check === 10 ? 'X' : String(check);
}

/** A checksum-valid 18-digit resident identity number. Region 110101 (北京市东城区) by default. */
export function residentId(birth: string, sequence = 1, region = '110101'): string {
  const body = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return body + mod11_2(body);
}

/** The n-th fictitious person: distinct numbers with real past birth dates. */
export function personId(n: number): string {
  const year = 1950 + (n % 50);
  const month = String(1 + (Math.floor(n / 50) % 12)).padStart(2, '0');
  const day = String(1 + (Math.floor(n / 600) % 28)).padStart(2, '0');
  return residentId(`${year}${month}${day}`, Math.floor(n / 16800) % 1000);
}

/** Any other check character than the right one. */
export function withWrongCheck(id: string): string {
  const last = id.slice(-1);
  return id.slice(0, -1) + (last === '0' ? '1' : '0');
}

export const USCC_ALPHABET = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((c) => !'IOSVZ'.includes(c)).join('');

/** GB 32100-2015: weights 3^i mod 31, check = 31 − (Σ mod 31), with 31 written 0. */
export function usccCheck(body17: string): string {
  let sum = 0;
  let weight = 1;
  for (const char of body17) {
    sum += USCC_ALPHABET.indexOf(char) * weight;
    weight = (weight * 3) % 31;
  }
  const check = 31 - (sum % 31);
  return USCC_ALPHABET.charAt(check === 31 ? 0 : check);
}

export const ENGLISH_HEADER = [
  'registry_no',
  'building',
  'stair',
  'room',
  'area',
  'area_source',
  'kind',
  'developer_held',
  'owner_name',
  'owner_kind',
  'owner_id_type',
  'owner_id_number',
  'owner_phone',
] as const;

type Column = (typeof ENGLISH_HEADER)[number];
export type Row = Partial<Record<Column, string>>;

/** A typical sold flat with one owner; override any cell. */
export function row(overrides: Row = {}): Row {
  return {
    registry_no: 'R-0001',
    building: '3栋',
    stair: '1单元',
    room: '101',
    area: '88.50',
    area_source: 'registry',
    kind: 'residential',
    developer_held: 'false',
    owner_name: '张三',
    owner_kind: 'person',
    owner_id_type: 'resident_id',
    owner_id_number: personId(1),
    owner_phone: '',
    ...overrides,
  };
}

/** RFC 4180: quote a cell when it holds a comma, a quote or a line break. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csv(rows: Row[], header: readonly string[] = ENGLISH_HEADER, eol = '\n'): string {
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) lines.push(header.map((column) => csvCell(r[column.toLowerCase() as Column] ?? '')).join(','));
  return lines.join(eol) + eol;
}
