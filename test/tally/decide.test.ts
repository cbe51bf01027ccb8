// R2.1–R2.7 and the worked cases C1, C2, C4, through the aggregated entry
// point decide() — the one the service uses with totals from SQL.

import { describe, expect, it } from 'vitest';
import {
  decide,
  formatArea,
  parseArea,
  profileForDecisionDate,
  TallyInputError,
  type MotionTerms,
  type SettingsInput,
  type Totals,
} from '../../src/tally/index.ts';

const m = parseArea;
const yesNo = (matter: MotionTerms['matter'] = 'property_manager'): MotionTerms => ({ kind: 'yes_no', matter });

/** Totals for a yes/no motion; spoiled defaults to what is left over. */
function totals(TA: string, TH: number, PA: string, PH: number, agree: [string, number], oppose: [string, number] = ['0', 0], abstain: [string, number] = ['0', 0]): Totals {
  const share = ([area, heads]: [string, number]) => ({ area: area === '0' ? 0n : m(area), heads });
  return { TA: m(TA), TH, PA: m(PA), PH, choices: { agree: share(agree), oppose: share(oppose), abstain: share(abstain) } };
}

function issueMessages(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof TallyInputError) return error.issues.map((i) => i.message);
    throw error;
  }
  throw new Error('expected a TallyInputError');
}

describe('R2.1 quorum: 3·PA ≥ 2·TA and 3·PH ≥ 2·TH', () => {
  it('C1: TA 4433.46, TH 44 — PA 2955.64 and PH 30 meet it exactly', () => {
    const d = decide(totals('4433.46', 44, '2955.64', 30, ['2955.64', 30]), yesNo());
    expect(d.quorum?.met).toBe(true);
    expect(d.quorum?.area.needed).toBe(m('2955.64'));
    expect(d.quorum?.area.margin).toBe(0n);
    expect(d.quorum?.heads.needed).toBe(30n);
  });

  it('C1: one hundredth or one head less, and there is no quorum', () => {
    expect(decide(totals('4433.46', 44, '2955.63', 30, ['2955.63', 30]), yesNo()).verdict.outcome).toBe('no_quorum');
    expect(decide(totals('4433.46', 44, '4000.00', 29, ['4000.00', 29]), yesNo()).verdict.outcome).toBe('no_quorum');
  });

  it('C2: TA 3086.56, TH 16 — needs PH ≥ 11; PA 2057.70 fails, 2057.71 passes', () => {
    const fails = decide(totals('3086.56', 16, '2057.70', 11, ['2057.70', 11]), yesNo());
    expect(fails.quorum?.area.met).toBe(false);
    expect(fails.quorum?.area.needed).toBe(m('2057.71'));
    expect(fails.quorum?.area.margin).toBe(-1n);
    expect(fails.verdict.outcome).toBe('no_quorum');
    const passes = decide(totals('3086.56', 16, '2057.71', 11, ['2057.71', 11]), yesNo());
    expect(passes.quorum?.met).toBe(true);
    expect(passes.quorum?.heads.needed).toBe(11n);
    expect(decide(totals('3086.56', 16, '3000.00', 10, ['3000.00', 10]), yesNo()).quorum?.heads.met).toBe(false);
  });

  it('without quorum nothing is decided, even unanimity', () => {
    const d = decide(totals('1000.00', 10, '600.00', 6, ['600.00', 6]), yesNo());
    expect(d.verdict).toEqual({ kind: 'yes_no', outcome: 'no_quorum' });
    expect(d.tests).toEqual([]);
  });
});

