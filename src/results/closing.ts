import type { Kysely, Transaction } from 'kysely';
import { besideSnapshot, type CopyOut, copyOutOf, NoBesideConnection } from '../db/database.ts';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB, Meeting, MotionRow } from '../db/schema.ts';
import { estateSettingsOf } from '../places/estate-settings.ts';
import { estateColumns } from '../places/estates-repository.ts';
import { ProblemError } from '../problems.ts';
import { countCurrentBallots, forLargeReads, lockOutBallots, markClosed, markTallied } from './closing-repository.ts';
import { findAnomalies, type FoundAnomaly, storeAnomalies } from './anomalies.ts';
import { holdForDiscrepancy } from './discrepancies.ts';
import { insertMotionResults } from './motion-results-repository.ts';
import { tallyRecordsOf } from './records.ts';
import { compareRecounts, type Recounted, recountRecord } from './recount.ts';
import { type Sealed, sealMeeting } from './seal.ts';
import { streamRecords } from './streamed-records.ts';
import { buildReport, decide, type Report, type Settings, type Totals } from '../tally/index.ts';
import { motionsOf, requireMeeting } from '../voting/meetings-repository.ts';
import { largeMeeting } from '../voting/snapshot.ts';
import { motionOf } from '../voting/motion-terms.ts';
import { emitEvents } from '../webhooks/events.ts';

/**
 * Closing a meeting: no more ballots (the meeting's ballot lock is taken
 * exclusively, so every ballot still being written finishes first, and every
 * later one sees the meeting closed), then each motion is aggregated in SQL and decided by
 * the tally engine's `decide` — the same code the command-line verifier runs.
 * Then the tally record each result will be sealed with is recounted by the
 * engine (`tallyRecord`, as `gongjue verify` does) and the two results are
 * compared: a meeting whose figures differ is held in 'discrepancy' — no
 * result stored, nothing published — and the township and the admins are told.
 * Closing twice, or by two callers at once, yields one result (invariant 4).
 */

export interface CloseOutcome {
  meetingId: string;
  status: Meeting['status'];
  /** false when the meeting had already been closed by someone else. */
  closedNow: boolean;
}

/** Statuses of a meeting whose voting has closed: closing it again changes nothing. */
const CLOSED: readonly Meeting['status'][] = ['closed', 'tallied', 'published', 'discrepancy'];

/**
 * `root`: the database `trx` is a transaction of. With it, a large meeting's SQL aggregate and anomaly reads run on a
 * second connection in this transaction's snapshot while this one streams the records (countStreamed).
 */
export async function closeMeeting(trx: Transaction<DB>, meetingId: string, actor: string, now: Date, root?: Kysely<DB>): Promise<CloseOutcome> {
  // Wait for every ballot in flight (they hold this lock shared); later ones will see the meeting closed.
  await lockOutBallots(trx, meetingId);
  const meeting = await requireMeeting(trx, meetingId, { lock: 'update' });
  if (CLOSED.includes(meeting.status)) {
    return { meetingId, status: meeting.status, closedNow: false };
  }
  if (meeting.status !== 'open') throw new ProblemError('conflict', `Cannot close: the meeting is ${meeting.status}`);
  if (now.getTime() < meeting.voting_closes_at.getTime()) {
    throw new ProblemError('conflict', `Voting closes at ${meeting.voting_closes_at.toISOString()}; it cannot be closed before`);
  }
  await markClosed(trx, meeting.id, now);
  const inputs = await countingInputs(trx, meeting);
  // A large meeting streams its records where COPY can be had (PostgreSQL; not the embedded PGlite).
  const copy = electorateOf(inputs.rows) >= closeStreaming.fromVoters ? await copyOutOf(trx) : null;
  // The flags (R7.3) are looked for while the engine recounts: they read only what the ballots and bindings are, and
  // the connection would idle meanwhile (4.4 s of PostgreSQL's CPU for 800,000 ballots, after the recount, before).
  const tallied = { ...meeting, status: 'tallied' as const, closed_at: now };
  const { records, recounted, decided, sealed, anomalies } = copy
    ? await countStreamed(trx, copy, meeting, inputs, tallied, root)
    : await countInMemory(trx, meeting, inputs, tallied);
  const reports = new Map(decided.map((d) => [d.row.id, d.report]));
  const discrepancies = compareRecounts(records, recounted, reports);
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor,
    action: 'meeting.closed',
    subject: `meeting:${meeting.id}`,
    data: { closedAt: now, votingClosesAt: meeting.voting_closes_at },
  }, now);
  if (discrepancies.length > 0) {
    await holdForDiscrepancy(trx, meeting, actor, now, discrepancies);
    return { meetingId, status: 'discrepancy', closedNow: true };
  }
  await storeResults(trx, meeting, decided, now);
  await markTallied(trx, meeting.id, now);
  // The ballots and units each result was counted from, digested into the audit chain (docs/bundle.md).
  await sealMeeting(trx, meeting, actor, now, reports, sealed);
  // What the township should look at (R7.3), stored only for a meeting tallied: flags inform, they never change a result.
  await storeAnomalies(trx, meeting, anomalies, now);
  return { meetingId, status: 'tallied', closedNow: true };
}

