import { type Kysely, sql, type Transaction } from 'kysely';
import { asPreparedStatement } from '../db/database.ts';
import type { DB, Meeting } from '../db/schema.ts';
import type { CastRow } from './ballot-batches.ts';

/** Ballots and the meeting's ballot lock: the SQL. The rules are in ballots.ts and in cast_ballots() (src/voting/sql/ballot-functions.ts). */

/** The key of a meeting's ballot lock (meeting_ballots_lock): taken shared by each ballot, exclusively by the close. */
export const meetingLockKey = (meetingId: string) => sql<string>`meeting_ballots_lock(${meetingId}::uuid)`;

/**
 * Takes the meeting's ballot lock shared, until the transaction ends. An
 * advisory lock, not a row lock: a share lock on the one meeting row would
 * make every concurrent ballot rewrite it.
 */
export async function lockMeetingBallotsShared(trx: Transaction<DB>, meetingId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock_shared(${meetingLockKey(meetingId)})`.execute(trx);
}

/** The meeting with why voting_window_refusal() refuses a ballot at `at` (null: it accepts), or undefined. */
export async function meetingWithVotingRefusal(trx: Transaction<DB>, meetingId: string, at: Date): Promise<(Meeting & { refusal: string | null }) | undefined> {
  return trx
    .selectFrom('meetings')
    .selectAll()
    .select(sql<string | null>`voting_window_refusal(status, voting_closes_at, ${at}::timestamptz)`.as('refusal'))
    .where('id', '=', meetingId)
    .executeTakeFirst();
}

/** cast_ballots() over the items, as it takes them (jsonb), in the caller's transaction. */
export async function castBallotRows(trx: Transaction<DB>, items: readonly Record<string, unknown>[]): Promise<CastRow[]> {
  const { rows } = await sql<CastRow>`select * from cast_ballots(${JSON.stringify(items)}::jsonb)`.execute(trx);
  return rows;
}

/**
 * cast_session_ballots() over the items (cast_ballots behind the check that each one's session
 * lives), in the caller's transaction or connection: the online ballots' batch (ballot-batches.ts),
 * the hot path, so sent as a prepared statement.
 */
export async function castSessionBallotRows(db: Kysely<DB>, items: readonly Record<string, unknown>[]): Promise<CastRow[]> {
  const call = sql<CastRow>`select * from cast_session_ballots(${JSON.stringify(items)}::jsonb)`;
  const { rows } = await db.executeQuery(asPreparedStatement('cast_session_ballots', call.compile(db)));
  return rows;
}

/** The voters an account's owners belong to on each motion of the meeting, with each one's current ballot. */
export async function currentBallotRowsOf(db: Kysely<DB>, meetingId: string, accountId: string) {
  return db
    .selectFrom('electorate_voters')
    .innerJoin('motions', 'motions.id', 'electorate_voters.motion_id')
    .leftJoin('current_ballots', (j) =>
      j.onRef('current_ballots.motion_id', '=', 'electorate_voters.motion_id').onRef('current_ballots.voter_id', '=', 'electorate_voters.id'),
    )
    .leftJoin('ballots', 'ballots.id', 'current_ballots.ballot_id')
    .select([
      'motions.id as motionId',
      'motions.position',
      'electorate_voters.id as voterId',
      'electorate_voters.owners',
      'electorate_voters.developer',
      'electorate_voters.area_hundredths',
      'electorate_voters.representative',
      'ballots.choice',
      'ballots.cast_by',
      'ballots.spoiled',
      'ballots.channel',
      'ballots.cast_at',
      'ballots.id as ballotId',
      'current_ballots.version',
    ])
    .where('motions.meeting_id', '=', meetingId)
    .where(
      'electorate_voters.owners',
      '&&',
      sql<string[]>`array(select owner_id from owner_bindings where account_id = ${accountId} and revoked_at is null)`,
    )
    .orderBy('motions.position')
    .execute();
}

/**
 * cast_ballots() asked whether it would accept these ballots now, writing
 * nothing (each item has check_only): what my-ballots tells an owner before
 * they try. Outside a transaction its locks last only the statement.
 */
export async function checkBallotRows(db: Kysely<DB>, items: readonly Record<string, unknown>[]): Promise<CastRow[]> {
  const { rows } = await sql<CastRow>`select * from cast_ballots(${JSON.stringify(items.map((i) => ({ ...i, check_only: true })))}::jsonb)`.execute(db);
  return rows;
}

/** The account's live bindings to owners of one estate, with each one's level of assurance and the owner's name. */
export async function bindingsInEstate(db: Kysely<DB>, accountId: string, estateId: string) {
  return db
    .selectFrom('owner_bindings')
    .innerJoin('owners', 'owners.id', 'owner_bindings.owner_id')
    .select(['owner_bindings.owner_id as ownerId', 'owner_bindings.level'])
    .where('owner_bindings.account_id', '=', accountId)
    .where('owner_bindings.revoked_at', 'is', null)
    .where('owners.estate_id', '=', estateId)
    .execute();
}

/** Registry owners' names and kinds, by id. */
export async function ownerNamesOf(db: Kysely<DB>, ownerIds: readonly string[]) {
  if (ownerIds.length === 0) return [];
  return db.selectFrom('owners').select(['id', 'name', 'kind']).where('id', 'in', [...ownerIds]).execute();
}
