import { describe, expect, it } from 'vitest';
import { differencesBetween } from '../../src/voting/paper-double-entry.ts';

describe('double entry: comparing two readings of a paper ballot', () => {
  it('agrees on the same choice, and on two spoiled papers', () => {
    expect(differencesBetween({ choice: 'agree', spoiled: false }, { choice: 'agree', spoiled: false })).toEqual([]);
    expect(differencesBetween({ choice: null, spoiled: true }, { choice: null, spoiled: true })).toEqual([]);
  });
  it('a multiple choice is a set: the order ticks were typed in does not matter, a missing tick does', () => {
    expect(differencesBetween({ choice: ['甲', '乙'], spoiled: false }, { choice: ['乙', '甲'], spoiled: false })).toEqual([]);
    expect(differencesBetween({ choice: ['甲', '乙'], spoiled: false }, { choice: ['甲'], spoiled: false })).toEqual([{ field: 'choice', first: ['甲', '乙'], second: ['甲'] }]);
  });
  it('names the field that differs with both readings', () => {
    expect(differencesBetween({ choice: 'agree', spoiled: false }, { choice: 'oppose', spoiled: false })).toEqual([{ field: 'choice', first: 'agree', second: 'oppose' }]);
    expect(differencesBetween({ choice: 'agree', spoiled: false }, { choice: null, spoiled: true })).toEqual([{ field: 'spoiled', first: false, second: true }]);
    expect(differencesBetween({ choice: 'agree', spoiled: false }, { choice: ['agree'], spoiled: false })).toHaveLength(1);
  });
});
