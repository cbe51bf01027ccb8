import type { Kysely } from 'kysely';
import type { AssuranceLevel, Channel, DB } from '../db/schema.ts';

/** The meeting's standing ballots counted per motion, channel and the level of the binding that cast them (null: paper, proxy). */
export async function standingBallotsByAssurance(
  db: Kysely<DB>,
  meetingId: string,
): Promise<{ motion_id: string; channel: Channel; level: AssuranceLevel | null; ballots: string }[]> {
  return db
    .selectFrom('current_ballots')
    .innerJoin('motions', 'motions.id', 'current_ballots.motion_id')
    .innerJoin('ballots', 'ballots.id', 'current_ballots.ballot_id')
    .select((eb) => ['current_ballots.motion_id', 'ballots.channel', 'ballots.assurance_level as level', eb.fn.countAll<string>().as('ballots')])
    .where('motions.meeting_id', '=', meetingId)
    .groupBy(['current_ballots.motion_id', 'ballots.channel', 'ballots.assurance_level'])
    .execute();
}
