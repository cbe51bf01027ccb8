import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a receiver knows a delivery came from us and was not replayed: the
 * header `Gongjue-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` where the
 * HMAC is keyed with the subscription's secret over `<t>.<raw body>`.
 * Documented for receivers in docs/webhooks.md; `verifySignature` is the
 * reference implementation.
 */

export const SIGNATURE_HEADER = 'gongjue-signature';

export function signPayload(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmacHex(secret, `${t}.${body}`)}`;
}

/** True when the header is a valid signature of the body made within `toleranceSeconds` of `now`. */
export function verifySignature(secret: string, body: string, header: string, now: Date, toleranceSeconds = 300): boolean {
  const parts = new Map(
    header.split(',').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isSafeInteger(t) || given === undefined || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(hmacHex(secret, `${t}.${body}`), 'hex'));
}

function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}
