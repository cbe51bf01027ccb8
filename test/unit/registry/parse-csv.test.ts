import { describe, expect, it } from 'vitest';
import { parseRegistryCsv } from '../../../src/registry/parse-csv.ts';
import type { ParsedUnit, RowError } from '../../../src/registry/types.ts';
import { csv, ENGLISH_HEADER, personId, residentId, row, usccCheck, withWrongCheck } from './fixtures.ts';

const DEVELOPER_USCC = '91110000MA01ABCD1';
const DEVELOPER = DEVELOPER_USCC + usccCheck(DEVELOPER_USCC);

function units(text: string): ParsedUnit[] {
  const result = parseRegistryCsv(text);
  if (!result.ok) throw new Error(`expected no errors, got ${JSON.stringify(result.errors, null, 1)}`);
  return result.units;
}

function errors(text: string): Omit<RowError, 'code' | 'params'>[] {
  const result = parseRegistryCsv(text);
  if (result.ok) throw new Error('expected errors, the file was accepted');
  // The English messages API clients read; the codes beside them are checked in row-errors.test.ts.
  return result.errors.map(({ code: _code, params: _params, ...said }) => said);
}

describe('parseRegistryCsv: reading', () => {
  it('reads a unit with its owner, area in hundredths and the line it is on', () => {
    expect(units(csv([row({ owner_phone: '+86 138-0013-8000' })]))).toEqual([
      {
        line: 2,
        registryNo: 'R-0001',
        building: '3栋',
        stair: '1单元',
        room: '101',
        areaHundredths: 8850,
        areaSource: 'registry',
        kind: 'residential',
        developerHeld: false,
        owners: [{ name: '张三', kind: 'person', idType: 'resident_id', idNumber: personId(1), phone: '13800138000', certificateNumber: null }],
      },
    ]);
  });

  it('reads Chinese headers and Chinese values, with a byte-order mark and CRLF line ends', () => {
    const text =
      '\uFEFF不动产单元号,楼栋,单元,房号,面积,面积来源,用途,建设单位持有,业主姓名,业主类型,证件类型,证件号码,联系电话\r\n' +
      `110101001001GB00001F00010001,3栋,1单元,101,88.5,登记,住宅,否,张三,个人,居民身份证,${personId(1)},13800138000\r\n` +
      `110101001001GB00001F00010002,3栋,1单元,102,90,实测,商业,是,开发公司,单位,统一社会信用代码,${DEVELOPER},\r\n` +
      `110101001001GB00001F00010003,3栋,,P-01,12.00,合同,车位,,李四,,护照,E12345678,\r\n`;
    const [flat, shop, parking] = units(text);
    expect(flat).toMatchObject({ line: 2, registryNo: '110101001001GB00001F00010001', areaHundredths: 8850, areaSource: 'registry', kind: 'residential' });
    expect(shop).toMatchObject({ line: 3, areaSource: 'surveyed', kind: 'commercial', developerHeld: true });
    expect(shop?.owners).toEqual([{ name: '开发公司', kind: 'organisation', idType: 'uscc', idNumber: DEVELOPER, phone: null, certificateNumber: null }]);
    expect(parking).toMatchObject({ line: 4, stair: null, room: 'P-01', areaSource: 'contract', kind: 'parking', developerHeld: false });
    expect(parking?.owners[0]).toMatchObject({ kind: 'person', idType: 'passport' });
  });

  it('takes columns in any order, matches English headers without regard to case, and allows the optional columns to be left out', () => {
    const header = ['OWNER_ID_NUMBER', 'owner_id_type', 'Owner_Name', 'kind', 'area_source', 'area', 'room', 'building', 'registry_no'];
    const [unit] = units(csv([row()], header));
    expect(unit).toMatchObject({ line: 2, stair: null, developerHeld: false, areaHundredths: 8850 });
    expect(unit?.owners).toEqual([{ name: '张三', kind: 'person', idType: 'resident_id', idNumber: personId(1), phone: null, certificateNumber: null }]);
  });

  it('reads quoted cells holding commas and doubled quotes', () => {
    const [unit] = units(csv([row({ owner_name: 'Smith, John "Jack"', building: 'Block A, North' })]));
    expect(unit?.building).toBe('Block A, North');
    expect(unit?.owners[0]?.name).toBe('Smith, John "Jack"');
  });

  it('gathers co-owners written as repeated rows into one unit, in file order, on the line of the first row', () => {
    const text = csv([
      row({ registry_no: 'A', room: '101', owner_name: '张三', owner_id_number: personId(1) }),
      row({ registry_no: 'B', room: '102', owner_name: '王五', owner_id_number: personId(3) }),
      row({ registry_no: 'A', room: '101', owner_name: '李四', owner_id_number: personId(2) }),
    ]);
    const [a, b] = units(text);
    expect(a).toMatchObject({ registryNo: 'A', line: 2 });
    expect(a?.owners.map((o) => o.name)).toEqual(['张三', '李四']);
    expect(b).toMatchObject({ registryNo: 'B', line: 3 });
  });

  it('treats "88.5" and "88.50" on co-owner rows as the same area', () => {
    const text = csv([row({ area: '88.5' }), row({ area: '88.50', owner_name: '李四', owner_id_number: personId(2) })]);
    expect(units(text)[0]?.owners).toHaveLength(2);
  });

  it('lets one owner hold several units, and the developer hold its unsold flats', () => {
    const developer = { owner_name: '某某置业有限公司', owner_kind: '', owner_id_type: 'uscc', owner_id_number: DEVELOPER, developer_held: 'yes' };
    const text = csv([
      row({ registry_no: 'A', room: '101' }),
      row({ registry_no: 'B', room: '102' }),
      row({ registry_no: 'C', room: '103', ...developer }),
      row({ registry_no: 'D', room: '104', ...developer, developer_held: '1' }),
    ]);
    const parsed = units(text);
    expect(parsed.map((u) => [u.registryNo, u.developerHeld, u.owners[0]?.kind])).toEqual([
      ['A', false, 'person'],
      ['B', false, 'person'],
      ['C', true, 'organisation'],
      ['D', true, 'organisation'],
    ]);
  });

  it('skips empty lines and rows of bare commas, and counts lines across cells that span lines', () => {
    const text = [
      ENGLISH_HEADER.join(','),
      '',
      csv([row({ registry_no: 'A', building: '3栋\n' })]).split('\n').slice(1).join('\n').trimEnd(),
      ',,,,,,,,,,,,',
      csv([row({ registry_no: 'B', room: '102', area: 'abc' })]).split('\n')[1],
    ].join('\n');
    // Line 3 holds A, whose quoted building cell runs onto line 4; bare commas on line 5; B on line 6.
    expect(errors(text)).toEqual([{ line: 6, field: 'area', message: expect.stringMatching(/area 'abc'/) }]);
  });

  it('normalises identity numbers: trimmed, upper case', () => {
    const id = residentId('19900307', 803);
    const [unit] = units(csv([row({ owner_id_number: ` ${id.toLowerCase()} ` })]));
    expect(unit?.owners[0]?.idNumber).toBe(id);
  });

  it('reads the property certificate number per (unit, owner), normalised: full-width brackets folded, spaces dropped', () => {
    const text =
      '不动产单元号,楼栋,房号,面积,面积来源,用途,业主姓名,证件类型,证件号码,不动产权证书号\n' +
      `R-1,3栋,101,88.50,登记,住宅,张三,居民身份证,${personId(1)},京（2020）朝阳区 不动产权第0012345号\n` +
      `R-1,3栋,101,88.50,登记,住宅,李四,居民身份证,${personId(2)},\n`;
    const [unit] = units(text);
    expect(unit?.owners.map((o) => o.certificateNumber)).toEqual(['京(2020)朝阳区不动产权第0012345号', null]);
    const bad = errors(text.replace('京（2020）朝阳区 不动产权第0012345号', '京1'));
    expect(bad).toEqual([{ line: 2, field: '不动产权证书号', message: 'property certificate number must be 4 to 60 characters' }]);
  });

  it('accepts names of up to 100 characters, counting a CJK character once', () => {
    expect(units(csv([row({ owner_name: '张'.repeat(100) })]))[0]?.owners[0]?.name).toHaveLength(100);
    expect(errors(csv([row({ owner_name: '张'.repeat(101) })]))).toEqual([
      { line: 2, field: 'owner_name', message: 'owner name is longer than 100 characters' },
    ]);
  });
});

