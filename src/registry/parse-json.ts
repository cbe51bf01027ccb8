import { z } from 'zod';
import { excerpt, rowFault, type RowFault } from './row-errors.ts';
import type { ParseResult, RowError } from './types.ts';
import { validateUnits, type RawUnit, type SourceNames } from './validate-units.ts';

/**
 * The registry extract as JSON, for systems that export it directly. The
 * structure is checked here; every rule about units and owners is shared
 * with the CSV form (validate-units.ts). Errors carry `line` = 1-based index
 * of the unit in `units` (0 for the document as a whole) and `field` = a
 * path such as `units[3].owners[0].idNumber`.
 */

export const REGISTRY_JSON_FORMAT = 'gongjue.registry';
export const REGISTRY_JSON_VERSION = 1;

// Strict objects throughout: a misspelt key ("registryNumber") must be an
// error, not a silently missing value.
const Envelope = z.strictObject({
  format: z.literal(REGISTRY_JSON_FORMAT),
  version: z.literal(REGISTRY_JSON_VERSION),
  units: z.array(z.unknown()),
});

const Owner = z.strictObject({
  name: z.string(),
  kind: z.string().optional(),
  idType: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable().optional(),
  /** 不动产权证书号 of this owner for this unit. */
  certificateNumber: z.string().nullable().optional(),
});

const Unit = z.strictObject({
  registryNo: z.string(),
  building: z.string(),
  stair: z.string().nullable().optional(),
  room: z.string(),
  // A string, never a JSON number: 88.1 as a binary float is not 88.1.
  area: z.string(),
  areaSource: z.string(),
  kind: z.string(),
  developerHeld: z.boolean().optional(),
  owners: z.array(Owner),
});

const DOCUMENT_LINE = 0;

export function parseRegistryJson(value: unknown): ParseResult {
  const errors: RowError[] = [];
  const envelope = Envelope.safeParse(value, { reportInput: true });
  if (!envelope.success) {
    for (const issue of envelope.error.issues) errors.push(...issueToErrors(issue, []));
    return { ok: false, errors };
  }

  const raws: RawUnit[] = [];
  envelope.data.units.forEach((entry, index) => {
    const unit = Unit.safeParse(entry, { reportInput: true });
    if (!unit.success) {
      for (const issue of unit.error.issues) errors.push(...issueToErrors(issue, ['units', index]));
      return;
    }
    const u = unit.data;
    // Built field by field, in the same shape as the CSV parser's: the shared
    // validation then sees one object layout (much faster than spreads).
    raws.push({
      line: index + 1,
      registryNo: u.registryNo,
      building: u.building,
      stair: u.stair ?? '',
      room: u.room,
      area: u.area,
      areaSource: u.areaSource,
      kind: u.kind,
      developerHeld: u.developerHeld ?? false,
      owners: u.owners.map((o) => ({ name: o.name, kind: o.kind ?? '', idType: o.idType, idNumber: o.idNumber, phone: o.phone ?? '', certificateNumber: o.certificateNumber ?? '' })),
    });
  });

  const units = validateUnits(raws, JSON_NAMES, errors);
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  if (units.length === 0) return { ok: false, errors: [{ line: DOCUMENT_LINE, field: 'units', ...rowFault('no-units') }] };
  return { ok: true, units };
}

const unitPath = (unit: RawUnit) => `units[${unit.line - 1}]`;

const JSON_NAMES: SourceNames = {
  unitField: (unit, key) => `${unitPath(unit)}.${key}`,
  ownerField: (unit, index, key) => `${unitPath(unit)}.owners[${index}].${key}`,
  ownersField: (unit) => `${unitPath(unit)}.owners`,
  format: 'json',
  repeatedRegistryNo: 'is-an-error',
};

type Issue = z.core.$ZodIssue;
type PathPart = PropertyKey;

function issueToErrors(issue: Issue, prefix: PathPart[]): RowError[] {
  const path = [...prefix, ...issue.path];
  const line = path[0] === 'units' && typeof path[1] === 'number' ? path[1] + 1 : DOCUMENT_LINE;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ line, field: formatPath([...path, key]), ...rowFault('json-field-unknown', { key: excerpt(key) }) }));
  }
  const field = formatPath(path);
  return [{ line, ...(field === '' ? {} : { field }), ...issueFault(issue, field) }];
}

function issueFault(issue: Issue, path: string): RowFault {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return rowFault('json-field-required', { path });
      if (path.endsWith('.area') && typeof issue.input === 'number') return rowFault('json-area-not-string', { path });
      return rowFault('json-wrong-type', { path, expected: issue.expected, actual: jsonKind(issue.input) });
    case 'invalid_value':
      return rowFault('json-wrong-value', { path, expected: issue.values.map((v) => JSON.stringify(v)).join(' or ') });
    default:
      return rowFault('json-invalid', { path, detail: issue.message });
  }
}

/** 'null', 'array', or the value's typeof. */
function jsonKind(input: unknown): string {
  if (input === null) return 'null';
  return Array.isArray(input) ? 'array' : typeof input;
}

/** ['units', 3, 'owners', 0, 'idNumber'] → "units[3].owners[0].idNumber". */
function formatPath(path: PathPart[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}
