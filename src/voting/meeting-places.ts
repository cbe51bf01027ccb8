import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import { ProblemError } from '../problems.ts';
import { selectMeetingPlace } from './meeting-places-repository.ts';

/**
 * Which estate and township a meeting belongs to. That never changes, so the
 * app remembers it (src/caches.ts): the ballot route asks it for every vote,
 * to check that the voter may act on that estate, and need not ask the
 * database each time.
 */
export interface MeetingPlace {
  meetingId: string;
  estateId: string;
  townshipId: string;
}

export type MeetingPlaces = BoundedMap<string, MeetingPlace>;

export const meetingPlaces = (): MeetingPlaces => new BoundedMap(10_000);

export async function meetingPlace(db: Kysely<DB>, known: MeetingPlaces, meetingId: string): Promise<MeetingPlace> {
  const cached = known.get(meetingId);
  if (cached) return cached;
  const row = await selectMeetingPlace(db, meetingId);
  if (!row) throw new ProblemError('not-found', 'No such meeting');
  const place = { meetingId: row.id, estateId: row.estateId, townshipId: row.township_id };
  known.set(meetingId, place);
  return place;
}
