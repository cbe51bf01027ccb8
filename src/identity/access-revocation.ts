import { type Kysely, sql } from 'kysely';
import { asPreparedStatement } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Principal } from './principal.ts';

/**
 * Whether a verified access token is still honoured. The token's signature
 * and claims prove who it was issued to; whether that still stands is asked
 * of PostgreSQL on every request, because the answer changes between two
 * requests: logging out and a reused refresh token end a session (its
 * refresh-token family is revoked), removing a role ends every session of
 * the account, revoking an API client ends its tokens. Several API processes
 * share one database, so no process may remember this answer: one that
 * missed a revocation would keep honouring the token for up to its 15
 * minutes. One indexed lookup, sent as a prepared statement, in a statement
 * that starts after the request arrived. (Lookups of concurrent requests
 * sent together in one statement saved nothing measurable under bench:vote:
 * they rarely overlap. The ballot route asks inside the statement that
 * casts instead: cast_session_ballots, src/voting/sql/ballot-functions.ts.)
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const SESSION_ENDED = 'The session of this access token has ended; log in again';
export const CLIENT_REVOKED = 'This API client has been revoked';

/**
 * Why a token cannot have a live session or client, seen without the
 * database; null when only the database can tell. Our own tokens always
 * name uuids, and a person's always names a session.
 */
export function unanswerable(principal: Principal): string | null {
  if (!UUID.test(principal.subject)) return 'The access token names no account or client; log in again';
  if (principal.kind === 'person' && (principal.session === undefined || !UUID.test(principal.session))) {
    return 'The access token belongs to no session; log in again';
  }
  return null;
}

/** Null while the token's session (a person) or client (an API client) lives; otherwise why not. */
export async function accessRevocation(db: Kysely<DB>, principal: Principal): Promise<string | null> {
  const malformed = unanswerable(principal);
  if (malformed !== null) return malformed;
  if (principal.kind === 'person') return (await liveSession(db, principal.subject, principal.session!)) ? null : SESSION_ENDED;
  return (await liveClient(db, principal.subject)) ? null : CLIENT_REVOKED;
}

/**
 * A session lives while its family has a refresh token not revoked: revoking
 * a family revokes all its tokens at once (src/identity/refresh-tokens.ts).
 * The partial index refresh_tokens_live_family (migration 0010) answers it
 * with one probe, and a revoked family without touching its rows.
 */
async function liveSession(db: Kysely<DB>, accountId: string, sessionId: string): Promise<boolean> {
  const query = sql<{ live: boolean }>`select exists (
      select 1 from refresh_tokens where family_id = ${sessionId} and account_id = ${accountId} and revoked_at is null
    ) as live`;
  const { rows } = await db.executeQuery(asPreparedStatement('access_session_live', query.compile(db)));
  return rows[0]?.live === true;
}

async function liveClient(db: Kysely<DB>, clientId: string): Promise<boolean> {
  const query = sql<{ live: boolean }>`select exists (select 1 from api_clients where id = ${clientId} and revoked_at is null) as live`;
  const { rows } = await db.executeQuery(asPreparedStatement('access_client_live', query.compile(db)));
  return rows[0]?.live === true;
}
