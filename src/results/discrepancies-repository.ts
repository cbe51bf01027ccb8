import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A close's discrepancies (tally_discrepancies) and the meeting's 'discrepancy' mark: the rows. The logic is in discrepancies.ts. */

/** The meeting held, and both sets of figures of each motion that disagreed kept. */
export async function markDiscrepancy(trx: Transaction<DB>, meetingId: string, rows: Insertable<DB['tally_discrepancies']>[]): Promise<void> {
  await trx.updateTable('meetings').set({ status: 'discrepancy' }).where('id', '=', meetingId).execute();
  await trx.insertInto('tally_discrepancies').values(rows).execute();
}

/** The motions of a meeting whose figures disagreed at close, in motion order. */
export async function discrepancyRows(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('tally_discrepancies as d')
    .innerJoin('motions', 'motions.id', 'd.motion_id')
    .select(['d.motion_id', 'd.counted', 'd.recounted', 'd.differences', 'd.detected_at'])
    .where('d.meeting_id', '=', meetingId)
    .orderBy('motions.position')
    .execute();
}
