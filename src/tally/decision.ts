// The shapes a decision is made of. Kept apart from decide.ts so the report,
// the explanation and the service can depend on them without the logic.

import type { Amount } from './amount.ts';
import type { SeatOutcome } from './election.ts';
import type { NonVoterResult } from './non-voters.ts';
import type { QuorumResult } from './quorum.ts';
import type { Matter } from './matters.ts';
import type { MotionKind, Settings } from './record.ts';
import type { AppliedRule } from './rule.ts';
import type { Comparison } from './threshold.ts';

/** What the decision needs to know about a motion; a record's motion fits. */
export type MotionTerms =
  | { readonly kind: 'yes_no'; readonly matter: Matter; readonly id?: string; readonly liftInstallation?: boolean }
  | { readonly kind: 'options'; readonly matter: Matter; readonly id?: string; readonly options: readonly { readonly id: string }[] }
  | {
      readonly kind: 'election';
      readonly matter: Matter;
      readonly id?: string;
      readonly candidates: readonly { readonly id: string }[];
      readonly seats: number;
    }
  | { readonly kind: 'petition'; readonly matter: Matter; readonly id?: string };

/**
 * Aggregated totals — the SQL path's input, and what the raw path reduces
 * units and ballots to. Areas in hundredths of m² (bigint, or a safe
 * integer number); heads as whole numbers.
 */
export interface Totals {
  /** Total area and heads of the motion's electorate (R1.3). */
  readonly TA: bigint | number;
  readonly TH: bigint | number;
  /** Area and heads of the voters who took part, abstentions and spoiled ballots included (R2.4). */
  readonly PA: bigint | number;
  readonly PH: bigint | number;
  /**
   * Per choice: yes_no → agree, oppose, abstain; options → each option id
   * and abstain; election → each candidate id (its supporters) and abstain
   * (empty ballots); petition → sign. A missing choice counts as nothing.
   */
  readonly choices: Readonly<Record<string, { readonly area: bigint | number; readonly heads: bigint | number }>>;
  /** Spoiled paper ballots (废票). Yes/no and options: defaults to what PA/PH leave over; elections: nothing. */
  readonly spoiled?: { readonly area: bigint | number; readonly heads: bigint | number };
}

export interface ChoiceCount {
  readonly id: string;
  readonly amount: Amount;
}

export interface SubjectTest {
  /** agree, an option id, a candidate id, or sign. */
  readonly subject: string;
  /** Support as counted: its ballots, plus non-voters deemed to follow it (R2.7). */
  readonly support: Amount;
  /** What the approval share is taken of. */
  readonly base: Amount;
  readonly area: Comparison;
  readonly heads: Comparison;
  /** R3.6 lift consent, on the heads who actually agreed against the stairwell unit's heads. */
  readonly liftConsent: Comparison | null;
  readonly passed: boolean;
}

export type Verdict =
  | { readonly kind: 'yes_no'; readonly outcome: 'passed' | 'rejected' | 'no_quorum' }
  | {
      readonly kind: 'options';
      readonly outcome: 'decided' | 'no_decision' | 'no_quorum';
      readonly winner: string | null;
      readonly passing: readonly string[];
    }
  | {
      readonly kind: 'election';
      readonly outcome: 'decided' | 'no_quorum';
      readonly seats: number;
      readonly elected: readonly string[];
      readonly unresolvedSeats: number;
      readonly tiedForLastSeat: readonly string[];
      readonly vacantSeats: number;
    }
  | { readonly kind: 'petition'; readonly outcome: 'threshold_met' | 'threshold_not_met' };

export interface Warning {
  readonly code: 'committee_size';
  readonly zh: string;
  readonly en: string;
}

export interface Decision {
  readonly motion: { readonly id: string | null; readonly kind: MotionKind; readonly matter: Matter };
  readonly settings: Settings;
  readonly rule: AppliedRule;
  /** TA, TH */
  readonly total: Amount;
  /** PA, PH */
  readonly tookPart: Amount;
  /** TA − PA, TH − PH */
  readonly didNotVote: Amount;
  /** As cast, in the motion's order, abstain last; before any non-voters are added. */
  readonly choices: readonly ChoiceCount[];
  readonly spoiled: Amount;
  /** null where the rule has no quorum (petitions, property-law-2007). */
  readonly quorum: QuorumResult | null;
  readonly nonVoters: NonVoterResult;
  /** Empty when the quorum was not met: without it nothing is decided. */
  readonly tests: readonly SubjectTest[];
  readonly election: SeatOutcome | null;
  readonly verdict: Verdict;
  readonly warnings: readonly Warning[];
}
