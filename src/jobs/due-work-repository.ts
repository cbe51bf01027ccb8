import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The reconciler's reads (due-work.ts) of the meetings, webhook deliveries and SMS deliveries
 * whose deadline falls by `until`, earliest first, at most `limit` each: what
 * is left is found by the next pass.
 */

/**
 * The shape most of those reads share: rows of one kind still waiting in `status` whose
 * `deadline` falls by `until`. The kinds are spelled out, so a caller names a table, a status
 * and a deadline column that go together.
 */
type Waiting =
  | { table: 'meetings'; status: 'noticed'; deadline: 'voting_opens_at' }
  | { table: 'meetings'; status: 'open'; deadline: 'voting_closes_at' }
  | { table: 'webhook_deliveries'; status: 'pending'; deadline: 'next_attempt_at' }
  | { table: 'message_deliveries'; status: 'queued'; deadline: 'next_attempt_at' };

async function waitingBy<Row>(db: Kysely<DB>, kind: Waiting, columns: readonly string[], until: Date, limit: number): Promise<Row[]> {
  const { rows } = await sql<Row>`
    select ${sql.join([...columns, kind.deadline].map((c) => sql.ref(c)))}
    from ${sql.table(kind.table)}
    where status = ${kind.status} and ${sql.ref(kind.deadline)} <= ${until}
    order by ${sql.ref(kind.deadline)}
    limit ${limit}`.execute(db);
  return rows;
}

export async function meetingsOpeningBy(db: Kysely<DB>, until: Date, limit: number): Promise<{ id: string; voting_opens_at: Date }[]> {
  return waitingBy(db, { table: 'meetings', status: 'noticed', deadline: 'voting_opens_at' }, ['id'], until, limit);
}

export async function meetingsClosingBy(db: Kysely<DB>, until: Date, limit: number): Promise<{ id: string; voting_closes_at: Date }[]> {
  return waitingBy(db, { table: 'meetings', status: 'open', deadline: 'voting_closes_at' }, ['id'], until, limit);
}

/** Tallied meetings whose result is not yet published, oldest tally first. */
export async function meetingsToPublish(db: Kysely<DB>, limit: number): Promise<{ id: string }[]> {
  return db.selectFrom('meetings').select('id').where('status', '=', 'tallied').orderBy('tallied_at').limit(limit).execute();
}

/** Open meetings not yet reminded whose reminder (`leadMs` before the close) falls by `until`, with that instant. */
export async function remindersDueBy(db: Kysely<DB>, now: Date, until: Date, leadMs: number, limit: number): Promise<{ id: string; remind_at: Date }[]> {
  const { rows } = await sql<{ id: string; remind_at: Date }>`
    select id, voting_closes_at - make_interval(secs => ${leadMs / 1000}) as remind_at
    from meetings
    where status = 'open' and reminded_at is null and voting_closes_at > ${now}
      and voting_closes_at - make_interval(secs => ${leadMs / 1000}) <= ${until}
    order by voting_closes_at
    limit ${limit}`.execute(db);
  return rows;
}

export async function webhookDeliveriesDueBy(db: Kysely<DB>, until: Date, limit: number): Promise<{ id: string; attempts: number; next_attempt_at: Date | null }[]> {
  return waitingBy(db, { table: 'webhook_deliveries', status: 'pending', deadline: 'next_attempt_at' }, ['id', 'attempts'], until, limit);
}

/** SMS deliveries queued for an attempt by `until` (message_deliveries; their claim, row by row, is in the deliveries repository). */
export async function messageDeliveriesDueBy(db: Kysely<DB>, until: Date, limit: number): Promise<{ id: string; next_attempt_at: Date | null }[]> {
  return waitingBy(db, { table: 'message_deliveries', status: 'queued', deadline: 'next_attempt_at' }, ['id'], until, limit);
}
