import { type Kysely, sql } from 'kysely';
import type { Channel, DB, Meeting } from '../db/schema.ts';
import { timeOrderedIds } from '../lib/time-ordered-ids.ts';
import { ProblemError } from '../problems.ts';
import { receiptOf } from '../receipts/receipt.ts';
import type { Motion } from '../tally/index.ts';
import { type BallotBatches, castOnlineBallots, type OnlineBallot } from './ballot-batches.ts';
import { type Choice, choiceProblem, motionOf } from './motion-terms.ts';

/**
 * Casting ballots. A voter (one head, R1.2) has one current ballot per
 * motion; every earlier version is kept (invariant 1). Whether the motion is
 * still open is decided inside the transaction that writes the ballot, after
 * taking a share lock on the meeting that closing must wait for (invariant 2).
 */

export interface Receipt {
  ballotId: string;
  motionId: string;
  voterId: string;
  version: number;
  channel: Channel;
  castAt: string;
  /** SHA-256 of the ballot's canonical content: the owner can find it in the published result. */
  receipt: string;
  /** The channel of the ballot this one replaced, if any (R4.4: the latest stands). */
  replaced: Channel | null;
}

export interface BallotInput {
  meetingId: string;
  motionId: string;
  voterId: string;
  choice: Choice;
  spoiled?: boolean;
  channel: Channel;
  /** The account casting: the owner, the proxy holder, or the organiser confirming a paper ballot. */
  accountId: string;
  /** Who the vote belongs to: for online ballots found from the account's bindings. */
  ownerId?: string | null;
  proxyId?: string | null;
  paperEntryId?: string | null;
  now: () => Date;
}

/**
 * Holds the meeting's ballot lock (shared: ballots do not wait for each other)
 * and checks that voting is open at this very moment. Closing takes the same
 * lock exclusively, so it waits for every ballot in flight, and every ballot
 * after it sees the meeting closed. An advisory lock, not a row lock: a share
 * lock on the one meeting row would make every concurrent ballot rewrite it.
 */
export async function requireOpen(trx: Kysely<DB>, meetingId: string, now: () => Date): Promise<{ meeting: Meeting; at: Date }> {
  await sql`select pg_advisory_xact_lock_shared(${meetingLockKey(meetingId)})`.execute(trx);
  const meeting = await trx.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) throw new ProblemError('not-found', 'No such meeting');
  // Read the clock only once the lock is held: a close waiting on us cannot have started.
  const at = now();
  checkOpen(meeting.status, meeting.voting_closes_at, at);
  return { meeting, at };
}

function checkOpen(status: Meeting['status'], closesAt: Date, at: Date) {
  if (status !== 'open') {
    throw new ProblemError('conflict', status === 'noticed' ? 'Voting has not opened yet' : `Voting is not open: the meeting is ${status}`);
  }
  if (at.getTime() >= closesAt.getTime()) {
    throw new ProblemError('conflict', `Voting closed at ${closesAt.toISOString()}`, { closedAt: closesAt.toISOString() });
  }
}

/** The key of a meeting's ballot lock: taken shared by each ballot, exclusively by the close. */
// Keys are built in SQL from the ids cast to uuid, so "ABC…" and "abc…" name the same lock, as in cast_online_ballot().
export const meetingLockKey = (meetingId: string) => sql<string>`hashtextextended('meeting-ballots:' || ${meetingId}::uuid, 0)`;

/** What a voter's current ballot is, read under the voter's lock. */
interface VoterState {
  version: number | null;
  personal: boolean;
  channel: Channel | null;
  castAt: Date | null;
}

/** Serialises one voter's ballots on one motion: versions never collide. */
const voterLock = (motionId: string, voterId: string) => sql<string>`hashtextextended(${motionId}::uuid || ':' || ${voterId}::uuid, 0)`;

