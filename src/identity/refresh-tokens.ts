import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { newSecret, secretHash } from './hashing.ts';
import {
  accountOfRefreshToken,
  findRefreshTokenByHash,
  insertRefreshToken,
  lockAccountRowForSessions,
  lockRefreshTokenByHash,
  markTokensRevoked,
  markRefreshTokenUsed,
} from './refresh-tokens-repository.ts';

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
  await insertRefreshToken(trx, {
    account_id: accountId,
    family_id: familyId,
    token_hash: secretHash(token),
    expires_at: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
  });
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
  await lockAccountRowForSessions(trx, accountId);
}

export async function rotateRefreshToken(trx: Transaction<DB>, token: string, now: Date): Promise<Rotation> {
  const owner = await accountOfRefreshToken(trx, secretHash(token));
  if (!owner) return { ok: false, reason: 'unknown' };
  await lockAccountSessions(trx, owner.account_id);
  const row = await lockRefreshTokenByHash(trx, secretHash(token));
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at) return { ok: false, reason: 'revoked' };
  if (row.used_at) {
    await revokeFamily(trx, row.family_id, now);
    return { ok: false, reason: 'reused' };
  }
  if (row.expires_at.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  await markRefreshTokenUsed(trx, row.id, now);
  return { ok: true, accountId: row.account_id, familyId: row.family_id, token: await issueRefreshToken(trx, row.account_id, now, row.family_id) };
}

export async function revokeFamily(trx: Kysely<DB>, familyId: string, now: Date): Promise<void> {
  await markTokensRevoked(trx, 'family_id', familyId, now);
}

/** Logout: the family of the given token ends. Unknown tokens are ignored (logging out twice is fine). */
export async function revokeByToken(trx: Kysely<DB>, token: string, now: Date): Promise<void> {
  const row = await findRefreshTokenByHash(trx, secretHash(token));
  if (!row) return;
  await lockAccountSessions(trx, row.account_id);
  await revokeFamily(trx, row.family_id, now);
}

/** Role removal: every session of the account must log in again to get its new grants. */
export async function revokeAllForAccount(trx: Kysely<DB>, accountId: string, now: Date): Promise<void> {
  await lockAccountSessions(trx, accountId);
  await markTokensRevoked(trx, 'account_id', accountId, now);
}
