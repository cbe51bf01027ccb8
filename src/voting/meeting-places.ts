import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';

/**
 * Which estate and township a meeting belongs to. That never changes, so it
 * is remembered: the ballot route asks it for every vote, to check that the
 * voter may act on that estate, and need not ask the database each time.
 */
export interface MeetingPlace {
  meetingId: string;
  estateId: string;
  townshipId: string;
}

const LIMIT = 10_000;
const known = new Map<string, MeetingPlace>();

export async function meetingPlace(db: Kysely<DB>, meetingId: string): Promise<MeetingPlace> {
  const cached = known.get(meetingId);
  if (cached) return cached;
  const row = await db
    .selectFrom('meetings')
    .innerJoin('estates', 'estates.id', 'meetings.estate_id')
    .select(['meetings.id', 'estates.id as estateId', 'estates.township_id'])
    .where('meetings.id', '=', meetingId)
    .executeTakeFirst();
  if (!row) throw new ProblemError('not-found', 'No such meeting');
  const place = { meetingId: row.id, estateId: row.estateId, townshipId: row.township_id };
  // A plain bound, not an LRU: past it, the oldest entries go first.
  if (known.size >= LIMIT) known.delete(known.keys().next().value!);
  known.set(meetingId, place);
  return place;
}