/** Writes a new version of the voter's ballot and makes it current. The caller has checked who may cast it. */
export async function writeBallot(trx: Kysely<DB>, input: BallotInput, opening: { at: Date; closesAt: Date }, personal: boolean): Promise<Receipt> {
  const motion = await trx
    .selectFrom('motions')
    .select(['id', 'terms'])
    .where('id', '=', input.motionId)
    .where('meeting_id', '=', input.meetingId)
    .executeTakeFirst();
  if (!motion) throw new ProblemError('not-found', 'No such motion in this meeting');
  await sql`select pg_advisory_xact_lock(${voterLock(input.motionId, input.voterId)})`.execute(trx);
  const current = await trx
    .selectFrom('current_ballots')
    .innerJoin('ballots', 'ballots.id', 'current_ballots.ballot_id')
    .select(['current_ballots.version', 'current_ballots.personal', 'ballots.channel', 'ballots.cast_at'])
    .where('current_ballots.motion_id', '=', input.motionId)
    .where('current_ballots.voter_id', '=', input.voterId)
    .executeTakeFirst();
  const state: VoterState = {
    version: current?.version ?? null,
    personal: current?.personal ?? false,
    channel: current?.channel ?? null,
    castAt: current?.cast_at ?? null,
  };
  return insertVersion(trx, input, motionOf(motion), state, opening, personal);
}

async function insertVersion(
  trx: Kysely<DB>,
  input: BallotInput,
  motion: Motion,
  current: VoterState,
  opening: { at: Date; closesAt: Date },
  personal: boolean,
): Promise<Receipt> {
  if (!input.spoiled) {
    const problem = choiceProblem(motion, input.choice);
    if (problem) throw new ProblemError('validation-failed', problem, { errors: [{ path: 'body.choice', message: problem }] });
  }
  if (current.personal && !personal) {
    // R4.3: the owner's own ballot overrides the proxy's, whatever the order.
    throw new ProblemError('conflict', 'The owner has voted personally on this motion; a proxy ballot cannot replace it');
  }
  // A voter's versions get strictly increasing instants, so "the latest stands"
  // is never ambiguous, even for changes within one millisecond.
  const at = current.castAt && current.castAt.getTime() >= opening.at.getTime() ? new Date(current.castAt.getTime() + 1) : opening.at;
  if (at.getTime() >= opening.closesAt.getTime()) {
    throw new ProblemError('conflict', `Voting closed at ${opening.closesAt.toISOString()}`, { closedAt: opening.closesAt.toISOString() });
  }
  const version = (current.version ?? 0) + 1;
  const ballotId = timeOrderedUuid();
  const spoiled = input.spoiled ?? false;
  const choice = spoiled ? null : input.choice;
  const receipt = receiptOf({ ballotId, motionId: input.motionId, voterId: input.voterId, version, choice, spoiled, channel: input.channel, castAt: at });
  // The new version and the current pointer in one statement: one round trip on the hot path.
  await sql`
    with ballot as (
      insert into ballots (id, motion_id, voter_id, version, choice, spoiled, channel, cast_by, owner_id, proxy_id, paper_entry_id, cast_at)
      values (${ballotId}, ${input.motionId}, ${input.voterId}, ${version}, ${JSON.stringify(choice)}::jsonb, ${spoiled}, ${input.channel},
              ${input.accountId}, ${input.ownerId ?? null}, ${input.proxyId ?? null}, ${input.paperEntryId ?? null}, ${at})
      returning id)
    insert into current_ballots (motion_id, voter_id, ballot_id, version, personal)
    select ${input.motionId}, ${input.voterId}, ballot.id, ${version}, ${personal || current.personal} from ballot
    on conflict (motion_id, voter_id) do update
      set ballot_id = excluded.ballot_id, version = excluded.version, personal = excluded.personal`.execute(trx);
  return {
    ballotId,
    motionId: input.motionId,
    voterId: input.voterId,
    version,
    channel: input.channel,
    castAt: at.toISOString(),
    receipt,
    replaced: current.channel,
  };
}

/** The voter row of a motion's electorate, or a refusal naming why this voter cannot vote here. */
export async function requireVoter(trx: Kysely<DB>, motionId: string, voterId: string) {
  const voter = await trx
    .selectFrom('electorate_voters')
    .select(['id', 'owners', 'representative', 'developer', 'area_hundredths'])
    .where('id', '=', voterId)
    .where('motion_id', '=', motionId)
    .executeTakeFirst();
  if (!voter) throw new ProblemError('forbidden', "This voter is not in the motion's electorate (outside its scope, or not an owner when voting opened)");
  return voter;
}

