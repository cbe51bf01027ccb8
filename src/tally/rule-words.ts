// The rule that decides a motion as one plain sentence an owner can read
// (or hear) before voting, written from the same AppliedRule the engine
// decides by — so the words cannot say another threshold than the one
// applied. "以上" (at least) and "过半数" (more than half) as the statute
// uses them (民法典 第一千二百五十九条).

import type { AppliedRule } from './rule.ts';
import type { Threshold } from './threshold.ts';

export interface RuleWords {
  readonly zh: string;
  readonly en: string;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals (the denominators and numerators of thresholds are small). */
function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** "达到三分之二" (≥ 2/3), "过半数" (> 1/2), "超过三分之一" (> 1/3); of a named whole: "达到全体业主的三分之二", "超过全体业主的一半". */
function zhShare(t: Threshold, of = ''): string {
  const half = t.strict && t.num * 2 === t.den;
  if (half && of === '') return '过半数';
  const fraction = half ? '一半' : `${chineseNumber(t.den)}分之${chineseNumber(t.num)}`;
  return `${t.strict ? '超过' : '达到'}${of}${fraction}`;
}

/** "at least 2/3", "more than half". */
function enShare(t: Threshold): string {
  if (t.strict && t.num * 2 === t.den) return 'more than half';
  return `${t.strict ? 'more than' : 'at least'} ${t.num}/${t.den}`;
}

/** A threshold as a share in words, e.g. { zh: "达到三分之二", en: "at least 2/3" } — for sentences written beside the rule's figures. */
export function thresholdWords(t: Threshold): RuleWords {
  return { zh: zhShare(t), en: enShare(t) };
}

/** Who must agree, by the motion's kind: those agreeing, one option's supporters, each elected candidate's. */
const SUBJECT = {
  yes_no: { zh: '同意的', en: 'agreeing' },
  options: { zh: '选择同一选项的', en: 'choosing the same option' },
  election: { zh: '每位当选人得到的', en: 'voting for each elected candidate' },
} as const;

export type RuleWordsKind = keyof typeof SUBJECT;

/**
 * "参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到四分之三" —
 * the quorum (of the whole electorate), then the approval share (of those who
 * took part, or of everyone under the Property Law), then the stairwell's lift
 * consent where it applies.
 */
export function ruleWords(rule: AppliedRule, kind: RuleWordsKind): RuleWords {
  const subject = SUBJECT[kind];
  const zh: string[] = [];
  const en: string[] = [];
  if (rule.quorum !== null) {
    zh.push(`参与表决的面积和人数都要${zhShare(rule.quorum)}`);
    en.push(`owners with ${enShare(rule.quorum)} of the area and ${enShare(rule.quorum)} of the owners must take part`);
  }
  if (rule.base === 'participants') {
    zh.push(`${subject.zh}面积和人数都要${zhShare(rule.approval)}`);
    en.push(`those ${subject.en} must hold ${enShare(rule.approval)} of the area and of the owners taking part`);
  } else {
    zh.push(`${subject.zh}面积和人数都要${zhShare(rule.approval, '全体业主的')}`);
    en.push(`those ${subject.en} must hold ${enShare(rule.approval)} of the whole area and of all owners`);
  }
  if (rule.liftConsent !== null) {
    const t = rule.liftConsent;
    const fraction = `${chineseNumber(t.den)}分之${chineseNumber(t.num)}`;
    zh.push(`加装电梯还要本单元${t.strict ? `超过${fraction}` : `${fraction}以上`}的业主同意`);
    en.push(`installing the lift also needs the consent of ${enShare(rule.liftConsent)} of the stairwell unit’s owners`);
  }
  const sentence = en.join('; ');
  return { zh: zh.join('，'), en: sentence.charAt(0).toUpperCase() + sentence.slice(1) };
}
