import { CsvError, parse } from 'csv-parse/sync';
import { excerpt, rowFault } from './row-errors.ts';
import type { ParseResult, RowError } from './types.ts';
import { validateUnits, type OwnerKey, type RawOwner, type RawUnit, type SourceNames, type UnitKey } from './validate-units.ts';

/**
 * The registry extract as a spreadsheet export: one row per (unit, owner),
 * co-owners as repeated rows of one registry number. Column order is free and
 * headers may be English or the Chinese names on the registry forms.
 */

interface Column {
  name: string;
  alias: string;
  required: boolean;
  target: { unit: UnitKey } | { owner: OwnerKey };
}

export const REGISTRY_COLUMNS: readonly Column[] = [
  { name: 'registry_no', alias: '不动产单元号', required: true, target: { unit: 'registryNo' } },
  { name: 'building', alias: '楼栋', required: true, target: { unit: 'building' } },
  { name: 'stair', alias: '单元', required: false, target: { unit: 'stair' } },
  { name: 'room', alias: '房号', required: true, target: { unit: 'room' } },
  { name: 'area', alias: '面积', required: true, target: { unit: 'area' } },
  { name: 'area_source', alias: '面积来源', required: true, target: { unit: 'areaSource' } },
  { name: 'kind', alias: '用途', required: true, target: { unit: 'kind' } },
  { name: 'developer_held', alias: '建设单位持有', required: false, target: { unit: 'developerHeld' } },
  { name: 'owner_name', alias: '业主姓名', required: true, target: { owner: 'name' } },
  { name: 'owner_kind', alias: '业主类型', required: false, target: { owner: 'kind' } },
  { name: 'owner_id_type', alias: '证件类型', required: true, target: { owner: 'idType' } },
  { name: 'owner_id_number', alias: '证件号码', required: true, target: { owner: 'idNumber' } },
  { name: 'owner_phone', alias: '联系电话', required: false, target: { owner: 'phone' } },
  { name: 'owner_certificate_no', alias: '不动产权证书号', required: false, target: { owner: 'certificateNumber' } },
];

const COLUMN_BY_HEADER = new Map<string, Column>(REGISTRY_COLUMNS.flatMap((c) => [[c.name, c] as const, [c.alias, c] as const]));

const COLUMN_NAME_BY_UNIT_KEY = new Map(REGISTRY_COLUMNS.flatMap((c) => ('unit' in c.target ? [[c.target.unit, c.name] as const] : [])));
const COLUMN_NAME_BY_OWNER_KEY = new Map(REGISTRY_COLUMNS.flatMap((c) => ('owner' in c.target ? [[c.target.owner, c.name] as const] : [])));

/** Where a field is found in this file's rows, and what the file's header calls it. */
interface Placed {
  index: number;
  label: string;
}

interface Layout {
  headerLength: number;
  unit: Map<UnitKey, Placed>;
  owner: Map<OwnerKey, Placed>;
  /** Columns with an empty header: tolerated (spreadsheets add them) as long as they stay empty. */
  unnamed: number[];
}

/** A record with the physical line it starts on (the header is line 1). */
export interface CsvRow {
  line: number;
  cells: string[];
}

export function parseRegistryCsv(text: string): ParseResult {
  const errors: RowError[] = [];
  const rows = readRows(text, errors);
  if (rows === null) return { ok: false, errors };
  let header = rows.next();
  while (!header.done && isBlank(header.value.cells)) header = rows.next();
  if (header.done) return { ok: false, errors: [{ line: 1, ...rowFault('no-units') }] };

  const layout = readHeader(header.value.cells, header.value.line, errors);
  if (layout === null) return { ok: false, errors };

  const units = validateUnits(rowsToUnits(rows, layout, errors), csvNames(layout), errors);
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  if (units.length === 0) return { ok: false, errors: [{ line: header.value.line, ...rowFault('no-units') }] };
  return { ok: true, units };
}

/**
 * The file's records, each with its physical line; null after a syntax error:
 * past a broken quote csv-parse cannot tell where cells end, so nothing after
 * it could be trusted.
 */
function readRows(text: string, errors: RowError[]): Generator<CsvRow, void> | null {
  // One line-break convention, so a line is a line whichever program saved
  // the file (csv-parse picks one from the first line and sticks to it).
  const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  // Most exports quote nothing, and without a quote CSV is lines of cells
  // between commas: split them directly, five times sooner than csv-parse.
  if (!normalised.includes('"')) return plainRows(normalised);
  let records: string[][];
  try {
    records = csvRecords(normalised);
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    errors.push({ line: typeof err.lines === 'number' ? err.lines : 1, ...syntaxFault(err) });
    return null;
  }
  return numbered(records);
}

/** The records of a text with '\n' line ends, by csv-parse. */
export function csvRecords(text: string): string[][] {
  return parse(text, {
    bom: true,
    record_delimiter: '\n',
    relax_column_count: true,
    // A stray quote inside an unquoted cell (张"三) is read as written, as spreadsheets do.
    relax_quotes: true,
    // Empty lines come back as [''] and are skipped later: keeping them
    // lets us count physical lines without csv-parse's costly `info`.
    skip_empty_lines: false,
  });
}

/** The records of a text without quotes, as csv-parse reads them (a property test holds the two together). */
export function* plainRows(text: string): Generator<CsvRow, void> {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let line = 1; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    yield { line, cells: text.slice(start, end).split(',') };
    start = end + 1;
  }
}

/** Only a quoted cell can hold a line break: a record spans one line more for each. */
function* numbered(records: string[][]): Generator<CsvRow, void> {
  let line = 1;
  for (let r = 0; r < records.length; r++) {
    const cells = records[r] ?? [];
    // Let each record go once read: on a 100,000-unit file the garbage
    // collector otherwise keeps walking a million cells nobody needs.
    records[r] = NO_CELLS;
    yield { line, cells };
    line += 1 + lineBreaksIn(cells);
  }
}

