// The report: a Decision in plain JSON (areas as exact decimal strings,
// heads as numbers), with the explanation lines. This is what the command
// line prints with --json and what the service publishes next to a result.

import type { Amount } from './amount.ts';
import { formatArea } from './area.ts';
import type { BallotStatistics } from './ballots.ts';
import type { Decision, Verdict, Warning } from './decision.ts';
import type { UnitStatistics } from './electorate.ts';
import { explain, type Explanation } from './explain.ts';
import { choiceLabel, type Label, type Names } from './labels.ts';
import { MATTER_TITLES, type Matter, type MatterTitle } from './matters.ts';
import type { NonVoterOutcome } from './non-voters.ts';
import type { Base, Citation, TestKind } from './profiles.ts';
import type { Motion, MotionKind, Profile, Scope, Settings } from './record.ts';
import { formatThreshold, type Comparison, type Threshold } from './threshold.ts';

export const REPORT_FORMAT = 'gongjue.tally-report';
export const REPORT_VERSION = 1;

export interface ThresholdJson {
  readonly num: number;
  readonly den: number;
  readonly strict: boolean;
  /** "≥ 2/3", "> 1/2" */
  readonly text: string;
}

export interface AreaJson {
  /** m², exact, two decimals */
  readonly area: string;
  readonly heads: number;
}

export interface ComparisonJson<T> {
  readonly value: T;
  readonly base: T;
  readonly threshold: ThresholdJson;
  /** The least value that meets the threshold. */
  readonly needed: T;
  /** value − needed: negative when missed. */
  readonly margin: T;
  readonly met: boolean;
}

export interface Report {
  readonly format: typeof REPORT_FORMAT;
  readonly version: typeof REPORT_VERSION;
  readonly estate: { readonly id: string; readonly name?: string } | null;
  readonly motion: {
    readonly id: string | null;
    readonly title: string | null;
    readonly kind: MotionKind;
    readonly matter: Matter;
    readonly matterTitle: MatterTitle;
    readonly scope: Scope | null;
  };
  readonly rule: {
    readonly profile: Profile;
    readonly statute: Citation;
    readonly test: TestKind;
    readonly base: Base;
    readonly quorum: ThresholdJson | null;
    readonly approval: ThresholdJson;
    readonly liftConsent: ThresholdJson | null;
    readonly overridden: { readonly quorum: boolean; readonly approval: boolean };
  };
  readonly settings: Omit<Settings, 'overrides' | 'profile'>;
  readonly totals: {
    readonly TA: string;
    readonly TH: number;
    readonly PA: string;
    readonly PH: number;
    readonly didNotVote: AreaJson;
    readonly spoiled: AreaJson;
  };
  /** As cast, before any non-voters are added; abstain last. */
  readonly choices: readonly (AreaJson & { readonly id: string; readonly label: Label })[];
  readonly quorum: {
    readonly met: boolean;
    readonly threshold: ThresholdJson;
    readonly area: ComparisonJson<string>;
    readonly heads: ComparisonJson<number>;
  } | null;
  readonly nonVoters: {
    readonly mode: Settings['nonVoters'];
    readonly outcome: NonVoterOutcome;
    readonly area: string;
    readonly heads: number;
    readonly addedTo: string | null;
    readonly areaMajority: string | null;
    readonly headsMajority: string | null;
  };
  readonly tests: readonly {
    readonly subject: string;
    readonly label: Label;
    readonly support: AreaJson;
    readonly base: AreaJson;
    readonly area: ComparisonJson<string>;
    readonly heads: ComparisonJson<number>;
    readonly liftConsent: ComparisonJson<number> | null;
    readonly passed: boolean;
  }[];
  /** Elections: candidates who passed, ranked by heads then area. */
  readonly ranking: readonly (AreaJson & { readonly candidate: string; readonly rank: number })[] | null;
  readonly verdict: Verdict;
  /** Raw path only: what the units contributed. */
  readonly units: UnitStatistics | null;
  /** Raw path only: what became of the ballots. */
  readonly ballots: BallotStatistics | null;
  readonly warnings: readonly Warning[];
  readonly explanation: Explanation;
}

/** Context a decision alone does not carry: names, title, scope, and raw-path statistics. */
export interface ReportContext {
  readonly motion?: Pick<Motion, 'id' | 'title' | 'scope'> & { readonly options?: readonly { id: string; label: string }[]; readonly candidates?: readonly { id: string; name: string }[] };
  readonly estate?: { readonly id: string; readonly name?: string | undefined };
  readonly units?: UnitStatistics;
  readonly ballots?: BallotStatistics;
}

