// The engine's hash tables against a Map, and the paths a hash collision
// takes: ids and owner sets that hash alike must still be told apart.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { electorate, type Unit } from '../../src/tally/index.ts';
import { ownerSetHash, sameOwners } from '../../src/tally/electorate.ts';
import { HashSlots } from '../../src/tally/hash-slots.ts';
import { StringIndex } from '../../src/tally/string-index.ts';
import { hashString } from '../../src/tally/string-hash.ts';
import { ballot, issuesOf, record, tally, unit } from './helpers.ts';

// Found by searching o0, o1, …: distinct ids with one 32-bit hash.
const SAME_HASH = ['o23512', 'o119909'] as const;
// Found by searching {p0, q0}, {p1, q1}, …: distinct owner sets with one hash.
const SAME_SET_HASH = [['p2842', 'q2842'], ['p28891', 'q28891']] as const;

describe('HashSlots', () => {
  it('numbers keys as a Map does, whatever their hashes collide on', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 300 }), fc.integer({ min: 1, max: 64 }), fc.nat(40), (keys, spread, expected) => {
        // A weak hash (key mod spread) makes long runs of equal hashes.
        const slots = new HashSlots(expected);
        const stored: number[] = [];
        const numbering = new Map<number, number>();
        for (const key of keys) {
          let found = slots.first(key % spread);
          while (found >= 0 && stored[found] !== key) found = slots.next();
          if (found < 0) {
            found = stored.length;
            stored.push(key);
            slots.add(found);
          }
          if (!numbering.has(key)) numbering.set(key, numbering.size);
          expect(found).toBe(numbering.get(key));
        }
        expect(slots.size).toBe(numbering.size);
      }),
    );
  });

  it('refuses add() unless a probe just ended on an empty slot', () => {
    const slots = new HashSlots(4);
    expect(slots.first(7)).toBe(-1);
    slots.add(0);
    expect(() => slots.add(1)).toThrow(/empty slot/);
  });

  it('slotOrder() is a stable sort of the positions by the page their probe starts on', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 400 }), fc.nat(5000), (hashes, expected) => {
        const slots = new HashSlots(expected);
        const order = new Int32Array(hashes.length);
        slots.slotOrder(Int32Array.from(hashes), order);
        expect([...order].sort((a, b) => a - b)).toEqual(hashes.map((_, i) => i));
        // Filling in this order, each page of slots is reached in turn: the
        // first probed slot never moves backwards by more than a page.
        const capacity = 2 ** Math.max(4, Math.ceil(Math.log2(Math.max(1, expected * 2))));
        const page = Math.max(1, capacity / 4096);
        const pageOf = (i: number) => Math.floor((hashes[i]! & (capacity - 1)) / page);
        for (let k = 1; k < order.length; k++) {
          const [a, b] = [order[k - 1]!, order[k]!];
          expect(pageOf(a) < pageOf(b) || (pageOf(a) === pageOf(b) && a < b)).toBe(true);
        }
      }),
    );
  });
});

describe('StringIndex', () => {
  it('numbers strings as a Map does', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...SAME_HASH)), { maxLength: 200 }), (keys) => {
        const index = new StringIndex(4);
        const numbering = new Map<string, number>();
        for (const key of keys) {
          if (!numbering.has(key)) numbering.set(key, numbering.size);
          expect(index.intern(key)).toBe(numbering.get(key));
        }
        for (const [key, n] of numbering) {
          expect(index.find(key)).toBe(n);
          expect(index.key(n)).toBe(key);
        }
        expect(index.find('\u0000absent')).toBe(-1);
        expect(index.size).toBe(numbering.size);
      }),
    );
  });
});

describe('owner sets', () => {
  const owner = fc.constantFrom('a', 'b', 'c', 'd', 'ab', ...SAME_HASH);

  it('sameOwners() is equality of the sorted lists (the voter key), and the hash ignores order', () => {
    fc.assert(
      fc.property(fc.array(owner, { minLength: 1, maxLength: 4 }), fc.array(owner, { minLength: 1, maxLength: 4 }), (a, b) => {
        const key = (list: string[]) => JSON.stringify([...list].sort());
        expect(sameOwners(a, b)).toBe(key(a) === key(b));
        expect(ownerSetHash([...a].reverse())).toBe(ownerSetHash(a));
      }),
    );
  });
});

describe('ids and owner sets that hash alike are still told apart', () => {
  it('the colliding examples do collide (find new ones if the hash changes)', () => {
    expect(hashString(SAME_HASH[0])).toBe(hashString(SAME_HASH[1]));
    expect(ownerSetHash(SAME_SET_HASH[0])).toBe(ownerSetHash(SAME_SET_HASH[1]));
  });

  it('sole owners, co-owner pairs and unit ids with one hash stay distinct voters and units', () => {
    const [x, y] = SAME_HASH;
    const [p, q] = SAME_SET_HASH;
    const e = electorate([
      unit(x, '10.00', [x]),
      unit(y, '20.00', [y]),
      unit('xy', '30.00', [y]), // y's second unit, after a unit whose owner hashes alike
      unit('p', '40.00', [...p]),
      unit('q', '50.00', [...q]),
      unit('q2', '60.00', [q[1], q[0]]), // joins q's voter, not p's
      unit('p2', '70.00', [...p]),
    ] as Unit[]);
    expect(e.voters.map((v) => [v.owners, v.units, String(v.area)])).toEqual([
      [[x], [x], '1000'],
      [[y], [y, 'xy'], '5000'],
      [[...p].sort(), ['p', 'p2'], '11000'],
      [[...q].sort(), ['q', 'q2'], '11000'],
    ]);

    // Ballots find their units by ids that hash alike, and castBy is checked against the right owners.
    const units = [unit(x, '10.00', [x]), unit(y, '20.00', [y])];
    const report = tally(record(units, [ballot(x, 'agree', 0, { castBy: x }), ballot(y, 'oppose', 0, { castBy: y })]));
    expect(report.totals).toMatchObject({ PA: '30.00', PH: 2 });
    expect(issuesOf(record(units, [ballot(x, 'agree', 0, { castBy: y })]))[0]).toMatchObject({ code: 'not_an_owner' });
    expect(issuesOf(record(units, [ballot('o23512x', 'agree')]))[0]).toMatchObject({ code: 'unknown_unit' });
    expect(issuesOf(record([...units, unit(y, '5.00', ['z'])], []))[0]).toMatchObject({ code: 'duplicate_unit', path: 'units[2].id' });
  });
});
