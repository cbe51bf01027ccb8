import { type Kysely, sql } from 'kysely';
import type { AssuranceLevel, DB, MeetingStatus } from '../db/schema.ts';

/** The rows of an owner's home: the meetings of their estates and what they may vote on in each. The logic is in my-meetings.ts. */

export interface OwnerMeetingRow {
  id: string;
  estate_id: string;
  estate_name: string;
  time_zone: string;
  kind: 'regular' | 'temporary';
  title: string;
  status: MeetingStatus;
  voting_opens_at: Date;
  voting_closes_at: Date;
  noticed_at: Date | null;
  opened_at: Date | null;
  closed_at: Date | null;
  /** The level online ballots need, frozen when voting opened (null: not yet open, or opened before levels existed). */
  min_assurance: AssuranceLevel | null;
  motions: number;
}

/** The estates' meetings past their draft, newest voting first. */
export async function publicMeetingsOfEstates(db: Kysely<DB>, estateIds: readonly string[], limit: number): Promise<OwnerMeetingRow[]> {
  if (estateIds.length === 0) return [];
  return db
    .selectFrom('meetings')
    .innerJoin('estates', 'estates.id', 'meetings.estate_id')
    .select([
      'meetings.id',
      'meetings.estate_id',
      'estates.name as estate_name',
      'estates.time_zone',
      'meetings.kind',
      'meetings.title',
      'meetings.status',
      'meetings.voting_opens_at',
      'meetings.voting_closes_at',
      'meetings.noticed_at',
      'meetings.opened_at',
      'meetings.closed_at',
      'meetings.min_assurance',
    ])
    .select((eb) => eb.selectFrom('motions').select(sql<number>`count(*)::int`.as('n')).whereRef('motions.meeting_id', '=', 'meetings.id').as('motions'))
    .where('meetings.estate_id', 'in', estateIds)
    .where('meetings.status', '<>', 'draft')
    .orderBy('meetings.voting_opens_at', 'desc')
    .orderBy('meetings.created_at', 'desc')
    .limit(limit)
    .$narrowType<{ motions: number }>()
    .execute();
}

/**
 * Per meeting, the motions whose electorate (frozen when voting opened) holds a voter of an owner the
 * account is bound to now, and of those the motions on which every such voter has a ballot standing.
 */
export async function myMotionCounts(db: Kysely<DB>, meetingIds: readonly string[], accountId: string): Promise<{ meeting_id: string; may_vote: number; voted: number }[]> {
  if (meetingIds.length === 0) return [];
  const perMotion = db
    .selectFrom('electorate_voters')
    .innerJoin('motions', 'motions.id', 'electorate_voters.motion_id')
    .leftJoin('current_ballots', (j) =>
      j.onRef('current_ballots.motion_id', '=', 'electorate_voters.motion_id').onRef('current_ballots.voter_id', '=', 'electorate_voters.id'),
    )
    .select(['motions.meeting_id', 'motions.id as motion_id', sql<boolean>`bool_and(current_ballots.ballot_id is not null)`.as('voted')])
    .where('motions.meeting_id', 'in', meetingIds)
    .where('electorate_voters.owners', '&&', sql<string[]>`array(select owner_id from owner_bindings where account_id = ${accountId} and revoked_at is null)`)
    .groupBy(['motions.meeting_id', 'motions.id'])
    .as('per_motion');
  return db
    .selectFrom(perMotion)
    .select(['per_motion.meeting_id', sql<number>`count(*)::int`.as('may_vote'), sql<number>`count(*) filter (where per_motion.voted)::int`.as('voted')])
    .groupBy('per_motion.meeting_id')
    .execute();
}

/** The levels of the account's live bindings, by estate. */
export async function myBindingLevels(db: Kysely<DB>, accountId: string): Promise<{ estate_id: string; level: AssuranceLevel }[]> {
  return db
    .selectFrom('owner_bindings')
    .innerJoin('owners', 'owners.id', 'owner_bindings.owner_id')
    .select(['owners.estate_id', 'owner_bindings.level'])
    .where('owner_bindings.account_id', '=', accountId)
    .where('owner_bindings.revoked_at', 'is', null)
    .execute();
}