const NO_CELLS: string[] = [];

function syntaxFault(err: CsvError) {
  switch (err.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return rowFault('csv-bad-closing-quote');
    case 'CSV_QUOTE_NOT_CLOSED':
      return rowFault('csv-quote-not-closed');
    default:
      return rowFault('csv-malformed', { detail: err.message });
  }
}

function lineBreaksIn(cells: string[]): number {
  let breaks = 0;
  for (const cell of cells) {
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) breaks++;
  }
  return breaks;
}

function isBlank(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

function readHeader(cells: string[], line: number, errors: RowError[]): Layout | null {
  const layout: Layout = { headerLength: cells.length, unit: new Map(), owner: new Map(), unnamed: [] };
  const seen = new Map<Column, string>();
  cells.forEach((cell, index) => {
    const header = cell.trim();
    if (header === '') {
      layout.unnamed.push(index);
      return;
    }
    const column = COLUMN_BY_HEADER.get(header) ?? COLUMN_BY_HEADER.get(header.toLowerCase());
    if (column === undefined) {
      errors.push({ line, field: header, ...rowFault('column-unknown', { column: excerpt(header) }) });
      return;
    }
    const earlier = seen.get(column);
    if (earlier !== undefined) {
      errors.push({ line, field: header, ...rowFault('column-repeated', { column: excerpt(header), earlier: excerpt(earlier) }) });
      return;
    }
    seen.set(column, header);
    if ('unit' in column.target) layout.unit.set(column.target.unit, { index, label: header });
    else layout.owner.set(column.target.owner, { index, label: header });
  });
  const missing = REGISTRY_COLUMNS.filter((c) => c.required && !seen.has(c));
  if (missing.length > 0) {
    const list = missing.map((c) => `${c.name} (${c.alias})`).join(', ');
    errors.push({ line, ...rowFault('columns-missing', { columns: list, count: missing.length }) });
    return null;
  }
  return layout;
}

function* rowsToUnits(rows: Iterable<CsvRow>, layout: Layout, errors: RowError[]): Generator<RawUnit, void> {
  // Column positions, looked up once rather than per row.
  const u = (key: UnitKey) => layout.unit.get(key)?.index ?? -1;
  const o = (key: OwnerKey) => layout.owner.get(key)?.index ?? -1;
  const [registryNo, building, stair, room, area, areaSource, kind, developerHeld] = [
    u('registryNo'), u('building'), u('stair'), u('room'), u('area'), u('areaSource'), u('kind'), u('developerHeld'),
  ];
  const [name, ownerKind, idType, idNumber, phone, certificate] = [o('name'), o('kind'), o('idType'), o('idNumber'), o('phone'), o('certificateNumber')];

  for (const { line, cells } of rows) {
    // Spreadsheets leave empty lines and rows of bare commas below the data.
    if (isBlank(cells)) continue;
    if (!rowFits(cells, layout, line, errors)) continue;
    const rawOwner: RawOwner = {
      name: cellAt(cells, name),
      kind: cellAt(cells, ownerKind),
      idType: cellAt(cells, idType),
      idNumber: cellAt(cells, idNumber),
      phone: cellAt(cells, phone),
      certificateNumber: cellAt(cells, certificate),
    };
    const hasOwner = !isBlank([rawOwner.name, rawOwner.kind, rawOwner.idType, rawOwner.idNumber, rawOwner.phone, rawOwner.certificateNumber]);
    yield {
      line,
      registryNo: cellAt(cells, registryNo),
      building: cellAt(cells, building),
      stair: cellAt(cells, stair),
      room: cellAt(cells, room),
      area: cellAt(cells, area),
      areaSource: cellAt(cells, areaSource),
      kind: cellAt(cells, kind),
      developerHeld: cellAt(cells, developerHeld),
      // A row whose owner cells are all empty lists the unit without an owner.
      owners: hasOwner ? [rawOwner] : [],
    };
  }
}

/** A row with a different number of cells than the header has shifted columns: reading it would misfile its values. */
function rowFits(cells: string[], layout: Layout, line: number, errors: RowError[]): boolean {
  let fits = cells.length >= layout.headerLength;
  for (let i = layout.headerLength; fits && i < cells.length; i++) fits = (cells[i] ?? '').trim() === '';
  if (!fits) {
    errors.push({ line, ...rowFault('row-cell-count', { cells: cells.length, expected: layout.headerLength }) });
    return false;
  }
  for (const index of layout.unnamed) {
    if ((cells[index] ?? '').trim() === '') continue;
    errors.push({ line, ...rowFault('cell-without-header', { cell: index + 1 }) });
    return false;
  }
  return true;
}

/** An optional column left out of the file (index -1) reads as empty cells. */
function cellAt(cells: string[], index: number | undefined): string {
  return index === undefined || index < 0 ? '' : (cells[index] ?? '');
}

function csvNames(layout: Layout): SourceNames {
  // Errors name a column as this file's header wrote it, so people find it.
  const unitLabel = (key: UnitKey) => layout.unit.get(key)?.label ?? COLUMN_NAME_BY_UNIT_KEY.get(key) ?? key;
  const ownerLabel = (key: OwnerKey) => layout.owner.get(key)?.label ?? COLUMN_NAME_BY_OWNER_KEY.get(key) ?? key;
  return {
    unitField: (_unit, key) => unitLabel(key),
    ownerField: (_unit, _index, key) => ownerLabel(key),
    ownersField: () => ownerLabel('name'),
    format: 'csv',
    repeatedRegistryNo: 'adds-co-owners',
  };
}

