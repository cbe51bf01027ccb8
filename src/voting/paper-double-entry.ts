import type { Choice } from './motion-terms.ts';

/**
 * Double entry of a paper ballot (issue 16): two organisers type the same
 * paper independently, and it counts only when they read it alike. Pure: the
 * comparison is a rule, not the console's.
 */

export interface PaperReading {
  /** null when spoiled. */
  choice: Choice | null;
  spoiled: boolean;
}

export interface PaperDifference {
  field: 'spoiled' | 'choice';
  first: unknown;
  second: unknown;
}

/** A set of ticks read off paper has no order: 甲、乙 and 乙、甲 are the same reading. */
function sameChoice(a: Choice | null, b: Choice | null): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const sa = [...new Set(a)].sort();
    const sb = [...new Set(b)].sort();
    return sa.length === sb.length && sa.every((v, i) => v === sb[i]);
  }
  return a === b;
}

/** Where the second reading differs from the first; empty when they agree. */
export function differencesBetween(first: PaperReading, second: PaperReading): PaperDifference[] {
  if (first.spoiled !== second.spoiled) return [{ field: 'spoiled', first: first.spoiled, second: second.spoiled }];
  if (first.spoiled) return [];
  return sameChoice(first.choice, second.choice) ? [] : [{ field: 'choice', first: first.choice, second: second.choice }];
}
