// Explanation lines a township clerk can read and check with a pencil: each
// line shows the actual figure, the relation, the share of which base, the
// least figure that would have sufficed, and ✓ or ✗. Written from the
// Decision alone, so the SQL path explains itself the same way.

import { formatArea } from './area.ts';
import type { Decision, SubjectTest } from './decision.ts';
import { choiceLabel, type Names } from './labels.ts';
import { MATTER_TITLES } from './matters.ts';
import type { Scope } from './record.ts';
import { formatFraction, type Comparison } from './threshold.ts';

export interface Explanation {
  readonly zh: readonly string[];
  readonly en: readonly string[];
}

function relation(c: Comparison): string {
  if (c.threshold.strict) return c.met ? '>' : '≤';
  return c.met ? '≥' : '<';
}

const mark = (ok: boolean) => (ok ? '✓' : '✗');
const zhArea = (h: bigint) => `${formatArea(h)}㎡`;
const enArea = (h: bigint) => `${formatArea(h)} m²`;
const zhHeads = (h: bigint) => `${h}人`;
const enHeads = (h: bigint) => `${h}`;

/** "参与表决专有部分面积 2955.64㎡ ≥ 总面积的2/3（至少 2955.64㎡）✓" */
function zhLine(subject: string, c: Comparison, base: string, unit: (h: bigint) => string): string {
  return `${subject} ${unit(c.value)} ${relation(c)} ${base}的${formatFraction(c.threshold)}（至少 ${unit(c.needed)}）${mark(c.met)}`;
}

/** "Participating area 2955.64 m² ≥ 2/3 of total area (at least 2955.64 m²) ✓" */
function enLine(subject: string, c: Comparison, base: string, unit: (h: bigint) => string): string {
  return `${subject} ${unit(c.value)} ${relation(c)} ${formatFraction(c.threshold)} of ${base} (at least ${unit(c.needed)}) ${mark(c.met)}`;
}

function scopeText(scope: Scope | undefined): { zh: string; en: string } {
  if (scope === undefined || scope.kind === 'estate') return { zh: '全体业主', en: 'whole estate' };
  if (scope.kind === 'building') return { zh: `${scope.building}栋`, en: `building ${scope.building}` };
  return { zh: `${scope.building}栋${scope.stair}单元`, en: `building ${scope.building}, stair ${scope.stair}` };
}

