import { createHash, hash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { Report, Verdict } from '../tally/index.ts';

/**
 * The digests that tie a result to its evidence (docs/bundle.md). Pure: the
 * service computes them when it closes a meeting, and `gongjue verify`
 * recomputes them from an exported bundle, with this same code — or anyone
 * with their own, from the documented canonical forms.
 */

export const SEAL_GENESIS = '0'.repeat(64);

// One call, no Hash object: the ballot chain hashes 800,000 times for a large motion.
export const sha256Hex = (text: string | Buffer) => hash('sha256', text, 'hex');

const byId = (a: unknown, b: unknown) => {
  const x = String((a as { id?: unknown }).id);
  const y = String((b as { id?: unknown }).id);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Entries sorted by their `id` (UTF-16 code units, as JavaScript compares strings). */
export function sortedById<T>(list: readonly T[]): T[] {
  // The service builds its lists in order already: one pass instead of a sort.
  for (let i = 1; i < list.length; i++) if (byId(list[i - 1], list[i]) > 0) return [...list].sort(byId);
  return [...list];
}

const flatValue = (v: unknown) =>
  typeof v === 'string' || typeof v === 'boolean' || v === null || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

/**
 * Canonical JSON of one unit or ballot: the same bytes as canonicalJson(),
 * but an entry whose keys are already in order and whose values are
 * strings, booleans or lists of strings — as the service builds them —
 * is simply JSON.stringify'd: sealing a 100,000-unit estate at close must
 * not take seconds. Anything else goes through canonicalJson.
 */
function entryJson(entry: unknown): string {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return canonicalJson(entry);
  const o = entry as Record<string, unknown>;
  const keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++) {
    if ((i > 0 && keys[i - 1]! >= keys[i]!) || !flatValue(o[keys[i]!])) return canonicalJson(o);
  }
  return JSON.stringify(o);
}

/** Canonical JSON of each entry of a list sorted by id; remembered per list (a meeting's motions share one unit list). */
const canonicalEntries = new WeakMap<readonly unknown[], string[]>();
function entriesOf(list: readonly unknown[]): string[] {
  let texts = canonicalEntries.get(list);
  if (!texts) {
    texts = sortedById(list).map(entryJson);
    canonicalEntries.set(list, texts);
  }
  return texts;
}

/** SHA-256 of the canonical JSON array of these entries, fed to the hash piece by piece. */
function arrayDigest(texts: readonly string[]): string {
  const hash = createHash('sha256').update('[');
  texts.forEach((t, i) => hash.update(i === 0 ? t : `,${t}`));
  return hash.update(']').digest('hex');
}

export interface BallotSeal {
  count: number;
  /** h₀ = 64 zeros; hᵢ = SHA-256(hᵢ₋₁ ‖ canonical JSON of ballot i), ballots sorted by id. */
  head: string;
}

/** A hash chain over every ballot version of one motion, as they appear in its tally record. */
export function ballotSeal(ballots: readonly unknown[]): BallotSeal {
  let head = SEAL_GENESIS;
  for (const text of entriesOf(ballots)) head = sha256Hex(head + text);
  return { count: ballots.length, head };
}

export interface UnitsDigest {
  count: number;
  sha256: string;
}

/** The electorate's units: SHA-256 of the canonical JSON array of the record's units sorted by id. */
export function unitsDigest(units: readonly unknown[]): UnitsDigest {
  return { count: units.length, sha256: arrayDigest(entriesOf(units)) };
}

/** The whole tally record, its units and ballots sorted by id. */
export function recordDigest(record: Record<string, unknown>): string {
  const hash = createHash('sha256');
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const value = record[key];
    if (value === undefined) continue;
    hash.update(`${first ? '{' : ','}${JSON.stringify(key)}:`);
    first = false;
    if ((key === 'units' || key === 'ballots') && Array.isArray(value)) {
      entriesOf(value).forEach((t, i) => hash.update(i === 0 ? `[${t}` : `,${t}`));
      hash.update(value.length === 0 ? '[]' : ']');
    } else {
      hash.update(canonicalJson(value));
    }
  }
  return hash.update(first ? '{}' : '}').digest('hex');
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

/**
 * Lists up to this long keep their entries' canonical JSON for the next digest (a meeting's motions share
 * one unit list); longer ones — a million units — are serialised entry by entry as they are hashed and
 * not kept: holding 1.8 million strings (≈ 1 GB of heap) costs more in garbage collection than
 * serialising again.
 */
const KEEP_TEXTS_UP_TO = 200_000;

function forEachEntry(list: readonly unknown[], visit: (text: string, i: number) => void): void {
  const kept = canonicalEntries.get(list);
  if (kept || list.length <= KEEP_TEXTS_UP_TO) {
    (kept ?? entriesOf(list)).forEach(visit);
    return;
  }
  const sorted = sortedById(list);
  for (let i = 0; i < sorted.length; i++) visit(entryJson(sorted[i]), i);
}

/**
 * The seal of one motion: the same digests as unitsDigest, ballotSeal and recordDigest (which
 * `gongjue verify` uses), computed in one pass over the record, each unit and ballot serialised once.
 */
export function sealOf(motionId: string, record: Record<string, unknown> & { units: unknown[]; ballots: unknown[] }, result: MotionResult): MotionSeal {
  const recordHash = createHash('sha256');
  let units: UnitsDigest | undefined;
  let ballots: BallotSeal | undefined;
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const value = record[key];
    if (value === undefined) continue;
    recordHash.update(`${first ? '{' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (key === 'units' && Array.isArray(value)) {
      recordHash.update('[');
      const unitsHash = createHash('sha256').update('[');
      forEachEntry(value, (text, i) => {
        const piece = i === 0 ? text : `,${text}`;
        unitsHash.update(piece);
        recordHash.update(piece);
      });
      units = { count: value.length, sha256: unitsHash.update(']').digest('hex') };
      recordHash.update(']');
    } else if (key === 'ballots' && Array.isArray(value)) {
      let head = SEAL_GENESIS;
      recordHash.update('[');
      forEachEntry(value, (text, i) => {
        head = sha256Hex(head + text);
        recordHash.update(i === 0 ? text : `,${text}`);
      });
      ballots = { count: value.length, head };
      recordHash.update(']');
    } else {
      recordHash.update(canonicalJson(value));
    }
  }
  return {
    motionId,
    units: units ?? unitsDigest(record.units),
    ballots: ballots ?? ballotSeal(record.ballots),
    recordSha256: recordHash.update(first ? '{}' : '}').digest('hex'),
    resultSha256: resultDigest(result),
  };
}
