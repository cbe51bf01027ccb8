// A threshold is a fraction with a direction: "以上" includes the number
// itself (≥), "过半数" means strictly more than half (>) (民法典 第一千二百五十九条).
// Every test in the rulebook compares a value with a fraction of a base, and
// does so by cross-multiplying integers (e.g. 3·PA ≥ 2·TA), never by
// dividing, so a boundary case such as 3 × 2955.64 = 2 × 4433.46 is exact.

export interface Threshold {
  readonly num: number;
  readonly den: number;
  /** true: value must be more than num/den of the base (过半数); false: at least num/den (以上). */
  readonly strict: boolean;
}

export const atLeast = (num: number, den: number): Threshold => ({ num, den, strict: false });
export const moreThan = (num: number, den: number): Threshold => ({ num, den, strict: true });

/** value ⋈ (num/den)·base, decided by den·value ⋈ num·base. */
export function meets(value: bigint, base: bigint, t: Threshold): boolean {
  const left = BigInt(t.den) * value;
  const right = BigInt(t.num) * base;
  return t.strict ? left > right : left >= right;
}

/**
 * The least whole value (hundredths of m², or heads) that meets the
 * threshold: ⌈num·base/den⌉ for "at least", ⌊num·base/den⌋ + 1 for "more
 * than". This is the figure a clerk needs ("至少 2955.64㎡").
 */
export function minimumNeeded(base: bigint, t: Threshold): bigint {
  const product = BigInt(t.num) * base;
  const den = BigInt(t.den);
  return t.strict ? product / den + 1n : (product + den - 1n) / den;
}

/**
 * Whether `candidate` is at least as demanding as `floor` for every
 * positive base: a higher fraction, or the same fraction with "more than"
 * where the floor says "at least" (or the same direction).
 */
export function atLeastAsStrict(candidate: Threshold, floor: Threshold): boolean {
  const c = BigInt(candidate.num) * BigInt(floor.den);
  const f = BigInt(floor.num) * BigInt(candidate.den);
  if (c !== f) return c > f;
  return candidate.strict || !floor.strict;
}

export function formatFraction(t: Threshold): string {
  return `${t.num}/${t.den}`;
}

/** "≥ 2/3" or "> 1/2". */
export function formatThreshold(t: Threshold): string {
  return `${t.strict ? '>' : '≥'} ${formatFraction(t)}`;
}

/** The outcome of one comparison, with everything the report shows. */
export interface Comparison {
  readonly value: bigint;
  readonly base: bigint;
  readonly threshold: Threshold;
  readonly needed: bigint;
  /** value − needed: zero or more when met, negative when missed. */
  readonly margin: bigint;
  readonly met: boolean;
}

export function compare(value: bigint, base: bigint, threshold: Threshold): Comparison {
  const needed = minimumNeeded(base, threshold);
  return { value, base, threshold, needed, margin: value - needed, met: meets(value, base, threshold) };
}
