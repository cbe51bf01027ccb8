import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Objection windows (询异公示) and objections: the rows. The logic is in objections.ts. */

export async function insertWindow(trx: Transaction<DB>, row: { meetingId: string; estateId: string; days: number; openedAt: Date; closesAt: Date }) {
  await trx
    .insertInto('objection_windows')
    .values({ meeting_id: row.meetingId, estate_id: row.estateId, days: row.days, opened_at: row.openedAt, closes_at: row.closesAt })
    .onConflict((oc) => oc.column('meeting_id').doNothing())
    .execute();
}

export async function windowOf(db: Kysely<DB>, meetingId: string, options: { lock?: boolean } = {}) {
  return db
    .selectFrom('objection_windows')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .$if(options.lock === true, (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function markFinal(trx: Transaction<DB>, meetingId: string, at: Date) {
  await trx.updateTable('objection_windows').set({ final_at: at }).where('meeting_id', '=', meetingId).where('final_at', 'is', null).execute();
}

export async function unansweredCount(db: Kysely<DB>, meetingId: string): Promise<number> {
  const row = await db
    .selectFrom('objections')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('meeting_id', '=', meetingId)
    .where('answer', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function objectionCounts(db: Kysely<DB>, meetingId: string): Promise<{ total: number; unanswered: number }> {
  const row = await db
    .selectFrom('objections')
    .select([sql<string>`count(*)`.as('total'), sql<string>`count(*) filter (where answer is null)`.as('unanswered')])
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), unanswered: Number(row.unanswered) };
}

/** The motion's voter (its electorate row) with its owners, when it is this meeting's. */
export async function voterOfMeeting(db: Kysely<DB>, meetingId: string, motionId: string, voterId: string) {
  return db
    .selectFrom('electorate_voters')
    .innerJoin('motions', 'motions.id', 'electorate_voters.motion_id')
    .select(['electorate_voters.id', 'electorate_voters.owners', 'electorate_voters.motion_id', 'motions.title', 'motions.position'])
    .where('motions.meeting_id', '=', meetingId)
    .where('electorate_voters.motion_id', '=', motionId)
    .where('electorate_voters.id', '=', voterId)
    .executeTakeFirst();
}

/** The voter's standing ballot on the motion, if any. */
export async function standingBallotOf(db: Kysely<DB>, motionId: string, voterId: string) {
  return db.selectFrom('current_ballots').select('ballot_id').where('motion_id', '=', motionId).where('voter_id', '=', voterId).executeTakeFirst();
}

export async function insertObjection(
  trx: Transaction<DB>,
  row: { meetingId: string; estateId: string; motionId: string; voterId: string; ballotId: string | null; ownerId: string; accountId: string; text: string; now: Date },
) {
  return trx
    .insertInto('objections')
    .values({
      meeting_id: row.meetingId,
      estate_id: row.estateId,
      motion_id: row.motionId,
      voter_id: row.voterId,
      ballot_id: row.ballotId,
      owner_id: row.ownerId,
      account_id: row.accountId,
      text: row.text,
      created_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function lockObjection(trx: Transaction<DB>, objectionId: string) {
  return trx.selectFrom('objections').selectAll().where('id', '=', objectionId).forUpdate().executeTakeFirst();
}

export async function findObjection(db: Kysely<DB>, objectionId: string) {
  return db.selectFrom('objections').select(['id', 'meeting_id', 'estate_id']).where('id', '=', objectionId).executeTakeFirst();
}

export async function storeAnswer(trx: Transaction<DB>, objectionId: string, answer: { text: string; by: string; at: Date }) {
  await trx
    .updateTable('objections')
    .set({ answer: answer.text, answered_by: answer.by, answered_at: answer.at })
    .where('id', '=', objectionId)
    .execute();
}

const objectionColumns = [
  'objections.id',
  'objections.meeting_id',
  'objections.estate_id',
  'objections.motion_id',
  'objections.voter_id',
  'objections.ballot_id',
  'objections.owner_id',
  'objections.text',
  'objections.created_at',
  'objections.answer',
  'objections.answered_at',
  'motions.title as motionTitle',
  'motions.position as motionPosition',
  'owners.name as ownerName',
  'owners.kind as ownerKind',
] as const;

/** A meeting's objections in the order raised, with the motion and the owner who raised each; only those of the given owners when named. */
export async function objectionsOfMeeting(db: Kysely<DB>, meetingId: string, ownerIds?: readonly string[]) {
  return db
    .selectFrom('objections')
    .innerJoin('motions', 'motions.id', 'objections.motion_id')
    .innerJoin('owners', 'owners.id', 'objections.owner_id')
    .select(objectionColumns)
    .where('objections.meeting_id', '=', meetingId)
    .$if(ownerIds !== undefined, (q) => q.where('objections.owner_id', 'in', [...ownerIds!]))
    .orderBy('objections.created_at')
    .orderBy('objections.id')
    .execute();
}

/** A township's objections, newest first, with their estate and meeting. */
export async function objectionsOfTownship(db: Kysely<DB>, townshipId: string, limit: number) {
  return db
    .selectFrom('objections')
    .innerJoin('estates', 'estates.id', 'objections.estate_id')
    .innerJoin('meetings', 'meetings.id', 'objections.meeting_id')
    .innerJoin('motions', 'motions.id', 'objections.motion_id')
    .innerJoin('owners', 'owners.id', 'objections.owner_id')
    .select([...objectionColumns, 'estates.name as estateName', 'meetings.title as meetingTitle'])
    .where('estates.township_id', '=', townshipId)
    .orderBy('objections.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Windows that have ended, are not yet final, and have no objection left unanswered: due to become final. */
export async function windowsDueFinalBy(db: Kysely<DB>, until: Date, limit: number) {
  return db
    .selectFrom('objection_windows as w')
    .select(['w.meeting_id', 'w.closes_at'])
    .where('w.final_at', 'is', null)
    .where('w.closes_at', '<=', until)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('objections as o').select(sql`1`.as('x')).whereRef('o.meeting_id', '=', 'w.meeting_id').where('o.answer', 'is', null))))
    .orderBy('w.closes_at')
    .limit(limit)
    .execute();
}