describe('parseRegistryCsv: errors', () => {
  it('names every missing required column in one error on line 1', () => {
    const header = ENGLISH_HEADER.filter((c) => c !== 'area' && c !== 'owner_id_number');
    expect(errors(csv([row()], header))).toEqual([
      { line: 1, message: 'missing required columns: area (面积), owner_id_number (证件号码)' },
    ]);
  });

  it('refuses unknown and repeated columns, so a typo cannot drop data silently', () => {
    const header = [...ENGLISH_HEADER, 'onwer_phone', '房号'];
    expect(errors(csv([row()], header))).toEqual([
      { line: 1, field: 'onwer_phone', message: "unknown column 'onwer_phone'" },
      { line: 1, field: '房号', message: "column '房号' repeats column 'room'" },
    ]);
  });

  it.each([
    ['abc', /area 'abc' is not a decimal number/],
    ['1e3', /area '1e3' is not a decimal number/],
    ['-5', /area '-5' is negative/],
    ['0', /area must be greater than zero/],
    ['88.505', /area '88.505' has more than two decimal places/],
    ['1000000.01', /larger than 1,000,000.00 m²/],
    ['', /area is missing/],
  ])('refuses the area %j on its line', (area, message) => {
    const text = csv([row({ registry_no: 'A' }), row({ registry_no: 'B', room: '102', area })]);
    expect(errors(text)).toEqual([{ line: 3, field: 'area', message: expect.stringMatching(message) }]);
  });

  it('refuses unknown area sources, unit kinds, document types, owner kinds and developer flags', () => {
    const text = csv([
      row({ registry_no: 'A', room: '1', area_source: 'measured' }),
      row({ registry_no: 'B', room: '2', kind: '住房' }),
      row({ registry_no: 'C', room: '3', owner_id_type: '身份证' }),
      row({ registry_no: 'D', room: '4', owner_kind: 'company' }),
      row({ registry_no: 'E', room: '5', developer_held: 'maybe' }),
    ]);
    expect(errors(text)).toEqual([
      { line: 2, field: 'area_source', message: "unknown area source 'measured' (expected one of registry, surveyed, contract)" },
      { line: 3, field: 'kind', message: "unknown unit kind '住房' (expected one of residential, commercial, parking)" },
      { line: 4, field: 'owner_id_type', message: expect.stringMatching(/^unknown identity document type '身份证' \(expected one of resident_id, /) },
      { line: 5, field: 'owner_kind', message: "unknown owner kind 'company' (expected one of person, organisation)" },
      { line: 6, field: 'developer_held', message: "developer-held flag 'maybe' is not one of true/false, yes/no, 1/0, 是/否" },
    ]);
  });

  it('reports a registry number repeated with different unit details, at the differing column', () => {
    const text = csv([
      row({ registry_no: 'A' }),
      row({ registry_no: 'B', room: '102' }),
      row({ registry_no: 'A', area: '90.00', owner_name: '李四', owner_id_number: personId(2) }),
    ]);
    expect(errors(text)).toEqual([
      { line: 4, field: 'area', message: "duplicate registry number 'A' with different unit details (first on line 2)" },
    ]);
  });

  it('reports a room listed under two registry numbers', () => {
    const text = csv([row({ registry_no: 'A' }), row({ registry_no: 'B', owner_name: '李四', owner_id_number: personId(2) })]);
    expect(errors(text)).toEqual([{ line: 3, field: 'room', message: 'room 3栋/1单元/101 already listed as registry number A on line 2' }]);
  });

  it('tells rooms apart by stair, and writes a room without a stair as building/room', () => {
    const text = csv([
      row({ registry_no: 'A', stair: '1单元' }),
      row({ registry_no: 'B', stair: '2单元' }),
      row({ registry_no: 'C', stair: '' }),
      row({ registry_no: 'D', stair: '' }),
    ]);
    expect(errors(text)).toEqual([{ line: 5, field: 'room', message: 'room 3栋/101 already listed as registry number C on line 4' }]);
  });

  it('reports the same owner twice on one unit, without printing the whole identity number', () => {
    const text = csv([row(), row()]);
    const tail = personId(1).slice(-4);
    expect(errors(text)).toEqual([
      { line: 3, field: 'owner_id_number', message: `owner with resident_id ending ${tail} is listed twice on this unit (first on line 2)` },
    ]);
    expect(JSON.stringify(errors(text))).not.toContain(personId(1));
  });

  it('reports one identity number written with two names, on the later line', () => {
    const text = csv([row({ registry_no: 'A', room: '101' }), row({ registry_no: 'B', room: '102', owner_name: '张叁' })]);
    expect(errors(text)).toEqual([
      {
        line: 3,
        field: 'owner_name',
        message: `owner with resident_id ending ${personId(1).slice(-4)} is named '张叁' here but '张三' on line 2; one owner must have one name`,
      },
    ]);
  });

  it('reports a unit without an owner, and a missing owner name or identity number', () => {
    const text = csv([
      row({ registry_no: 'A', room: '1', owner_name: '', owner_kind: '', owner_id_type: '', owner_id_number: '' }),
      row({ registry_no: 'B', room: '2', owner_name: '' }),
      row({ registry_no: 'C', room: '3', owner_id_number: '' }),
      row({ registry_no: 'D', room: '4', owner_id_type: '', owner_id_number: '' }),
    ]);
    expect(errors(text)).toEqual([
      { line: 2, field: 'owner_name', message: 'unit has no owner' },
      { line: 3, field: 'owner_name', message: 'owner name is missing' },
      { line: 4, field: 'owner_id_number', message: 'resident identity number is missing' },
      { line: 5, field: 'owner_id_type', message: 'identity document type is missing' },
      { line: 5, field: 'owner_id_number', message: 'identity number is missing' },
    ]);
  });

  it('reports identity numbers that fail their check, and old 15-digit numbers', () => {
    const text = csv([
      row({ registry_no: 'A', room: '1', owner_id_number: withWrongCheck(personId(1)) }),
      row({ registry_no: 'B', room: '2', owner_id_number: '110105491231002', owner_name: '李四' }),
      row({ registry_no: 'C', room: '3', owner_kind: '', owner_id_type: 'uscc', owner_id_number: '91350100M000100Y44', owner_name: '某公司' }),
    ]);
    expect(errors(text)).toEqual([
      { line: 2, field: 'owner_id_number', message: 'resident identity number fails its check character' },
      { line: 3, field: 'owner_id_number', message: '15-digit identity numbers must be converted to 18 digits' },
      { line: 4, field: 'owner_id_number', message: 'unified social credit code fails its check character' },
    ]);
  });

  it('refuses a person identified by a credit code, and a phone that is not a mainland mobile', () => {
    const text = csv([
      row({ registry_no: 'A', room: '1', owner_kind: 'person', owner_id_type: 'uscc', owner_id_number: DEVELOPER, owner_name: '公司' }),
      row({ registry_no: 'B', room: '2', owner_phone: '010-12345678', owner_name: '李四', owner_id_number: personId(2) }),
    ]);
    expect(errors(text)).toEqual([
      { line: 2, field: 'owner_kind', message: expect.stringMatching(/a person cannot be identified by a unified social credit code/) },
      { line: 3, field: 'owner_phone', message: "phone '010-12345678' is not a mainland mobile number (11 digits starting 13–19, optionally +86)" },
    ]);
  });

  it('refuses rows with a different number of cells than the header, and values under an unnamed column, but tolerates empty extra cells', () => {
    const line = (r: ReturnType<typeof row>) => csv([r]).split('\n')[1] ?? '';
    const good = line(row());
    const text = [
      `${ENGLISH_HEADER.join(',')},`, // a 14th, unnamed column
      `${good},`,
      `${line(row({ registry_no: 'B', room: '102' }))},stray`,
      good.split(',').slice(0, 5).join(','),
      `${line(row({ registry_no: 'C', room: '103' }))},,x`,
      `${line(row({ registry_no: 'D', room: '104', owner_name: '李四', owner_id_number: personId(2) }))},,,`,
    ].join('\n');
    expect(errors(text)).toEqual([
      { line: 3, message: 'cell 14 has a value but its column has no header' },
      { line: 4, message: 'row has 5 cells but the header has 14' },
      { line: 5, message: 'row has 15 cells but the header has 14' },
    ]);
  });

  it('reports a broken quote with its line, as the one error it can trust', () => {
    const text = `${csv([row()])}"R-2,3栋,1单元,102,88.50,registry,residential,false,李四,person,resident_id,${personId(2)},\n`;
    expect(errors(text)).toEqual([{ line: 3, message: expect.stringMatching(/quoted cell is never closed/) }]);
  });

  it('reads a stray quote inside an unquoted cell as written', () => {
    const text = csv([row()]).replace('张三', '张"三');
    expect(units(text)[0]?.owners[0]?.name).toBe('张"三');
  });

  it('says "no units" for an empty file, blank lines, or a header alone', () => {
    expect(errors('')).toEqual([{ line: 1, message: 'no units' }]);
    expect(errors('\uFEFF\n\n')).toEqual([{ line: 1, message: 'no units' }]);
    expect(errors(csv([]))).toEqual([{ line: 1, message: 'no units' }]);
  });

  it('collects every error of every row, in line order, instead of stopping at the first', () => {
    const text = csv([
      row({ registry_no: 'A', room: '1', area: 'x', kind: 'x' }),
      row({ registry_no: 'B', room: '2', owner_id_number: withWrongCheck(personId(2)), owner_phone: '123' }),
      row({ registry_no: 'C', room: '3' }),
      row({ registry_no: '', room: '4', owner_name: '王五', owner_id_number: personId(5) }),
    ]);
    expect(errors(text).map((e) => [e.line, e.field])).toEqual([
      [2, 'area'],
      [2, 'kind'],
      [3, 'owner_id_number'],
      [3, 'owner_phone'],
      [5, 'registry_no'],
    ]);
  });

  it('names columns in errors as the file wrote them', () => {
    const text = `不动产单元号,楼栋,房号,面积,面积来源,用途,业主姓名,证件类型,证件号码\nA,3栋,101,-1,登记,住宅,张三,居民身份证,${personId(1)}\n`;
    expect(errors(text)).toEqual([{ line: 2, field: '面积', message: "area '-1' is negative" }]);
  });
});