export function explain(decision: Decision, names: Names = new Map(), scope?: Scope): Explanation {
  const zh: string[] = [];
  const en: string[] = [];
  const { rule, total, tookPart, didNotVote } = decision;
  const kind = decision.motion.kind;
  const title = MATTER_TITLES[decision.motion.matter];
  const testZh = { ordinary: '一般事项', special: '特别事项', petition: '联名提议' }[rule.test];
  const testEn = { ordinary: 'ordinary matter', special: 'special matter', petition: 'petition' }[rule.test];

  zh.push(`适用规则：${rule.statute.zh}（${rule.profile}）`);
  en.push(`Rule: ${rule.statute.en} (${rule.profile})`);
  zh.push(`表决事项：${title.zh}（${testZh}）`);
  en.push(`Matter: ${title.en} (${testEn})`);
  if (rule.overridden.quorum || rule.overridden.approval) {
    zh.push('本小区议事规则规定了比法定更严格的门槛');
    en.push('The estate’s rules of procedure set a stricter threshold than the statute');
  }
  const where = scopeText(scope);
  zh.push(`表决范围：${where.zh}；专有部分总面积 ${zhArea(total.area)}，总人数 ${zhHeads(total.heads)}`);
  en.push(`Electorate: ${where.en}; total area ${enArea(total.area)}, total heads ${enHeads(total.heads)}`);

  if (kind === 'petition') {
    zh.push(`联名业主：专有部分面积 ${zhArea(tookPart.area)}，人数 ${zhHeads(tookPart.heads)}`);
    en.push(`Petitioners: area ${enArea(tookPart.area)}, heads ${enHeads(tookPart.heads)}`);
  } else {
    const abstained = decision.choices.find((c) => c.id === 'abstain')?.amount;
    const parts = [
      abstained ? `${choiceLabel(kind, 'abstain', names).zh} ${zhArea(abstained.area)}/${zhHeads(abstained.heads)}` : '',
      `废票 ${zhArea(decision.spoiled.area)}/${zhHeads(decision.spoiled.heads)}`,
    ].filter(Boolean);
    const partsEn = [
      abstained ? `${choiceLabel(kind, 'abstain', names).en} ${enArea(abstained.area)}/${enHeads(abstained.heads)}` : '',
      `spoiled ${enArea(decision.spoiled.area)}/${enHeads(decision.spoiled.heads)}`,
    ].filter(Boolean);
    zh.push(`参与表决：专有部分面积 ${zhArea(tookPart.area)}，人数 ${zhHeads(tookPart.heads)}（其中${parts.join('，')}）`);
    en.push(`Took part: area ${enArea(tookPart.area)}, heads ${enHeads(tookPart.heads)} (of which ${partsEn.join(', ')})`);
    zh.push(`未参与表决：专有部分面积 ${zhArea(didNotVote.area)}，人数 ${zhHeads(didNotVote.heads)}`);
    en.push(`Did not vote: area ${enArea(didNotVote.area)}, heads ${enHeads(didNotVote.heads)}`);
  }

  const q = decision.quorum;
  if (q !== null) {
    zh.push(zhLine('参与表决专有部分面积', q.area, '总面积', zhArea));
    en.push(enLine('Participating area', q.area, 'total area', enArea));
    zh.push(zhLine('参与表决人数', q.heads, '总人数', zhHeads));
    en.push(enLine('Participating heads', q.heads, 'total heads', enHeads));
    zh.push(q.met ? '参与表决达到法定比例' : '参与表决未达到法定比例，本次表决不产生决定');
    en.push(q.met ? 'Quorum met' : 'Quorum not met: nothing is decided');
  } else if (kind !== 'petition') {
    zh.push('本规则不另设参与表决比例，以总面积和总人数为基数计算同意比例');
    en.push('This rule has no separate quorum; agreement is measured against the total area and heads');
  }

  nonVoterLines(decision, names, zh, en);
  for (const t of decision.tests) testLines(decision, t, names, zh, en);
  verdictLines(decision, names, zh, en);
  for (const w of decision.warnings) {
    zh.push(`注意：${w.zh}`);
    en.push(`Warning: ${w.en}`);
  }
  return { zh, en };
}

function nonVoterLines(decision: Decision, names: Names, zh: string[], en: string[]): void {
  const nv = decision.nonVoters;
  if (nv.mode !== 'follow_majority') return;
  const kind = decision.motion.kind;
  const amountZh = `${zhArea(nv.amount.area)}，${zhHeads(nv.amount.heads)}`;
  const amountEn = `${enArea(nv.amount.area)}, heads ${enHeads(nv.amount.heads)}`;
  const label = (id: string | null) => (id === null ? null : choiceLabel(kind, id, names));
  switch (nv.outcome) {
    case 'added': {
      const side = label(nv.addedTo)!;
      zh.push(`按议事规则，未参与表决业主（${amountZh}）计入同时占参与表决面积和人数过半数的一方：${side.zh}（本结果按“未表决者随多数”计算）`);
      en.push(`Under the rules of procedure, non-voters (${amountEn}) are counted with the side holding more than half of both the participating area and heads: ${side.en} (computed under follow_majority)`);
      break;
    }
    case 'no_side_holds_both': {
      const a = label(nv.areaMajority);
      const h = label(nv.headsMajority);
      zh.push(`未参与表决业主（${amountZh}）未计入任何一方：面积过半数的一方为${a?.zh ?? '无'}，人数过半数的一方为${h?.zh ?? '无'}（按“未表决者随多数”计算）`);
      en.push(`Non-voters (${amountEn}) are added to no side: the area majority is ${a?.en ?? 'held by no side'}, the head majority ${h?.en ?? 'held by no side'} (computed under follow_majority)`);
      break;
    }
    case 'not_applicable':
      zh.push('“未表决者随多数”不适用于选举和联名');
      en.push('follow_majority does not apply to elections and petitions');
      break;
    case 'no_quorum':
    case 'excluded':
      break;
  }
}

