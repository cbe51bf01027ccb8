import { createHmac } from 'node:crypto';
import type { IdDocType } from './types.ts';

/**
 * The keyed HMAC that stands in for an identity number everywhere in the
 * database. Type and number together, so a passport and a resident ID that
 * happen to share characters never collide.
 */
export function identityKey(hmacKey: Buffer, idType: IdDocType, normalisedNumber: string): string {
  return createHmac('sha256', hmacKey).update(`identity:${idType}:${normalisedNumber}`).digest('hex');
}
