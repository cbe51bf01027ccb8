import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { v7 as timeOrderedUuid } from 'uuid';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { Channel, DB, Meeting } from '../db/schema.ts';
import { validateEstateSettings } from '../places/estate-settings.ts';
import { ProblemError } from '../problems.ts';
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

export function receiptOf(b: { ballotId: string; motionId: string; voterId: string; version: number; choice: unknown; spoiled: boolean; channel: Channel; castAt: Date }): string {
  const content = canonicalJson({ ...b, castAt: b.castAt.toISOString() });
  return createHash('sha256').update(content).digest('hex');
}

/** Locks the meeting against closing and checks that voting is open at this very moment. */
export async function requireOpen(trx: Kysely<DB>, meetingId: string, now: () => Date): Promise<{ meeting: Meeting; at: Date }> {
  const meeting = await trx.selectFrom('meetings').selectAll().where('id', '=', meetingId).forShare().executeTakeFirst();
  if (!meeting) throw new ProblemError('not-found', 'No such meeting');
  // Read the clock only once the lock is held: a close waiting on us cannot have started.
  const at = now();
  if (meeting.status !== 'open') {
    throw new ProblemError('conflict', meeting.status === 'noticed' ? 'Voting has not opened yet' : `Voting is not open: the meeting is ${meeting.status}`);
  }
  if (at.getTime() >= meeting.voting_closes_at.getTime()) {
    throw new ProblemError('conflict', `Voting closed at ${meeting.voting_closes_at.toISOString()}`, { closedAt: meeting.voting_closes_at.toISOString() });
  }
  return { meeting, at };
}

/** Writes a new version of the voter's ballot and makes it current. The caller has checked who may cast it. */
export async function writeBallot(trx: Kysely<DB>, input: BallotInput, opening: { at: Date; closesAt: Date }, personal: boolean): Promise<Receipt> {
  const motion = await trx
    .selectFrom('motions')
    .select(['id', 'terms'])
    .where('id', '=', input.motionId)
    .where('meeting_id', '=', input.meetingId)
    .executeTakeFirst();
  if (!motion) throw new ProblemError('not-found', 'No such motion in this meeting');
  if (!input.spoiled) {
    const problem = choiceProblem(motionOf(motion), input.choice);
    if (problem) {
      throw new ProblemError('validation-failed', problem, { errors: [{ path: 'body.choice', message: problem }] });
    }
  }
  // One voter's ballots are written one at a time: versions never collide.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${input.motionId}:${input.voterId}`}, 0))`.execute(trx);
  const current = await trx
    .selectFrom('current_ballots')
    .innerJoin('ballots', 'ballots.id', 'current_ballots.ballot_id')
    .select(['current_ballots.version', 'current_ballots.personal', 'ballots.channel', 'ballots.cast_at'])
    .where('current_ballots.motion_id', '=', input.motionId)
    .where('current_ballots.voter_id', '=', input.voterId)
    .executeTakeFirst();
  if (current?.personal && !personal) {
    // R4.3: the owner's own ballot overrides the proxy's, whatever the order.
    throw new ProblemError('conflict', 'The owner has voted personally on this motion; a proxy ballot cannot replace it');
  }
  // A voter's versions get strictly increasing instants, so "the latest stands"
  // is never ambiguous, even for changes within one millisecond.
  const at = current && current.cast_at.getTime() >= opening.at.getTime() ? new Date(current.cast_at.getTime() + 1) : opening.at;
  if (at.getTime() >= opening.closesAt.getTime()) {
    throw new ProblemError('conflict', `Voting closed at ${opening.closesAt.toISOString()}`, { closedAt: opening.closesAt.toISOString() });
  }
  const version = (current?.version ?? 0) + 1;
  const ballotId = timeOrderedUuid();
  const spoiled = input.spoiled ?? false;
  const choice = spoiled ? null : input.choice;
  const receipt = receiptOf({ ballotId, motionId: input.motionId, voterId: input.voterId, version, choice, spoiled, channel: input.channel, castAt: at });
  await trx
    .insertInto('ballots')
    .values({
      id: ballotId,
      motion_id: input.motionId,
      voter_id: input.voterId,
      version,
      choice: JSON.stringify(choice),
      spoiled,
      channel: input.channel,
      cast_by: input.accountId,
      owner_id: input.ownerId ?? null,
      proxy_id: input.proxyId ?? null,
      paper_entry_id: input.paperEntryId ?? null,
      cast_at: at,
      receipt,
    })
    .execute();
  await trx
    .insertInto('current_ballots')
    .values({ motion_id: input.motionId, voter_id: input.voterId, ballot_id: ballotId, version, personal })
    .onConflict((oc) =>
      oc.columns(['motion_id', 'voter_id']).doUpdateSet({ ballot_id: ballotId, version, personal: personal || (current?.personal ?? false) }),
    )
    .execute();
  return {
    ballotId,
    motionId: input.motionId,
    voterId: input.voterId,
    version,
    channel: input.channel,
    castAt: at.toISOString(),
    receipt,
    replaced: current?.channel ?? null,
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
 * representative the co-owners designated (R1.4).
 */
export async function castOwnBallot(trx: Kysely<DB>, input: Omit<BallotInput, 'channel' | 'ownerId'>): Promise<Receipt> {
  const { meeting, at } = await requireOpen(trx, input.meetingId, input.now);
  const voter = await requireVoter(trx, input.motionId, input.voterId);
  const binding = await trx
    .selectFrom('owner_bindings')
    .select('owner_id')
    .where('account_id', '=', input.accountId)
    .where('revoked_at', 'is', null)
    .where('owner_id', '=', sql<string>`any(${voter.owners}::uuid[])`)
    .orderBy('owner_id')
    .execute();
  if (binding.length === 0) throw new ProblemError('forbidden', 'You are not a verified owner of this voter');
  let ownerId = binding[0]!.owner_id;
  if (voter.owners.length > 1 && !voter.developer) {
    const estate = await trx.selectFrom('estates').select('settings').where('id', '=', meeting.estate_id).executeTakeFirstOrThrow();
    if (validateEstateSettings(estate.settings).coOwnerVoting === 'representative') {
      if (voter.representative === null) {
        throw new ProblemError('forbidden', 'The co-owners have not designated who casts their vote (R1.4); ask the organisers to record it');
      }
      if (!binding.some((b) => b.owner_id === voter.representative)) {
        throw new ProblemError('forbidden', 'Only the co-owners’ designated representative may cast this vote (R1.4)');
      }
      ownerId = voter.representative;
    }
  }
  return writeBallot(trx, { ...input, channel: 'online', ownerId }, { at, closesAt: meeting.voting_closes_at }, true);
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
      'ballots.receipt',
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
  return rows;
}
