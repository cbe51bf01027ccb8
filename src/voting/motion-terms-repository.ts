import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A motion of the meeting with its stored terms and the meeting's status (motion-terms-store.ts), or undefined. */
export async function selectMotionTerms(db: Kysely<DB>, meetingId: string, motionId: string) {
  return db
    .selectFrom('motions')
    .innerJoin('meetings', 'meetings.id', 'motions.meeting_id')
    .select(['motions.id', 'motions.terms', 'meetings.status'])
    .where('motions.id', '=', motionId)
    .where('motions.meeting_id', '=', meetingId)
    .executeTakeFirst();
}
