import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { newSecret, secretHash } from './hashing.ts';

/**
 * Rotating refresh tokens. Each is good for one use: using it marks it used
 * and issues the next one of the same family. A used token presented again
 * means it was copied, so the whole family is revoked. A family is a session:
 * its access tokens carry its id (`sid`) and are honoured only while it is
 * not revoked (src/identity/access-revocation.ts).
 */

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3_600_000;

export async function issueRefreshToken(
  trx: Kysely<DB>,
  accountId: string,
  now: Date,
  familyId: string = randomUUID(),
): Promise<string> {
  const token = newSecret('rt');
  await trx
    .insertInto('refresh_tokens')
    .values({
      account_id: accountId,
      family_id: familyId,
      token_hash: secretHash(token),
      expires_at: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
    })
    .execute();
  return token;
}

export type Rotation =
  | { ok: true; accountId: string; familyId: string; token: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused' };

export async function rotateRefreshToken(trx: Kysely<DB>, token: string, now: Date): Promise<Rotation> {
  const row = await trx
    .selectFrom('refresh_tokens')
    .select(['id', 'account_id', 'family_id', 'expires_at', 'used_at', 'revoked_at'])
    .where('token_hash', '=', secretHash(token))
    .forUpdate()
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at) return { ok: false, reason: 'revoked' };
  if (row.used_at) {
    await revokeFamily(trx, row.family_id, now);
    return { ok: false, reason: 'reused' };
  }
  if (row.expires_at.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  await trx.updateTable('refresh_tokens').set({ used_at: now }).where('id', '=', row.id).execute();
  return { ok: true, accountId: row.account_id, familyId: row.family_id, token: await issueRefreshToken(trx, row.account_id, now, row.family_id) };
}

export async function revokeFamily(trx: Kysely<DB>, familyId: string, now: Date): Promise<void> {
  await trx
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Logout: the family of the given token ends. Unknown tokens are ignored (logging out twice is fine). */
export async function revokeByToken(trx: Kysely<DB>, token: string, now: Date): Promise<void> {
  const row = await trx.selectFrom('refresh_tokens').select('family_id').where('token_hash', '=', secretHash(token)).executeTakeFirst();
  if (row) await revokeFamily(trx, row.family_id, now);
}

/** Role removal: every session of the account must log in again to get its new grants. */
export async function revokeAllForAccount(trx: Kysely<DB>, accountId: string, now: Date): Promise<void> {
  await trx
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .execute();
}
