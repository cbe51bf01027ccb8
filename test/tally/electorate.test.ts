// R1.2–R1.5 and R3.6: who votes, and with what weight.

import { describe, expect, it } from 'vitest';
import { electorate, formatArea, TallyInputError, type Unit } from '../../src/tally/index.ts';
import { ballot, developerUnit, issuesOf, record, tally, unit } from './helpers.ts';

const units = (list: ReturnType<typeof unit>[]) => list as Unit[];

describe('R1.2 headcount', () => {
  it('C3: an owner of three flats is one head with 240 m²; the developer is one head with its 10 flats', () => {
    const e = electorate(
      units([
        unit('a1', '90.00', ['X']),
        unit('a2', '90.00', ['X']),
        unit('a3', '60.00', ['X']),
        ...Array.from({ length: 10 }, (_, k) => developerUnit(`d${k}`, '88.88')),
      ]),
    );
    expect(e.voters).toHaveLength(2);
    const x = e.voters.find((v) => !v.developer)!;
    expect(x.area).toBe(24000n);
    expect(x.units).toEqual(['a1', 'a2', 'a3']);
    const developer = e.voters.find((v) => v.developer)!;
    expect(formatArea(developer.area)).toBe('888.80');
    expect(developer.units).toHaveLength(10);
    expect(e.total).toEqual({ area: 24000n + 88880n, heads: 2n });
  });

  it('P alone on A and P with Q on B are two voters; identical owner sets in any order are one', () => {
    const e = electorate(units([unit('A', '50.00', ['P']), unit('B', '60.00', ['P', 'Q']), unit('C', '70.00', ['Q', 'P'])]));
    expect(e.voters.map((v) => [v.owners, formatArea(v.area)])).toEqual([
      [['P'], '50.00'],
      [['P', 'Q'], '130.00'],
    ]);
    expect(e.total.heads).toBe(2n);
  });

  it('a unit the developer holds counts for the developer whoever is named on it (sold but not delivered)', () => {
    const e = electorate(units([developerUnit('d1', '80.00'), unit('d2', '80.00', ['buyer'], { developerHeld: true }), unit('f', '80.00', ['buyer'])]));
    expect(e.voters).toHaveLength(2);
    expect(e.voters.find((v) => v.developer)?.area).toBe(16000n);
    expect(e.voters.find((v) => !v.developer)?.area).toBe(8000n);
  });
});

describe('R1.3 totals over the counted units', () => {
  it('TA is the sum of counted areas, TH the number of voters', () => {
    const r = tally(record([unit('u1', '101.01', ['a']), unit('u2', '202.02', ['b']), unit('u3', '303.03', ['a'])], []));
    expect(r.totals.TA).toBe('606.06');
    expect(r.totals.TH).toBe(2);
  });
});

describe('R1.4 co-owners hold one vote', () => {
  it('co-owners are one head, whichever of them casts the ballot (coOwnerVoting any)', () => {
    const r = tally(
      record(
        [unit('u1', '100.00', ['h', 'w']), unit('u2', '100.00', ['z'])],
        [ballot('u1', 'oppose', 1, { castBy: 'h' }), ballot('u1', 'agree', 2, { castBy: 'w' }), ballot('u2', 'agree', 1)],
      ),
    );
    expect(r.totals.PH).toBe(2);
    expect(r.choices.find((c) => c.id === 'agree')).toMatchObject({ heads: 2, area: '200.00' });
  });

  it('under coOwnerVoting representative only the designated co-owner may cast the ballot', () => {
    const units = [unit('u1', '100.00', ['h', 'w'], { representative: 'w' }), unit('u2', '100.00', ['z'])];
    const ok = tally(record(units, [ballot('u1', 'agree', 1, { castBy: 'w' }), ballot('u2', 'agree', 1)], {}, { coOwnerVoting: 'representative' }));
    expect(ok.verdict.outcome).toBe('passed');
    const issues = issuesOf(record(units, [ballot('u1', 'agree', 1, { castBy: 'h', id: 'by-h' })], {}, { coOwnerVoting: 'representative' }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'not_representative' });
    expect(issues[0]!.message).toMatch(/"by-h".*"h".*"w"/);
    const unnamed = issuesOf(record(units, [ballot('u1', 'agree', 1, { id: 'anon' })], {}, { coOwnerVoting: 'representative' }));
    expect(unnamed[0]!.message).toMatch(/"anon".*unnamed co-owner/);
  });

  it('representative mode needs a designated representative, consistent across the voter’s units', () => {
    const none = issuesOf(record([unit('u1', '100.00', ['h', 'w'])], [ballot('u1', 'agree', 1, { castBy: 'h', id: 'b-none' })], {}, { coOwnerVoting: 'representative' }));
    expect(none[0]).toMatchObject({ code: 'no_representative' });
    const conflict = issuesOf(record([unit('u1', '100.00', ['h', 'w'], { representative: 'h' }), unit('u2', '50.00', ['w', 'h'], { representative: 'w' })], []));
    expect(conflict[0]).toMatchObject({ code: 'representative_conflict' });
    expect(conflict[0]!.message).toMatch(/"u2"/);
  });

  it('a sole owner is their own representative', () => {
    const r = tally(record([unit('u1', '100.00', ['z'])], [ballot('u1', 'agree', 1)], {}, { coOwnerVoting: 'representative' }));
    expect(r.verdict.outcome).toBe('passed');
  });

  it('castBy must be an owner of the voter', () => {
    const issues = issuesOf(record([unit('u1', '100.00', ['z'])], [ballot('u1', 'agree', 1, { castBy: 'stranger', id: 'b-x' })]));
    expect(issues[0]).toMatchObject({ code: 'not_an_owner' });
    expect(issues[0]!.message).toMatch(/"b-x".*"stranger"/);
  });
});

