import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** One-time codes are short, so they are hashed under the secret key, not bare. */
export function otpHash(hmacKey: Buffer, phone: string, code: string): string {
  return createHmac('sha256', hmacKey).update(`otp:${phone}:${code}`).digest('hex');
}

/** Random bearer secrets (refresh tokens, client secrets) have 256 bits: a plain SHA-256 suffices. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function newOtpCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