describe('R2.2 special matters: 4·YA ≥ 3·PA and 4·YH ≥ 3·PH', () => {
  it('C1: with PH = 30 a special matter needs YH ≥ 23', () => {
    const d = (yh: number) =>
      decide(
        { TA: m('4433.46'), TH: 44, PA: m('2955.64'), PH: 30, choices: { agree: { area: m('2900.00'), heads: yh }, oppose: { area: m('55.64'), heads: 30 - yh } } },
        yesNo('rebuild'),
      );
    expect(d(23).tests[0]?.heads.needed).toBe(23n);
    expect(d(23).verdict.outcome).toBe('passed');
    expect(d(22).verdict.outcome).toBe('rejected');
  });

  it('C2: with PH = 11 a special matter needs YH ≥ 9', () => {
    const d = (yh: number) =>
      decide({ TA: m('3086.56'), TH: 16, PA: m('2057.71'), PH: 11, choices: { agree: { area: m('2000.00'), heads: yh }, oppose: { area: m('57.71'), heads: 11 - yh } } }, yesNo('maintenance_fund_raise'));
    expect(d(9).tests[0]?.heads.needed).toBe(9n);
    expect(d(9).verdict.outcome).toBe('passed');
    expect(d(8).verdict.outcome).toBe('rejected');
  });

  it('exactly three quarters of the area passes (inclusive)', () => {
    const d = decide(
      { TA: m('1000.00'), TH: 10, PA: m('1000.00'), PH: 10, choices: { agree: { area: m('750.00'), heads: 8 }, oppose: { area: m('250.00'), heads: 2 } } },
      yesNo('common_parts_use'),
    );
    expect(d.tests[0]?.area.margin).toBe(0n);
    expect(d.verdict.outcome).toBe('passed');
  });

  it('items 6, 7, 8 are special; the rest are ordinary', () => {
    const ruleTest = (matter: MotionTerms['matter']) =>
      decide(totals('100.00', 1, '100.00', 1, ['100.00', 1]), yesNo(matter)).rule.test;
    expect(['maintenance_fund_raise', 'rebuild', 'common_parts_use'].map((x) => ruleTest(x as MotionTerms['matter']))).toEqual(['special', 'special', 'special']);
    expect(
      ['rules_of_procedure', 'management_covenant', 'committee_election', 'property_manager', 'maintenance_fund_use', 'other_major'].map((x) =>
        ruleTest(x as MotionTerms['matter']),
      ),
    ).toEqual(['ordinary', 'ordinary', 'ordinary', 'ordinary', 'ordinary', 'ordinary']);
  });
});

describe('R2.3 ordinary matters: 2·YA > PA and 2·YH > PH', () => {
  it('C1: with PH = 30 an ordinary matter needs YH ≥ 16', () => {
    const d = (yh: number) =>
      decide({ TA: m('4433.46'), TH: 44, PA: m('2955.64'), PH: 30, choices: { agree: { area: m('2900.00'), heads: yh }, oppose: { area: m('55.64'), heads: 30 - yh } } }, yesNo());
    expect(d(16).tests[0]?.heads.needed).toBe(16n);
    expect(d(16).verdict.outcome).toBe('passed');
    expect(d(15).verdict.outcome).toBe('rejected');
  });

  it('C4: PA 1000, PH 100 — YA 510, YH 49 fails on heads', () => {
    const d = decide(totals('1000.00', 100, '1000.00', 100, ['510.00', 49], ['490.00', 51]), yesNo());
    expect(d.tests[0]?.area.met).toBe(true);
    expect(d.tests[0]?.heads.met).toBe(false);
    expect(d.verdict.outcome).toBe('rejected');
  });

  it('C4: YA 500, YH 51 fails on area — exactly half is not more than half', () => {
    const d = decide(totals('1000.00', 100, '1000.00', 100, ['500.00', 51], ['500.00', 49]), yesNo());
    expect(d.tests[0]?.heads.met).toBe(true);
    expect(d.tests[0]?.area.met).toBe(false);
    expect(d.tests[0]?.area.needed).toBe(m('500.01'));
    expect(d.verdict.outcome).toBe('rejected');
    expect(decide(totals('1000.00', 100, '1000.00', 100, ['500.01', 51], ['499.99', 49]), yesNo()).verdict.outcome).toBe('passed');
  });
});

describe('R2.4 oppose, abstain and spoiled ballots take part without agreeing', () => {
  it('abstentions and spoiled ballots count towards the quorum and the base, not the yes side', () => {
    const base = { TA: m('900.00'), TH: 9, PA: m('600.00'), PH: 6 };
    const d = decide({ ...base, choices: { agree: { area: m('300.00'), heads: 3 }, abstain: { area: m('200.00'), heads: 2 } }, spoiled: { area: m('100.00'), heads: 1 } }, yesNo());
    expect(d.quorum?.met).toBe(true);
    expect(d.tests[0]?.base).toEqual({ area: m('600.00'), heads: 6n });
    expect(d.verdict.outcome).toBe('rejected'); // 300 is not more than half of 600
    expect(d.spoiled).toEqual({ area: m('100.00'), heads: 1n });
  });

  it('spoiled ballots default to what the choices leave of PA/PH', () => {
    const d = decide({ TA: 1000n, TH: 10, PA: 900, PH: 9, choices: { agree: { area: 500, heads: 5 }, oppose: { area: 300, heads: 3 } } }, yesNo());
    expect(d.spoiled).toEqual({ area: 100n, heads: 1n });
  });
});

describe('R2.5 both tests are double: area AND heads', () => {
  it('60 % of the area with 49 % of the heads fails', () => {
    const d = decide(totals('1000.00', 100, '1000.00', 100, ['600.00', 49], ['400.00', 51]), yesNo());
    expect(d.verdict.outcome).toBe('rejected');
  });
  it('51 % of the heads with 40 % of the area fails', () => {
    expect(decide(totals('1000.00', 100, '1000.00', 100, ['400.00', 51], ['600.00', 49]), yesNo()).verdict.outcome).toBe('rejected');
  });
});

