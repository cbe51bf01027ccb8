import type { IdDocType } from './types.ts';

/**
 * Every way a row of a registry file can be refused, as a stable code with the figures its
 * sentence needs (issue 16). The English message API clients have always had is written here from
 * the code and its parameters, so the two cannot drift; the console says each code in Chinese
 * (web/src/console/messages/areas/shell.ts, `shell.problems.row`), and a unit test fails when a
 * code has no Chinese words. Values from the file enter parameters only as excerpts, and never an
 * identity number: error lists get pasted into chats.
 */

/** What a text or code cell holds, as the parameter `subject` names it. */
export const ROW_SUBJECTS = {
  registryNo: 'registry number',
  building: 'building',
  stair: 'stair',
  room: 'room',
  ownerName: 'owner name',
  areaSource: 'area source',
  unitKind: 'unit kind',
  ownerKind: 'owner kind',
  idType: 'identity document type',
  idNumber: 'identity number',
} as const;
export type RowSubject = keyof typeof ROW_SUBJECTS;

/** How each identity document's number is named in English messages. */
export const ID_NUMBER_LABELS: Record<IdDocType, string> = {
  resident_id: 'resident identity number',
  hk_macao_permit: 'Hong Kong/Macao permit number',
  taiwan_permit: 'Taiwan permit number',
  foreign_permanent_id: 'foreign permanent residence ID number',
  passport: 'passport number',
  uscc: 'unified social credit code',
};

/** Where a clashing first occurrence is, in the file's own terms: a CSV line, or a JSON unit (and owner). */
export interface FirstAt {
  /** CSV: the line; JSON: the 1-based unit number. */
  firstLine: number;
  /** JSON only: the 0-based index of the owner in the unit's `owners`. */
  firstOwner?: number;
  format: 'csv' | 'json';
}

function firstAt(p: FirstAt, owner: boolean): string {
  if (p.format === 'csv') return `on line ${p.firstLine}`;
  return owner && p.firstOwner !== undefined ? `at units[${p.firstLine - 1}].owners[${p.firstOwner}]` : `at units[${p.firstLine - 1}]`;
}

const subject = (s: RowSubject) => ROW_SUBJECTS[s];

