import { canonicalJson } from '../audit/canonical-json.ts';
import { parseTallyRecord, type Report, tallyRecord, TallyInputError } from '../tally/index.ts';
import type { StagedTally } from '../tally/staged.ts';
import { type MotionResult, resultOf } from './evidence.ts';
import type { MotionRecord } from './records.ts';
import { differences } from './verify.ts';

/**
 * Counted as recorded (issue 12). The close decides each motion from totals
 * summed in SQL over the current ballots; `gongjue verify` later recounts the
 * sealed tally record — units and every ballot version — with the engine.
 * Here the close does that recount itself, over the very record it is about
 * to seal, and compares the two results field by field (TA/TH, PA/PH, spoiled,
 * each choice's area and heads, the rule and the verdict: the form sealed as
 * the motion's result). Pure: no I/O.
 */

export interface Discrepancy {
  motionId: string;
  /** The result from the SQL totals, as the close would have stored and sealed it. */
  counted: MotionResult;
  /** The engine's recount of the tally record, or why the record could not be counted. */
  recounted: MotionResult | { error: { code: string; path: string; message: string }[] };
  /** Where the two differ: `path: counted vs recounted`. */
  differences: string[];
}

const MAX_DIFFERENCES = 20;

/** The engine's count of one motion's tally record: its result, or why the record could not be counted. */
export type Recounted = MotionResult | { error: { code: string; path: string; message: string }[] };

/** Counts one motion's record with the engine, as `gongjue verify` does. Pure, and independent of the SQL path's figures. */
export function recountRecord(record: MotionRecord): Recounted {
  return recountTallyRecord(record.record);
}

/** Counts a tally record (units and ballots in it) with the engine: its result, or why it could not be counted. */
export function recountTallyRecord(record: unknown): Recounted {
  return recounting(() => tallyRecord(parseTallyRecord(record)));
}

/** The same for a record counted in stages as it streamed in (the close of a large meeting, recount-worker.ts). */
export function recountStaged(tally: StagedTally): Recounted {
  return recounting(() => tally.finish());
}

function recounting(count: () => Report): Recounted {
  try {
    return resultOf(count());
  } catch (error) {
    if (!(error instanceof TallyInputError)) throw error;
    // A record the engine refuses (a ballot outside the window, from outside the electorate, …) cannot back a result.
    return { error: error.issues.slice(0, MAX_DIFFERENCES).map((i) => ({ code: i.code, path: i.path, message: i.message })) };
  }
}

/** The engine's count of a motion's record set against the SQL path's report; null when they agree. */
export function compareRecount(record: Pick<MotionRecord, 'motionId'>, recounted: Recounted, report: Report): Discrepancy | null {
  const counted = resultOf(report);
  if ('error' in recounted) {
    return {
      motionId: record.motionId,
      counted,
      recounted,
      differences: recounted.error.map((i) => `the tally record is not valid: ${i.path}: ${i.message}`),
    };
  }
  if (canonicalJson(counted) === canonicalJson(recounted)) return null;
  return { motionId: record.motionId, counted, recounted, differences: differences(counted, recounted, '', [], MAX_DIFFERENCES) };
}

/** Recounts one motion's record with the engine; null when it agrees with the SQL path's report. */
export function recountMotion(record: MotionRecord, report: Report): Discrepancy | null {
  return compareRecount(record, recountRecord(record), report);
}

/** Every motion of a meeting recounted; the ones that disagree, in motion order. */
export function recountMeeting(records: readonly MotionRecord[], reports: ReadonlyMap<string, Report>): Discrepancy[] {
  return compareRecounts(records, records.map(recountRecord), reports);
}

/** Each motion's recount (`recounted[i]` of `records[i]`) against its report; the ones that disagree, in motion order. */
export function compareRecounts(records: readonly Pick<MotionRecord, 'motionId'>[], recounted: readonly Recounted[], reports: ReadonlyMap<string, Report>): Discrepancy[] {
  const found: Discrepancy[] = [];
  records.forEach((record, i) => {
    const report = reports.get(record.motionId);
    if (!report) throw new Error(`motion ${record.motionId} was counted without a result`);
    const discrepancy = compareRecount(record, recounted[i]!, report);
    if (discrepancy) found.push(discrepancy);
  });
  return found;
}
