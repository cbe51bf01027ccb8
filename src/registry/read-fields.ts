import { excerpt, refused, type RowFault, type RowSubject } from './row-errors.ts';
import type { IdDocType, OwnerKind } from './types.ts';
import { lookupBoolean, OWNER_KIND_WORDS, type Vocabulary } from './vocabulary.ts';

/**
 * Readers for single fields as written in an import file. Each returns the
 * normalised value or what is wrong (a code for the console, a message in plain English); they
 * run once per cell of files with a hundred thousand rows, hence the fast
 * paths for the common, already-clean case.
 */

export type Read<T> = { ok: true; value: T } | ({ ok: false } & RowFault);

const WHITE_SPACE_RUNS = /\s+/g;
// Control characters other than white space (which is collapsed) never belong
// in a name or number; they come from copy-and-paste accidents.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const WHITE_SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;
const PLAIN_PHONE = /^\d{11}$/;
const MOBILE = /^1[3-9]\d{9}$/;

/** Trimmed, inner runs of white space collapsed to one space; at most `max` characters (code points: a rare CJK character counts once). */
export function readText(raw: string, what: RowSubject, max: number, required: boolean): Read<string> {
  let value = raw.trim();
  if (value === '') return required ? refused('value-missing', { subject: what }) : { ok: true, value };
  if (WHITE_SPACE_OR_CONTROL.test(value)) {
    value = value.replace(WHITE_SPACE_RUNS, ' ');
    if (CONTROL.test(value)) return refused('value-control-character', { subject: what });
  }
  if (value.length > max && [...value].length > max) return refused('value-too-long', { subject: what, max });
  return { ok: true, value };
}

export function readCode<T extends string>(raw: string, words: Vocabulary<T>): Read<T> {
  const value = words.lookup(raw);
  if (value !== undefined) return { ok: true, value };
  const word = raw.trim();
  if (word === '') return refused('value-missing', { subject: words.subject });
  return refused('code-unknown', { subject: words.subject, value: excerpt(word), expected: words.codes.join(', ') });
}

export function readDeveloperHeld(raw: string | boolean): Read<boolean> {
  const value = typeof raw === 'boolean' ? raw : lookupBoolean(raw);
  if (value === undefined) return refused('developer-held-unknown', { value: excerpt(String(raw).trim()) });
  return { ok: true, value };
}

/** An empty kind follows the document: only organisations have a credit code. */
export function readOwnerKind(raw: string, idType: IdDocType | undefined): Read<OwnerKind> {
  if (raw.trim() === '') return { ok: true, value: idType === 'uscc' ? 'organisation' : 'person' };
  const kind = readCode(raw, OWNER_KIND_WORDS);
  if (kind.ok && kind.value === 'person' && idType === 'uscc') {
    return refused('person-with-credit-code');
  }
  return kind;
}

/** A mainland mobile number, 11 digits; spaces, dashes and a +86 prefix are dropped. Empty is allowed: the phone is optional. */
export function readPhone(raw: string): Read<string | null> {
  const digits = PLAIN_PHONE.test(raw) ? raw : raw.normalize('NFKC').replace(/[\s-]+/g, '');
  if (digits === '') return { ok: true, value: null };
  const national = digits.startsWith('+86') ? digits.slice(3) : digits;
  if (!MOBILE.test(national)) {
    return refused('phone-not-mobile', { value: excerpt(raw.trim()) });
  }
  return { ok: true, value: national };
}
