import type { Estate } from '../db/schema.ts';
import { settingsOfEstate } from '../places/estate-settings.ts';
import { MATTERS, type Matter, type MotionTerms, ruleFor, type RuleWordsKind } from '../tally/index.ts';
import { ruleView, type RuleView } from './meetings.ts';

/**
 * The rule that would decide a motion of each matter in this estate, asked
 * before the motion exists: the organiser picks a matter of 民法典 第二百七十八条
 * and sees its rule while writing the motion. The same ruleFor and ruleView
 * that answer for a saved motion answer here, so the words cannot differ.
 */
/** The terms ruleFor reads (kind, matter, lift): options and candidates do not change the rule. */
function termsOf(matter: Matter, kind: RuleWordsKind, liftInstallation: boolean): MotionTerms {
  if (kind === 'options') return { kind, matter, options: [] };
  if (kind === 'election') return { kind, matter, candidates: [], seats: 1 };
  return { kind, matter, liftInstallation };
}

export function estateRules(
  estate: Pick<Estate, 'settings'>,
  query: { matter?: Matter; kind: RuleWordsKind; liftInstallation: boolean },
): RuleView[] {
  const settings = settingsOfEstate(estate).tally;
  const matters = query.matter === undefined ? MATTERS : [query.matter];
  return matters.map((matter) => ruleView(ruleFor(termsOf(matter, query.kind, query.liftInstallation), settings), query.kind));
}
