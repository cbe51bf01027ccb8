import { describe, expect, it } from 'vitest';
import { parseRegistryCsv } from '../../../src/registry/parse-csv.ts';
import { parseRegistryJson } from '../../../src/registry/parse-json.ts';
import type { RowError } from '../../../src/registry/types.ts';
import { csv, personId, row, withWrongCheck } from './fixtures.ts';

type JsonOwner = Record<string, unknown>;
type JsonUnit = Record<string, unknown>;

function owner(overrides: JsonOwner = {}): JsonOwner {
  return { name: '张三', idType: 'resident_id', idNumber: personId(1), ...overrides };
}

function unit(overrides: JsonUnit = {}): JsonUnit {
  return {
    registryNo: 'R-0001',
    building: '3栋',
    stair: '1单元',
    room: '101',
    area: '88.50',
    areaSource: 'registry',
    kind: 'residential',
    owners: [owner()],
    ...overrides,
  };
}

const doc = (units: unknown[], extra: Record<string, unknown> = {}) => ({ format: 'gongjue.registry', version: 1, units, ...extra });

function errors(value: unknown): Omit<RowError, 'code' | 'params'>[] {
  const result = parseRegistryJson(value);
  if (result.ok) throw new Error('expected errors, the document was accepted');
  // The English messages API clients read; the codes beside them are checked in row-errors.test.ts.
  return result.errors.map(({ code: _code, params: _params, ...said }) => said);
}

describe('parseRegistryJson', () => {
  it('reads the same units as the equivalent CSV, with line = 1-based index in units', () => {
    const json = parseRegistryJson(
      doc([
        unit({ registryNo: 'A', owners: [owner(), owner({ name: '李四', idNumber: personId(2), phone: '13800138000' })] }),
        unit({ registryNo: 'B', room: '102', stair: null, area: '90', developerHeld: true }),
      ]),
    );
    const fromCsv = parseRegistryCsv(
      csv([
        row({ registry_no: 'A', owner_kind: '' }),
        row({ registry_no: 'A', owner_kind: '', owner_name: '李四', owner_id_number: personId(2), owner_phone: '13800138000' }),
        row({ registry_no: 'B', room: '102', stair: '', area: '90', developer_held: 'true', owner_kind: '' }),
      ]),
    );
    expect(json.ok && fromCsv.ok).toBe(true);
    if (!json.ok || !fromCsv.ok) return;
    expect(json.units.map((u) => u.line)).toEqual([1, 2]);
    expect(json.units.map(({ line: _line, ...rest }) => rest)).toEqual(fromCsv.units.map(({ line: _line, ...rest }) => rest));
  });

  it('refuses an area written as a JSON number, which may already have been rounded', () => {
    expect(errors(doc([unit(), unit({ registryNo: 'B', room: '102', area: 88.5 })]))).toEqual([
      { line: 2, field: 'units[1].area', message: 'units[1].area must be a string such as "88.50": numbers are refused because they may have been rounded' },
    ]);
  });

  it('applies the shared rules, naming fields by their JSON path', () => {
    const result = errors(
      doc([
        unit({ registryNo: 'A', area: '-1' }),
        unit({ registryNo: 'B', room: '102', owners: [owner(), owner({ idNumber: withWrongCheck(personId(2)), name: '李四' })] }),
        unit({ registryNo: 'C', room: '103', owners: [] }),
        unit({ registryNo: 'D', room: '104', owners: [owner(), owner()] }),
        unit({ registryNo: 'E', room: '101' }),
        unit({ registryNo: 'F', room: '106', owners: [owner({ name: '张叁' })] }),
      ]),
    );
    const tail = personId(1).slice(-4);
    expect(result).toEqual([
      { line: 1, field: 'units[0].area', message: "area '-1' is negative" },
      { line: 2, field: 'units[1].owners[1].idNumber', message: 'resident identity number fails its check character' },
      { line: 3, field: 'units[2].owners', message: 'unit has no owner' },
      { line: 4, field: 'units[3].owners[1].idNumber', message: `owner with resident_id ending ${tail} is listed twice on this unit (first at units[3].owners[0])` },
      // A's area was refused, but A still holds its room: E's clash is reported in the same pass.
      { line: 5, field: 'units[4].room', message: 'room 3栋/1单元/101 already listed as registry number A at units[0]' },
      { line: 6, field: 'units[5].owners[0].name', message: `owner with resident_id ending ${tail} is named '张叁' here but '张三' at units[0].owners[0]; one owner must have one name` },
    ]);
  });

  it('reports a room listed twice and a repeated registry number with the place of the first', () => {
    expect(errors(doc([unit({ registryNo: 'A' }), unit({ registryNo: 'B' }), unit({ registryNo: 'A', room: '102' })]))).toEqual([
      { line: 2, field: 'units[1].room', message: 'room 3栋/1单元/101 already listed as registry number A at units[0]' },
      { line: 3, field: 'units[2].registryNo', message: "duplicate registry number 'A' (first at units[0])" },
    ]);
  });

  it('refuses unknown fields, missing fields and wrong types, unit by unit', () => {
    const { room: _room, ...withoutRoom } = unit({ registryNo: 'B' });
    expect(
      errors(doc([unit({ registryNo: 'A', registryNumber: 'x' }), withoutRoom, unit({ registryNo: 'C', room: '103', developerHeld: 'yes', owners: [owner({ phone: 138 })] }), 'flat'])),
    ).toEqual([
      { line: 1, field: 'units[0].registryNumber', message: "unknown field 'registryNumber'" },
      { line: 2, field: 'units[1].room', message: 'units[1].room is required' },
      { line: 3, field: 'units[2].developerHeld', message: 'units[2].developerHeld must be a boolean, not a string' },
      { line: 3, field: 'units[2].owners[0].phone', message: 'units[2].owners[0].phone must be a string, not a number' },
      { line: 4, field: 'units[3]', message: 'units[3] must be an object, not a string' },
    ]);
  });

  it('reports problems with the document itself on line 0', () => {
    expect(errors({ format: 'other', version: 2, units: [] })).toEqual([
      { line: 0, field: 'format', message: 'format must be "gongjue.registry"' },
      { line: 0, field: 'version', message: 'version must be 1' },
    ]);
    expect(errors([])).toEqual([{ line: 0, message: 'the document must be an object, not an array' }]);
    expect(errors(doc([], { estate: 'x' }))).toEqual([{ line: 0, field: 'estate', message: "unknown field 'estate'" }]);
  });

  it('says "no units" for an empty list', () => {
    expect(errors(doc([]))).toEqual([{ line: 0, field: 'units', message: 'no units' }]);
  });
});
