import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { newOtpCode, otpHash, sameHash } from './hashing.ts';
import type { SmsSender } from './sms.ts';

/** Login by phone with a one-time code. */

export const OTP_TTL_MS = 5 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_LIMITS = {
  /** One code per phone per minute… */
  phoneCooldownMs: 60_000,
  /** …at most five per phone per hour… */
  perPhonePerHour: 5,
  /** …and at most twenty per client address per hour, whatever the phones. */
  perIpPerHour: 20,
} as const;

const HOUR_MS = 3_600_000;

export interface OtpDeps {
  hmacKey: Buffer;
  sms: SmsSender;
}

function rateLimited(detail: string, retryAfterMs: number): ProblemError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ProblemError('rate-limited', detail, { retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
}

/** Creates a challenge and texts the code. Throws 429 when the phone or the address asks too often. */
export async function requestLoginCode(
  trx: Kysely<DB>,
  deps: OtpDeps,
  input: { phone: string; ip: string; now: Date },
): Promise<{ expiresAt: Date }> {
  const { phone, ip, now } = input;
  // Serialise requests for one phone, so two at once cannot both slip under the limit.
  await sql`select pg_advisory_xact_lock(hashtext(${`otp:${phone}`}))`.execute(trx);
  const hourAgo = new Date(now.getTime() - HOUR_MS);

  const recent = await trx
    .selectFrom('otp_challenges')
    .select('created_at')
    .where('phone', '=', phone)
    .where('created_at', '>', hourAgo)
    .orderBy('created_at', 'desc')
    .execute();
  const latest = recent[0]?.created_at;
  if (latest && now.getTime() - latest.getTime() < OTP_LIMITS.phoneCooldownMs) {
    throw rateLimited('A code was sent to this phone less than a minute ago', OTP_LIMITS.phoneCooldownMs - (now.getTime() - latest.getTime()));
  }
  if (recent.length >= OTP_LIMITS.perPhonePerHour) {
    const oldest = recent[recent.length - 1]!.created_at;
    throw rateLimited('Too many codes for this phone in the last hour', HOUR_MS - (now.getTime() - oldest.getTime()));
  }
  const fromIp = await trx
    .selectFrom('otp_challenges')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('ip', '=', ip)
    .where('created_at', '>', hourAgo)
    .executeTakeFirstOrThrow();
  if (Number(fromIp.n) >= OTP_LIMITS.perIpPerHour) {
    const oldest = fromIp.oldest;
    throw rateLimited('Too many codes requested from this address in the last hour', HOUR_MS - (now.getTime() - oldest.getTime()));
  }

  const code = newOtpCode();
  const expiresAt = new Date(now.getTime() + OTP_TTL_MS);
  await trx
    .insertInto('otp_challenges')
    .values({ phone, ip, code_hash: otpHash(deps.hmacKey, phone, code), created_at: now, expires_at: expiresAt })
    .execute();
  await deps.sms.send(trx, {
    phone,
    purpose: 'login_code',
    body: `【共决】您的登录验证码是${code}，5分钟内有效。请勿告诉他人。`,
  });
  return { expiresAt };
}

export type CodeCheck = 'ok' | 'wrong' | 'expired' | 'exhausted' | 'none';

/**
 * Checks a code against the phone's latest open challenge. Every wrong try
 * counts; after five the challenge is spent. The caller commits the attempt
 * count even when the answer is a refusal.
 */
export async function checkLoginCode(
  trx: Kysely<DB>,
  hmacKey: Buffer,
  input: { phone: string; code: string; now: Date },
): Promise<CodeCheck> {
  const challenge = await trx
    .selectFrom('otp_challenges')
    .select(['id', 'code_hash', 'expires_at', 'attempts'])
    .where('phone', '=', input.phone)
    .where('consumed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!challenge) return 'none';
  if (challenge.expires_at.getTime() <= input.now.getTime()) return 'expired';
  if (challenge.attempts >= OTP_MAX_ATTEMPTS) return 'exhausted';
  if (sameHash(challenge.code_hash, otpHash(hmacKey, input.phone, input.code))) {
    await trx.updateTable('otp_challenges').set({ consumed_at: input.now }).where('id', '=', challenge.id).execute();
    return 'ok';
  }
  const attempts = challenge.attempts + 1;
  await trx.updateTable('otp_challenges').set({ attempts }).where('id', '=', challenge.id).execute();
  return attempts >= OTP_MAX_ATTEMPTS ? 'exhausted' : 'wrong';
}
