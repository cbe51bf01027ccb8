import type { Kysely, Transaction } from 'kysely';
import type { Channel, DB, Meeting } from '../db/schema.ts';
import { timeOrderedIds } from '../lib/time-ordered-ids.ts';
import { ProblemError } from '../problems.ts';
import { receiptOf } from '../receipts/receipt.ts';
import { type BallotBatches, type CastOutcome, castOnlineBallots, type OnlineBallot, outcomeOf } from './ballot-batches.ts';
import { refusalProblem, refusalTextProblem } from './ballot-refusals.ts';
import { castBallotRows, currentBallotRowsOf, lockMeetingBallotsShared, meetingWithVotingRefusal } from './ballots-repository.ts';
import { type Choice, requireValidChoice } from './motion-terms.ts';
import { type MotionTermsCache, motionTerms } from './motion-terms-store.ts';

/**
 * Casting ballots. A voter (one head, R1.2) has one current ballot per
 * motion; every earlier version is kept (invariant 1). Every channel's
 * ballot is decided and written by the database function cast_ballots()
 * (src/voting/sql/ballot-functions.ts), the one home of the acceptance
 * rules: inside the transaction that writes it, under a share lock on the
 * meeting that closing must wait for (invariant 2). The service checks the
 * choice against the motion's frozen terms first (requireValidChoice).
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

/**
 * Holds the meeting's ballot lock (shared: ballots do not wait for each other)
 * and checks that voting is open at this very moment, by the rule ballots are
 * cast under (voting_window_refusal). Closing takes the same lock
 * exclusively, so it waits for every ballot in flight, and every ballot after
 * it sees the meeting closed. An advisory lock, not a row lock: a share lock
 * on the one meeting row would make every concurrent ballot rewrite it. The
 * lock lasts as long as the transaction, hence `Transaction`.
 */
export async function requireOpen(trx: Transaction<DB>, meetingId: string, now: () => Date): Promise<{ meeting: Meeting; at: Date }> {
  await lockMeetingBallotsShared(trx, meetingId);
  // Read the clock only once the lock is held: a close waiting on us cannot have started.
  const at = now();
  const row = await meetingWithVotingRefusal(trx, meetingId, at);
  if (!row) throw new ProblemError('not-found', 'No such meeting');
  const { refusal, ...meeting } = row;
  if (refusal !== null) throw refusalTextProblem(refusal);
  return { meeting, at };
}

/** A ballot an organiser writes: a confirmed paper ballot, or a proxy holder's. */
export interface OrganisedBallot {
  meetingId: string;
  motionId: string;
  voterId: string;
  channel: 'paper' | 'proxy';
  choice: Choice | null;
  spoiled: boolean;
  /** The account writing it: the organiser confirming a paper ballot, or the proxy holder. */
  accountId: string;
  /** Whose vote it is: the owner who signed the paper (null on entries made before it was asked), or the proxy's grantor. */
  ownerId: string | null;
  proxyId?: string;
  paperEntryId?: string;
  /** The instant, read under the meeting's lock (requireOpen). */
  at: Date;
}

/** One organised ballot through cast_ballots(), in the caller's transaction: written, or refused as a problem. */
export async function castBallot(trx: Transaction<DB>, ballot: OrganisedBallot): Promise<Receipt> {
  const ballotId = timeOrderedUuid();
  const outcome = await decide(trx, ballot, ballotId, false);
  return receiptFor({ ...ballot, ballotId, choice: ballot.spoiled ? null : ballot.choice }, outcome);
}

/**
 * Whether cast_ballots() would accept the ballot now, writing nothing: a
 * paper ballot is checked when it is entered and written when a second
 * organiser confirms it. `field` names the request field a refusal of the
 * named owner is about.
 */
export async function checkBallot(trx: Transaction<DB>, ballot: OrganisedBallot, field: string): Promise<void> {
  await decide(trx, ballot, timeOrderedUuid(), true, field);
}

async function decide(trx: Transaction<DB>, ballot: OrganisedBallot, ballotId: string, checkOnly: boolean, field?: string): Promise<CastOutcome> {
  const item = {
    meeting: ballot.meetingId,
    motion: ballot.motionId,
    voter: ballot.voterId,
    account: ballot.accountId,
    choice: ballot.spoiled ? null : ballot.choice,
    ballot: ballotId,
    at: ballot.at.toISOString(),
    channel: ballot.channel,
    owner: ballot.ownerId,
    spoiled: ballot.spoiled,
    proxy: ballot.proxyId ?? null,
    paper: ballot.paperEntryId ?? null,
    check_only: checkOnly,
  };
  const rows = await castBallotRows(trx, [item]);
  const outcome = outcomeOf(rows[0]!);
  if (outcome.code !== null) throw refusalProblem(outcome.code, outcome.message ?? 'Ballot refused', field);
  return outcome;
}

function receiptFor(
  ballot: { ballotId: string; motionId: string; voterId: string; channel: Channel; choice: unknown; spoiled: boolean },
  outcome: CastOutcome,
): Receipt {
  const castAt = outcome.castAt!;
  const version = outcome.version!;
  const { ballotId, motionId, voterId, channel, choice, spoiled } = ballot;
  return {
    ballotId,
    motionId,
    voterId,
    version,
    channel,
    castAt: castAt.toISOString(),
    receipt: receiptOf({ ballotId, motionId, voterId, version, choice, spoiled, channel, castAt }),
    replaced: outcome.replaced,
  };
}

/**
 * An owner casting online: the service's hot path. The choice is checked
 * against the motion's frozen terms here (remembered in `terms`, the app's
 * cache), everything else in cast_ballots, behind the check that the
 * caller's session lives (cast_session_ballots) — with other ballots
 * received at the same time (`batches`), or alone inside the caller's
 * transaction when `db` is one (a ballot with an Idempotency-Key).
 */
export async function castOwnBallot(
  db: Kysely<DB>,
  batches: BallotBatches,
  terms: MotionTermsCache,
  input: { meetingId: string; motionId: string; voterId: string; choice: Choice; accountId: string; session: string; now: () => Date },
): Promise<Receipt> {
  requireValidChoice(await motionTerms(db, terms, input.meetingId, input.motionId), input.choice);
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
  if (outcome.code !== null) throw refusalProblem(outcome.code, outcome.message ?? 'Ballot refused');
  return receiptFor({ ...ballot, channel: 'online', spoiled: false }, outcome);
}

/** Ballot ids: time-ordered, so the ballots table's key index only appends. */
const timeOrderedUuid = timeOrderedIds();

/** What a verified account may vote on in a meeting: each motion's voters it belongs to, with weight and current choice. */
export async function ballotsOf(db: Kysely<DB>, meetingId: string, accountId: string) {
  const rows = await currentBallotRowsOf(db, meetingId, accountId);
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
