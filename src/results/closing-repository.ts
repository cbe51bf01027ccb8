import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { meetingLockKey } from '../voting/ballots-repository.ts';

/** The close's own statements: the ballot lock, the meeting's closed and tallied marks, and the SQL aggregate of the current ballots. The logic is in closing.ts. */

/** The meeting's ballot lock, taken exclusively: waits for every ballot in flight (they hold it shared). */
export async function lockOutBallots(trx: Transaction<DB>, meetingId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${meetingLockKey(meetingId)})`.execute(trx);
}

export async function markClosed(trx: Transaction<DB>, meetingId: string, now: Date): Promise<void> {
  await trx.updateTable('meetings').set({ status: 'closed', closed_at: now }).where('id', '=', meetingId).execute();
}

export async function markTallied(trx: Transaction<DB>, meetingId: string, now: Date): Promise<void> {
  await trx.updateTable('meetings').set({ status: 'tallied', tallied_at: now }).where('id', '=', meetingId).execute();
}

/**
 * For the rest of this transaction: hash joins and sorts of a large meeting's ballots in memory (128 MB: the
 * 800,000 ballots sorted by id before their lines are written take 115 MB, and spilled to disk at 64 MB); no
 * JIT compilation, which PostgreSQL chose for each of the close's large statements and which cost more than it
 * saved (≈ 0.8 s for the ballots' lines alone, 1.5–2 s of CPU in a large close); and no parallel workers: a close
 * already keeps the cores busy (two connections, the recount thread, the hashing), and workers each sorted the
 * ballots' lines on disk beside it (≈ 1.5 s more of the machine's CPU).
 */
export async function forLargeReads(db: Kysely<DB>): Promise<void> {
  await sql`select set_config('work_mem', '128MB', true), set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`.execute(db);
}

/** One row of the aggregate: a motion's participation, or the support of one subject (a choice, a candidate, abstention or spoiled). */
export interface CountedRow {
  motion_id: string;
  part: 'took_part' | 'support';
  subject: string | null;
  spoiled: boolean | null;
  heads: string;
  area: string;
}

/**
 * The current ballots of the motions summed by choice, in one query however many motions.
 * `lookups`: ballots and voters fetched row by row through their keys (an ordinary meeting), else joined (a large
 * electorate, whose hash joins get more memory and no JIT for this transaction only). `sent` is called as soon as
 * the query has gone to the connection, so the caller can recount meanwhile.
 */
export async function countCurrentBallots(db: Kysely<DB>, ids: string[], lookups: boolean, sent?: () => void): Promise<CountedRow[]> {
  if (!lookups) await forLargeReads(db);
  const counted = lookups
    ? sql`
      select cb.motion_id, b.choice, b.spoiled, count(*) as heads, sum(v.area_hundredths) as area
      from current_ballots cb
      cross join lateral (select choice, spoiled from ballots where id = cb.ballot_id offset 0) b
      cross join lateral (select area_hundredths from electorate_voters where id = cb.voter_id offset 0) v
      where cb.motion_id = any(${ids}::uuid[])
      group by cb.motion_id, b.choice, b.spoiled`
    : sql`
      select cb.motion_id, b.choice, b.spoiled, count(*) as heads, sum(v.area_hundredths) as area
      from current_ballots cb
      join ballots b on b.id = cb.ballot_id
      join electorate_voters v on v.id = cb.voter_id
      -- Joined on the ids alone, as the lookups above are: hashing (motion, id) pairs cost 0.7 s more for 800,000
      -- ballots. Each table is read for these motions only; a current ballot naming another motion's ballot is a
      -- corruption the engine's recount of the sealed record would not agree with (closing.ts).
      where cb.motion_id = any(${ids}::uuid[]) and b.motion_id = any(${ids}::uuid[]) and v.motion_id = any(${ids}::uuid[])
      group by cb.motion_id, b.choice, b.spoiled`;
  const query = sql<CountedRow>`
    with counted as materialized (${counted})
    select motion_id, 'took_part' as part, null as subject, null::boolean as spoiled, sum(heads)::text as heads, coalesce(sum(area), 0)::text as area
    from counted group by motion_id
    union all
    select c.motion_id, 'support', s.subject, c.spoiled, sum(c.heads)::text, coalesce(sum(c.area), 0)::text
    from counted c
    cross join lateral (
      select jsonb_array_elements_text(c.choice) as subject
      where not c.spoiled and jsonb_typeof(c.choice) = 'array' and jsonb_array_length(c.choice) > 0
      union all
      select case when c.spoiled or jsonb_typeof(c.choice) = 'array' then null else c.choice #>> '{}' end
      where c.spoiled or jsonb_typeof(c.choice) <> 'array' or jsonb_array_length(c.choice) = 0
    ) s
    group by c.motion_id, s.subject, c.spoiled`;
  const running = query.execute(db);
  sent?.();
  return (await running).rows;
}