/** The codes, each with its parameters and its English message. */
const MESSAGES = {
  // The file as a whole
  'no-units': () => 'no units',
  'csv-quote-not-closed': () => 'a quoted cell is never closed (its opening quote may be on an earlier line)',
  'csv-bad-closing-quote': () => 'a quoted cell must end at a comma or at the end of the line (double a quote inside a quoted cell: "A ""B"" C")',
  'csv-malformed': (p: { detail: string }) => `malformed CSV: ${p.detail}`,
  // CSV header and row shape
  'column-unknown': (p: { column: string }) => `unknown column '${p.column}'`,
  'column-repeated': (p: { column: string; earlier: string }) => `column '${p.column}' repeats column '${p.earlier}'`,
  'columns-missing': (p: { columns: string; count: number }) => `missing required column${p.count > 1 ? 's' : ''}: ${p.columns}`,
  'row-cell-count': (p: { cells: number; expected: number }) => `row has ${p.cells} cells but the header has ${p.expected}`,
  'cell-without-header': (p: { cell: number }) => `cell ${p.cell} has a value but its column has no header`,
  // JSON structure
  'json-field-unknown': (p: { key: string }) => `unknown field '${p.key}'`,
  'json-field-required': (p: { path: string }) => `${p.path || 'the document'} is required`,
  'json-area-not-string': (p: { path: string }) => `${p.path} must be a string such as "88.50": numbers are refused because they may have been rounded`,
  'json-wrong-type': (p: { path: string; expected: string; actual: string }) =>
    `${p.path || 'the document'} must be ${article(p.expected)} ${p.expected}, not ${jsonKind(p.actual)}`,
  'json-wrong-value': (p: { path: string; expected: string }) => `${p.path || 'the document'} must be ${p.expected}`,
  'json-invalid': (p: { path: string; detail: string }) => `${p.path || 'the document'}: ${p.detail}`,
  // Single values
  'value-missing': (p: { subject: RowSubject }) => `${subject(p.subject)} is missing`,
  'value-control-character': (p: { subject: RowSubject }) => `${subject(p.subject)} contains a control character`,
  'value-too-long': (p: { subject: RowSubject; max: number }) => `${subject(p.subject)} is longer than ${p.max} characters`,
  'code-unknown': (p: { subject: RowSubject; value: string; expected: string }) => `unknown ${subject(p.subject)} '${p.value}' (expected one of ${p.expected})`,
  'developer-held-unknown': (p: { value: string }) => `developer-held flag '${p.value}' is not one of true/false, yes/no, 1/0, 是/否`,
  'person-with-credit-code': () => 'a person cannot be identified by a unified social credit code; the owner kind should be organisation',
  'phone-not-mobile': (p: { value: string }) => `phone '${p.value}' is not a mainland mobile number (11 digits starting 13–19, optionally +86)`,
  'area-missing': () => 'area is missing',
  'area-not-decimal': (p: { value: string }) => `area '${p.value}' is not a decimal number of square metres such as 88.50`,
  'area-negative': (p: { value: string }) => `area '${p.value}' is negative`,
  'area-too-precise': (p: { value: string }) => `area '${p.value}' has more than two decimal places`,
  'area-zero': () => 'area must be greater than zero',
  'area-too-large': (p: { value: string }) => `area '${p.value}' is larger than 1,000,000.00 m²`,
  'certificate-control-character': () => 'property certificate number contains a control character',
  'certificate-length': () => 'property certificate number must be 4 to 60 characters',
  // Identity numbers (never quoted whole)
  'id-missing': (p: { idType: IdDocType }) => `${ID_NUMBER_LABELS[p.idType]} is missing`,
  'id-scientific-notation': (p: { idType: IdDocType }) =>
    `${ID_NUMBER_LABELS[p.idType]} was turned into a number in scientific notation by a spreadsheet; format the column as text and export again`,
  'id-resident-15-digits': () => '15-digit identity numbers must be converted to 18 digits',
  'id-resident-shape': () => `${ID_NUMBER_LABELS.resident_id} must be 17 digits followed by a digit or X`,
  'id-region-code': (p: { region: string }) => `${ID_NUMBER_LABELS.resident_id} has an invalid region code '${p.region}'`,
  'id-birth-date': (p: { idType: IdDocType; date: string }) => `${ID_NUMBER_LABELS[p.idType]} has an invalid birth date '${p.date}'`,
  'id-check-character': (p: { idType: IdDocType }) => `${ID_NUMBER_LABELS[p.idType]} fails its check character`,
  'id-hk-macao-shape': () => `${ID_NUMBER_LABELS.hk_macao_permit} must be H or M followed by 8 or 10 digits`,
  'id-taiwan-shape': () => `${ID_NUMBER_LABELS.taiwan_permit} must be 8 digits (or 10 digits on the old permit)`,
  'id-foreign-shape': () => `${ID_NUMBER_LABELS.foreign_permanent_id} must be 3 letters and 12 digits (old card) or 18 characters starting with 9 (2023 card)`,
  'id-passport-shape': () => `${ID_NUMBER_LABELS.passport} must be 5 to 20 letters A–Z or digits`,
  'id-credit-code-length': () => `${ID_NUMBER_LABELS.uscc} must be 18 characters`,
  'id-credit-code-alphabet': (p: { letters: string }) => `${ID_NUMBER_LABELS.uscc} may contain only digits and the letters ${p.letters}`,
  // Units and owners against each other
  'unit-without-owner': () => 'unit has no owner',
  'registry-no-repeated': (p: { registryNo: string } & FirstAt) => `duplicate registry number '${p.registryNo}' (first ${firstAt(p, false)})`,
  'registry-no-details-differ': (p: { registryNo: string } & FirstAt) =>
    `duplicate registry number '${p.registryNo}' with different unit details (first ${firstAt(p, false)})`,
  'room-repeated': (p: { room: string; registryNo: string } & FirstAt) => `room ${p.room} already listed as registry number ${p.registryNo} ${firstAt(p, false)}`,
  'owner-repeated': (p: { idType: IdDocType; idTail: string } & FirstAt) =>
    `owner with ${p.idType} ending ${p.idTail} is listed twice on this unit (first ${firstAt(p, true)})`,
  'owner-two-names': (p: { idType: IdDocType; idTail: string; name: string; otherName: string } & FirstAt) =>
    `owner with ${p.idType} ending ${p.idTail} is named '${p.name}' here but '${p.otherName}' ${firstAt(p, true)}; one owner must have one name`,
} as const;

export type RowErrorCode = keyof typeof MESSAGES;
export const ROW_ERROR_CODES = Object.keys(MESSAGES) as RowErrorCode[];

type Params<C extends RowErrorCode> = Parameters<(typeof MESSAGES)[C]>;

/** A refusal of one value or row: its code, the figures its sentence needs, and the English message. */
export interface RowFault {
  code: RowErrorCode;
  params: Record<string, string | number>;
  message: string;
}

/** Values quoted from the file are cut to this many characters: enough to find the cell, not a paste of the row. */
export const EXCERPT_LENGTH = 40;

export function excerpt(value: string): string {
  const chars = [...value];
  return chars.length <= EXCERPT_LENGTH ? value : `${chars.slice(0, EXCERPT_LENGTH - 1).join('')}…`;
}

export function rowFault<C extends RowErrorCode>(code: C, ...params: Params<C>): RowFault {
  const given = (params[0] ?? {}) as Record<string, string | number | undefined>;
  const said: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(given)) if (value !== undefined) said[key] = value;
  const message = (MESSAGES[code] as (p: unknown) => string)(said);
  return { code, params: said, message };
}

/** A failed read of one value, as the field readers answer it. */
export function refused<C extends RowErrorCode>(code: C, ...params: Params<C>): { ok: false } & RowFault {
  return { ok: false, ...rowFault(code, ...params) };
}

/** 'null', 'array' or a typeof word, as a message says it: "null", "an array", "a number". */
function jsonKind(actual: string): string {
  if (actual === 'null') return 'null';
  return actual === 'array' ? 'an array' : `${article(actual)} ${actual}`;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
