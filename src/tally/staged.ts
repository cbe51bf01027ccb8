// The raw path in stages, for a record that arrives in pieces (the close of a
// large meeting streams its units and ballots: src/results/recount-worker.ts).
// What parseTallyRecord + tallyRecord do to a whole record is done here as
// its parts come: each unit and ballot is checked on arrival, and the
// electorate is indexed as soon as the units are all in — while the ballots
// are still arriving — so that only the standing ballots are left for the end.
// The outcome is exactly theirs: the same report, or a TallyInputError with
// the same issues in the same order (test/tally/staged.test.ts holds the two
// to each other on generated records, good and bad, cut anywhere).

import { type BallotSource, StandingBuilder } from './ballots.ts';
import { type ElectorateIndex, indexColumns, UnitReader, type UnitSource, unitPosition } from './electorate.ts';
import { Issues, TallyInputError } from './issues.ts';
import type { Ballot, Settings, Unit } from './record.ts';
import { buildReport, type Report } from './report.ts';
import { resolveSettings } from './settings.ts';
import { decideStanding } from './tally-record.ts';
import { checkBallot, checkBallotWindow, checkUnit, duplicateBallot, duplicateIds, type Envelope, parseEnvelope } from './validate-record.ts';
import { votingWindow, type VotingWindow } from './window.ts';

/**
 * Where the staged recount finds again the few units and ballots it needs whole after it read them: a unit
 * the columns do not describe (developer-held, naming a representative, of more than two owners, or with a
 * problem to report), the ballots of a voter who cast several. By default every value given is kept (a
 * small record, the tests); the close's recount thread, which holds the lines the values came from, parses
 * them again instead (src/results/recount-worker.ts), so that no million objects stay in its heap: each
 * unit and ballot is read into the index's typed arrays as it comes, and its object dies young.
 */
export type Reread = (position: number) => unknown;

/**
 * The units of a record, checked one by one as they come (parseTallyRecord's checkUnit) and read into the
 * columns every motion's index is built from (UnitReader): one list for all the motions of a meeting,
 * which share it.
 */
export class StagedUnits {
  readonly issues = new Issues();
  readonly reader: UnitReader;
  private readonly kept: unknown[] | null;
  private count = 0;
  private done = false;

  /** The units as the index asks for them again. */
  readonly source: UnitSource;

  constructor(reread?: Reread) {
    this.reader = new UnitReader();
    const kept: unknown[] | null = (this.kept = reread ? null : []);
    const count = () => this.count;
    this.source = {
      get length() {
        return count();
      },
      at: (i) => (kept ? kept[i] : reread!(i)) as Unit | undefined,
    };
  }

  /**
   * `checked[k]`: values[k] is known to pass checkUnit — read by a reader that takes only what it accepts
   * (src/results/record-lines.ts: parseUnitLines, held to checkUnit by its test) — and holds at least the fields
   * the index reads; the unit itself is given back whole by `reread`.
   */
  add(values: readonly unknown[], checked?: Uint8Array): void {
    if (this.done) throw new Error('the units were all in');
    const issues = this.issues;
    for (let k = 0; k < values.length; k++) {
      const value = values[k];
      const position = this.count++;
      if (checked?.[k] !== 1) checkUnit(value, position, issues);
      this.kept?.push(value);
      // Once a unit has a problem the record is refused before any index is built: its columns are not needed.
      if (!issues.any) this.reader.add(value as Unit);
    }
  }

  /** No more units will come. */
  end(): void {
    this.done = true;
  }

  get ended(): boolean {
    return this.done;
  }
}

/**
 * One motion's record — `envelope` (the record without its units and ballots), the shared `units`, and the
 * ballots given to addBallots() — counted as tallyRecord(parseTallyRecord({ ...envelope, units, ballots })).
 * Ballots given once the electorate is indexed are resolved as they come (StandingBuilder); those given
 * before are kept until it is.
 */
export class StagedTally {
  /** The envelope's own refusal (its shape): parseTallyRecord throws it before looking at anything else. */
  private readonly refused: TallyInputError | undefined;
  private readonly envelope: Envelope | undefined;
  /** The envelope's issues (overrides, motion), then — kept apart until the end — the ballots'. */
  private readonly envelopeIssues = new Issues();
  private readonly ballotIssues = new Issues();
  private readonly window: VotingWindow | null = null;
  /**
   * Each ballot's id (for duplicateIds), while every ballot so far passed its checks — or, when the ballots come
   * in id order (`idsInOrder`: the close sends them sorted), only the last one, and the duplicates found: in
   * order, a repeated id follows its first (800,000 ids kept for nothing but this, before).
   */
  private readonly ids: string[] = [];
  private lastId: string | undefined;
  private readonly duplicates = new Issues();
  private readonly kept: unknown[] | null;
  private readonly ballots: BallotSource;
  /** Ballots that came before the electorate was indexed, by position. */
  private pending: { position: number; ballot: Ballot }[] = [];
  private count = 0;
  private indexed:
    | { settings: Settings; index: ElectorateIndex; issues: Issues; standing: StandingBuilder | null; standingIssues: Issues }
    | { error: unknown }
    | undefined;

