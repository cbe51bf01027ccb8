import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { Report, Verdict } from '../tally/index.ts';

/**
 * The digests that tie a result to its evidence (docs/bundle.md). Pure: the
 * service computes them when it closes a meeting, and `gongjue verify`
 * recomputes them from an exported bundle, with this same code — or anyone
 * with their own, from the documented canonical forms.
 */

export const SEAL_GENESIS = '0'.repeat(64);

export const sha256Hex = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

const byId = (a: unknown, b: unknown) => {
  const x = String((a as { id?: unknown }).id);
  const y = String((b as { id?: unknown }).id);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Entries sorted by their `id` (UTF-16 code units, as JavaScript compares strings). */
export const sortedById = <T>(list: readonly T[]): T[] => [...list].sort(byId);

export interface BallotSeal {
  count: number;
  /** h₀ = 64 zeros; hᵢ = SHA-256(hᵢ₋₁ ‖ canonical JSON of ballot i), ballots sorted by id. */
  head: string;
}

/** A hash chain over every ballot version of one motion, as they appear in its tally record. */
export function ballotSeal(ballots: readonly unknown[]): BallotSeal {
  let head = SEAL_GENESIS;
  for (const ballot of sortedById(ballots)) head = sha256Hex(head + canonicalJson(ballot));
  return { count: ballots.length, head };
}

export interface UnitsDigest {
  count: number;
  sha256: string;
}

/** The electorate's units: SHA-256 of the canonical JSON array of the record's units sorted by id. */
export function unitsDigest(units: readonly unknown[]): UnitsDigest {
  return { count: units.length, sha256: sha256Hex(canonicalJson(sortedById(units))) };
}

/** The whole tally record, its units and ballots sorted by id. */
export function recordDigest(record: Record<string, unknown>): string {
  const units = Array.isArray(record.units) ? sortedById(record.units) : record.units;
  const ballots = Array.isArray(record.ballots) ? sortedById(record.ballots) : record.ballots;
  return sha256Hex(canonicalJson({ ...record, units, ballots }));
}

/**
 * A motion's result: what was decided and from which figures. The part of
 * the engine's report that must come out the same whichever path computed
 * it (totals summed in SQL at close, or units and ballots counted again).
 */
export interface MotionResult {
  motionId: string | null;
  outcome: string;
  verdict: Verdict;
  rule: { profile: string; test: string; base: string; quorum: string | null; approval: string; liftConsent: string | null };
  totals: { TA: string; TH: number; PA: string; PH: number; spoiled: { area: string; heads: number } };
  choices: { id: string; area: string; heads: number }[];
}

export function resultOf(report: Report): MotionResult {
  return {
    motionId: report.motion.id,
    outcome: report.verdict.outcome,
    verdict: report.verdict,
    rule: {
      profile: report.rule.profile,
      test: report.rule.test,
      base: report.rule.base,
      quorum: report.rule.quorum?.text ?? null,
      approval: report.rule.approval.text,
      liftConsent: report.rule.liftConsent?.text ?? null,
    },
    totals: {
      TA: report.totals.TA,
      TH: report.totals.TH,
      PA: report.totals.PA,
      PH: report.totals.PH,
      spoiled: { area: report.totals.spoiled.area, heads: report.totals.spoiled.heads },
    },
    choices: report.choices.map((c) => ({ id: c.id, area: c.area, heads: c.heads })),
  };
}

export const resultDigest = (result: unknown) => sha256Hex(canonicalJson(result));

/** What the close sealed for one motion; also the data of the 'meeting.tallied' audit record. */
export interface MotionSeal {
  motionId: string;
  units: UnitsDigest;
  ballots: BallotSeal;
  recordSha256: string;
  resultSha256: string;
}

export function sealOf(motionId: string, record: Record<string, unknown> & { units: unknown[]; ballots: unknown[] }, result: MotionResult): MotionSeal {
  return {
    motionId,
    units: unitsDigest(record.units),
    ballots: ballotSeal(record.ballots),
    recordSha256: recordDigest(record),
    resultSha256: resultDigest(result),
  };
}
