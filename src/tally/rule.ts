// The rule applied to one motion: the profile's statutory floor for the
// motion's matter, tightened by the estate's own overrides. An override
// may only ever be stricter (R2.6): a looser one is refused with an error
// naming the matter and the floor it would undercut.

import { Issues, type Issue } from './issues.ts';
import { MATTER_TITLES, MATTERS, type Matter } from './matters.ts';
import {
  LIFT_CONSENT,
  PETITION_RULE,
  statutoryRule,
  type Base,
  type Citation,
  type TestKind,
} from './profiles.ts';
import type { MotionTerms } from './decision.ts';
import type { Profile, Settings } from './record.ts';
import { atLeast, atLeastAsStrict, formatThreshold, type Threshold } from './threshold.ts';

export interface AppliedRule {
  readonly profile: Profile;
  readonly matter: Matter;
  readonly test: TestKind;
  readonly base: Base;
  readonly quorum: Threshold | null;
  readonly approval: Threshold;
  /** R3.6 lift consent, on heads of the whole stairwell unit; null unless it applies. */
  readonly liftConsent: Threshold | null;
  readonly overridden: { readonly quorum: boolean; readonly approval: boolean };
  readonly statute: Citation;
}

/** A quorum of nothing: what an override is compared with when the profile has no quorum. */
const NO_QUORUM = atLeast(0, 1);

function looser(matter: Matter, what: 'quorum' | 'approval', given: Threshold, floor: Threshold, statute: Citation): string {
  const title = MATTER_TITLES[matter];
  return (
    `settings.overrides.${matter}.${what}: ${formatThreshold(given)} is looser than the statutory floor ` +
    `${formatThreshold(floor)} for matter ${matter} (${title.zh}, ${statute.zh}); an estate may only set stricter thresholds`
  );
}

/** Every override in the settings checked against the profile's floors. */
export function overrideIssues(settings: Settings): readonly Issue[] {
  const issues = new Issues();
  for (const matter of MATTERS) {
    const override = settings.overrides[matter];
    if (override === undefined) continue;
    const floor = statutoryRule(settings.profile, matter);
    if (override.quorum && !atLeastAsStrict(override.quorum, floor.quorum ?? NO_QUORUM)) {
      issues.add('override_looser_than_statute', `settings.overrides.${matter}.quorum`,
        looser(matter, 'quorum', override.quorum, floor.quorum ?? NO_QUORUM, floor.statute));
    }
    if (override.approval && !atLeastAsStrict(override.approval, floor.approval)) {
      issues.add('override_looser_than_statute', `settings.overrides.${matter}.approval`,
        looser(matter, 'approval', override.approval, floor.approval, floor.statute));
    }
  }
  return issues.all;
}

/**
 * The rule for this motion under these settings. Throws TallyInputError
 * when an override for the motion's matter is looser than the statute.
 */
export function ruleFor(motion: MotionTerms, settings: Settings): AppliedRule {
  if (motion.kind === 'petition') {
    return {
      profile: settings.profile,
      matter: motion.matter,
      ...PETITION_RULE,
      liftConsent: null,
      overridden: { quorum: false, approval: false },
    };
  }
  const floor = statutoryRule(settings.profile, motion.matter);
  const override = settings.overrides[motion.matter];
  const issues = new Issues();
  for (const issue of overrideIssues({ ...settings, overrides: { [motion.matter]: override } })) {
    issues.add(issue.code, issue.path, issue.message);
  }
  issues.throwIfAny();
  return {
    profile: settings.profile,
    matter: motion.matter,
    test: floor.test,
    base: floor.base,
    quorum: override?.quorum ?? floor.quorum,
    approval: override?.approval ?? floor.approval,
    liftConsent: motion.kind === 'yes_no' && motion.liftInstallation === true && settings.liftConsentTwoThirds ? LIFT_CONSENT : null,
    overridden: { quorum: override?.quorum !== undefined, approval: override?.approval !== undefined },
    statute: floor.statute,
  };
}
