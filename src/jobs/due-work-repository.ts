import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The reconciler's reads (due-work.ts) of the meetings and webhook deliveries
 * whose deadline falls by `until`, earliest first, at most `limit` each: what
 * is left is found by the next pass.
 */

export async function meetingsOpeningBy(db: Kysely<DB>, until: Date, limit: number): Promise<{ id: string; voting_opens_at: Date }[]> {
  return db
    .selectFrom('meetings')
    .select(['id', 'voting_opens_at'])
    .where('status', '=', 'noticed')
    .where('voting_opens_at', '<=', until)
    .orderBy('voting_opens_at')
    .limit(limit)
    .execute();
}

export async function meetingsClosingBy(db: Kysely<DB>, until: Date, limit: number): Promise<{ id: string; voting_closes_at: Date }[]> {
  return db
    .selectFrom('meetings')
    .select(['id', 'voting_closes_at'])
    .where('status', '=', 'open')
    .where('voting_closes_at', '<=', until)
    .orderBy('voting_closes_at')
    .limit(limit)
    .execute();
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
  return db
    .selectFrom('webhook_deliveries')
    .select(['id', 'attempts', 'next_attempt_at'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', until)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}
