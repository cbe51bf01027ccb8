// Areas (专有部分面积) are exact decimals with at most two places (R1.1).
// Inside the engine an area is an integer count of hundredths of a square
// metre, so no sum or comparison ever rounds. Parsing works on character
// codes rather than parseFloat: a float could turn "2955.64" into
// 2955.6399999… and a boundary case (C1) would be lost.

import type { AreaSource } from './record.ts';

/** Hundredths of a square metre, exact. */
export type Hundredths = bigint;

/** Ten integer digits: far beyond any real flat, small enough that one unit's hundredths stay below 2^40. */
export const AREA_PATTERN = /^(0|[1-9][0-9]{0,9})(\.[0-9]{1,2})?$/;

const DOT = 46;
const ZERO = 48;
const NINE = 57;

/**
 * The area in hundredths of m², or -1 when the text is not a positive
 * decimal with at most two places and at most ten integer digits.
 * Hot path (a million units): no regex, no allocation.
 */
export function areaHundredths(text: string): number {
  const n = text.length;
  if (n === 0) return -1;
  let whole = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) break;
    if (c < ZERO || c > NINE) return -1;
    if (i === 1 && whole === 0) return -1; // leading zero, "01.5"
    whole = whole * 10 + (c - ZERO);
  }
  if (i === 0 || i > 10) return -1;
  let fraction = 0;
  if (i < n) {
    const places = n - i - 1;
    if (places < 1 || places > 2) return -1;
    for (let j = i + 1; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c < ZERO || c > NINE) return -1;
      fraction = fraction * 10 + (c - ZERO);
    }
    if (places === 1) fraction *= 10;
  }
  const hundredths = whole * 100 + fraction;
  return hundredths > 0 ? hundredths : -1;
}

/** Why an area text was refused, for the message that names the unit. */
export function areaProblem(text: unknown): string {
  if (typeof text !== 'string') return 'area must be a decimal string such as "89.50"';
  if (/^-/.test(text)) return `area ${JSON.stringify(text)} is negative`;
  const decimals = /^[0-9]+\.([0-9]+)$/.exec(text);
  if (decimals && decimals[1] !== undefined && decimals[1].length > 2) {
    return `area ${JSON.stringify(text)} has more than two decimals`;
  }
  if (AREA_PATTERN.test(text)) return `area ${JSON.stringify(text)} is not positive`;
  return `area ${JSON.stringify(text)} is not a decimal number of square metres with at most two decimals`;
}

/** Exact text of an area in hundredths, e.g. 295564n → "2955.64", -1n → "-0.01". */
export function formatArea(hundredths: bigint | number): string {
  const h = BigInt(hundredths);
  const sign = h < 0n ? '-' : '';
  const abs = h < 0n ? -h : h;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${sign}${abs / 100n}.${cents}`;
}

/** Parses an area the caller knows to be well formed (tests, aggregated input). */
export function parseArea(text: string): Hundredths {
  const h = areaHundredths(text);
  if (h < 0) throw new RangeError(areaProblem(text));
  return BigInt(h);
}

export interface AreaEvidence {
  readonly registry?: string | undefined;
  readonly surveyed?: string | undefined;
  readonly contract?: string | undefined;
}

/**
 * R1.1: the registry area; if the unit is not registered, the surveyed
 * area; if not surveyed, the contract area. The record stores the chosen
 * area with its source, so the registry import calls this once and the
 * tally never has to guess.
 */
export function pickArea(evidence: AreaEvidence): { area: string; areaSource: AreaSource } | undefined {
  if (evidence.registry !== undefined) return { area: evidence.registry, areaSource: 'registry' };
  if (evidence.surveyed !== undefined) return { area: evidence.surveyed, areaSource: 'surveyed' };
  if (evidence.contract !== undefined) return { area: evidence.contract, areaSource: 'contract' };
  return undefined;
}
