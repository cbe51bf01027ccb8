// decide(): the one place a verdict is reached. The service calls it with
// totals aggregated in SQL; tallyRecord() calls it with totals counted from
// units and ballots. Same function, same verdict.

import { minus, plus, type Amount } from './amount.ts';
import type { ChoiceCount, Decision, MotionTerms, SubjectTest, Totals, Verdict, Warning } from './decision.ts';
import { committeeSizeAllowed, fillSeats, type SeatOutcome } from './election.ts';
import { Issues } from './issues.ts';
import { motionIssues } from './motion.ts';
import { followMajority, notFollowing, type NonVoterResult } from './non-voters.ts';
import { quorum } from './quorum.ts';
import { ABSTAIN, type Settings, type SettingsInput } from './record.ts';
import { ruleFor } from './rule.ts';
import { resolveSettings } from './settings.ts';
import { compare } from './threshold.ts';
import { countedTotals, isSubject } from './totals.ts';

/**
 * Decides one motion from aggregated totals.
 * Throws TallyInputError when the totals do not add up, the motion is
 * malformed, or an override is looser than the statute.
 */
export function decide(totals: Totals, motion: MotionTerms, settings?: SettingsInput | Settings): Decision {
  const resolved = resolveSettings(settings);
  const issues = new Issues();
  for (const issue of motionIssues(motion)) issues.add(issue.code, issue.path, issue.message);
  const counted = countedTotals(totals, motion, issues);
  issues.throwIfAny();
  const rule = ruleFor(motion, resolved);

  const { total, tookPart, choices, spoiled } = counted;
  const didNotVote = minus(total, tookPart);
  const quorumResult = rule.quorum === null ? null : quorum(tookPart, total, rule.quorum);
  const quorumMet = quorumResult === null || quorumResult.met;
  const warnings = committeeWarnings(motion, total);
  const header = {
    motion: { id: motion.id ?? null, kind: motion.kind, matter: motion.matter },
    settings: resolved,
    rule,
    total,
    tookPart,
    didNotVote,
    choices,
    spoiled,
    quorum: quorumResult,
    warnings,
  };

  const nonVoters = nonVoterShare(motion, resolved, quorumMet, choices, tookPart, didNotVote);
  if (!quorumMet) {
    return { ...header, nonVoters, tests: [], election: null, verdict: noQuorum(motion) };
  }

  const base = rule.base === 'total' ? total : nonVoters.addedTo === null ? tookPart : plus(tookPart, didNotVote);
  const test = (subject: string, cast: Amount): SubjectTest => {
    const support = subject === nonVoters.addedTo ? plus(cast, didNotVote) : cast;
    const area = compare(support.area, base.area, rule.approval);
    const heads = compare(support.heads, base.heads, rule.approval);
    // Consent is an act: only heads that actually agreed count towards it, never deemed ones.
    const liftConsent = rule.liftConsent === null ? null : compare(cast.heads, total.heads, rule.liftConsent);
    return { subject, support, base, area, heads, liftConsent, passed: area.met && heads.met && (liftConsent?.met ?? true) };
  };
  const tests = choices.filter((c) => isSubject(motion, c.id)).map((c) => test(c.id, c.amount));
  const { verdict, election } = verdictOf(motion, tests);
  return { ...header, nonVoters, tests, election, verdict };
}

function noQuorum(motion: MotionTerms): Verdict {
  switch (motion.kind) {
    case 'yes_no':
      return { kind: 'yes_no', outcome: 'no_quorum' };
    case 'options':
      return { kind: 'options', outcome: 'no_quorum', winner: null, passing: [] };
    case 'election':
      return {
        kind: 'election', outcome: 'no_quorum', seats: motion.seats,
        elected: [], unresolvedSeats: 0, tiedForLastSeat: [], vacantSeats: motion.seats,
      };
    case 'petition':
      // A petition has no quorum; this cannot be reached.
      return { kind: 'petition', outcome: 'threshold_not_met' };
  }
}

function nonVoterShare(
  motion: MotionTerms,
  settings: Settings,
  quorumMet: boolean,
  choices: readonly ChoiceCount[],
  tookPart: Amount,
  didNotVote: Amount,
): NonVoterResult {
  const mode = settings.nonVoters;
  if (mode === 'excluded') return notFollowing(mode, 'excluded', didNotVote);
  if (motion.kind === 'election' || motion.kind === 'petition') return notFollowing(mode, 'not_applicable', didNotVote);
  if (!quorumMet) return notFollowing(mode, 'no_quorum', didNotVote);
  const sides = choices.filter((c) => c.id !== ABSTAIN);
  return followMajority(sides, tookPart, didNotVote);
}

function verdictOf(motion: MotionTerms, tests: readonly SubjectTest[]): { verdict: Verdict; election: SeatOutcome | null } {
  const passing = tests.filter((t) => t.passed);
  switch (motion.kind) {
    case 'yes_no':
      return { verdict: { kind: 'yes_no', outcome: passing.length === 1 ? 'passed' : 'rejected' }, election: null };
    case 'options': {
      // R3.2: an option wins only if it alone passes.
      const winner = passing.length === 1 ? passing[0]!.subject : null;
      return {
        verdict: { kind: 'options', outcome: winner === null ? 'no_decision' : 'decided', winner, passing: passing.map((t) => t.subject) },
        election: null,
      };
    }
    case 'election': {
      const seats = fillSeats(passing.map((t) => ({ candidate: t.subject, support: t.support })), motion.seats);
      return {
        verdict: {
          kind: 'election', outcome: 'decided', seats: seats.seats, elected: seats.elected,
          unresolvedSeats: seats.unresolvedSeats, tiedForLastSeat: seats.tiedForLastSeat, vacantSeats: seats.vacantSeats,
        },
        election: seats,
      };
    }
    case 'petition':
      return { verdict: { kind: 'petition', outcome: passing.length === 1 ? 'threshold_met' : 'threshold_not_met' }, election: null };
  }
}

/**
 * R3.3 committee size. A warning, not an error: the size is fixed by the
 * estate's rules of procedure and the township's guidance before voting;
 * the count of a vote that took place must still be shown.
 * Households are taken as the electorate's heads.
 */
function committeeWarnings(motion: MotionTerms, total: Amount): Warning[] {
  if (motion.kind !== 'election' || committeeSizeAllowed(motion.seats, total.heads)) return [];
  return [
    {
      code: 'committee_size',
      zh: `业主委员会委员人数 ${motion.seats} 人不符合规定：应为5至11人的单数（业主不超过100户的可为3人）`,
      en: `a committee of ${motion.seats} seats is outside the rule: an odd number from 5 to 11 (3 where there are at most 100 households)`,
    },
  ];
}
