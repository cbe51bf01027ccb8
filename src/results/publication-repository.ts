import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Publishing a result: the meeting's row locked with its estate's name, and its 'published' mark. The logic is in publication.ts. */

/** The meeting with its estate's name, locked `for update` until the transaction ends; undefined when there is none. */
export async function lockMeetingToPublish(trx: Transaction<DB>, meetingId: string) {
  return trx
    .selectFrom('meetings')
    .innerJoin('estates', 'estates.id', 'meetings.estate_id')
    .select(['meetings.id', 'meetings.status', 'meetings.title', 'meetings.estate_id', 'estates.name as estateName'])
    .where('meetings.id', '=', meetingId)
    .forUpdate('meetings')
    .executeTakeFirst();
}

export async function markPublished(trx: Transaction<DB>, meetingId: string, now: Date): Promise<void> {
  await trx.updateTable('meetings').set({ status: 'published', published_at: now }).where('id', '=', meetingId).execute();
}
