// The tally engine's public API: the rules of domain.md §1–§3 as pure
// functions. No I/O, no clock, no database, no floating point.
//
//   parseTallyRecord(json)            untrusted JSON → TallyRecord (or TallyInputError)
//   tallyRecord(record)               record → Report            (raw path: units and ballots)
//   decide(totals, motion, settings)  totals → Decision          (SQL path: aggregated totals)
//   buildReport(decision, context)    Decision → Report
//   electorate(units, settings, scope) units → voters, TA, TH
//
// Both paths reach their verdict through decide().

export { parseTallyRecord } from './validate-record.ts';
export { tallyRecord, decideRecord, type RecordDecision } from './tally-record.ts';
export { decide } from './decide.ts';
export { buildReport, namesOf, REPORT_FORMAT, REPORT_VERSION, type Report, type ReportContext, type ComparisonJson, type ThresholdJson, type AreaJson } from './report.ts';
export { renderReport } from './render.ts';
export { explain, type Explanation } from './explain.ts';
export { electorate, inScope, type Electorate, type UnitStatistics } from './electorate.ts';
export { voterKey, DEVELOPER_KEY, type Voter } from './voter.ts';
export type { BallotStatistics } from './ballots.ts';
export type { Decision, MotionTerms, Totals, Verdict, SubjectTest, ChoiceCount, Warning } from './decision.ts';
export { ruleFor, overrideIssues, type AppliedRule } from './rule.ts';
export { ruleWords, thresholdWords, type RuleWords, type RuleWordsKind } from './rule-words.ts';
export { statutoryRule, profileForDecisionDate, PETITION_RULE, LIFT_CONSENT, type StatutoryRule, type Base, type TestKind, type Citation } from './profiles.ts';
export { resolveSettings, DEFAULT_SETTINGS } from './settings.ts';
export { quorum, quorumMet, type QuorumResult } from './quorum.ts';
export { followMajority, type NonVoterResult, type NonVoterOutcome } from './non-voters.ts';
export { fillSeats, committeeSizeAllowed, type SeatOutcome, type RankedCandidate } from './election.ts';
export { compare, meets, minimumNeeded, atLeast, moreThan, atLeastAsStrict, formatThreshold, type Threshold, type Comparison } from './threshold.ts';
export { parseArea, formatArea, areaHundredths, pickArea, type Hundredths, type AreaEvidence } from './area.ts';
export { parseInstant, compareInstants, type Instant } from './instant.ts';
export { MATTERS, MATTER_TITLES, isMatter, type Matter, type MatterTitle } from './matters.ts';
export type { Amount, Share } from './amount.ts';
export { TallyInputError, type Issue, type IssueCode } from './issues.ts';
export { tallyRecordJsonSchema } from './json-schema.ts';
export {
  RECORD_FORMAT,
  RECORD_VERSION,
  ABSTAIN,
  TallyRecordSchema,
  SettingsSchema,
  MotionSchema,
  UnitSchema,
  BallotSchema,
  type TallyRecord,
  type TallyRecordInput,
  type Settings,
  type SettingsInput,
  type Motion,
  type MotionInput,
  type MotionKind,
  type Unit,
  type Ballot,
  type Scope,
  type Profile,
  type Channel,
  type UnitKind,
  type AreaSource,
  type Override,
  type Meeting,
} from './record.ts';
