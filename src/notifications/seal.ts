import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A login code waits in the outbox only sealed: AES-256-GCM under a key
 * derived (HKDF-SHA-256) from the identity HMAC key, bound to the phone it is
 * for. The database alone never reveals a code; the row is wiped once the
 * code is sent, failed or expired.
 */

const INFO = 'gongjue/message-seal/v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function messageSealKey(identityHmacKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', identityHmacKey, Buffer.alloc(0), INFO, 32));
}

export function sealParams(key: Buffer, phone: string, params: Record<string, string>): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(phone));
  const body = Buffer.concat([cipher.update(JSON.stringify(params), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The parameters, or null when the seal is not this key's or was tampered with. */
export function openSealedParams(key: Buffer, phone: string, sealed: Buffer): Record<string, string> | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(phone));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as Record<string, string>;
  } catch {
    return null;
  }
}
