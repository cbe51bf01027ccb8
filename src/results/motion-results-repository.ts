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