/**
 * From this many voters in a meeting's motions together, a close on PostgreSQL streams its records
 * (streamed-records.ts) instead of building them in memory — the voting layer's `largeMeeting`, whose
 * opening stored its units' lines. Exported so that tests can stream small ones.
 */
export const closeStreaming = largeMeeting;

const electorateOf = (rows: readonly MotionRow[]) => rows.reduce((sum, row) => sum + BigInt(row.total_heads ?? 0), 0n);

interface Counted {
  records: readonly { motionId: string }[];
  recounted: readonly Recounted[];
  decided: Decided[];
  sealed: Sealed;
  anomalies: FoundAnomaly[];
}

/**
 * The records the seal will digest, read once as objects: recounted here, then sealed as they are.
 * The SQL aggregate runs in the database while the engine recounts. Neither sees the other's figures until compared.
 */
async function countInMemory(trx: Transaction<DB>, meeting: Meeting, inputs: CountingInputs, tallied: Meeting): Promise<Counted> {
  const { settings } = inputs;
  const records = await tallyRecordsOf(trx, meeting, () => settings);
  const counting = aggregateWhile(trx, inputs, tallied);
  await counting.sent;
  const recounted = await settled(counting, () => records.map(recountRecord));
  const [decided, anomalies] = await Promise.all([counting.decided, counting.anomalies]);
  return { records, recounted, decided, sealed: { settings, records }, anomalies };
}

/**
 * A large meeting: the records stream from PostgreSQL as canonical JSON, hashed here and recounted by the
 * engine in a worker thread. The SQL aggregate and the anomaly reads run meanwhile on a second connection that
 * sees this transaction's snapshot (besideSnapshot), where they used to follow the streaming on this one:
 * 5.6 s of the 11.2 s close of 800,000 ballots (docs/benchmarks.md). Without `root`, or when the pool has no
 * connection to spare, they follow the streaming as before.
 */
async function countStreamed(
  trx: Transaction<DB>,
  copy: CopyOut,
  meeting: Meeting,
  inputs: CountingInputs,
  tallied: Meeting,
  root: Kysely<DB> | undefined,
): Promise<Counted> {
  const { settings, rows } = inputs;
  await forLargeReads(trx);
  const beside = root ? await besideSnapshot(trx, root, (db) => countBeside(db, inputs, tallied)) : null;
  const besideCounted = beside?.run.catch((error: unknown) => {
    if (error instanceof NoBesideConnection) return null;
    throw error;
  });
  // Awaited below: a failure while the records stream must not count as unhandled meanwhile.
  besideCounted?.catch(() => {});
  const streamed = await streamRecords(copy, meeting, rows, settings);
  const sealed = { settings, seals: streamed.seals };
  const records = rows.map((row) => ({ motionId: row.id }));
  const counted = besideCounted ? await settledBeside(besideCounted, streamed.recounted) : null;
  if (counted) return { records, recounted: await streamed.recounted, ...counted, sealed };
  const counting = aggregateWhile(trx, inputs, tallied);
  const recounted = await settled(counting, () => streamed.recounted);
  const [decided, anomalies] = await Promise.all([counting.decided, counting.anomalies]);
  return { records, recounted, decided, sealed, anomalies };
}

