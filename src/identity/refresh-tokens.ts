import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
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

/**
 * Everything that starts, continues or ends sessions of an account — login
 * (which updates the account row), refresh, reuse detection, logout, role
 * removal — first takes this lock on the account row, so they follow one
 * another. Otherwise a role removal could revoke the account's tokens
 * while a refresh (or a login) that read the old grants was still
 * inserting its next token: the revocation, not seeing that uncommitted
 * row, would leave its session live with the removed role. Taken before
 * any refresh_tokens row is locked, in one order everywhere, so no two of
 * them deadlock.
 */
export async function lockAccountSessions(trx: Kysely<DB>, accountId: string): Promise<void> {
  await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forNoKeyUpdate().execute();
}

export async function rotateRefreshToken(trx: Transaction<DB>, token: string, now: Date): Promise<Rotation> {
  const owner = await trx.selectFrom('refresh_tokens').select('account_id').where('token_hash', '=', secretHash(token)).executeTakeFirst();
  if (!owner) return { ok: false, reason: 'unknown' };
  await lockAccountSessions(trx, owner.account_id);
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
  const row = await trx.selectFrom('refresh_tokens').select(['family_id', 'account_id']).where('token_hash', '=', secretHash(token)).executeTakeFirst();
  if (!row) return;
  await lockAccountSessions(trx, row.account_id);
  await revokeFamily(trx, row.family_id, now);
}

/** Role removal: every session of the account must log in again to get its new grants. */
export async function revokeAllForAccount(trx: Kysely<DB>, accountId: string, now: Date): Promise<void> {
  await lockAccountSessions(trx, accountId);
  await trx
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .execute();
}
