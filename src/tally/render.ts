// The report as text for a terminal or a printed annex: a table of the
// figures, the quorum and the verdict, then the explanation in Chinese and
// in English. Pure: returns a string.

import type { Report } from './report.ts';

/** Terminal columns a string occupies: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;

function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? padEnd(cell, widths[i]!) : padStart(cell, widths[i]!))).join('   ').trimEnd());
}

const signed = (text: string) => (text.startsWith('-') ? text : `+${text}`);

const VERDICT: Record<string, string> = {
  passed: 'PASSED 通过',
  rejected: 'REJECTED 未通过',
  no_quorum: 'NO QUORUM 未达法定比例，不产生决定',
  decided: 'DECIDED 已决定',
  no_decision: 'NO DECISION 不产生决定',
  threshold_met: 'THRESHOLD MET 达到联名比例',
  threshold_not_met: 'THRESHOLD NOT MET 未达联名比例',
};

export function renderReport(report: Report): string {
  const out: string[] = [];
  const { motion, rule, totals } = report;
  const baseText = rule.base === 'total' ? 'of total area and heads' : 'of participating area and heads';
  out.push('共决 Gongjue — tally report 计票报告');
  if (report.estate) out.push(`Estate 小区      ${report.estate.id}${report.estate.name ? ` ${report.estate.name}` : ''}`);
  out.push(`Motion 议题      ${motion.id ?? '-'}${motion.title ? ` — ${motion.title}` : ''} (${motion.kind})`);
  out.push(`Matter 事项      ${motion.matter} — ${motion.matterTitle.zh} (${rule.test})`);
  out.push(
    `Rule 规则        ${rule.profile} · ${rule.statute.zh}` +
      `${rule.quorum ? ` · quorum ${rule.quorum.text}` : ' · no quorum'}` +
      ` · approval ${rule.approval.text} ${baseText}` +
      `${rule.liftConsent ? ` · lift consent ${rule.liftConsent.text} of the stairwell unit's heads` : ''}` +
      `${rule.overridden.quorum || rule.overridden.approval ? ' (estate override)' : ''}`,
  );
  const scope = motion.scope;
  if (scope) {
    out.push(`Scope 范围       ${scope.kind === 'estate' ? 'whole estate 全体业主' : scope.kind === 'building' ? `building ${scope.building}` : `building ${scope.building}, stair ${scope.stair}`}`);
  }
  out.push(
    `Settings 设置    countParking=${report.settings.countParking} nonVoters=${report.settings.nonVoters} ` +
      `coOwnerVoting=${report.settings.coOwnerVoting} liftConsentTwoThirds=${report.settings.liftConsentTwoThirds}`,
  );
  out.push('');

  const rows: string[][] = [['', 'Area 面积 m²', 'Heads 人数']];
  rows.push(['Total 总计 (TA, TH)', totals.TA, String(totals.TH)]);
  rows.push([motion.kind === 'petition' ? 'Signed 联名 (PA, PH)' : 'Took part 参与表决 (PA, PH)', totals.PA, String(totals.PH)]);
  if (motion.kind !== 'petition') {
    for (const c of report.choices) rows.push([`  ${c.label.zh} ${c.id}`, c.area, String(c.heads)]);
    rows.push(['  废票 spoiled', totals.spoiled.area, String(totals.spoiled.heads)]);
  }
  rows.push(['Did not take part 未参与', totals.didNotVote.area, String(totals.didNotVote.heads)]);
  out.push(...table(rows));
  out.push('');

  if (report.quorum) {
    const q = report.quorum;
    out.push(
      `Quorum 法定比例  ${q.met ? 'met 达到' : 'NOT met 未达到'} (${q.threshold.text}) — ` +
        `area ${q.area.value} needs ${q.area.needed}, margin ${signed(q.area.margin)} m²; ` +
        `heads ${q.heads.value} needs ${q.heads.needed}, margin ${signed(String(q.heads.margin))}`,
    );
  }
  if (report.nonVoters.mode === 'follow_majority') {
    out.push(`Non-voters 未表决 follow_majority: ${report.nonVoters.outcome}${report.nonVoters.addedTo ? ` → ${report.nonVoters.addedTo}` : ''}`);
  }
  if (report.tests.length > 0) {
    const testRows: string[][] = [['Test 表决', 'area', 'needs', 'heads', 'needs', '']];
    for (const t of report.tests) {
      testRows.push([
        t.label.zh,
        `${t.area.value} ${t.area.threshold.text}`,
        t.area.needed,
        `${t.heads.value} ${t.heads.threshold.text}`,
        String(t.heads.needed),
        t.passed ? '✓' : '✗',
      ]);
      if (t.liftConsent) {
        testRows.push(['  电梯同意 lift consent', '', '', `${t.liftConsent.value} ${t.liftConsent.threshold.text}`, String(t.liftConsent.needed), t.liftConsent.met ? '✓' : '✗']);
      }
    }
    out.push(...table(testRows));
  }
  if (report.ranking && report.ranking.length > 0) {
    out.push('');
    const label = new Map(report.choices.map((c) => [c.id, c.label.zh]));
    const rankRows: string[][] = [['Rank 名次', 'candidate 候选人', 'heads', 'area']];
    for (const r of report.ranking) rankRows.push([String(r.rank), `${label.get(r.candidate) ?? ''} ${r.candidate}`, String(r.heads), r.area]);
    out.push(...table(rankRows));
  }
  out.push('');
  const v = report.verdict;
  let verdict = VERDICT[v.outcome] ?? v.outcome;
  if (v.kind === 'options' && v.winner) verdict += ` — ${v.winner}`;
  if (v.kind === 'election' && v.outcome === 'decided') {
    verdict += ` — elected ${v.elected.join(', ') || 'none'}`;
    if (v.unresolvedSeats > 0) verdict += `; ${v.unresolvedSeats} unresolved (tie: ${v.tiedForLastSeat.join(', ')})`;
    if (v.vacantSeats > 0) verdict += `; ${v.vacantSeats} vacant`;
  }
  out.push(`Verdict 结论     ${verdict}`);
  if (report.ballots) {
    const b = report.ballots;
    out.push(
      `Ballots 选票     ${b.received} received, ${b.standing} standing, ${b.superseded} superseded, ` +
        `${b.crossChannelReplacements} cross-channel replacements, ${b.proxyOverridden} proxy ballots overridden by the owner`,
    );
  }
  for (const w of report.warnings) out.push(`Warning 注意     ${w.zh} / ${w.en}`);
  out.push('', '说明', ...report.explanation.zh.map((l) => `  ${l}`), '', 'Explanation', ...report.explanation.en.map((l) => `  ${l}`));
  return out.join('\n') + '\n';
}
