import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The results stored at close, one per motion: the rows, over the caller's connection or transaction. */

/** A meeting's stored results in the order of its motions. */
export async function storedResults(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('motion_results')
    .innerJoin('motions', 'motions.id', 'motion_results.motion_id')
    .select(['motion_results.motion_id', 'motion_results.outcome', 'motion_results.decided_at', 'motion_results.totals', 'motion_results.report'])
    .where('motion_results.meeting_id', '=', meetingId)
    .orderBy('motions.position')
    .execute();
}

/** The results of a close that agreed with their recount. */
export async function insertMotionResults(trx: Transaction<DB>, rows: Insertable<DB['motion_results']>[]): Promise<void> {
  await trx.insertInto('motion_results').values(rows).execute();
}

/** Each motion's stored report, in the order of the motions. */
export async function reportsInOrder(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('motion_results')
    .innerJoin('motions', 'motions.id', 'motion_results.motion_id')
    .select(['motion_results.motion_id', 'motion_results.report'])
    .where('motion_results.meeting_id', '=', meetingId)
    .orderBy('motions.position')
    .execute();
}

/** Each motion's stored report, in no particular order. */
export async function reportsOf(db: Kysely<DB>, meetingId: string) {
  return db.selectFrom('motion_results').select(['motion_id', 'report']).where('meeting_id', '=', meetingId).execute();
}

/** Each motion's stored report and the instant it was decided, in no particular order. */
export async function decidedReportsOf(db: Kysely<DB>, meetingId: string) {
  return db.selectFrom('motion_results').select(['motion_id', 'report', 'decided_at']).where('meeting_id', '=', meetingId).execute();
}

/** Each motion's outcome, in the order of the motions. */
export async function outcomesOf(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('motion_results')
    .innerJoin('motions', 'motions.id', 'motion_results.motion_id')
    .select(['motions.id', 'motion_results.outcome'])
    .where('motion_results.meeting_id', '=', meetingId)
    .orderBy('motions.position')
    .execute();
}

/** A decided motion's title and stored report. */
export async function titledReportOf(db: Kysely<DB>, motionId: string) {
  return db
    .selectFrom('motions')
    .innerJoin('motion_results', 'motion_results.motion_id', 'motions.id')
    .select(['motions.title', 'motion_results.report'])
    .where('motions.id', '=', motionId)
    .executeTakeFirstOrThrow();
}
