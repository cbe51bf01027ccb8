// Aggregated totals come from SQL in the service, or from the raw count in
// this engine. Either way they are checked for consistency before any test
// runs: a decision reached from numbers that do not add up would be worse
// than no decision.

import { minus, NOTHING, plus, sameAmount, wholeCount, within, type Amount } from './amount.ts';
import type { ChoiceCount, MotionTerms, Totals } from './decision.ts';
import type { Issues } from './issues.ts';
import { formatArea } from './area.ts';
import { ABSTAIN } from './record.ts';

export interface CountedTotals {
  readonly total: Amount;
  readonly tookPart: Amount;
  readonly choices: readonly ChoiceCount[];
  readonly spoiled: Amount;
}

/** The choices a motion's ballots can carry, in the order they are reported. */
export function choiceIds(motion: MotionTerms): readonly string[] {
  switch (motion.kind) {
    case 'yes_no':
      return ['agree', 'oppose', 'abstain'];
    case 'options':
      return [...motion.options.map((o) => o.id), ABSTAIN];
    case 'election':
      return [...motion.candidates.map((c) => c.id), ABSTAIN];
    case 'petition':
      return ['sign'];
  }
}

/** Whether a choice is something the test is run on: agree, an option, a candidate, or sign. */
export function isSubject(motion: MotionTerms, choice: string): boolean {
  switch (motion.kind) {
    case 'yes_no':
      return choice === 'agree';
    case 'options':
    case 'election':
      return choice !== ABSTAIN;
    case 'petition':
      return choice === 'sign';
  }
}

function describe(a: Amount): string {
  return `${formatArea(a.area)} m² / ${a.heads} heads`;
}

function amountOf(value: unknown, path: string, issues: Issues): Amount {
  const v = value as { area?: unknown; heads?: unknown } | undefined;
  const area = wholeCount(v?.area);
  const heads = wholeCount(v?.heads);
  if (area === undefined || heads === undefined) {
    issues.add('inconsistent_totals', path, `${path}: area (hundredths of m²) and heads must be whole non-negative numbers`);
    return NOTHING;
  }
  // Every counted unit has a positive area, so a head never comes without area, nor area without a head.
  if ((area === 0n) !== (heads === 0n)) {
    issues.add('inconsistent_totals', path, `${path}: ${describe({ area, heads })} — area and heads must be both zero or both positive`);
  }
  return { area, heads };
}

export function countedTotals(totals: Totals, motion: MotionTerms, issues: Issues): CountedTotals {
  const total = amountOf({ area: totals.TA, heads: totals.TH }, 'TA/TH', issues);
  const tookPart = amountOf({ area: totals.PA, heads: totals.PH }, 'PA/PH', issues);
  if (total.heads === 0n) issues.add('empty_electorate', 'TA/TH', 'the motion’s electorate is empty: no counted unit in its scope');
  if (!within(tookPart, total)) {
    issues.add('inconsistent_totals', 'PA/PH', `PA/PH (${describe(tookPart)}) exceed TA/TH (${describe(total)})`);
  }

  const ids = choiceIds(motion);
  const known = new Set(ids);
  for (const key of Object.keys(totals.choices)) {
    if (!known.has(key)) issues.add('unknown_choice', `choices.${key}`, `choices.${key}: not a choice of this ${motion.kind} motion`);
  }
  const choices: ChoiceCount[] = ids.map((id) => {
    const given = Object.hasOwn(totals.choices, id) ? totals.choices[id] : undefined;
    return { id, amount: given === undefined ? NOTHING : amountOf(given, `choices.${id}`, issues) };
  });
  const given = totals.spoiled === undefined ? undefined : amountOf(totals.spoiled, 'spoiled', issues);

  let spoiled = given ?? NOTHING;
  switch (motion.kind) {
    case 'yes_no':
    case 'options': {
      // Each participant cast exactly one of these, or a spoiled ballot.
      const cast = choices.reduce((sum, c) => plus(sum, c.amount), NOTHING);
      if (given === undefined) {
        spoiled = minus(tookPart, cast);
        if (spoiled.area < 0n || spoiled.heads < 0n) {
          issues.add('inconsistent_totals', 'choices', `the choices (${describe(cast)}) exceed PA/PH (${describe(tookPart)})`);
          spoiled = NOTHING;
        }
      } else if (!sameAmount(plus(cast, given), tookPart)) {
        issues.add('inconsistent_totals', 'choices',
          `choices (${describe(cast)}) plus spoiled (${describe(given)}) do not add up to PA/PH (${describe(tookPart)})`);
      }
      break;
    }
    case 'election': {
      const abstained = choices.find((c) => c.id === ABSTAIN)?.amount ?? NOTHING;
      const blankOrSpoiled = plus(abstained, spoiled);
      if (!within(blankOrSpoiled, tookPart)) {
        issues.add('inconsistent_totals', 'choices.abstain', `empty and spoiled ballots (${describe(blankOrSpoiled)}) exceed PA/PH`);
      }
      const supporters = minus(tookPart, blankOrSpoiled);
      for (const c of choices) {
        if (c.id !== ABSTAIN && !within(c.amount, supporters)) {
          issues.add('inconsistent_totals', `choices.${c.id}`,
            `choices.${c.id}: support (${describe(c.amount)}) exceeds those who named any candidate (${describe(supporters)})`);
        }
      }
      break;
    }
    case 'petition': {
      const signed = choices[0]!;
      if (Object.hasOwn(totals.choices, 'sign') && !sameAmount(signed.amount, tookPart)) {
        issues.add('inconsistent_totals', 'choices.sign', `a petition's signatures (${describe(signed.amount)}) are its participants PA/PH (${describe(tookPart)})`);
      }
      if (given !== undefined && !sameAmount(given, NOTHING)) {
        issues.add('inconsistent_totals', 'spoiled', 'a petition has signatures, not ballots: nothing can be spoiled');
      }
      return { total, tookPart, choices: [{ id: 'sign', amount: tookPart }], spoiled: NOTHING };
    }
  }
  return { total, tookPart, choices, spoiled };
}
