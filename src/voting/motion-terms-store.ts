import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import type { Motion } from '../tally/index.ts';
import { motionOf, noSuchMotion } from './motion-terms.ts';
import { selectMotionTerms } from './motion-terms-repository.ts';

/**
 * A motion's terms, as ballots are checked against them. They never change
 * once the notice is out, and ballots are cast only after that: the app
 * remembers them per motion (src/caches.ts), so the ballot route need not
 * read them for every vote.
 */

export type MotionTermsCache = BoundedMap<string, Motion>;

export const motionTermsCache = (): MotionTermsCache => new BoundedMap(10_000);

/** The motion's terms, read now; 404 when the motion is not the meeting's. */
export async function requireMotionTerms(db: Kysely<DB>, meetingId: string, motionId: string): Promise<{ motion: Motion; frozen: boolean }> {
  const row = await selectMotionTerms(db, meetingId, motionId);
  if (!row) throw noSuchMotion();
  return { motion: motionOf(row), frozen: row.status !== 'draft' };
}

/** The motion's terms, remembered in `cache` once frozen. */
export async function motionTerms(db: Kysely<DB>, cache: MotionTermsCache, meetingId: string, motionId: string): Promise<Motion> {
  const key = `${meetingId}:${motionId}`;
  const known = cache.get(key);
  if (known) return known;
  const { motion, frozen } = await requireMotionTerms(db, meetingId, motionId);
  if (frozen) cache.set(key, motion);
  return motion;
}