describe('R2.6 profiles and overrides', () => {
  it('property-law-2007: no quorum; fund and rebuild need ≥ 2/3 of TOTAL area and heads', () => {
    const settings: SettingsInput = { profile: 'property-law-2007' };
    // 67 of 100 heads and 2/3 of the area agree, though only 70 % took part
    const d = decide({ TA: m('3000.00'), TH: 100, PA: m('2100.00'), PH: 70, choices: { agree: { area: m('2000.00'), heads: 67 }, oppose: { area: m('100.00'), heads: 3 } } }, yesNo('maintenance_fund_use'), settings);
    expect(d.quorum).toBeNull();
    expect(d.rule.base).toBe('total');
    expect(d.tests[0]?.area.needed).toBe(m('2000.00'));
    expect(d.tests[0]?.heads.needed).toBe(67n);
    expect(d.verdict.outcome).toBe('passed');
    const short = decide({ TA: m('3000.00'), TH: 100, PA: m('2100.00'), PH: 70, choices: { agree: { area: m('1999.99'), heads: 67 }, oppose: { area: m('100.01'), heads: 3 } } }, yesNo('rebuild'), settings);
    expect(short.verdict.outcome).toBe('rejected');
  });

  it('property-law-2007: other matters need more than half of the TOTAL, however few voted', () => {
    const settings: SettingsInput = { profile: 'property-law-2007' };
    const d = decide({ TA: m('1000.00'), TH: 10, PA: m('600.00'), PH: 6, choices: { agree: { area: m('600.00'), heads: 6 } } }, yesNo('common_parts_use'), settings);
    expect(d.rule.approval).toEqual({ num: 1, den: 2, strict: true });
    expect(d.verdict.outcome).toBe('passed');
    const half = decide({ TA: m('1000.00'), TH: 10, PA: m('500.00'), PH: 6, choices: { agree: { area: m('500.00'), heads: 6 } } }, yesNo('property_manager'), settings);
    expect(half.verdict.outcome).toBe('rejected');
  });

  it('chooses the profile by the decision date', () => {
    expect(profileForDecisionDate('2020-12-31')).toBe('property-law-2007');
    expect(profileForDecisionDate('2021-01-01')).toBe('civil-code-2021');
  });

  it('applies a stricter override from the rules of procedure', () => {
    const settings: SettingsInput = { overrides: { property_manager: { approval: { num: 2, den: 3 } }, rebuild: { quorum: { num: 4, den: 5 } } } };
    const d = decide(totals('1000.00', 10, '1000.00', 10, ['600.00', 6], ['400.00', 4]), yesNo(), settings);
    expect(d.rule.overridden.approval).toBe(true);
    expect(d.verdict.outcome).toBe('rejected'); // 60 % is more than half but less than 2/3
    const r = decide(totals('1000.00', 10, '750.00', 8, ['750.00', 8]), yesNo('rebuild'), settings);
    expect(r.verdict.outcome).toBe('no_quorum');
  });

  it('refuses a looser override, naming the matter and the statutory floor', () => {
    const messages = issueMessages(() =>
      decide(totals('100.00', 1, '100.00', 1, ['100.00', 1]), yesNo(), { overrides: { rebuild: { approval: { num: 2, den: 3 } } } }),
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/rebuild/);
    expect(messages[0]).toMatch(/≥ 3\/4/);
    expect(messages[0]).toMatch(/looser/);
    expect(messages[0]).toMatch(/民法典 第二百七十八条/);
    // "at least half" is looser than "more than half"
    const half = issueMessages(() =>
      decide(totals('100.00', 1, '100.00', 1, ['100.00', 1]), yesNo(), { overrides: { property_manager: { approval: { num: 1, den: 2 } } } }),
    );
    expect(half[0]).toMatch(/property_manager.*> 1\/2/);
    const quorum = issueMessages(() =>
      decide(totals('100.00', 1, '100.00', 1, ['100.00', 1]), yesNo(), { overrides: { other_major: { quorum: { num: 1, den: 2 } } } }),
    );
    expect(quorum[0]).toMatch(/other_major\.quorum.*≥ 2\/3/);
  });
});

