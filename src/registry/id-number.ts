import { refused, type RowFault } from './row-errors.ts';
import type { IdDocType } from './types.ts';

/**
 * Identity documents as the registry extract records them. Each document type
 * is checked as far as its published format allows; where we are unsure of a
 * format we accept a reasonable superset, because wrongly refusing a real
 * owner's document is worse than letting staff catch a typo on review.
 */

export type IdNumberResult = { ok: true; value: string } | ({ ok: false } & RowFault);

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_ID_CHECK = '10X98765432';

// GB 32100-2015: the code alphabet leaves out I, O, S, V and Z (too easily misread).
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// 3^i mod 31, as tabulated in GB 32100-2015.
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

// Already ASCII letters and digits: the common case skips the costlier normalisation.
const PLAIN = /^[0-9A-Za-z]+$/;
const DIGITS_15 = /^\d{15}$/;
const RESIDENT_ID_SHAPE = /^\d{17}[\dX]$/;
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const HK_MACAO_PERMIT = /^[HM](\d{8}|\d{10})$/;
// New card (2015): 8 digits. Old booklet: 10 digits, sometimes followed by a
// letter printed in brackets, e.g. "1234567890(B)"; the brackets are dropped.
const TAIWAN_PERMIT = /^(\d{8}|\d{10}[A-Z]?)$/;
// Old card (2004): ISO 3166 alpha-3 nationality + 12 digits. Its check digit
// follows a different, unpublished rule, so only the shape is checked.
const FOREIGN_PERMANENT_OLD = /^[A-Z]{3}\d{12}$/;
// New card (2023): GB 11643 layout with a leading 9, checked like resident_id.
const FOREIGN_PERMANENT_NEW = /^9\d{16}[\dX]$/;
const PASSPORT = /^[A-Z0-9]{5,20}$/;
// Spreadsheets turn long digit strings into "1.10101E+17": the digits are gone.
const SCIENTIFIC_NOTATION = /^\d(\.\d+)?E\+?\d+$/;

/**
 * Normalises an identity number for its document type and checks it.
 * Normalisation: NFKC (full-width digits and letters typed with a Chinese
 * input method become ASCII), whitespace and dashes removed, upper case.
 */
export function normaliseIdNumber(type: IdDocType, raw: string): IdNumberResult {
  const value = (PLAIN.test(raw) ? raw : raw.normalize('NFKC').replace(/[\s-]+/g, '')).toUpperCase();
  if (value === '') return refused('id-missing', { idType: type });
  if (SCIENTIFIC_NOTATION.test(value)) return refused('id-scientific-notation', { idType: type });
  switch (type) {
    case 'resident_id':
      return checkResidentId(value);
    case 'uscc':
      return checkUscc(value);
    case 'hk_macao_permit':
      return HK_MACAO_PERMIT.test(value) ? pass(value) : refused('id-hk-macao-shape');
    case 'taiwan_permit': {
      const unbracketed = value.replace(/^(\d{10})\(([A-Z])\)$/, '$1$2');
      return TAIWAN_PERMIT.test(unbracketed) ? pass(unbracketed) : refused('id-taiwan-shape');
    }
    case 'foreign_permanent_id':
      return checkForeignPermanentId(value);
    case 'passport':
      return PASSPORT.test(value) ? pass(value) : refused('id-passport-shape');
  }
}

/** The last four characters: enough for staff to tell two owners apart, too few to identify anyone. */
export function idTail(value: string): string {
  return value.slice(-4);
}

function checkResidentId(value: string): IdNumberResult {
  if (value.length === 15 && DIGITS_15.test(value)) return refused('id-resident-15-digits');
  if (!RESIDENT_ID_SHAPE.test(value)) return refused('id-resident-shape');
  if (value.startsWith('0')) return refused('id-region-code', { region: value.slice(0, 6) });
  if (!isPlausibleBirthDate(value.slice(6, 14))) return refused('id-birth-date', { idType: 'resident_id', date: value.slice(6, 14) });
  if (residentIdCheckChar(value) !== value[17]) return refused('id-check-character', { idType: 'resident_id' });
  return pass(value);
}

function checkForeignPermanentId(value: string): IdNumberResult {
  if (FOREIGN_PERMANENT_OLD.test(value)) return pass(value);
  if (!FOREIGN_PERMANENT_NEW.test(value)) return refused('id-foreign-shape');
  if (!isPlausibleBirthDate(value.slice(6, 14))) return refused('id-birth-date', { idType: 'foreign_permanent_id', date: value.slice(6, 14) });
  if (residentIdCheckChar(value) !== value[17]) return refused('id-check-character', { idType: 'foreign_permanent_id' });
  return pass(value);
}

function checkUscc(value: string): IdNumberResult {
  if (value.length !== 18) return refused('id-credit-code-length');
  if (!USCC_SHAPE.test(value)) return refused('id-credit-code-alphabet', { letters: USCC_ALPHABET.slice(10) });
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(value.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  const check = USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
  if (check !== value[17]) return refused('id-check-character', { idType: 'uscc' });
  return pass(value);
}

/** ISO 7064 MOD 11-2 over the first 17 digits (GB 11643-1999). */
function residentIdCheckChar(value: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (value.charCodeAt(i) - 48) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  return RESIDENT_ID_CHECK.charAt(sum % 11);
}

/** YYYYMMDD, a real calendar date, year 1900..2100. Deliberately not compared with today: this module is pure. */
function isPlausibleBirthDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pass(value: string): IdNumberResult {
  return { ok: true, value };
}