function testLines(decision: Decision, t: SubjectTest, names: Names, zh: string[], en: string[]): void {
  const { rule } = decision;
  const kind = decision.motion.kind;
  const deemed = decision.nonVoters.addedTo !== null;
  const label = choiceLabel(kind, t.subject, names);
  const subjectZh = kind === 'yes_no' ? '同意' : kind === 'petition' ? '联名' : `${label.zh}的支持`;
  const subjectEn = kind === 'yes_no' ? 'Agreeing' : kind === 'petition' ? 'Petitioners’' : `Support for ${label.en}:`;
  const baseAreaZh = rule.base === 'total' ? '总面积' : deemed ? '参与表决（含视为随多数）专有部分面积' : '参与表决专有部分面积';
  const baseHeadsZh = rule.base === 'total' ? '总人数' : deemed ? '参与表决（含视为随多数）人数' : '参与表决人数';
  const baseAreaEn = rule.base === 'total' ? 'total area' : deemed ? 'participating and deemed area' : 'participating area';
  const baseHeadsEn = rule.base === 'total' ? 'total heads' : deemed ? 'participating and deemed heads' : 'participating heads';
  zh.push(zhLine(kind === 'yes_no' ? '同意的专有部分面积' : `${subjectZh}专有部分面积`, t.area, baseAreaZh, zhArea));
  en.push(enLine(`${subjectEn} area`, t.area, baseAreaEn, enArea));
  zh.push(zhLine(`${subjectZh}人数`, t.heads, baseHeadsZh, zhHeads));
  en.push(enLine(`${subjectEn} heads`, t.heads, baseHeadsEn, enHeads));
  if (t.liftConsent !== null) {
    zh.push(zhLine('加装电梯同意人数', t.liftConsent, '本单元业主总人数', zhHeads));
    en.push(enLine('Heads consenting to the lift', t.liftConsent, 'the stairwell unit’s heads', enHeads));
  }
}

function verdictLines(decision: Decision, names: Names, zh: string[], en: string[]): void {
  const v = decision.verdict;
  const name = (id: string) => choiceLabel(v.kind, id, names);
  if (v.kind !== 'petition' && v.outcome === 'no_quorum') {
    zh.push('结论：参与表决未达到法定比例，不产生决定');
    en.push('Verdict: no quorum — nothing is decided');
    return;
  }
  switch (v.kind) {
    case 'yes_no':
      zh.push(v.outcome === 'passed' ? '结论：通过' : '结论：未通过');
      en.push(v.outcome === 'passed' ? 'Verdict: passed' : 'Verdict: rejected');
      break;
    case 'options':
      if (v.winner !== null) {
        zh.push(`结论：${name(v.winner).zh}获得通过`);
        en.push(`Verdict: ${name(v.winner).en} is chosen`);
      } else {
        zh.push('结论：没有任何选项单独获得通过，不产生决定');
        en.push('Verdict: no option alone passed — no decision');
      }
      break;
    case 'election': {
      const elected = v.elected.map((id) => names.get(id) ?? id);
      zh.push(`结论：应选 ${v.seats} 名，当选 ${elected.length} 名${elected.length ? `：${elected.join('、')}` : ''}`);
      en.push(`Verdict: ${v.seats} seats, ${elected.length} elected${elected.length ? `: ${elected.join(', ')}` : ''}`);
      if (v.unresolvedSeats > 0) {
        const tied = v.tiedForLastSeat.map((id) => names.get(id) ?? id);
        zh.push(`其余 ${v.unresolvedSeats} 席因得票人数和面积相同未能确定：${tied.join('、')}并列`);
        en.push(`${v.unresolvedSeats} seat(s) unresolved: ${tied.join(', ')} tie on heads and area`);
      }
      if (v.vacantSeats > 0) {
        zh.push(`${v.vacantSeats} 席空缺：获得通过的候选人不足`);
        en.push(`${v.vacantSeats} seat(s) vacant: too few candidates passed`);
      }
      break;
    }
    case 'petition': {
      const share = formatFraction(decision.rule.approval);
      zh.push(v.outcome === 'threshold_met' ? `结论：联名达到总面积和总人数的${share}以上` : `结论：联名未达到总面积和总人数的${share}`);
      en.push(v.outcome === 'threshold_met' ? `Verdict: the petition reaches ${share} of the total area and heads` : `Verdict: the petition falls short of ${share} of the total area and heads`);
      break;
    }
  }
}
