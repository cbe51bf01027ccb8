// Counting: one standing ballot per voter, and every ballot accounted for.

import { describe, expect, it } from 'vitest';
import { ballot, flats, issuesOf, record, tally, unit } from './helpers.ts';

describe('the latest ballot of a voter stands', () => {
  it('a later ballot replaces an earlier one, through any unit of the voter and any channel', () => {
    const units = [unit('a1', '100.00', ['a']), unit('a2', '50.00', ['a']), ...flats(2)];
    const r = tally(
      record(units, [
        ballot('a1', 'oppose', 1, { channel: 'paper' }),
        ballot('a2', 'agree', 5, { channel: 'online' }),
        ballot('u1', 'agree', 1),
      ]),
    );
    expect(r.totals.PH).toBe(2);
    expect(r.choices.find((c) => c.id === 'agree')).toMatchObject({ heads: 2, area: '250.00' });
    expect(r.choices.find((c) => c.id === 'oppose')).toMatchObject({ heads: 0 });
    expect(r.ballots).toEqual({ received: 3, standing: 2, superseded: 1, crossChannelReplacements: 1, proxyOverridden: 0 });
  });

  it('compares instants, not texts: 09:00+08:00 is before 01:30Z', () => {
    const r = tally(
      record(flats(1), [
        ballot('u1', 'oppose', 0, { castAt: '2024-05-02T01:30:00Z' }),
        ballot('u1', 'agree', 0, { castAt: '2024-05-02T09:00:00+08:00' }),
      ]),
    );
    expect(r.verdict.outcome).toBe('rejected');
  });

  it('R4.3: the owner’s own ballot overrides a proxy’s, even a later one', () => {
    const r = tally(
      record(flats(1), [ballot('u1', 'agree', 1, { channel: 'online' }), ballot('u1', 'oppose', 9, { channel: 'proxy' })]),
    );
    expect(r.verdict.outcome).toBe('passed');
    expect(r.ballots).toMatchObject({ proxyOverridden: 1, superseded: 1 });
    const proxyOnly = tally(record(flats(1), [ballot('u1', 'agree', 1, { channel: 'proxy' }), ballot('u1', 'oppose', 9, { channel: 'proxy' })]));
    expect(proxyOnly.verdict.outcome).toBe('rejected');
  });

  it('two ballots of one voter at the same instant with different choices make the record invalid', () => {
    const issues = issuesOf(record(flats(2), [ballot('u1', 'agree', 3, { id: 'x1' }), ballot('u1', 'oppose', 3, { id: 'x2' })]));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'same_instant_conflict' });
    expect(issues[0]!.message).toMatch(/"x2".*same instant.*"x1"/);
  });

  it('…even when a later ballot supersedes both, and in whatever order they come', () => {
    const a = ballot('u1', 'agree', 3, { id: 'y1' });
    const b = ballot('u1', 'oppose', 3, { id: 'y2' });
    const c = ballot('u1', 'agree', 8, { id: 'y3' });
    for (const order of [[a, b, c], [c, b, a], [b, c, a]]) {
      expect(issuesOf(record(flats(2), order)).map((i) => i.code)).toEqual(['same_instant_conflict']);
    }
  });

  it('the same choice twice at the same instant is no conflict', () => {
    const r = tally(record(flats(1), [ballot('u1', 'agree', 3, { channel: 'paper' }), ballot('u1', 'agree', 3)]));
    expect(r.totals.PH).toBe(1);
  });
});

describe('spoiled ballots (R2.4)', () => {
  it('a spoiled paper ballot takes part but does not agree', () => {
    const r = tally(record(flats(3), [ballot('u1', undefined, 1, { channel: 'paper', spoiled: true }), ballot('u2', 'agree', 1), ballot('u3', 'agree', 1)]));
    expect(r.totals.spoiled).toEqual({ area: '100.00', heads: 1 });
    expect(r.totals.PH).toBe(3);
    expect(r.tests[0]?.heads.base).toBe(3);
  });

  it('an online ballot cannot be spoiled; a ballot without a choice must be', () => {
    expect(issuesOf(record(flats(2), [ballot('u1', 'agree', 1, { spoiled: true, id: 's1' })]))[0]!.message).toMatch(/"s1".*online ballot cannot/);
    expect(issuesOf(record(flats(2), [ballot('u1', undefined, 1, { id: 's2' })]))[0]!.message).toMatch(/"s2".*no choice/);
  });
});

describe('every ballot belongs to the electorate', () => {
  it('a ballot naming an unknown unit is an error naming both', () => {
    const issues = issuesOf(record(flats(2), [ballot('u99', 'agree', 1, { id: 'b-unknown' })]));
    expect(issues[0]).toMatchObject({ code: 'unknown_unit', path: 'ballots[0].unit' });
    expect(issues[0]!.message).toBe('ballot "b-unknown": unknown unit "u99"');
  });

  it('collects every problem, not just the first', () => {
    const issues = issuesOf(record(flats(2), [ballot('u98', 'agree', 1), ballot('u99', 'agree', 1), ballot('u1', 'maybe', 1)]));
    expect(issues.map((i) => i.code)).toEqual(['unknown_unit', 'unknown_unit', 'invalid_choice']);
  });

  it('R4.2: a ballot at or after the closing instant is refused', () => {
    const r = record(flats(2), [ballot('u1', 'agree', 0, { castAt: '2024-05-16T09:00:00+08:00', id: 'late' })]);
    const withWindow = { ...r, meeting: { id: 'm', opensAt: '2024-05-01T09:00:00+08:00', closesAt: '2024-05-16T09:00:00+08:00' } };
    expect(issuesOf(withWindow)[0]!.message).toMatch(/"late".*outside the voting window/);
    const inTime = { ...withWindow, ballots: [ballot('u1', 'agree', 0, { castAt: '2024-05-16T00:59:59.999Z' })] };
    expect(tally(inTime).totals.PH).toBe(1);
  });

  it('ballot ids are distinct', () => {
    const issues = issuesOf(record(flats(2), [ballot('u1', 'agree', 1, { id: 'same' }), ballot('u2', 'agree', 1, { id: 'same' })]));
    expect(issues[0]).toMatchObject({ code: 'duplicate_ballot' });
  });
});
