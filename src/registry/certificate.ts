import { createHmac } from 'node:crypto';
import type { Read } from './read-fields.ts';
import { refused } from './row-errors.ts';

/**
 * The property certificate number (不动产权证书号, e.g. 京(2020)朝阳区不动产权第0012345号):
 * a second factor an owner can give when verifying (issue 14). Like an
 * identity number, it is kept only as a keyed HMAC, per owner of a unit.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Full-width brackets and digits folded (NFKC), every space dropped, Latin letters upper case: as people type it from the paper. */
export function normaliseCertificateNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** A certificate number cell: empty is allowed (the column is optional); otherwise 4–60 characters. */
export function readCertificateNumber(raw: string): Read<string | null> {
  const value = normaliseCertificateNumber(raw);
  if (value === '') return { ok: true, value: null };
  if (CONTROL.test(value)) return refused('certificate-control-character');
  const length = [...value].length;
  if (length < 4 || length > 60) return refused('certificate-length');
  return { ok: true, value };
}

/** The keyed HMAC that stands in for a normalised certificate number (hex). */
export function certificateKey(hmacKey: Buffer, normalisedNumber: string): string {
  return createHmac('sha256', hmacKey).update(`certificate:${normalisedNumber}`).digest('hex');
}