function heads(h: bigint): number {
  // Heads count people; any real number of them is a safe integer.
  if (h > BigInt(Number.MAX_SAFE_INTEGER) || h < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('head count out of range');
  return Number(h);
}

const thresholdJson = (t: Threshold): ThresholdJson => ({ num: t.num, den: t.den, strict: t.strict, text: formatThreshold(t) });
const amountJson = (a: Amount): AreaJson => ({ area: formatArea(a.area), heads: heads(a.heads) });

function areaComparison(c: Comparison): ComparisonJson<string> {
  return {
    value: formatArea(c.value), base: formatArea(c.base), threshold: thresholdJson(c.threshold),
    needed: formatArea(c.needed), margin: formatArea(c.margin), met: c.met,
  };
}

function headsComparison(c: Comparison): ComparisonJson<number> {
  return {
    value: heads(c.value), base: heads(c.base), threshold: thresholdJson(c.threshold),
    needed: heads(c.needed), margin: heads(c.margin), met: c.met,
  };
}

export function namesOf(motion: ReportContext['motion']): Names {
  const names = new Map<string, string>();
  for (const o of motion?.options ?? []) names.set(o.id, o.label);
  for (const c of motion?.candidates ?? []) names.set(c.id, c.name);
  return names;
}

export function buildReport(decision: Decision, context: ReportContext = {}): Report {
  const names = namesOf(context.motion);
  const kind = decision.motion.kind;
  const { rule, settings } = decision;
  const scope = context.motion?.scope ?? null;
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    estate: context.estate ? { id: context.estate.id, ...(context.estate.name !== undefined ? { name: context.estate.name } : {}) } : null,
    motion: {
      id: context.motion?.id ?? decision.motion.id,
      title: context.motion?.title ?? null,
      kind,
      matter: decision.motion.matter,
      matterTitle: MATTER_TITLES[decision.motion.matter],
      scope,
    },
    rule: {
      profile: rule.profile,
      statute: rule.statute,
      test: rule.test,
      base: rule.base,
      quorum: rule.quorum === null ? null : thresholdJson(rule.quorum),
      approval: thresholdJson(rule.approval),
      liftConsent: rule.liftConsent === null ? null : thresholdJson(rule.liftConsent),
      overridden: rule.overridden,
    },
    settings: {
      countParking: settings.countParking,
      nonVoters: settings.nonVoters,
      coOwnerVoting: settings.coOwnerVoting,
      liftConsentTwoThirds: settings.liftConsentTwoThirds,
    },
    totals: {
      TA: formatArea(decision.total.area),
      TH: heads(decision.total.heads),
      PA: formatArea(decision.tookPart.area),
      PH: heads(decision.tookPart.heads),
      didNotVote: amountJson(decision.didNotVote),
      spoiled: amountJson(decision.spoiled),
    },
    choices: decision.choices.map((c) => ({ id: c.id, label: choiceLabel(kind, c.id, names), ...amountJson(c.amount) })),
    quorum: decision.quorum === null ? null : {
      met: decision.quorum.met,
      threshold: thresholdJson(decision.quorum.threshold),
      area: areaComparison(decision.quorum.area),
      heads: headsComparison(decision.quorum.heads),
    },
    nonVoters: {
      mode: decision.nonVoters.mode,
      outcome: decision.nonVoters.outcome,
      ...amountJson(decision.nonVoters.amount),
      addedTo: decision.nonVoters.addedTo,
      areaMajority: decision.nonVoters.areaMajority,
      headsMajority: decision.nonVoters.headsMajority,
    },
    tests: decision.tests.map((t) => ({
      subject: t.subject,
      label: choiceLabel(kind, t.subject, names),
      support: amountJson(t.support),
      base: amountJson(t.base),
      area: areaComparison(t.area),
      heads: headsComparison(t.heads),
      liftConsent: t.liftConsent === null ? null : headsComparison(t.liftConsent),
      passed: t.passed,
    })),
    ranking: decision.election === null ? null : decision.election.ranking.map((r) => ({ candidate: r.candidate, rank: r.rank, ...amountJson(r.support) })),
    verdict: decision.verdict,
    units: context.units ?? null,
    ballots: context.ballots ?? null,
    warnings: decision.warnings,
    explanation: explain(decision, names, scope ?? undefined),
  };
}
