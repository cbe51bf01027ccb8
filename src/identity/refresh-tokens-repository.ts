import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import { asPreparedStatement } from '../db/database.ts';
import type { DB, RefreshTokenTable } from '../db/schema.ts';

/** Refresh tokens (refresh_tokens) and the account-row lock that orders sessions: the rows, over the caller's connection or transaction. */

export async function insertRefreshToken(trx: Kysely<DB>, row: Insertable<RefreshTokenTable>): Promise<void> {
  await trx.insertInto('refresh_tokens').values(row).execute();
}

/** Locks the account row (for no key update): see lockAccountSessions in refresh-tokens.ts for why. */
export async function lockAccountRowForSessions(trx: Kysely<DB>, accountId: string): Promise<void> {
  await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forNoKeyUpdate().execute();
}

/** The account of a token, read without a lock. */
export async function accountOfRefreshToken(db: Kysely<DB>, tokenHash: string): Promise<{ account_id: string } | undefined> {
  return db.selectFrom('refresh_tokens').select('account_id').where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** The account and family of a token, read without a lock. */
export async function findRefreshTokenByHash(db: Kysely<DB>, tokenHash: string): Promise<{ account_id: string; family_id: string } | undefined> {
  return db.selectFrom('refresh_tokens').select(['family_id', 'account_id']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** The token's row, locked for update. */
export async function lockRefreshTokenByHash(trx: Transaction<DB>, tokenHash: string) {
  return trx
    .selectFrom('refresh_tokens')
    .select(['id', 'account_id', 'family_id', 'expires_at', 'used_at', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

export async function markRefreshTokenUsed(trx: Transaction<DB>, id: string, now: Date): Promise<void> {
  await trx.updateTable('refresh_tokens').set({ used_at: now }).where('id', '=', id).execute();
}

/** Revokes the live tokens of one family (`family_id`) or of every session of one account (`account_id`). */
export async function markTokensRevoked(trx: Kysely<DB>, of: 'family_id' | 'account_id', id: string, now: Date): Promise<void> {
  await trx
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where(of, '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * A session lives while its family has a refresh token not revoked: revoking
 * a family revokes all its tokens at once (src/identity/refresh-tokens.ts).
 * The partial index refresh_tokens_live_family (migration 0010) answers it
 * with one probe, and a revoked family without touching its rows. Asked on
 * every request (access-revocation.ts), so sent as a prepared statement.
 */
export async function liveSession(db: Kysely<DB>, accountId: string, sessionId: string): Promise<boolean> {
  const query = sql<{ live: boolean }>`select exists (
      select 1 from refresh_tokens where family_id = ${sessionId} and account_id = ${accountId} and revoked_at is null
    ) as live`;
  const { rows } = await db.executeQuery(asPreparedStatement('access_session_live', query.compile(db)));
  return rows[0]?.live === true;
}
