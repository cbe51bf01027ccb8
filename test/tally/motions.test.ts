// R3.1–R3.6: the kinds of motion, counted from records.

import { describe, expect, it } from 'vitest';
import { ballot, flats, issuesOf, record, tally, unit, type BallotInput } from './helpers.ts';

/** Ballots for u1…un with the given choices, in order. */
const cast = (choices: BallotInput['choice'][], from = 1): BallotInput[] => choices.map((c, k) => ballot(`u${from + k}`, c, k));

describe('R3.1 yes/no motions', () => {
  it('counts agree, oppose and abstain', () => {
    const r = tally(record(flats(10), cast(['agree', 'agree', 'agree', 'oppose', 'oppose', 'abstain', 'abstain'])));
    expect(r.choices.map((c) => [c.id, c.heads, c.area])).toEqual([
      ['agree', 3, '300.00'],
      ['oppose', 2, '200.00'],
      ['abstain', 2, '200.00'],
    ]);
    expect(r.quorum?.met).toBe(true);
    expect(r.verdict).toEqual({ kind: 'yes_no', outcome: 'rejected' }); // 3 of 7 is not more than half
    const more = tally(record(flats(10), cast(['agree', 'agree', 'agree', 'agree', 'oppose', 'oppose', 'abstain'])));
    expect(more.verdict).toEqual({ kind: 'yes_no', outcome: 'passed' }); // 4 of 7
  });

  it('refuses a choice that is not agree, oppose or abstain, naming the ballot', () => {
    const issues = issuesOf(record(flats(3), [ballot('u1', 'yes', 0, { id: 'b-yes' })]));
    expect(issues[0]).toMatchObject({ code: 'invalid_choice' });
    expect(issues[0]!.message).toMatch(/ballot "b-yes".*"yes"/);
  });
});

