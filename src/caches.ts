import { type PublishedReceipts, publishedReceipts } from './results/receipts.ts';
import { type MeetingPlaces, meetingPlaces } from './voting/meeting-places.ts';
import { type MotionTermsCache, motionTermsCache } from './voting/motion-terms-store.ts';
import { type TookPartCache, tookPartCache } from './township/overview.ts';
import { type ParticipationCache, participationCache } from './voting/participation.ts';

/**
 * What an app instance remembers of things that never change once known.
 * Each app has its own (buildApp creates them; decorated as `app.caches`):
 * two apps in one process — tests, a worker beside an API — share none.
 * The job handlers use none of them.
 */
export interface Caches {
  /** A motion's terms once the notice froze them: the ballot route checks every choice against them. */
  motionTerms: MotionTermsCache;
  /** A meeting's estate and township: the ballot route authorizes every vote with them. */
  meetingPlaces: MeetingPlaces;
  /** A published meeting's ballots by receipt. */
  receipts: PublishedReceipts;
  /** An open meeting's frozen electorate by place, and its participation at the last count of current ballots (the cockpit). */
  participation: ParticipationCache;
  /** Each open motion's took-part area at its last count of current ballots (the township overview). */
  tookPart: TookPartCache;
}

export function createCaches(): Caches {
  return { motionTerms: motionTermsCache(), meetingPlaces: meetingPlaces(), receipts: publishedReceipts(), participation: participationCache(), tookPart: tookPartCache() };
}
