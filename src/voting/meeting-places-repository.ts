import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A meeting with its estate and township (meeting-places.ts remembers it), or undefined. */
export async function selectMeetingPlace(db: Kysely<DB>, meetingId: string): Promise<{ id: string; estateId: string; township_id: string } | undefined> {
  return db
    .selectFrom('meetings')
    .innerJoin('estates', 'estates.id', 'meetings.estate_id')
    .select(['meetings.id', 'estates.id as estateId', 'estates.township_id'])
    .where('meetings.id', '=', meetingId)
    .executeTakeFirst();
}
