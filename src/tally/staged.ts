// The raw path in stages, for a record that arrives in pieces (the close of a
// large meeting streams its units and ballots: src/results/recount-worker.ts).
// What parseTallyRecord + tallyRecord do to a whole record is done here as
// its parts come: each unit and ballot is checked on arrival, and the
// electorate is indexed as soon as the units are all in — while the ballots
// are still arriving — so that only the standing ballots are left for the end.
// The outcome is exactly theirs: the same report, or a TallyInputError with
// the same issues in the same order (test/tally/staged.test.ts holds the two
// to each other on generated records, good and bad, cut anywhere).

import { type ElectorateIndex, indexElectorate } from './electorate.ts';
import { Issues, TallyInputError } from './issues.ts';
import type { Ballot, Settings } from './record.ts';
import { buildReport, type Report } from './report.ts';
import { resolveSettings } from './settings.ts';
import { decideIndexed } from './tally-record.ts';
import { checkBallot, checkUnit, duplicateBallots, type Envelope, parseEnvelope } from './validate-record.ts';
import { votingWindow, type VotingWindow } from './window.ts';

/**
 * The units of a record, checked one by one as they come (parseTallyRecord's checkUnit): one list for all
 * the motions of a meeting, which share it.
 */
export class StagedUnits {
  readonly list: unknown[] = [];
  readonly issues = new Issues();
  private done = false;

  add(values: readonly unknown[]): void {
    if (this.done) throw new Error('the units were all in');
    const list = this.list;
    for (let k = 0; k < values.length; k++) {
      checkUnit(values[k], list.length, this.issues);
      list.push(values[k]);
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
 */
export class StagedTally {
  /** The envelope's own refusal (its shape): parseTallyRecord throws it before looking at anything else. */
  private readonly refused: TallyInputError | undefined;
  private readonly envelope: Envelope | undefined;
  /** The envelope's issues (overrides, motion), then — kept apart until the end — the ballots'. */
  private readonly envelopeIssues = new Issues();
  private readonly ballotIssues = new Issues();
  private readonly ballots: unknown[] = [];
  private readonly window: VotingWindow | null = null;
  private indexed: { settings: Settings; index: ElectorateIndex; issues: Issues } | { error: unknown } | undefined;

  constructor(
    envelope: object,
    private readonly units: StagedUnits,
  ) {
    try {
      this.envelope = parseEnvelope({ ...envelope, units: [], ballots: [] }, this.envelopeIssues);
      this.window = votingWindow(this.envelope.meeting);
    } catch (error) {
      if (!(error instanceof TallyInputError)) throw error;
      this.refused = error;
    }
  }

  /** Ballots of this motion, in the record's order, each checked on arrival (parseTallyRecord's checkBallot). */
  addBallots(values: readonly unknown[]): void {
    if (this.refused) return;
    const ballots = this.ballots;
    for (let k = 0; k < values.length; k++) {
      checkBallot(values[k], ballots.length, this.ballotIssues, this.window);
      ballots.push(values[k]);
    }
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
      this.indexed = { settings, index: indexElectorate(this.units.list as never, settings, envelope.motion.scope, issues), issues };
    } catch (error) {
      this.indexed = { error };
    }
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
    const ballots = this.ballots as Ballot[];
    if (!issues.any) duplicateBallots(ballots, issues);
    issues.throwIfAny();
    // tallyRecord's: the electorate's, then the standing ballots'.
    this.indexUnits();
    const indexed = this.indexed!;
    if ('error' in indexed) throw indexed.error;
    indexed.issues.throwIfAny();
    const { decision, units, ballots: statistics } = decideIndexed({ ballots, motion: envelope.motion }, indexed.index, indexed.settings);
    return buildReport(decision, { motion: envelope.motion, estate: envelope.estate, units, ballots: statistics });
  }
}
