// R2.1: without two thirds of the area and two thirds of the heads taking
// part, nothing is decided: 3·PA ≥ 2·TA AND 3·PH ≥ 2·TH. The quorum is
// about actual participation — non-voters deemed to follow the majority
// (R2.7) never make up a quorum.

import type { Amount } from './amount.ts';
import { compare, type Comparison, type Threshold } from './threshold.ts';

export interface QuorumResult {
  readonly threshold: Threshold;
  readonly area: Comparison;
  readonly heads: Comparison;
  readonly met: boolean;
}

export function quorum(tookPart: Amount, total: Amount, threshold: Threshold): QuorumResult {
  const area = compare(tookPart.area, total.area, threshold);
  const heads = compare(tookPart.heads, total.heads, threshold);
  return { threshold, area, heads, met: area.met && heads.met };
}

/** The quorum test alone, for callers that only need the answer. */
export function quorumMet(tookPart: Amount, total: Amount, threshold: Threshold): boolean {
  return quorum(tookPart, total, threshold).met;
}
