import type { IdDocType, OwnerKind } from './types.ts';
import { lookupBoolean, OWNER_KIND_WORDS, type Vocabulary } from './vocabulary.ts';

/**
 * Readers for single fields as written in an import file. Each returns the
 * normalised value or a message in plain English saying what is wrong; they
 * run once per cell of files with a hundred thousand rows, hence the fast
 * paths for the common, already-clean case.
 */

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

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
export function readText(raw: string, what: string, max: number, required: boolean): Read<string> {
  let value = raw.trim();
  if (value === '') return required ? { ok: false, message: `${what} is missing` } : { ok: true, value };
  if (WHITE_SPACE_OR_CONTROL.test(value)) {
    value = value.replace(WHITE_SPACE_RUNS, ' ');
    if (CONTROL.test(value)) return { ok: false, message: `${what} contains a control character` };
  }
  if (value.length > max && [...value].length > max) return { ok: false, message: `${what} is longer than ${max} characters` };
  return { ok: true, value };
}

export function readCode<T extends string>(raw: string, words: Vocabulary<T>): Read<T> {
  const value = words.lookup(raw);
  if (value !== undefined) return { ok: true, value };
  const word = raw.trim();
  if (word === '') return { ok: false, message: `${words.name} is missing` };
  return { ok: false, message: `unknown ${words.name} '${word}' (expected one of ${words.codes.join(', ')})` };
}

export function readDeveloperHeld(raw: string | boolean): Read<boolean> {
  const value = typeof raw === 'boolean' ? raw : lookupBoolean(raw);
  if (value === undefined) return { ok: false, message: `developer-held flag '${String(raw).trim()}' is not one of true/false, yes/no, 1/0, 是/否` };
  return { ok: true, value };
}

/** An empty kind follows the document: only organisations have a credit code. */
export function readOwnerKind(raw: string, idType: IdDocType | undefined): Read<OwnerKind> {
  if (raw.trim() === '') return { ok: true, value: idType === 'uscc' ? 'organisation' : 'person' };
  const kind = readCode(raw, OWNER_KIND_WORDS);
  if (kind.ok && kind.value === 'person' && idType === 'uscc') {
    return { ok: false, message: 'a person cannot be identified by a unified social credit code; the owner kind should be organisation' };
  }
  return kind;
}

/** A mainland mobile number, 11 digits; spaces, dashes and a +86 prefix are dropped. Empty is allowed: the phone is optional. */
export function readPhone(raw: string): Read<string | null> {
  const digits = PLAIN_PHONE.test(raw) ? raw : raw.normalize('NFKC').replace(/[\s-]+/g, '');
  if (digits === '') return { ok: true, value: null };
  const national = digits.startsWith('+86') ? digits.slice(3) : digits;
  if (!MOBILE.test(national)) {
    return { ok: false, message: `phone '${raw.trim()}' is not a mainland mobile number (11 digits starting 13–19, optionally +86)` };
  }
  return { ok: true, value: national };
}
