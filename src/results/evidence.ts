import { createHash, type Hash, hash } from 'node:crypto';
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

const idOf = (entry: unknown) => {
  const id = (entry as { id?: unknown }).id;
  return typeof id === 'string' ? id : String(id);
};
const byId = (a: unknown, b: unknown) => {
  const x = idOf(a);
  const y = idOf(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Entries sorted by their `id` (UTF-16 code units, as JavaScript compares strings). */
export function sortedById<T>(list: readonly T[]): T[] {
  // The service builds its lists in order already: one pass instead of a sort.
  for (let i = 1; i < list.length; i++) if (byId(list[i - 1], list[i]) > 0) return [...list].sort(byId);
  return [...list];
}

/**
 * Whether JSON.stringify writes this entry canonically: own keys in sorted order, and only
 * strings, booleans, null or lists of strings for values — as the service builds units and
 * ballots. Anything else (and anything odd: inherited keys, holes, instances of classes) goes
 * through canonicalJson.
 */
function isFlatCanonical(entry: unknown): entry is Record<string, unknown> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return false;
  const o = entry as Record<string, unknown>;
  const prototype: unknown = Object.getPrototypeOf(o);
  if (prototype !== Object.prototype && prototype !== null) return false; // a class may have its own toJSON
  let previous: string | undefined;
  for (const key in o) {
    if (!Object.hasOwn(o, key) || (previous !== undefined && previous >= key)) return false;
    previous = key;
    const v = o[key];
    if (typeof v === 'string' || typeof v === 'boolean' || v === null) continue;
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  }
  return true;
}

/**
 * Canonical JSON of one unit or ballot: the same bytes as canonicalJson(),
 * but an entry whose keys are already in order and whose values are
 * strings, booleans or lists of strings — as the service builds them —
 * is simply JSON.stringify'd: sealing a 100,000-unit estate at close must
 * not take seconds. Anything else goes through canonicalJson.
 */
function entryJson(entry: unknown): string {
  return isFlatCanonical(entry) ? JSON.stringify(entry) : canonicalJson(entry);
}


/**
 * The canonical JSON of the entries i..j of a sorted list, joined by commas — the same text as their
 * entryJson()s joined. A run of flat entries is one JSON.stringify of the run (JSON.stringify of an
 * array is its entries' JSON.stringify joined by commas, in brackets).
 */
function batchJson(sorted: readonly unknown[], from: number, to: number): string {
  for (let i = from; i < to; i++) {
    if (!isFlatCanonical(sorted[i])) {
      const texts: string[] = [];
      for (let k = from; k < to; k++) texts.push(entryJson(sorted[k]));
      return texts.join(',');
    }
  }
  const text = JSON.stringify(sorted.slice(from, to));
  return text.slice(1, -1);
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
 * Lists up to `keepTextsUpTo` long keep their entries' canonical JSON for the next digest (a meeting's
 * motions share one unit list); longer ones — a million units — are serialised as they are hashed and
 * not kept: holding 1.8 million strings (≈ 1 GB of heap) costs more in garbage collection than
 * serialising again. They are serialised and hashed `batch` entries at a time: one JSON.stringify and
 * one hash update for a run of flat entries. Exported so that the tests can make both small.
 */
export const sealBatching = { keepTextsUpTo: 200_000, batch: 1024 };

/** The canonical JSON of a list's entries, sorted by id, in pieces: each piece a run of entries' texts joined by commas. */
function forEachPiece(list: readonly unknown[], visit: (piece: string) => void): void {
  const { batch: BATCH } = sealBatching;
  const kept = canonicalEntries.get(list);
  if (kept || list.length <= sealBatching.keepTextsUpTo) {
    const texts = kept ?? entriesOf(list);
    for (let i = 0; i < texts.length; i += BATCH) visit(texts.slice(i, i + BATCH).join(','));
    return;
  }
  const sorted = sortedById(list);
  for (let i = 0; i < sorted.length; i += BATCH) visit(batchJson(sorted, i, Math.min(i + BATCH, sorted.length)));
}

/** The canonical JSON of each entry of a list, sorted by id, visited in batches (the ballot chain hashes each on its own). */
function forEachBatch(list: readonly unknown[], visit: (texts: readonly string[]) => void): void {
  const { batch: BATCH } = sealBatching;
  const kept = canonicalEntries.get(list);
  if (kept || list.length <= sealBatching.keepTextsUpTo) {
    const texts = kept ?? entriesOf(list);
    for (let i = 0; i < texts.length; i += BATCH) visit(texts.slice(i, i + BATCH));
    return;
  }
  const sorted = sortedById(list);
  const texts: string[] = [];
  for (let i = 0; i < sorted.length; i += BATCH) {
    texts.length = 0;
    for (let k = i; k < Math.min(i + BATCH, sorted.length); k++) texts.push(entryJson(sorted[k]));
    visit(texts);
  }
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
      let firstPiece = true;
      forEachPiece(value, (piece) => {
        // Encoded to UTF-8 once for both hashes: the encoding costs more than the hashing.
        const bytes = Buffer.from(firstPiece ? piece : `,${piece}`);
        firstPiece = false;
        unitsHash.update(bytes);
        recordHash.update(bytes);
      });
      units = { count: value.length, sha256: unitsHash.update(']').digest('hex') };
      recordHash.update(']');
    } else if (key === 'ballots' && Array.isArray(value)) {
      let head = SEAL_GENESIS;
      recordHash.update('[');
      let firstPiece = true;
      forEachBatch(value, (texts) => {
        for (let i = 0; i < texts.length; i++) head = sha256Hex(head + texts[i]!);
        recordHash.update(firstPiece ? texts.join(',') : `,${texts.join(',')}`);
        firstPiece = false;
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

/** What a streamed seal yields for one motion: its MotionSeal but the result's digest, which comes from the close's report. */
export type RecordSeal = Omit<MotionSeal, 'resultSha256'>;

const NEWLINE = 0x0a;
const COMMA = 0x2c;

/**
 * The seals of a meeting's motions computed from the canonical JSON texts of their ballots and units
 * as they stream in (the close of a large meeting, records.ts `copyRecordLines`): the same digests
 * as unitsDigest, ballotSeal and recordDigest of the records whose entries those texts are, without
 * building an object or a string per entry. Texts arrive as UTF-8 lines, each ending in a line break
 * (canonical JSON has none of its own). The record digest takes the keys in sorted order, so every
 * motion's ballots ("ballots") must come before the meeting's units ("units"), which all its
 * motions share; the envelope is each record without its units and ballots.
 */
export class RecordSealStream {
  private readonly records: { motionId: string; hash: Hash; middle: string; end: string; head: string; ballots: number; started: boolean }[];
  private readonly units = createHash('sha256');
  private unitCount = 0;
  private stage: 'ballots' | 'units' = 'ballots';
  private scratch = Buffer.alloc(4096);
  private joined = Buffer.alloc(0);

  constructor(motions: readonly { motionId: string; envelope: object }[]) {
    this.records = motions.map(({ motionId, envelope: record }) => {
      const envelope = record as Record<string, unknown>;
      const keys = [...Object.keys(envelope).filter((k) => envelope[k] !== undefined && k !== 'units' && k !== 'ballots'), 'ballots', 'units'].sort();
      const piece = (from: number, to: number) => keys.slice(from, to).map((k) => `,${JSON.stringify(k)}:${canonicalJson(envelope[k])}`).join('');
      const b = keys.indexOf('ballots');
      const u = keys.indexOf('units');
      const start = piece(0, b);
      const hash = createHash('sha256').update(`${start === '' ? '{' : `{${start.slice(1)},`}"ballots":`);
      return { motionId, hash, middle: `${piece(b + 1, u)},"units":`, end: `${piece(u + 1, keys.length)}}`, head: SEAL_GENESIS, ballots: 0, started: false };
    });
  }

  /** Lines of canonical ballot texts of motion `index` (ballots sorted by id), each ending in a line break. */
  ballots(index: number, lines: Buffer): void {
    if (this.stage !== 'ballots') throw new Error('every ballot must come before the units');
    const record = this.records[index]!;
    let at = 0;
    while (at < lines.length) {
      const end = lines.indexOf(NEWLINE, at);
      const length = end - at;
      if (this.scratch.length < 64 + length) this.scratch = Buffer.alloc(2 * (64 + length));
      this.scratch.write(record.head, 0, 'latin1');
      lines.copy(this.scratch, 64, at, end);
      record.head = sha256Hex(this.scratch.subarray(0, 64 + length));
      record.ballots++;
      at = end + 1;
    }
    record.hash.update(record.started ? ',' : '[');
    record.started = true;
    record.hash.update(this.commaJoined(lines));
  }

  /** Lines of canonical unit texts (units sorted by id), each ending in a line break: the same for every motion. */
  unitLines(lines: Buffer): void {
    if (this.stage === 'ballots') this.closeBallots();
    const joined = this.commaJoined(lines);
    const lead = this.unitCount === 0 ? '[' : ',';
    this.units.update(lead).update(joined);
    for (const r of this.records) r.hash.update(lead).update(joined);
    for (let at = lines.indexOf(NEWLINE); at >= 0; at = lines.indexOf(NEWLINE, at + 1)) this.unitCount++;
  }

  private closeBallots(): void {
    this.stage = 'units';
    for (const r of this.records) r.hash.update(r.started ? ']' : '[]').update(r.middle);
  }

  /** Each motion's seal, in the order the motions were given. */
  finish(): RecordSeal[] {
    if (this.stage === 'ballots') this.closeBallots();
    const close = this.unitCount === 0 ? '[]' : ']';
    const units = { count: this.unitCount, sha256: this.units.update(close).digest('hex') };
    return this.records.map((r) => ({
      motionId: r.motionId,
      units,
      ballots: { count: r.ballots, head: r.head },
      recordSha256: r.hash.update(close).update(r.end).digest('hex'),
    }));
  }

  /**
   * Lines ending in line breaks as one comma-separated run: the breaks between them made commas, the last one
   * dropped. Written into one buffer used again for every piece (valid until the next call): a fresh copy of
   * each megabyte made the large close touch 420 MB of new memory.
   */
  private commaJoined(lines: Buffer): Buffer {
    const n = Math.max(lines.length - 1, 0);
    if (this.joined.length < n) this.joined = Buffer.allocUnsafe(Math.max(n, 2 * this.joined.length));
    const joined = this.joined.subarray(0, n);
    lines.copy(joined, 0, 0, n);
    for (let at = joined.indexOf(NEWLINE); at >= 0; at = joined.indexOf(NEWLINE, at + 1)) joined[at] = COMMA;
    return joined;
  }
}
