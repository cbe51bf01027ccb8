// The raw path: a whole record — units and ballots — to a report. It
// reduces the evidence to totals and hands them to the same decide() the
// service uses for totals aggregated in SQL.

import { standingBallots, type BallotStatistics, type StandingBallots } from './ballots.ts';
import { countStanding } from './count.ts';
import { decide } from './decide.ts';
import type { Decision } from './decision.ts';
import { type ElectorateIndex, indexElectorate, type UnitStatistics } from './electorate.ts';
import { Issues } from './issues.ts';
import type { Settings, TallyRecord } from './record.ts';
import { buildReport, type Report } from './report.ts';
import { resolveSettings } from './settings.ts';

export interface RecordDecision {
  readonly decision: Decision;
  readonly units: UnitStatistics;
  readonly ballots: BallotStatistics;
}

/**
 * Counts a record and decides its motion. The record must come from
 * parseTallyRecord, which checks what each unit and ballot says on its own
 * (types, formats, the voting window); this checks what they say together.
 * Throws TallyInputError naming the units and ballots that make it invalid:
 * duplicate unit ids, unknown units, ballots from outside the electorate,
 * choices the motion does not offer, same-instant conflicts, ….
 */
export function decideRecord(record: TallyRecord): RecordDecision {
  const settings = resolveSettings(record.settings);
  const issues = new Issues();
  const index = indexElectorate(record.units, settings, record.motion.scope, issues);
  issues.throwIfAny();
  return decideIndexed(record, index, settings);
}

/**
 * decideRecord's second half, for an electorate already indexed from the record's units (without issues):
 * the standing ballots, their count and the decision. The staged recount (staged.ts) indexes the units
 * while the ballots are still arriving.
 */
export function decideIndexed(record: Pick<TallyRecord, 'ballots' | 'motion'>, index: ElectorateIndex, settings: Settings): RecordDecision {
  const issues = new Issues();
  const ballots = standingBallots(record.ballots, index, record.motion, settings, issues);
  issues.throwIfAny();
  return decideStanding(ballots, index, record.motion, settings);
}

/** The last step, from the standing ballots (found without issues): their count and the decision. */
export function decideStanding(ballots: StandingBallots, index: ElectorateIndex, motion: TallyRecord['motion'], settings: Settings): RecordDecision {
  const totals = countStanding(index, ballots, motion);
  const decision = decide(totals, motion, settings);
  return { decision, units: index.statistics, ballots: ballots.statistics };
}

export function tallyRecord(record: TallyRecord): Report {
  const { decision, units, ballots } = decideRecord(record);
  return buildReport(decision, { motion: record.motion, estate: record.estate, units, ballots });
}
