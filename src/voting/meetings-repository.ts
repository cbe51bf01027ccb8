import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB, Meeting, MotionRow } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';

/** Meetings and their motions: the rows, over the caller's connection or transaction. The logic is in meetings.ts. */

/** The meeting, or 404; locked `for update` or `for share` until the transaction ends when asked. */
export async function requireMeeting(db: Kysely<DB>, meetingId: string): Promise<Meeting>;
export async function requireMeeting(trx: Transaction<DB>, meetingId: string, options: { lock?: 'update' | 'share' }): Promise<Meeting>;
export async function requireMeeting(db: Kysely<DB>, meetingId: string, options: { lock?: 'update' | 'share' } = {}): Promise<Meeting> {
  let query = db.selectFrom('meetings').selectAll().where('id', '=', meetingId);
  if (options.lock === 'update') query = query.forUpdate();
  if (options.lock === 'share') query = query.forShare();
  const meeting = await query.executeTakeFirst();
  if (!meeting) throw new ProblemError('not-found', 'No such meeting');
  return meeting;
}

/** An estate's latest meetings, newest first; without its drafts unless asked. */
/** One page of an estate's meetings, newest first (the id breaks ties, so pages neither repeat nor skip a meeting), and how many there are. */
export async function meetingsOfEstate(
  db: Kysely<DB>,
  estateId: string,
  { drafts, statuses, limit, offset }: { drafts: boolean; statuses?: readonly Meeting['status'][]; limit: number; offset: number },
): Promise<{ meetings: Meeting[]; total: number }> {
  let query = db.selectFrom('meetings').where('estate_id', '=', estateId);
  if (!drafts) query = query.where('status', '<>', 'draft');
  if (statuses?.length) query = query.where('status', 'in', statuses);
  const [meetings, counted] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { meetings, total: Number(counted.total) };
}

