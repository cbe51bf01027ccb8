// An amount of voting weight: exclusive area (hundredths of m²) and heads.
// Every test in the rulebook is double — area AND heads (R2.5) — so the two
// always travel together.

export interface Amount {
  /** Hundredths of a square metre. */
  readonly area: bigint;
  readonly heads: bigint;
}

/** The aggregated form the service hands in: area in hundredths (bigint, or a safe integer number). */
export interface Share {
  readonly area: bigint | number;
  readonly heads: bigint | number;
}

export const NOTHING: Amount = { area: 0n, heads: 0n };

export function plus(a: Amount, b: Amount): Amount {
  return { area: a.area + b.area, heads: a.heads + b.heads };
}

export function minus(a: Amount, b: Amount): Amount {
  return { area: a.area - b.area, heads: a.heads - b.heads };
}

export function sameAmount(a: Amount, b: Amount): boolean {
  return a.area === b.area && a.heads === b.heads;
}

/** a ≤ b on both area and heads. */
export function within(a: Amount, b: Amount): boolean {
  return a.area <= b.area && a.heads <= b.heads;
}

/** A whole, non-negative count as bigint, or undefined (fractions and unsafe numbers are refused). */
export function wholeCount(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value >= 0n ? value : undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  return undefined;
}