/** The aggregate, decided, then the anomaly flags looked for: one after the other on the connection given. */
async function countBeside(db: Kysely<DB>, inputs: CountingInputs, tallied: Meeting): Promise<{ decided: Decided[]; anomalies: FoundAnomaly[] }> {
  await forLargeReads(db);
  const decided = await decideMeeting(db, inputs);
  return { decided, anomalies: await findAnomalies(db, tallied) };
}

/** The reads beside, once answered; a recount that fails meanwhile is not left unhandled (it is awaited next). */
async function settledBeside<T>(beside: Promise<T>, recounted: Promise<unknown>): Promise<T> {
  recounted.catch(() => {});
  return beside;
}

/**
 * The recount's outcome once the queries sent beside it have settled too: a recount that fails (the thread
 * refused a record) must not end the transaction while the aggregate or the anomaly reads still use its
 * connection — a query sent after the rollback began would run outside it, or on the next borrower's turn.
 */
async function settled<T>(counting: { decided: Promise<unknown>; anomalies: Promise<unknown> }, recount: () => T | Promise<T>): Promise<T> {
  try {
    return await recount();
  } catch (error) {
    await Promise.allSettled([counting.decided, counting.anomalies]);
    throw error;
  }
}

/**
 * The SQL aggregate sent, and decided once it answers; `sent` resolves as the query reaches the connection. The
 * anomaly flags' queries follow it on the same connection (the transaction's: one query at a time).
 */
function aggregateWhile(
  trx: Transaction<DB>,
  inputs: CountingInputs,
  tallied: Meeting,
): { sent: Promise<void>; decided: Promise<Decided[]>; anomalies: Promise<FoundAnomaly[]> } {
  let sent = () => {};
  const aggregateSent = new Promise<void>((resolve) => (sent = resolve));
  const decided = decideMeeting(trx, inputs, sent);
  const anomalies = decided.then(() => findAnomalies(trx, tallied));
  // Awaited by the caller; a failure must not count as unhandled meanwhile.
  decided.catch(() => {});
  anomalies.catch(() => {});
  // Lets the query reach the connection before the caller's recount holds the thread.
  const ready = Promise.race([aggregateSent, decided]).then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  return { sent: ready, decided, anomalies };
}

interface Decided {
  row: MotionRow;
  motion: ReturnType<typeof motionOf>;
  totals: Totals;
  outcome: string;
  report: Report;
}

interface CountingInputs {
  estate: { id: string; name: string };
  settings: Settings;
  rows: MotionRow[];
}

/** What the SQL path counts with: the estate's settings and the meeting's motions. */
async function countingInputs(trx: Kysely<DB>, meeting: Meeting): Promise<CountingInputs> {
  const estate = await estateColumns(trx, meeting.estate_id, ['id', 'name']);
  const settings = (await estateSettingsOf(trx, meeting.estate_id)).tally;
  const rows = await motionsOf(trx, meeting.id);
  return { estate: { id: estate.id, name: estate.name }, settings, rows };
}

/** The SQL path: each motion's totals summed in the database, decided by the engine's decide(). */
export async function countMeeting(trx: Kysely<DB>, meeting: Meeting): Promise<{ settings: Settings; decided: Decided[] }> {
  const inputs = await countingInputs(trx, meeting);
  return { settings: inputs.settings, decided: await decideMeeting(trx, inputs) };
}

/** Each motion's totals summed in SQL (`sent` called as the aggregate goes to the database), decided by decide(). */
async function decideMeeting(trx: Kysely<DB>, { estate, settings, rows }: CountingInputs, sent?: () => void): Promise<Decided[]> {
  const totals = await aggregateMeeting(
    trx,
    rows.map((row) => ({ id: row.id, total: { area: BigInt(row.total_area_hundredths ?? '0'), heads: BigInt(row.total_heads ?? 0) } })),
    sent,
  );
  return rows.map((row) => {
    const motion = motionOf(row);
    const motionTotals = totals.get(row.id)!;
    const decision = decide(motionTotals, motion, settings);
    const report = buildReport(decision, {
      motion: {
        id: row.id,
        title: motion.title,
        scope: motion.scope,
        ...(motion.kind === 'options' ? { options: motion.options } : {}),
        ...(motion.kind === 'election' ? { candidates: motion.candidates } : {}),
      },
      estate,
    });
    return { row, motion, totals: motionTotals, outcome: decision.verdict.outcome, report };
  });
}