describe('R3.2 choice among options', () => {
  const motion = { kind: 'options' as const, matter: 'property_manager' as const, options: [{ id: 'A', label: 'A物业' }, { id: 'B', label: 'B物业' }, { id: 'C', label: 'C物业' }] };

  it('an option that alone passes the test wins', () => {
    const r = tally(record(flats(10), cast(['A', 'A', 'A', 'A', 'A', 'B', 'C', 'abstain']), motion));
    expect(r.verdict).toEqual({ kind: 'options', outcome: 'decided', winner: 'A', passing: ['A'] });
    expect(r.choices.map((c) => c.id)).toEqual(['A', 'B', 'C', 'abstain']);
  });

  it('when no option passes, the motion is decided as "no decision"', () => {
    const r = tally(record(flats(10), cast(['A', 'A', 'A', 'A', 'B', 'B', 'B', 'C']), motion));
    expect(r.verdict).toMatchObject({ outcome: 'no_decision', winner: null, passing: [] });
    expect(r.explanation.zh.at(-1)).toMatch(/不产生决定/);
  });

  it('R3.5: only announced options can be voted on', () => {
    const issues = issuesOf(record(flats(3), [ballot('u1', 'D', 0, { id: 'b-d' })], motion));
    expect(issues[0]!.message).toMatch(/ballot "b-d".*"D" is not one of the motion's options/);
  });
});

describe('R3.3 committee election', () => {
  const candidates = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'].map((id) => ({ id, name: `候选人${id}` }));
  const election = (seats: number) => ({ kind: 'election' as const, matter: 'committee_election' as const, candidates, seats });

  it('a candidate is elected on their own supporters passing the ordinary test among all who took part', () => {
    // 10 voters take part; c1 has 6, c2 has 5 (not more than half), c3 has 7
    const r = tally(
      record(
        flats(12),
        cast([
          ['c1', 'c3'], ['c1', 'c3'], ['c1', 'c3'], ['c1', 'c3'], ['c1', 'c2'], ['c1', 'c2'], ['c3', 'c2'], ['c3', 'c2'], ['c3', 'c2'], [],
        ]),
        election(5),
      ),
    );
    expect(r.totals.PH).toBe(10);
    expect(r.verdict).toMatchObject({ kind: 'election', outcome: 'decided', elected: ['c3', 'c1'], unresolvedSeats: 0, vacantSeats: 3 });
    expect(r.tests.find((t) => t.subject === 'c2')?.passed).toBe(false);
    expect(r.ranking?.map((x) => [x.candidate, x.rank, x.heads])).toEqual([['c3', 1, 7], ['c1', 2, 6]]);
  });

  it('ranks by heads, then by area; the area decides the last seat between equal heads', () => {
    const units = [unit('u1', '150.00', ['o1']), ...flats(7, '100.00', 2)];
    const ballots = cast([['c3', 'c1'], ['c3', 'c1'], ['c3', 'c1'], ['c3', 'c2'], ['c3', 'c2'], ['c3', 'c2'], ['c1', 'c2'], ['c1', 'c2']]);
    const r = tally(record(units, ballots, election(2)));
    expect(r.ranking?.map((x) => [x.candidate, x.rank, x.heads, x.area])).toEqual([
      ['c3', 1, 6, '650.00'],
      ['c1', 2, 5, '550.00'],
      ['c2', 3, 5, '500.00'],
    ]);
    expect(r.verdict).toMatchObject({ elected: ['c3', 'c1'], unresolvedSeats: 0, vacantSeats: 0 });
  });

  it('a tie at the last seat leaves it unresolved, whatever the list order', () => {
    const ballots = cast([['c1', 'c2'], ['c1', 'c2'], ['c1', 'c2'], ['c1', 'c3'], ['c1', 'c3'], ['c1', 'c3'], ['c2', 'c3']]);
    const forward = tally(record(flats(8), ballots, election(2)));
    expect(forward.verdict).toMatchObject({ elected: ['c1'], unresolvedSeats: 1, tiedForLastSeat: ['c2', 'c3'], vacantSeats: 0 });
    const reversed = tally(record(flats(8), ballots, { ...election(2), candidates: [...candidates].reverse() }));
    expect(reversed.verdict).toEqual(forward.verdict);
    expect(forward.explanation.zh.join('\n')).toMatch(/1 席因得票人数和面积相同未能确定/);
  });

  it('a tie that fits inside the seats elects all tied candidates', () => {
    const ballots = cast([['c1', 'c2'], ['c1', 'c2'], ['c1', 'c2'], ['c1', 'c2']]);
    const r = tally(record(flats(5), ballots, election(3)));
    expect(r.verdict).toMatchObject({ elected: ['c1', 'c2'], unresolvedSeats: 0, vacantSeats: 1 });
  });

  it('a ballot may support at most N candidates, each once, from the list', () => {
    expect(issuesOf(record(flats(3), [ballot('u1', ['c1', 'c2', 'c3'], 0, { id: 'b-3' })], election(2)))[0]!.message).toMatch(/"b-3".*3 candidates for 2 seats/);
    expect(issuesOf(record(flats(3), [ballot('u1', ['c1', 'c1'], 0, { id: 'b-twice' })], election(2)))[0]!.message).toMatch(/"b-twice".*twice/);
    expect(issuesOf(record(flats(3), [ballot('u1', ['zz'], 0, { id: 'b-zz' })], election(2)))[0]!.message).toMatch(/"b-zz".*not a candidate/);
    expect(issuesOf(record(flats(3), [ballot('u1', 'c1', 0, { id: 'b-str' })], election(2)))[0]!.message).toMatch(/"b-str".*lists candidate ids/);
  });

  it('warns (does not refuse) when the committee size is not an odd 5–11, or 3 for ≤ 100 households', () => {
    expect(tally(record(flats(3), [], election(4))).warnings.map((w) => w.code)).toEqual(['committee_size']);
    expect(tally(record(flats(3), [], election(3))).warnings).toEqual([]);
    expect(tally(record(flats(101), [], election(3))).warnings.map((w) => w.code)).toEqual(['committee_size']);
    expect(tally(record(flats(3), [], election(7))).warnings).toEqual([]);
    expect(tally(record(flats(3), [], election(13))).warnings.map((w) => w.code)).toEqual(['committee_size']);
  });

  it('is matter committee_election', () => {
    const issues = issuesOf(record(flats(3), [], { ...election(5), matter: 'property_manager' }));
    expect(issues[0]!.message).toMatch(/committee_election/);
  });
});

describe('R3.4 petition: ≥ 20 % of total area AND ≥ 20 % of total heads', () => {
  const petition = { kind: 'petition' as const, matter: 'other_major' as const };

  it('exactly 20 % of both passes (inclusive)', () => {
    const r = tally(record(flats(10), cast(['sign', 'sign']), petition));
    expect(r.verdict).toEqual({ kind: 'petition', outcome: 'threshold_met' });
    expect(r.tests[0]?.area.margin).toBe('0.00');
    expect(r.tests[0]?.heads.margin).toBe(0);
    expect(r.quorum).toBeNull();
  });

  it('fails on area alone, and on heads alone', () => {
    const small = [...flats(9), unit('u10', '1000.00', ['o10'])];
    // 2 of 10 heads, but 200 of 1900 m²
    expect(tally(record(small, cast(['sign', 'sign']), petition)).verdict.outcome).toBe('threshold_not_met');
    // 1 of 10 heads with 1000 of 1900 m²
    expect(tally(record(small, [ballot('u10', 'sign')], petition)).verdict.outcome).toBe('threshold_not_met');
  });

  it('a withdrawn signature is no signature', () => {
    const r = tally(record(flats(10), [ballot('u1', 'sign', 1), ballot('u2', 'sign', 1), ballot('u2', 'withdraw', 2)], petition));
    expect(r.totals.PH).toBe(1);
    expect(r.verdict.outcome).toBe('threshold_not_met');
  });
});

describe('R3.6 lift installation in one stairwell unit', () => {
  const stair = (n: number) => Array.from({ length: n }, (_, k) => unit(`s${k}`, '90.00', [`o${k}`], { building: '3', stair: '2' }));
  const lift = { matter: 'rebuild' as const, kind: 'yes_no' as const, scope: { kind: 'stair' as const, building: '3', stair: '2' }, liftInstallation: true };
  const votes = (agree: number, oppose: number) => [
    ...Array.from({ length: agree }, (_, k) => ballot(`s${k}`, 'agree')),
    ...Array.from({ length: oppose }, (_, k) => ballot(`s${agree + k}`, 'oppose')),
  ];

  it('is a special matter voted by the stairwell alone', () => {
    const r = tally(record([...stair(9), unit('other', '90.00', ['x'], { building: '3', stair: '1' })], votes(6, 1), lift));
    expect(r.totals.TH).toBe(9);
    expect(r.rule.test).toBe('special');
    expect(r.verdict.outcome).toBe('passed'); // quorum 7/9, 6 of 7 ≥ 3/4
  });

  it('with liftConsentTwoThirds, also needs ≥ 2/3 of the stairwell’s heads agreeing', () => {
    const settings = { liftConsentTwoThirds: true };
    const short = tally(record(stair(9), votes(5, 1), lift, settings)); // quorum 6/9; 5/6 ≥ 3/4; but 5 < 6 of 9
    expect(short.tests[0]?.area.met && short.tests[0]?.heads.met).toBe(true);
    expect(short.tests[0]?.liftConsent).toMatchObject({ value: 5, needed: 6, met: false });
    expect(short.verdict.outcome).toBe('rejected');
    expect(tally(record(stair(9), votes(6, 1), lift, settings)).verdict.outcome).toBe('passed');
  });

  it('must be matter rebuild, scope stair, yes/no', () => {
    expect(issuesOf(record(stair(3), [], { ...lift, matter: 'other_major' }))[0]!.message).toMatch(/matter rebuild/);
    expect(issuesOf(record(stair(3), [], { ...lift, scope: { kind: 'building', building: '3' } }))[0]!.message).toMatch(/stairwell/);
  });
});