/**
 * An owner casting online: the account must be bound to one of the voter's
 * owners now; under coOwnerVoting "representative" it must be the
 * representative the co-owners designated (R1.4). The service's hot path:
 * the choice is checked against the motion's frozen terms here, everything
 * else in the database function cast_online_ballots
 * (migrations/0008_ballot_batches.ts), behind the check that the caller's
 * session lives (cast_session_ballots, migrations/0010_live_sessions.ts) — with other ballots received at the
 * same time (`batches`), or alone inside the caller's transaction when `db`
 * is one (a ballot with an Idempotency-Key).
 */
export async function castOwnBallot(
  db: Kysely<DB>,
  batches: BallotBatches,
  input: Omit<BallotInput, 'channel' | 'ownerId'> & { session: string },
): Promise<Receipt> {
  const motion = await motionTerms(db, input.meetingId, input.motionId);
  const problem = choiceProblem(motion, input.choice);
  if (problem) throw new ProblemError('validation-failed', problem, { errors: [{ path: 'body.choice', message: problem }] });
  const ballot: OnlineBallot = {
    meetingId: input.meetingId,
    motionId: input.motionId,
    voterId: input.voterId,
    accountId: input.accountId,
    session: input.session,
    choice: input.choice,
    ballotId: timeOrderedUuid(),
    at: input.now(),
  };
  const outcome = db.isTransaction ? (await castOnlineBallots(db, [ballot]))[0]! : await batches.cast(ballot);
  if (outcome.code !== null) throw refusal(outcome.code, outcome.message ?? 'Ballot refused');
  const castAt = outcome.castAt!;
  const version = outcome.version!;
  return {
    ballotId: ballot.ballotId,
    motionId: input.motionId,
    voterId: input.voterId,
    version,
    channel: 'online',
    castAt: castAt.toISOString(),
    receipt: receiptOf({ ballotId: ballot.ballotId, motionId: input.motionId, voterId: input.voterId, version, choice: input.choice, spoiled: false, channel: 'online', castAt }),
    replaced: outcome.replaced,
  };
}

/** Ballot ids: time-ordered, so the ballots table's key index only appends. */
const timeOrderedUuid = timeOrderedIds();

const REFUSALS: Record<string, 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict'> = {
  GJ401: 'unauthenticated',
  GJ403: 'forbidden',
  GJ404: 'not-found',
  GJ409: 'conflict',
};

/** The database function's refusals (GJ401, GJ403, GJ404, GJ409) as problems. */
function refusal(code: string, message: string): Error {
  const slug = REFUSALS[code];
  return slug ? new ProblemError(slug, message) : new Error(`cast_online_ballots answered ${code}: ${message}`);
}

/**
 * A motion's terms never change once the notice is out, and ballots are cast
 * only after that: they are remembered per motion.
 */
const terms = new Map<string, Motion>();
async function motionTerms(db: Kysely<DB>, meetingId: string, motionId: string): Promise<Motion> {
  const key = `${meetingId}:${motionId}`;
  const known = terms.get(key);
  if (known) return known;
  const row = await db
    .selectFrom('motions')
    .innerJoin('meetings', 'meetings.id', 'motions.meeting_id')
    .select(['motions.id', 'motions.terms', 'meetings.status'])
    .where('motions.id', '=', motionId)
    .where('motions.meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!row) throw new ProblemError('not-found', 'No such motion in this meeting');
  const motion = motionOf(row);
  if (row.status !== 'draft') {
    if (terms.size >= 10_000) terms.delete(terms.keys().next().value!);
    terms.set(key, motion);
  }
  return motion;
}

/** What a verified account may vote on in a meeting: each motion's voters it belongs to, with weight and current choice. */
export async function ballotsOf(db: Kysely<DB>, meetingId: string, accountId: string) {
  const rows = await db
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
      'ballots.choice',
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
  return rows.map((r) => ({
    ...r,
    receipt:
      r.ballotId === null || r.version === null || r.cast_at === null || r.channel === null
        ? null
        : receiptOf({
            ballotId: r.ballotId,
            motionId: r.motionId,
            voterId: r.voterId,
            version: r.version,
            choice: r.choice,
            spoiled: r.spoiled ?? false,
            channel: r.channel,
            castAt: r.cast_at,
          }),
  }));
}