/** The results that agreed with their recount, stored, and subscribers told of each motion's close. */
async function storeResults(trx: Transaction<DB>, meeting: Meeting, decided: Decided[], now: Date): Promise<void> {
  if (decided.length === 0) return;
  await insertMotionResults(
    trx,
    decided.map((d) => ({
      motion_id: d.row.id,
      meeting_id: meeting.id,
      totals: JSON.stringify(totalsJson(d.totals)),
      report: JSON.stringify(d.report),
      outcome: d.outcome,
      decided_at: now,
    })),
  );
  await emitEvents(
    trx,
    decided.map((d) => ({
      type: 'motion.closed' as const,
      estateId: meeting.estate_id,
      meetingId: meeting.id,
      data: { motionId: d.row.id, title: d.motion.title, outcome: d.outcome, totals: totalsJson(d.totals) },
    })),
    now,
  );
}

type Amount = { area: bigint; heads: bigint };

/** Up to this many voters in a meeting's motions together, ballots are counted through key lookups; beyond, by joins. */
const LOOKUP_LIMIT = 50_000n;

/**
 * PA/PH and the support of each choice for every motion of a meeting, summed
 * in the database over the current ballots: one query however many motions.
 * An election ballot supports each candidate it names; an empty one abstains;
 * a spoiled ballot only takes part.
 */
export async function aggregateMeeting(trx: Kysely<DB>, motions: { id: string; total: Amount }[], sent?: () => void): Promise<Map<string, Totals>> {
  const ids = motions.map((m) => m.id);
  if (ids.length === 0) {
    sent?.();
    return new Map();
  }
  // A meeting of ordinary size: the ballots and the voters' areas are fetched row by row through their keys
  // (OFFSET 0 keeps the planner from turning the lookups into hash joins that read every ballot and voter of
  // the estate's history). A large electorate: 800,000 lookups take many times what joining the motions'
  // own ballots and voters (each found through its motion_id index) does, so they are joined.
  const electorate = motions.reduce((sum, m) => sum + m.total.heads, 0n);
  const rows = await countCurrentBallots(trx, ids, electorate <= LOOKUP_LIMIT, sent);
  type Sums = { TA: bigint; TH: bigint; PA: bigint; PH: bigint; choices: Record<string, Amount>; spoiled?: Amount };
  const sums = new Map<string, Sums>();
  for (const m of motions) sums.set(m.id, { TA: m.total.area, TH: m.total.heads, PA: 0n, PH: 0n, choices: {} });
  for (const r of rows) {
    const t = sums.get(r.motion_id)!;
    const amount = { area: BigInt(r.area), heads: BigInt(r.heads) };
    if (r.part === 'took_part') {
      t.PA = amount.area;
      t.PH = amount.heads;
      continue;
    }
    if (r.spoiled) {
      t.spoiled = { area: (t.spoiled?.area ?? 0n) + amount.area, heads: (t.spoiled?.heads ?? 0n) + amount.heads };
      continue;
    }
    const subject = r.subject ?? 'abstain';
    const before = t.choices[subject] ?? { area: 0n, heads: 0n };
    t.choices[subject] = { area: before.area + amount.area, heads: before.heads + amount.heads };
  }
  return new Map<string, Totals>(sums);
}

function totalsJson(t: Totals) {
  const s = (v: bigint | number) => v.toString();
  return {
    TA: s(t.TA),
    TH: s(t.TH),
    PA: s(t.PA),
    PH: s(t.PH),
    choices: Object.fromEntries(Object.entries(t.choices).map(([k, v]) => [k, { area: s(v.area), heads: s(v.heads) }])),
    spoiled: t.spoiled ? { area: s(t.spoiled.area), heads: s(t.spoiled.heads) } : null,
  };
}
