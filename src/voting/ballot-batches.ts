import type { Kysely } from 'kysely';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import type { Channel, DB } from '../db/schema.ts';
import { castSessionBallotRows } from './ballots-repository.ts';

/**
 * Online ballots go to the database in batches: cast_ballots()
 * (src/voting/sql/ballot-functions.ts) decides a batch with one read, two
 * writes and one commit, where one ballot at a time cost a transaction and
 * five statements each. Nothing waits to fill a batch: a ballot is sent at
 * once when fewer than `inFlight` batches are at the database, and
 * otherwise joins the next batch, sent as soon as one returns. At low load
 * every batch holds one ballot; under load a batch holds what arrived
 * while the previous ones were being written — group commit.
 *
 * Each ballot is still decided on its own: a refusal comes back for that
 * ballot alone. If a whole batch fails (a lost connection, a deadlock the
 * database broke, a bug), each of its ballots is retried alone, so one
 * ballot's failure is never its neighbours'. A voter's second ballot
 * waits for a later batch than its first: its version and instant follow
 * from the first one's.
 */

export interface OnlineBallot {
  meetingId: string;
  motionId: string;
  voterId: string;
  accountId: string;
  /** The session of the access token that sent the ballot: a ballot of an ended session is refused (GJ401). */
  session: string;
  choice: unknown;
  ballotId: string;
  at: Date;
}

export interface CastOutcome {
  /** GJ401 (the session has ended), GJ403, GJ404 or GJ409 with a message when refused; null when written. */
  code: string | null;
  message: string | null;
  version: number | null;
  castAt: Date | null;
  replaced: Channel | null;
  owner: string | null;
}

interface Pending {
  readonly ballot: OnlineBallot;
  readonly key: string;
  resolve(outcome: CastOutcome): void;
  reject(err: unknown): void;
}

/** A row of cast_ballots() and cast_session_ballots(). */
export interface CastRow {
  o_item: number;
  o_code: string | null;
  o_message: string | null;
  o_version: number | null;
  o_cast_at: Date | null;
  o_replaced: Channel | null;
  o_owner: string | null;
}

export function outcomeOf(row: CastRow): CastOutcome {
  return { code: row.o_code, message: row.o_message, version: row.o_version, castAt: row.o_cast_at, replaced: row.o_replaced, owner: row.o_owner };
}

/** Sends one batch in the caller's transaction or connection; outcomes in the order of `ballots`. */
export async function castOnlineBallots(db: Kysely<DB>, ballots: readonly OnlineBallot[]): Promise<CastOutcome[]> {
  const items = ballots.map((b) => ({
    meeting: b.meetingId,
    motion: b.motionId,
    voter: b.voterId,
    account: b.accountId,
    session: b.session,
    choice: b.choice,
    ballot: b.ballotId,
    at: b.at.toISOString(),
  }));
  // cast_ballots with the check that each ballot's session lives in the same statement
  // (cast_session_ballots, src/voting/sql/ballot-functions.ts): the ballot route asks it nowhere else.
  const rows = await castSessionBallotRows(db, items);
  if (rows.length !== ballots.length) throw new Error(`cast_session_ballots answered ${rows.length} of ${ballots.length} ballots`);
  const outcomes = new Array<CastOutcome>(ballots.length);
  for (const row of rows) outcomes[row.o_item - 1] = outcomeOf(row);
  return outcomes;
}

export interface BatchOptions {
  /**
   * Batches at the database at once; the rest of the pool stays free for
   * everything else. Two keep both cores of the database busy while a batch
   * commits; more only make each batch smaller (docs/benchmarks.md).
   */
  inFlight: number;
  /** Ballots per batch at most. */
  maxBatch: number;
}

export class BallotBatches {
  private queue: Pending[] = [];
  private sending = 0;
  private batches = 0;
  private ballots = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: BatchOptions,
  ) {}

  cast(ballot: OnlineBallot): Promise<CastOutcome> {
    return new Promise<CastOutcome>((resolve, reject) => {
      this.queue.push({ ballot, key: `${ballot.motionId}:${ballot.voterId}`, resolve, reject });
      this.pump();
    });
  }

  /** Ballots waiting, batches at the database, and batches and ballots sent so far. */
  get statistics(): { waiting: number; sending: number; batches: number; ballots: number } {
    return { waiting: this.queue.length, sending: this.sending, batches: this.batches, ballots: this.ballots };
  }

  private pump(): void {
    while (this.sending < this.options.inFlight && this.queue.length > 0) {
      const batch = this.take();
      this.sending++;
      void this.send(batch).finally(() => {
        this.sending--;
        this.pump();
      });
    }
  }

  /** The next batch: waiting ballots in order of arrival, one per (motion, voter). */
  private take(): Pending[] {
    const batch: Pending[] = [];
    const keys = new Set<string>();
    const rest: Pending[] = [];
    for (const pending of this.queue) {
      if (batch.length < this.options.maxBatch && !keys.has(pending.key)) {
        keys.add(pending.key);
        batch.push(pending);
      } else {
        rest.push(pending);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async send(batch: Pending[]): Promise<void> {
    this.batches++;
    this.ballots += batch.length;
    let outcomes: CastOutcome[];
    try {
      outcomes = await castOnlineBallots(this.db, batch.map((p) => p.ballot));
    } catch (err) {
      // One at a time would only fail again, each after its own wait, while the database is away.
      if (batch.length === 1 || isDatabaseUnavailable(err)) {
        for (const pending of batch) pending.reject(err);
        return;
      }
      // Each alone, so only the ballot that fails again is refused.
      for (const pending of batch) {
        try {
          const [outcome] = await castOnlineBallots(this.db, [pending.ballot]);
          pending.resolve(outcome!);
        } catch (alone) {
          pending.reject(alone);
        }
      }
      return;
    }
    for (let i = 0; i < batch.length; i++) batch[i]!.resolve(outcomes[i]!);
  }
}
