import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The ballot rows receipts are derived from (receipts are never stored). The logic is in receipts.ts. */

/** Every ballot version cast in the meeting. */
export async function ballotsOfMeeting(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('ballots')
    .innerJoin('motions', 'motions.id', 'ballots.motion_id')
    .select(['ballots.id', 'ballots.motion_id', 'ballots.voter_id', 'ballots.version', 'ballots.choice', 'ballots.spoiled', 'ballots.channel', 'ballots.cast_at'])
    .where('motions.meeting_id', '=', meetingId)
    .execute();
}

/** The voter's ballot that stands on the motion (its latest version). */
export async function standingBallotOf(db: Kysely<DB>, motionId: string, voterId: string) {
  return db
    .selectFrom('current_ballots')
    .select('ballot_id')
    .where('motion_id', '=', motionId)
    .where('voter_id', '=', voterId)
    .executeTakeFirstOrThrow();
}
