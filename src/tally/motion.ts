// Checks on a motion that its JSON shape cannot express: which matter a
// kind of motion may decide (R3.3), and what a lift installation is (R3.6).
// Both entry points run them, so an aggregated tally cannot decide an
// election as if it were a covenant amendment.

import type { MotionTerms } from './decision.ts';
import { Issues, quote, type Issue } from './issues.ts';
import { ABSTAIN, ID_PATTERN, type Scope } from './record.ts';

function name(motion: MotionTerms): string {
  return motion.id === undefined ? 'motion' : `motion ${quote(motion.id)}`;
}

export function motionIssues(motion: MotionTerms & { readonly scope?: Scope }): readonly Issue[] {
  const issues = new Issues();
  const distinct = (ids: readonly string[], what: string) => {
    if (new Set(ids).size !== ids.length) issues.add('invalid_motion', 'motion', `${name(motion)}: ${what} ids must be distinct`);
    for (const id of ids) {
      if (id === ABSTAIN || !ID_PATTERN.test(id)) issues.add('invalid_motion', 'motion', `${name(motion)}: ${quote(id)} cannot be a ${what} id`);
    }
  };
  switch (motion.kind) {
    case 'yes_no':
      if (motion.liftInstallation === true) {
        if (motion.matter !== 'rebuild') {
          issues.add('invalid_motion', 'motion.matter', `${name(motion)}: a lift installation is matter rebuild (R3.6), not ${motion.matter}`);
        }
        if (motion.scope !== undefined && motion.scope.kind !== 'stair') {
          issues.add('invalid_motion', 'motion.scope', `${name(motion)}: a lift installation is voted by one stairwell unit (scope kind "stair", R3.6)`);
        }
      }
      break;
    case 'options':
      if (motion.options.length < 2 || motion.options.length > 100) {
        issues.add('invalid_motion', 'motion.options', `${name(motion)}: a choice among options needs from 2 to 100 options`);
      }
      distinct(motion.options.map((o) => o.id), 'option');
      break;
    case 'election':
      if (motion.matter !== 'committee_election') {
        issues.add('invalid_motion', 'motion.matter', `${name(motion)}: an election is matter committee_election, not ${motion.matter}`);
      }
      if (!Number.isSafeInteger(motion.seats) || motion.seats < 1) {
        issues.add('invalid_motion', 'motion.seats', `${name(motion)}: seats must be a positive whole number`);
      }
      if (motion.candidates.length < 1 || motion.candidates.length > 100) {
        issues.add('invalid_motion', 'motion.candidates', `${name(motion)}: an election needs from 1 to 100 candidates`);
      }
      distinct(motion.candidates.map((c) => c.id), 'candidate');
      break;
    case 'petition':
      break;
  }
  if ('liftInstallation' in motion && motion.liftInstallation === true && motion.kind !== 'yes_no') {
    issues.add('invalid_motion', 'motion.kind', `${name(motion)}: a lift installation is a yes/no motion`);
  }
  return issues.all;
}