export async function insertMeeting(
  trx: Kysely<DB>,
  row: { estateId: string; kind: Meeting['kind']; title: string; description: string | null; votingOpensAt: Date; votingClosesAt: Date; createdBy: string },
): Promise<Meeting> {
  return trx
    .insertInto('meetings')
    .values({
      estate_id: row.estateId,
      kind: row.kind,
      title: row.title,
      description: row.description,
      status: 'draft',
      voting_opens_at: row.votingOpensAt,
      voting_closes_at: row.votingClosesAt,
      created_by: row.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A change of status, with the instant it happened at. */
export async function setMeetingStatus(
  trx: Kysely<DB>,
  meetingId: string,
  change:
    | { status: 'noticed'; noticed_at: Date }
    | { status: 'open'; opened_at: Date; min_assurance: Meeting['min_assurance'] }
    | { status: 'cancelled'; cancelled_at: Date },
): Promise<void> {
  await trx.updateTable('meetings').set(change).where('id', '=', meetingId).execute();
}

/** Whether the motion is one of the meeting's (a motion id from a request, before it is used). */
export async function motionInMeeting(db: Kysely<DB>, meetingId: string, motionId: string): Promise<boolean> {
  const motion = await db.selectFrom('motions').select('id').where('id', '=', motionId).where('meeting_id', '=', meetingId).executeTakeFirst();
  return motion !== undefined;
}

export async function motionsOf(db: Kysely<DB>, meetingId: string): Promise<MotionRow[]> {
  return db.selectFrom('motions').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute();
}

/** A motion at the end of the meeting's agenda. */
export async function appendMotion(
  trx: Kysely<DB>,
  meetingId: string,
  motion: { matter: string; kind: MotionRow['kind']; title: string; text: string; terms: unknown; documents: unknown },
): Promise<MotionRow> {
  const { max } = await trx
    .selectFrom('motions')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow();
  return trx
    .insertInto('motions')
    .values({
      meeting_id: meetingId,
      position: (max ?? 0) + 1,
      matter: motion.matter,
      kind: motion.kind,
      title: motion.title,
      text: motion.text,
      terms: JSON.stringify(motion.terms),
      documents: JSON.stringify(motion.documents),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** New terms for a motion of the meeting, in its place on the agenda; whether there was such a motion. */
export async function replaceMotionTerms(
  trx: Kysely<DB>,
  meetingId: string,
  motionId: string,
  motion: { matter: string; kind: MotionRow['kind']; title: string; text: string; terms: unknown; documents: unknown },
): Promise<boolean> {
  const changed = await trx
    .updateTable('motions')
    .set({
      matter: motion.matter,
      kind: motion.kind,
      title: motion.title,
      text: motion.text,
      terms: JSON.stringify(motion.terms),
      documents: JSON.stringify(motion.documents),
    })
    .where('id', '=', motionId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return changed.numUpdatedRows > 0n;
}

/** The draft's own terms: kind, title, description and the voting window. */
export async function updateMeetingTerms(
  trx: Kysely<DB>,
  meetingId: string,
  change: Partial<{ kind: Meeting['kind']; title: string; description: string | null; voting_opens_at: Date; voting_closes_at: Date }>,
): Promise<Meeting> {
  return trx.updateTable('meetings').set(change).where('id', '=', meetingId).returningAll().executeTakeFirstOrThrow();
}

/** Whether a motion of the meeting was deleted. */
export async function deleteMotion(trx: Kysely<DB>, meetingId: string, motionId: string): Promise<boolean> {
  const removed = await trx.deleteFrom('motions').where('id', '=', motionId).where('meeting_id', '=', meetingId).executeTakeFirst();
  return removed.numDeletedRows > 0n;
}

/** Whether the estate's registry has the building (and, given one, its stairwell unit) a motion's scope names. */
export async function scopeExists(trx: Kysely<DB>, estateId: string, place: { building: string; stair?: string }): Promise<boolean> {
  const building = await trx
    .selectFrom('buildings')
    .select('id')
    .where('estate_id', '=', estateId)
    .where('name', '=', place.building)
    .executeTakeFirst();
  if (!building || place.stair === undefined) return building !== undefined;
  const stair = await trx.selectFrom('stairs').select('id').where('building_id', '=', building.id).where('name', '=', place.stair).executeTakeFirst();
  return stair !== undefined;
}

/** Participation so far, for organisers: area and heads that took part, never how they voted. */
export async function turnout(db: Kysely<DB>, meetingId: string) {
  const rows = await sql<{ motion_id: string; heads: string; area: string }>`
    select m.id as motion_id, count(cb.voter_id)::text as heads, coalesce(sum(v.area_hundredths), 0)::text as area
    from motions m
    left join current_ballots cb on cb.motion_id = m.id
    left join electorate_voters v on v.id = cb.voter_id
    where m.meeting_id = ${meetingId}
    group by m.id`.execute(db);
  return rows.rows;
}

/**
 * Marks the open meeting reminded at `now`, once and only before it closes:
 * undefined when it is not open, already reminded or past its close.
 */
export async function markReminded(trx: Kysely<DB>, meetingId: string, now: Date) {
  return trx
    .updateTable('meetings')
    .set({ reminded_at: now })
    .where('id', '=', meetingId)
    .where('status', '=', 'open')
    .where('reminded_at', 'is', null)
    .where('voting_closes_at', '>', now)
    .returning(['estate_id', 'title', 'voting_closes_at'])
    .executeTakeFirst();
}

/**
 * The owners of voters who have not voted on every motion they may vote on,
 * less those who opted out of reminders and those already reminded of this
 * meeting since `dayStart` (at most one reminder per owner, meeting and local day).
 * `voterKeys`: only these voters (organisers reminding a chosen few while canvassing).
 */
export async function ownersToRemind(trx: Kysely<DB>, meetingId: string, dayStart: Date, voterKeys?: readonly string[]): Promise<string[]> {
  const chosen = voterKeys === undefined ? sql`` : sql` and v.voter_key = any(${sql.val([...voterKeys])}::text[])`;
  const { rows } = await sql<{ owner_id: string }>`
      select distinct o.owner_id
      from motions mo
      join electorate_voters v on v.motion_id = mo.id
      cross join lateral unnest(v.owners) as o(owner_id)
      where mo.meeting_id = ${meetingId}${chosen}
        and not exists (select 1 from current_ballots cb where cb.motion_id = mo.id and cb.voter_id = v.id)
        and not exists (select 1 from owner_message_preferences p where p.owner_id = o.owner_id and not p.reminders)
        and not exists (select 1 from notifications n
                         where n.subject_id = ${meetingId} and n.kind = 'voting_reminder' and n.owner_id = o.owner_id and n.created_at >= ${dayStart})
      order by o.owner_id`.execute(trx);
  return rows.map((r) => r.owner_id);
}