describe('R1.5 parking spaces', () => {
  const estate = [unit('f1', '100.00', ['a']), unit('p1', '12.50', ['a'], { kind: 'parking' }), unit('f2', '100.00', ['b']), unit('p2', '12.50', ['c'], { kind: 'parking' })];

  it('by default (countParking false) add neither area nor heads', () => {
    const e = electorate(units(estate));
    expect(e.total).toEqual({ area: 20000n, heads: 2n });
    expect(e.statistics.parkingNotCounted).toBe(2);
  });

  it('counted, a flat owner’s space adds area to the same voter and no head; a space-only owner is a head', () => {
    const e = electorate(units(estate), { countParking: true });
    expect(e.total).toEqual({ area: 22500n, heads: 3n });
    expect(e.voters.find((v) => v.owners[0] === 'a')?.area).toBe(11250n);
  });

  it('a ballot naming a flat owner’s parking space is that owner’s ballot', () => {
    const r = tally(record(estate, [ballot('p1', 'agree', 1), ballot('f2', 'agree', 1)]));
    expect(r.totals.PH).toBe(2);
    expect(r.totals.PA).toBe('200.00');
  });

  it('a ballot from the owner of an uncounted space only is an error, not silently dropped', () => {
    const issues = issuesOf(record(estate, [ballot('p2', 'agree', 1, { id: 'b-park' })]));
    expect(issues[0]).toMatchObject({ code: 'parking_not_counted' });
    expect(issues[0]!.message).toMatch(/"b-park".*"p2"/);
  });
});

describe('R3.6 scope', () => {
  const estate = [
    unit('3-1-101', '80.00', ['a'], { building: '3', stair: '1' }),
    unit('3-2-101', '90.00', ['b'], { building: '3', stair: '2' }),
    unit('3-2-201', '95.00', ['c'], { building: '3', stair: '2' }),
    unit('4-1-101', '85.00', ['d'], { building: '4', stair: '1' }),
    unit('4-1-102', '85.00', ['b'], { building: '4', stair: '1' }),
  ];

  it('counts only the units inside the motion’s scope', () => {
    expect(electorate(units(estate), {}, { kind: 'building', building: '3' }).total).toEqual({ area: 26500n, heads: 3n });
    expect(electorate(units(estate), {}, { kind: 'stair', building: '3', stair: '2' }).total).toEqual({ area: 18500n, heads: 2n });
    expect(electorate(units(estate), {}, { kind: 'estate' }).total).toEqual({ area: 43500n, heads: 4n });
  });

  it('a voter with a unit in scope may name any of its units; only in-scope area counts', () => {
    const r = tally(record(estate, [ballot('4-1-102', 'agree', 1)], { scope: { kind: 'stair', building: '3', stair: '2' } }));
    expect(r.totals.PA).toBe('90.00');
  });

  it('a ballot from outside the scope is an error naming the ballot and the unit', () => {
    const issues = issuesOf(record(estate, [ballot('4-1-101', 'agree', 1, { id: 'b-out' })], { scope: { kind: 'stair', building: '3', stair: '2' } }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'outside_scope' });
    expect(issues[0]!.message).toMatch(/"b-out".*"4-1-101".*outside the motion's scope/);
  });

  it('a scope with no counted unit is an error', () => {
    expect(() => electorate(units(estate), {}, { kind: 'building', building: '9' })).toThrow(TallyInputError);
  });
});

describe('units are checked', () => {
  it('duplicate ids, malformed areas and empty owner lists name the unit', () => {
    const dup = issuesOf(record([unit('u1', '10.00', ['a']), unit('u1', '20.00', ['b'])], []));
    expect(dup[0]).toMatchObject({ code: 'duplicate_unit', path: 'units[1].id' });
    expect(dup[0]!.message).toMatch(/unit "u1": duplicate unit id/);
    const area = issuesOf(record([unit('u7', '10.005', ['a'])], []));
    expect(area[0]).toMatchObject({ code: 'malformed_area' });
    expect(area[0]!.message).toMatch(/unit "u7".*more than two decimals/);
    const empty = issuesOf(record([unit('u8', '10.00', [])], []));
    expect(empty[0]).toMatchObject({ code: 'owners_empty' });
    expect(empty[0]!.message).toMatch(/unit "u8": owner list is empty/);
  });

  it('electorate() itself refuses malformed units', () => {
    expect(() => electorate(units([unit('u1', '-1', ['a'])]))).toThrow(/unit "u1".*negative/);
    expect(() => electorate(units([unit('u1', '1', ['a']), unit('u1', '1', ['b'])]))).toThrow(/duplicate/);
  });
});

describe('castBy among co-owners', () => {
  it('names one of the owners as a whole id, however many there are', () => {
    const owners = ['ab', 'a', 'b-c'];
    const units = [unit('u1', '10.00', owners)];
    for (const castBy of owners) expect(tally(record(units, [ballot('u1', 'agree', 0, { castBy })])).totals.PH).toBe(1);
    // (ids never hold U+001F: the record's schema refuses control characters)
    for (const castBy of ['b', 'c', 'abc', 'b-', '-c']) {
      expect(issuesOf(record(units, [ballot('u1', 'agree', 0, { castBy })]))[0]).toMatchObject({ code: 'not_an_owner' });
    }
  });
});