  constructor(
    envelope: object,
    private readonly units: StagedUnits,
    reread?: Reread,
    private readonly idsInOrder = false,
  ) {
    const kept: unknown[] | null = (this.kept = reread ? null : []);
    this.ballots = { at: (i) => (kept ? kept[i] : reread!(i)) as Ballot | undefined };
    try {
      this.envelope = parseEnvelope({ ...envelope, units: [], ballots: [] }, this.envelopeIssues);
      this.window = votingWindow(this.envelope.meeting);
    } catch (error) {
      if (!(error instanceof TallyInputError)) throw error;
      this.refused = error;
    }
  }

  /** Nothing found so far refuses the record on its own (parseTallyRecord's checks). */
  private get clean(): boolean {
    return !this.envelopeIssues.any && !this.units.issues.any && !this.ballotIssues.any;
  }

  /**
   * Ballots of this motion, in the record's order, each checked on arrival (parseTallyRecord's checkBallot).
   * `checked[k]`: values[k]'s own fields are known to pass checkBallot (src/results/record-lines.ts:
   * parseBallotLines, held to checkBallot by its test): only its instant is checked against the window.
   */
  addBallots(values: readonly unknown[], checked?: Uint8Array): void {
    if (this.refused) return;
    const issues = this.ballotIssues;
    for (let k = 0; k < values.length; k++) {
      const value = values[k];
      const position = this.count++;
      if (checked?.[k] === 1) checkBallotWindow(value as Ballot, position, issues, this.window);
      else checkBallot(value, position, issues, this.window);
      this.kept?.push(value);
      // A record refused already needs nothing more of its ballots than their checks.
      if (!this.clean) continue;
      const ballot = value as Ballot;
      this.noteId(ballot.id, position);
      this.link(position, ballot);
    }
  }

  private noteId(id: string, position: number): void {
    if (!this.idsInOrder) {
      this.ids.push(id);
      return;
    }
    const last = this.lastId;
    if (last !== undefined && last > id) throw new Error('ballot ids out of order');
    if (last === id) duplicateBallot(this.duplicates, position, id);
    this.lastId = id;
  }

  /** A ballot that passed its checks, resolved now if the electorate is indexed, else kept until it is. */
  private link(position: number, ballot: Ballot): void {
    const indexed = this.indexed;
    if (indexed === undefined) {
      this.pending.push({ position, ballot });
      return;
    }
    if ('error' in indexed || indexed.standing === null) return;
    if (position !== indexed.standing.size) throw new Error('ballots resolved out of order');
    // standingBallots' lookup, one ballot at a time (the ballots of a meeting arrive in id order, not by unit).
    indexed.standing.add(ballot, unitPosition(indexed.index, ballot.unit));
  }

  /**
   * Indexes the electorate once the units are all in, if nothing found so far refuses the record (when
   * something does, the record is refused before the electorate is looked at: no index is needed). Called
   * by the owner as soon as it can — while ballots still arrive —, or by finish().
   */
  indexUnits(): void {
    if (!this.units.ended) throw new Error('the units are not all in');
    if (this.indexed || this.refused || this.envelopeIssues.any || this.units.issues.any) return;
    const envelope = this.envelope!;
    // decideRecord's first steps; whatever they throw is thrown by finish(), where decideRecord would.
    try {
      const settings = resolveSettings(envelope.settings);
      const issues = new Issues();
      const scope = envelope.motion.scope;
      const index = indexColumns(this.units.reader.columnsFor(settings, scope), this.units.source, settings, scope, issues);
      // The standing ballots are looked for only in an electorate without issues (tallyRecord throws first).
      const standingIssues = new Issues();
      const standing = issues.any ? null : new StandingBuilder(index, envelope.motion, settings, standingIssues);
      this.indexed = { settings, index, issues, standing, standingIssues };
    } catch (error) {
      this.indexed = { error };
    }
    for (const { position, ballot } of this.pending.splice(0)) this.link(position, ballot);
  }

  /** The report, or the TallyInputError parseTallyRecord + tallyRecord would throw for the whole record. */
  finish(): Report {
    if (this.refused) throw this.refused;
    const envelope = this.envelope!;
    // parseTallyRecord's issues, in its order: the envelope's, each unit's, each ballot's; then duplicate ballot ids.
    const issues = new Issues();
    issues.addAll(this.envelopeIssues);
    issues.addAll(this.units.issues);
    issues.addAll(this.ballotIssues);
    const ids = this.ids;
    if (!issues.any && this.idsInOrder) issues.addAll(this.duplicates);
    else if (!issues.any) duplicateIds(ids.length, (i) => ids[i]!, issues);
    issues.throwIfAny();
    // tallyRecord's: the electorate's, then the standing ballots'.
    this.indexUnits();
    const indexed = this.indexed!;
    if ('error' in indexed) throw indexed.error;
    indexed.issues.throwIfAny();
    const standing = indexed.standing!.finish(this.ballots);
    indexed.standingIssues.throwIfAny();
    const { decision, units, ballots: statistics } = decideStanding(standing, indexed.index, envelope.motion, indexed.settings);
    return buildReport(decision, { motion: envelope.motion, estate: envelope.estate, units, ballots: statistics });
  }
}
