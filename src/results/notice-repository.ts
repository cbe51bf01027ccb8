import { type Kysely, sql } from 'kysely';
import type { Channel, DB } from '../db/schema.ts';

/** What a published meeting's result notice is read from: the rows. The notice itself is built in notice.ts. */

/** The meeting's decided motions in order, with their stored reports. */
export async function decidedMotionsOf(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('motions')
    .innerJoin('motion_results', 'motion_results.motion_id', 'motions.id')
    .select(['motions.id', 'motions.position', 'motions.title', 'motion_results.report', 'motion_results.decided_at'])
    .where('motions.meeting_id', '=', meetingId)
    .orderBy('motions.position')
    .execute();
}

/** Each standing ballot of the meeting, with its voter's units, owners and developer mark. */
export async function standingBallotLines(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('current_ballots')
    .innerJoin('motions', 'motions.id', 'current_ballots.motion_id')
    .innerJoin('ballots', 'ballots.id', 'current_ballots.ballot_id')
    .innerJoin('electorate_voters', 'electorate_voters.id', 'current_ballots.voter_id')
    .select([
      'ballots.id',
      'ballots.motion_id',
      'ballots.voter_id',
      'ballots.version',
      'ballots.choice',
      'ballots.spoiled',
      'ballots.channel',
      'ballots.cast_at',
      'electorate_voters.units',
      'electorate_voters.owners',
      'electorate_voters.developer',
    ])
    .where('motions.meeting_id', '=', meetingId)
    .execute();
}

/** The units of the meeting's electorate, as frozen at notice. */
export async function electorateUnitsOf(db: Kysely<DB>, meetingId: string) {
  return db.selectFrom('electorate_units').select(['unit_id', 'building', 'stair', 'room', 'registry_no']).where('meeting_id', '=', meetingId).execute();
}

/** Per standing ballot, the latest earlier version through another channel (R4.4). */
export async function replacedVersions(db: Kysely<DB>, meetingId: string) {
  return sql<{ motion_id: string; voter_id: string; channel: Channel; version: number }>`
      select distinct on (b.motion_id, b.voter_id) b.motion_id, b.voter_id, b.channel, b.version
      from current_ballots cb
      join motions m on m.id = cb.motion_id
      join ballots s on s.id = cb.ballot_id
      join ballots b on b.motion_id = cb.motion_id and b.voter_id = cb.voter_id and b.version < cb.version and b.channel <> s.channel
      where m.meeting_id = ${meetingId} and cb.version > 1
      order by b.motion_id, b.voter_id, b.version desc`.execute(db);
}

/** The named owners' names and kinds (to be masked). */
export async function ownerNames(db: Kysely<DB>, ownerIds: string[]) {
  return db.selectFrom('owners').select(['id', 'name', 'kind']).where('id', '=', sql<string>`any(${ownerIds}::uuid[])`).execute();
}