describe('R2.7 non-voters follow the majority (setting follow_majority)', () => {
  const settings: SettingsInput = { nonVoters: 'follow_majority' };
  const special = yesNo('rebuild');

  it('adds non-voters to the side holding both majorities, after the quorum', () => {
    // 70 % took part; agree holds 70 % of them on area and heads: short of 3/4 alone
    const t = { TA: m('1000.00'), TH: 100, PA: m('700.00'), PH: 70, choices: { agree: { area: m('490.00'), heads: 49 }, oppose: { area: m('210.00'), heads: 21 } } };
    expect(decide(t, special).verdict.outcome).toBe('rejected');
    const d = decide(t, special, settings);
    expect(d.nonVoters.outcome).toBe('added');
    expect(d.nonVoters.addedTo).toBe('agree');
    expect(d.tests[0]?.support).toEqual({ area: m('790.00'), heads: 79n });
    expect(d.tests[0]?.base).toEqual({ area: m('1000.00'), heads: 100n });
    expect(d.verdict.outcome).toBe('passed');
  });

  it('never makes up a quorum', () => {
    const t = { TA: m('1000.00'), TH: 100, PA: m('600.00'), PH: 60, choices: { agree: { area: m('600.00'), heads: 60 } } };
    const d = decide(t, yesNo(), settings);
    expect(d.verdict.outcome).toBe('no_quorum');
    expect(d.nonVoters.outcome).toBe('no_quorum');
  });

  it('adds nothing when the area majority and the head majority disagree, and says so', () => {
    const t = { TA: m('1000.00'), TH: 100, PA: m('700.00'), PH: 70, choices: { agree: { area: m('400.00'), heads: 30 }, oppose: { area: m('300.00'), heads: 40 } } };
    const d = decide(t, special, settings);
    expect(d.nonVoters.outcome).toBe('no_side_holds_both');
    expect(d.nonVoters.areaMajority).toBe('agree');
    expect(d.nonVoters.headsMajority).toBe('oppose');
    expect(d.tests[0]?.base).toEqual({ area: m('700.00'), heads: 70n });
  });

  it('adds to the opposing side when it holds both majorities', () => {
    const t = { TA: m('1000.00'), TH: 100, PA: m('700.00'), PH: 70, choices: { agree: { area: m('300.00'), heads: 30 }, oppose: { area: m('400.00'), heads: 40 } } };
    const d = decide(t, yesNo(), settings);
    expect(d.nonVoters.addedTo).toBe('oppose');
    expect(d.tests[0]?.support).toEqual({ area: m('300.00'), heads: 30n });
    expect(d.tests[0]?.base).toEqual({ area: m('1000.00'), heads: 100n });
    expect(d.verdict.outcome).toBe('rejected');
  });

  it('is excluded by default', () => {
    const t = { TA: m('1000.00'), TH: 100, PA: m('700.00'), PH: 70, choices: { agree: { area: m('490.00'), heads: 49 }, oppose: { area: m('210.00'), heads: 21 } } };
    expect(decide(t, special).nonVoters.outcome).toBe('excluded');
  });
});

describe('aggregated totals are checked before deciding', () => {
  it('refuses totals that do not add up', () => {
    expect(issueMessages(() => decide(totals('100.00', 2, '200.00', 2, ['200.00', 2]), yesNo())).join()).toMatch(/exceed TA\/TH/);
    expect(issueMessages(() => decide({ TA: 1000, TH: 10, PA: 500, PH: 5, choices: { agree: { area: 600, heads: 5 } } }, yesNo())).join()).toMatch(/exceed PA\/PH/);
    expect(issueMessages(() => decide({ TA: 1000, TH: 10, PA: 500, PH: 5, choices: { agree: { area: 400, heads: 4 } }, spoiled: { area: 0, heads: 0 } }, yesNo())).join()).toMatch(/do not add up/);
    expect(issueMessages(() => decide({ TA: 1000, TH: 10, PA: 500, PH: 5, choices: { maybe: { area: 500, heads: 5 } } }, yesNo())).join()).toMatch(/maybe/);
    expect(issueMessages(() => decide({ TA: 0, TH: 0, PA: 0, PH: 0, choices: {} }, yesNo())).join()).toMatch(/empty/);
    expect(issueMessages(() => decide({ TA: 1000.5, TH: 10, PA: 500, PH: 5, choices: {} }, yesNo())).join()).toMatch(/whole/);
    expect(issueMessages(() => decide({ TA: 1000, TH: 10, PA: 500, PH: 0, choices: {} }, yesNo())).join()).toMatch(/both zero or both positive/);
  });

  it('refuses an election that is not matter committee_election', () => {
    const messages = issueMessages(() =>
      decide({ TA: 100, TH: 1, PA: 100, PH: 1, choices: {} }, { kind: 'election', matter: 'property_manager', candidates: [{ id: 'a' }], seats: 5 }),
    );
    expect(messages.join()).toMatch(/committee_election/);
  });

  it('accepts bigint and number areas alike', () => {
    const a = decide({ TA: 443346n, TH: 44n, PA: 295564n, PH: 30n, choices: { agree: { area: 295564n, heads: 30n } } }, yesNo());
    const b = decide({ TA: 443346, TH: 44, PA: 295564, PH: 30, choices: { agree: { area: 295564, heads: 30 } } }, yesNo());
    expect(a).toEqual(b);
    expect(formatArea(a.total.area)).toBe('4433.46');
  });
});
