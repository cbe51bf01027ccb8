// The report a township clerk reads: exact figures, thresholds as
// fractions, the least figure that would have sufficed, in both languages.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReport, decide, parseArea, renderReport } from '../../src/tally/index.ts';
import { tally } from './helpers.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('report of the C1 worked case (fixture c1-quorum-boundary.json)', () => {
  const report = tally(fixture('c1-quorum-boundary.json'));

  it('gives TA, TH, PA, PH and every choice exactly', () => {
    expect(report.totals).toMatchObject({ TA: '4433.46', TH: 44, PA: '2955.64', PH: 30, didNotVote: { area: '1477.82', heads: 14 } });
    expect(report.choices.map((c) => [c.id, c.area, c.heads])).toEqual([
      ['agree', '1681.64', 17],
      ['oppose', '980.00', 10],
      ['abstain', '196.00', 2],
    ]);
    expect(report.totals.spoiled).toEqual({ area: '98.00', heads: 1 });
  });

  it('shows the quorum met exactly on the boundary, with zero margins', () => {
    expect(report.quorum).toMatchObject({
      met: true,
      threshold: { num: 2, den: 3, strict: false, text: '≥ 2/3' },
      area: { value: '2955.64', needed: '2955.64', margin: '0.00', met: true },
      heads: { value: 30, needed: 30, margin: 0, met: true },
    });
  });

  it('names the rule applied with its thresholds as fractions', () => {
    expect(report.rule).toMatchObject({
      profile: 'civil-code-2021',
      test: 'ordinary',
      base: 'participants',
      quorum: { num: 2, den: 3, strict: false },
      approval: { num: 1, den: 2, strict: true, text: '> 1/2' },
      statute: { zh: '民法典 第二百七十八条' },
    });
  });

  it('explains in Chinese and English with the figures a clerk can check', () => {
    expect(report.explanation.zh).toContain('参与表决专有部分面积 2955.64㎡ ≥ 总面积的2/3（至少 2955.64㎡）✓');
    expect(report.explanation.zh).toContain('参与表决人数 30人 ≥ 总人数的2/3（至少 30人）✓');
    expect(report.explanation.zh).toContain('同意人数 17人 > 参与表决人数的1/2（至少 16人）✓');
    expect(report.explanation.en).toContain('Participating area 2955.64 m² ≥ 2/3 of total area (at least 2955.64 m²) ✓');
    expect(report.explanation.zh.at(-1)).toBe('结论：通过');
    expect(report.explanation.en.at(-1)).toBe('Verdict: passed');
  });

  it('renders a readable table', () => {
    const text = renderReport(report);
    expect(text).toMatch(/Total 总计 \(TA, TH\)\s+4433\.46\s+44/);
    expect(text).toMatch(/Quorum 法定比例 {2}met/);
    expect(text).toMatch(/Verdict 结论 +PASSED 通过/);
    expect(text).toContain('参与表决专有部分面积 2955.64㎡ ≥ 总面积的2/3（至少 2955.64㎡）✓');
  });
});

describe('explanations of failures', () => {
  it('C2: shows the shortfall with "<" and the least area needed', () => {
    const d = decide({ TA: parseArea('3086.56'), TH: 16, PA: parseArea('2057.70'), PH: 11, choices: { agree: { area: parseArea('2057.70'), heads: 11 } } }, { kind: 'yes_no', matter: 'rebuild' });
    const r = buildReport(d);
    expect(r.explanation.zh).toContain('参与表决专有部分面积 2057.70㎡ < 总面积的2/3（至少 2057.71㎡）✗');
    expect(r.explanation.en).toContain('Participating area 2057.70 m² < 2/3 of total area (at least 2057.71 m²) ✗');
    expect(r.quorum?.area.margin).toBe('-0.01');
    expect(r.explanation.zh.at(-1)).toBe('结论：参与表决未达到法定比例，不产生决定');
  });

  it('C4: "not more than half" is shown with ≤', () => {
    const d = decide(
      { TA: parseArea('1000.00'), TH: 100, PA: parseArea('1000.00'), PH: 100, choices: { agree: { area: parseArea('500.00'), heads: 51 }, oppose: { area: parseArea('500.00'), heads: 49 } } },
      { kind: 'yes_no', matter: 'property_manager' },
    );
    expect(buildReport(d).explanation.zh).toContain('同意的专有部分面积 500.00㎡ ≤ 参与表决专有部分面积的1/2（至少 500.01㎡）✗');
  });

  it('says when a result was computed under follow_majority', () => {
    const d = decide(
      { TA: 100000, TH: 100, PA: 70000, PH: 70, choices: { agree: { area: 49000, heads: 49 }, oppose: { area: 21000, heads: 21 } } },
      { kind: 'yes_no', matter: 'rebuild' },
      { nonVoters: 'follow_majority' },
    );
    const r = buildReport(d);
    expect(r.nonVoters).toMatchObject({ mode: 'follow_majority', outcome: 'added', addedTo: 'agree', area: '300.00', heads: 30 });
    expect(r.explanation.zh.join('\n')).toMatch(/未表决者随多数/);
    expect(r.explanation.en.join('\n')).toMatch(/follow_majority/);
  });
});

describe('the JSON report', () => {
  it('holds no bigint and survives JSON round trips', () => {
    const report = tally(fixture('lift-stair.json'));
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.format).toBe('gongjue.tally-report');
  });
});
