import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { liveClient } from './api-clients-repository.ts';
import type { Principal } from './principal.ts';
import { liveSession } from './refresh-tokens-repository.ts';

/**
 * Whether a verified access token is still honoured. The token's signature
 * and claims prove who it was issued to; whether that still stands is asked
 * of PostgreSQL on every request, because the answer changes between two
 * requests: logging out and a reused refresh token end a session (its
 * refresh-token family is revoked), removing a role ends every session of
 * the account, revoking an API client ends its tokens. Several API processes
 * share one database, so no process may remember this answer: one that
 * missed a revocation would keep honouring the token for up to its 15
 * minutes. One indexed lookup, sent as a prepared statement (liveSession,
 * liveClient in their repositories), in a statement
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
