import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The SQL of vote confirmations: which accounts cast online ballots on a
 * meeting after their last confirmation, and the watermark that records a
 * confirmation. Read from `ballots` as casting left them — casting writes
 * nothing for this — and from `ballot_confirmations` (0016).
 */

/** Meetings whose online ballots are confirmed: open, or closed within the window (a burst ending at the close settles after it). */
const inScope = (now: Date, windowMs: number) => sql<boolean>`(
  mt.status = 'open'
  or (mt.status in ('closed', 'tallied', 'discrepancy', 'published')
      and coalesce(mt.closed_at, mt.voting_closes_at) > ${now}::timestamptz - make_interval(secs => ${windowMs / 1000}))
)`;

export async function anyMeetingToConfirm(db: Kysely<DB>, now: Date, windowMs: number): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`select exists (select 1 from meetings mt where ${inScope(now, windowMs)}) as found`.execute(db);
  return rows[0]?.found === true;
}

/** An account's online ballots on a meeting cast after its last confirmation. Instants as PostgreSQL text: exact to the microsecond. */
export interface UnconfirmedBallots {
  accountId: string;
  meetingId: string;
  estateId: string;
  meetingTitle: string;
  estateName: string;
  /** The owner the latest of them was cast as. */
  ownerId: string | null;
  /** How many ballots (motion × voter) they record. */
  recorded: number;
  lastCastAt: string;
  /** Where the last confirmation left off; null: none yet. */
  confirmedThrough: string | null;
  /** No ballot for the settle time: the burst is over. */
  settled: boolean;
}

export async function unconfirmedBallots(db: Kysely<DB>, now: Date, options: { settleMs: number; windowMs: number }): Promise<UnconfirmedBallots[]> {
  const { rows } = await sql<{
    account_id: string;
    meeting_id: string;
    estate_id: string;
    title: string;
    estate_name: string;
    owner_id: string | null;
    recorded: string;
    last_cast_at: string;
    confirmed_through: string | null;
    settled: boolean;
  }>`
    select b.cast_by as account_id, mt.id as meeting_id, mt.estate_id, mt.title, e.name as estate_name,
           (array_agg(b.owner_id order by b.cast_at desc))[1] as owner_id,
           count(distinct (b.motion_id, b.voter_id)) as recorded,
           max(b.cast_at)::text as last_cast_at,
           c.confirmed_through::text as confirmed_through,
           max(b.cast_at) <= ${now}::timestamptz - make_interval(secs => ${options.settleMs / 1000}) as settled
    from meetings mt
    join estates e on e.id = mt.estate_id
    join motions m on m.meeting_id = mt.id
    join ballots b on b.motion_id = m.id and b.channel = 'online'
    left join ballot_confirmations c on c.account_id = b.cast_by and c.meeting_id = mt.id
    where ${inScope(now, options.windowMs)}
      and (c.confirmed_through is null or b.cast_at > c.confirmed_through)
    group by b.cast_by, mt.id, e.name, c.confirmed_through`.execute(db);
  return rows.map((r) => ({
    accountId: r.account_id,
    meetingId: r.meeting_id,
    estateId: r.estate_id,
    meetingTitle: r.title,
    estateName: r.estate_name,
    ownerId: r.owner_id,
    recorded: Number(r.recorded),
    lastCastAt: r.last_cast_at,
    confirmedThrough: r.confirmed_through,
    settled: r.settled,
  }));
}

/**
 * Moves the account's watermark on the meeting from where it was seen to
 * `through`; false when someone else moved it first (another worker
 * confirmed these ballots), so each burst is confirmed once.
 */
export async function advanceConfirmation(
  trx: Kysely<DB>,
  input: { accountId: string; meetingId: string; seen: string | null; through: string; now: Date },
): Promise<boolean> {
  const { rows } = await sql<{ done: number }>`
    insert into ballot_confirmations as c (account_id, meeting_id, confirmed_through, confirmed_at)
    values (${input.accountId}::uuid, ${input.meetingId}::uuid, ${input.through}::timestamptz, ${input.now}::timestamptz)
    on conflict (account_id, meeting_id) do update
      set confirmed_through = excluded.confirmed_through, confirmed_at = excluded.confirmed_at, messages = c.messages + 1
      where c.confirmed_through = ${input.seen}::timestamptz
    returning 1 as done`.execute(trx);
  return rows.length > 0;
}
