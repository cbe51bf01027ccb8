import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atLeast, atLeastAsStrict, compare, meets, minimumNeeded, moreThan } from '../../src/tally/index.ts';

describe('thresholds', () => {
  it('"以上" includes the number itself, "过半数" is strictly more than half', () => {
    expect(meets(2n, 3n, atLeast(2, 3))).toBe(true);
    expect(meets(50n, 100n, moreThan(1, 2))).toBe(false);
    expect(meets(51n, 100n, moreThan(1, 2))).toBe(true);
    expect(meets(75n, 100n, atLeast(3, 4))).toBe(true);
    expect(meets(74n, 100n, atLeast(3, 4))).toBe(false);
  });

  it('finds the least sufficient value, rounding up exactly', () => {
    expect(minimumNeeded(443346n, atLeast(2, 3))).toBe(295564n); // C1: divides exactly
    expect(minimumNeeded(308656n, atLeast(2, 3))).toBe(205771n); // C2: 2057.7066… → 2057.71
    expect(minimumNeeded(100n, moreThan(1, 2))).toBe(51n);
    expect(minimumNeeded(101n, moreThan(1, 2))).toBe(51n);
    expect(minimumNeeded(0n, atLeast(2, 3))).toBe(0n);
  });

  it('minimumNeeded is exactly the boundary of meets (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        (base, a, b, strict) => {
          const den = Math.max(a, b);
          const num = Math.min(a, b);
          if (strict && num === den) return;
          const t = { num, den, strict };
          const needed = minimumNeeded(base, t);
          expect(meets(needed, base, t)).toBe(true);
          if (needed > 0n) expect(meets(needed - 1n, base, t)).toBe(false);
          const c = compare(needed + 7n, base, t);
          expect(c.margin).toBe(7n);
          expect(c.met).toBe(true);
        },
      ),
    );
  });

  it('orders thresholds by strictness', () => {
    expect(atLeastAsStrict(atLeast(4, 5), atLeast(3, 4))).toBe(true);
    expect(atLeastAsStrict(atLeast(2, 3), atLeast(3, 4))).toBe(false);
    expect(atLeastAsStrict(moreThan(1, 2), atLeast(1, 2))).toBe(true);
    expect(atLeastAsStrict(atLeast(1, 2), moreThan(1, 2))).toBe(false);
    expect(atLeastAsStrict(atLeast(51, 100), moreThan(1, 2))).toBe(true);
    expect(atLeastAsStrict(atLeast(6, 8), atLeast(3, 4))).toBe(true);
    expect(atLeastAsStrict(moreThan(2, 4), moreThan(1, 2))).toBe(true);
  });
});
