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
 * minutes.
 *
 * The questions of requests that arrive together go to the database
 * together, one statement for all of them (as ballots do in
 * src/voting/ballot-batches.ts): a question is sent at once when fewer than
 * `inFlight` statements are out, and otherwise joins the next statement,
 * sent as soon as one returns. Every question is therefore answered by a
 * statement that started after its request arrived, and sees every
 * revocation committed before that — the same answer as a lookup of its
 * own, at a fraction of the database's time per request under load.
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

interface Question {
  /** The account (a person) or the client. */
  subject: string;
  /** The session of a person; null for a client. */
  session: string | null;
  resolve(live: boolean): void;
  reject(err: unknown): void;
}

export class AccessChecks {
  private queue: Question[] = [];
  private sending = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: { inFlight: number; maxBatch: number } = { inFlight: 2, maxBatch: 500 },
  ) {}

  /** Null while the token's session (a person) or client (an API client) lives; otherwise why not. */
  async revocationOf(principal: Principal): Promise<string | null> {
    const malformed = unanswerable(principal);
    if (malformed !== null) return malformed;
    if (principal.kind === 'person') return (await this.ask(principal.subject, principal.session!)) ? null : SESSION_ENDED;
    return (await this.ask(principal.subject, null)) ? null : CLIENT_REVOKED;
  }

  private ask(subject: string, session: string | null): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ subject, session, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.sending < this.options.inFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.sending++;
      void this.send(batch).finally(() => {
        this.sending--;
        this.pump();
      });
    }
  }

  private async send(batch: Question[]): Promise<void> {
    try {
      const live = await liveItems(this.db, batch);
      batch.forEach((q, i) => q.resolve(live.has(i + 1)));
    } catch (err) {
      for (const q of batch) q.reject(err);
    }
  }
}

/**
 * The 1-based positions of the questions whose session or client lives. A
 * session lives while its family has a refresh token not revoked: revoking
 * a family revokes all its tokens at once (src/identity/refresh-tokens.ts).
 * The partial index refresh_tokens_live_family (migration 0010) answers
 * that with one probe, and a revoked family without touching its rows.
 */
async function liveItems(db: Kysely<DB>, batch: readonly Pick<Question, 'subject' | 'session'>[]): Promise<Set<number>> {
  const items = JSON.stringify(batch.map((q, i) => ({ i: i + 1, subject: q.subject, session: q.session })));
  const query = sql<{ i: number }>`select s.i from jsonb_to_recordset(${items}::jsonb) as s(i int, subject uuid, session uuid)
    where case
      when s.session is null then exists (select 1 from api_clients c where c.id = s.subject and c.revoked_at is null)
      else exists (select 1 from refresh_tokens r where r.family_id = s.session and r.account_id = s.subject and r.revoked_at is null)
    end`;
  const { rows } = await db.executeQuery(asPreparedStatement('access_live', query.compile(db)));
  return new Set(rows.map((r) => r.i));
}
