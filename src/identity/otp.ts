import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { newOtpCode, otpHash, sameHash } from './hashing.ts';
import { smsText } from '../notifications/messages.ts';
import { queueLoginCode } from '../notifications/outbox.ts';
import { messageSealKey, sealParams } from '../notifications/seal.ts';
import { storableText } from '../notifications/sms.ts';
import {
  codesCountedSince,
  codesToPhoneSince,
  estatesAndStaffRolesOfPhone,
  insertLoginCode,
  lockLatestOpenCode,
  lockLoginCodeCeiling,
  lockLoginCodesFromAddress,
  lockLoginCodesOfPhone,
  markCodeConsumed,
  setCodeAttempts,
} from './login-codes-repository.ts';

/** Login by phone with a one-time code. */

export const OTP_TTL_MS = 5 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_LIMITS = {
  /** One code per phone per minute… */
  phoneCooldownMs: 60_000,
  /** …and at most five per phone per hour, wherever the phone is. */
  perPhonePerHour: 5,
} as const;

/**
 * Limits an installation sets (README, configuration): a community room or a
 * mobile carrier puts hundreds of phones behind one address on a
 * registration day, so the per-address limit is generous; what bounds the
 * cost of texts is a daily ceiling per estate, and one for phones of no estate.
 */
export interface LoginCodeLimits {
  perAddressPerHour: number;
  perEstatePerDay: number;
  unattachedPerDay: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface OtpDeps {
  hmacKey: Buffer;
  limits: LoginCodeLimits;
}

function rateLimited(detail: string, retryAfterMs: number): ProblemError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ProblemError('rate-limited', detail, { retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
}

/**
 * The daily ceilings a code to this phone may be charged to, in order of
 * preference: the estates the phone belongs to (its account's verified
 * owners, the registry owners with this phone, its committee or organiser
 * roles); `unattached` for a phone of no estate; none at all for admins and
 * township staff, whom a flood of codes to strangers' phones must not lock out.
 */
async function ceilingsFor(trx: Kysely<DB>, phone: string): Promise<string[]> {
  const rows = await estatesAndStaffRolesOfPhone(trx, phone);
  if (rows.some((r) => r.staff)) return [];
  const estates = rows.map((r) => `estate:${r.estate_id}`);
  return estates.length > 0 ? estates : ['unattached'];
}

/**
 * The ceiling to charge a new code to: the first with room left in the last
 * 24 hours; null when there is no ceiling. Throws 429 when all are full.
 */
async function chargeableCeiling(trx: Transaction<DB>, phone: string, limits: LoginCodeLimits, now: Date): Promise<string | null> {
  const ceilings = await ceilingsFor(trx, phone);
  if (ceilings.length === 0) return null;
  const dayAgo = new Date(now.getTime() - DAY_MS);
  let soonest = DAY_MS;
  for (const ceiling of ceilings) {
    // One request at a time per ceiling, so two at once cannot both take the last code.
    await lockLoginCodeCeiling(trx, ceiling);
    const limit = ceiling === 'unattached' ? limits.unattachedPerDay : limits.perEstatePerDay;
    const used = await codesCountedSince(trx, 'ceiling', ceiling, dayAgo);
    if (Number(used.n) < limit) return ceiling;
    soonest = Math.min(soonest, DAY_MS - (now.getTime() - used.oldest.getTime()));
  }
  throw rateLimited(
    ceilings[0] === 'unattached'
      ? 'Too many codes were sent today to phones not yet known to any estate; try again later or ask your committee'
      : 'Too many codes were sent today to the phones of this estate; try again later or ask your committee',
    soonest,
  );
}

/**
 * Creates a challenge and queues the code's SMS in the outbox — its code
 * sealed, its text blanked — returning the delivery, which the caller sends
 * right after commit. Throws 429 when the phone, the address or the estate
 * asks too often.
 */
export async function requestLoginCode(
  trx: Transaction<DB>,
  deps: OtpDeps,
  input: { phone: string; ip: string; now: Date },
): Promise<{ expiresAt: Date; deliveryId: string }> {
  const { phone, ip, now } = input;
  // Serialise requests for one phone, and for one address, so two at once cannot both slip under a limit.
  // Always phone, then address, then ceilings: the same order everywhere, so no deadlock.
  await lockLoginCodesOfPhone(trx, phone);
  await lockLoginCodesFromAddress(trx, ip);
  const hourAgo = new Date(now.getTime() - HOUR_MS);

  const recent = await codesToPhoneSince(trx, phone, hourAgo);
  const latest = recent[0]?.created_at;
  if (latest && now.getTime() - latest.getTime() < OTP_LIMITS.phoneCooldownMs) {
    throw rateLimited('A code was sent to this phone less than a minute ago', OTP_LIMITS.phoneCooldownMs - (now.getTime() - latest.getTime()));
  }
  if (recent.length >= OTP_LIMITS.perPhonePerHour) {
    const oldest = recent[recent.length - 1]!.created_at;
    throw rateLimited('Too many codes for this phone in the last hour', HOUR_MS - (now.getTime() - oldest.getTime()));
  }
  const fromIp = await codesCountedSince(trx, 'ip', ip, hourAgo);
  if (Number(fromIp.n) >= deps.limits.perAddressPerHour) {
    const oldest = fromIp.oldest;
    throw rateLimited('Too many codes requested from this address in the last hour', HOUR_MS - (now.getTime() - oldest.getTime()));
  }
  const ceiling = await chargeableCeiling(trx, phone, deps.limits, now);

  const code = newOtpCode();
  const expiresAt = new Date(now.getTime() + OTP_TTL_MS);
  await insertLoginCode(trx, { phone, ip, code_hash: otpHash(deps.hmacKey, phone, code), created_at: now, expires_at: expiresAt, ceiling });
  const params = { code };
  const deliveryId = await queueLoginCode(trx, {
    phone,
    sealed: sealParams(messageSealKey(deps.hmacKey), phone, params),
    body: storableText({ kind: 'login_code', params, text: smsText('login_code', params) }),
    now,
    expiresAt,
  });
  return { expiresAt, deliveryId };
}

export type CodeCheck = 'ok' | 'wrong' | 'expired' | 'exhausted' | 'none';

/**
 * Checks a code against the phone's latest open challenge. Every wrong try
 * counts; after five the challenge is spent. The caller commits the attempt
 * count even when the answer is a refusal.
 */
export async function checkLoginCode(
  trx: Transaction<DB>,
  hmacKey: Buffer,
  input: { phone: string; code: string; now: Date },
): Promise<CodeCheck> {
  const challenge = await lockLatestOpenCode(trx, input.phone);
  if (!challenge) return 'none';
  if (challenge.expires_at.getTime() <= input.now.getTime()) return 'expired';
  if (challenge.attempts >= OTP_MAX_ATTEMPTS) return 'exhausted';
  if (sameHash(challenge.code_hash, otpHash(hmacKey, input.phone, input.code))) {
    await markCodeConsumed(trx, challenge.id, input.now);
    return 'ok';
  }
  const attempts = challenge.attempts + 1;
  await setCodeAttempts(trx, challenge.id, attempts);
  return attempts >= OTP_MAX_ATTEMPTS ? 'exhausted' : 'wrong';
}
