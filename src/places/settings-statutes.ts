import {
  type AppliedRule,
  MATTER_TITLES,
  MATTERS,
  type Matter,
  ruleWords,
  statutoryRule,
  type Threshold,
  type TestKind,
} from '../tally/index.ts';
import type { EstateSettings } from './estate-settings.ts';

/**
 * What each estate setting refines: the statute (or the rulebook's choice
 * where the law leaves one open, domain.md) and the value the statute itself
 * sets. One home for these words: the console shows them beside each
 * setting and holds none of its own. The thresholds' floors and their words
 * come from the tally engine (profiles.ts, rule-words.ts), the same code that
 * decides, so the words cannot name another floor than the one enforced.
 */

export interface Words {
  zh: string;
  en: string;
}

export type StatuteSetting =
  | 'profile'
  | 'noticeDays'
  | 'temporaryNoticeDays'
  | 'windowDays'
  | 'countParking'
  | 'nonVoters'
  | 'coOwnerVoting'
  | 'liftConsentTwoThirds'
  | 'maxProxiesPerHolder'
  | 'minimumAssurance'
  | 'objectionDays';

export interface SettingStatute {
  setting: StatuteSetting;
  /** The domain rule (domain.md) the setting belongs to. */
  rule: string;
  /** The statute the setting refines, cited. */
  statute: Words;
  /** What the statute itself says (its value), in a sentence. */
  statuteValue: Words;
  /** Which way an estate may move from it. */
  refinement: Words;
}

const STATUTES: readonly SettingStatute[] = [
  {
    setting: 'profile',
    rule: 'R2.6',
    statute: { zh: '民法典 第二百七十八条；物权法 第七十六条', en: 'Civil Code art. 278; Property Law (2007) art. 76' },
    statuteValue: {
      zh: '2021年1月1日起作出的决定适用民法典；此前的决定适用物权法',
      en: 'decisions from 1 January 2021 fall under the Civil Code; earlier ones under the Property Law',
    },
    refinement: { zh: '按决定的日期选择，不能自行放宽', en: 'chosen by the date of the decision; never a way to loosen the rules' },
  },
  {
    setting: 'noticeDays',
    rule: 'R4.1',
    statute: { zh: '物业管理条例 第十四条', en: 'Property Management Regulations art. 14' },
    statuteValue: {
      zh: '召开业主大会会议，应当于会议召开15日以前通知全体业主，并告知居民委员会',
      en: 'owners are notified at least 15 days before the meeting, and the residents’ committee is informed',
    },
    refinement: { zh: '可以更长；服务不接受少于7日', en: 'may be longer; the service refuses fewer than 7 days' },
  },
  {
    setting: 'temporaryNoticeDays',
    rule: 'R4.1',
    statute: { zh: '物业管理条例 第十四条；地方规定（如杭州）', en: 'Property Management Regulations art. 14; local rules (e.g. Hangzhou)' },
    statuteValue: {
      zh: '临时会议同样提前15日通知；个别城市允许提前7日',
      en: 'temporary meetings are also announced 15 days ahead; some cities allow 7 days',
    },
    refinement: { zh: '未设置时与普通会议相同；不少于7日', en: 'when unset, as for regular meetings; at least 7 days' },
  },
  {
    setting: 'windowDays',
    rule: 'R4.2',
    statute: { zh: '地方规定（如杭州：5至60日）', en: 'local rules (e.g. Hangzhou: 5 to 60 days)' },
    statuteValue: {
      zh: '国家法规未限定表决期限；表决截止时间一到，不再接受表决',
      en: 'national rules set no length; no ballot is accepted at or after the closing time',
    },
    refinement: { zh: '按本地规定设定最短和最长天数（1至365日）', en: 'set the shortest and longest window the local rules allow (1 to 365 days)' },
  },
  {
    setting: 'countParking',
    rule: 'R1.5',
    statute: { zh: '最高人民法院 法释〔2009〕7号 第二条、第八条、第九条', en: 'Supreme People’s Court interpretation 2009 No. 7, arts. 2, 8, 9' },
    statuteValue: {
      zh: '有独立产权的车位可以是专有部分；是否计入面积和人数，法律未作规定，默认不计入',
      en: 'a titled parking space may be an exclusive part; the law does not say whether it counts, and by default it does not',
    },
    refinement: { zh: '计入时车位增加面积，但车位和住房同属一人时仍只算一人', en: 'when counted, spaces add area; an owner of a flat and a space is still one head' },
  },
  {
    setting: 'nonVoters',
    rule: 'R2.7',
    statute: { zh: '民法典 第二百七十八条；小区议事规则', en: 'Civil Code art. 278; the estate’s rules of procedure' },
    statuteValue: {
      zh: '未参与表决的业主不计入参与表决的面积和人数',
      en: 'owners who did not vote are not counted among those who took part',
    },
    refinement: {
      zh: '只有议事规则这样规定、且表决票已确实送达时，才可计入多数一方',
      en: 'added to the majority only where the rules of procedure say so and the ballots were provably delivered',
    },
  },
  {
    setting: 'coOwnerVoting',
    rule: 'R1.4',
    statute: { zh: '最高人民法院 法释〔2009〕7号 第九条', en: 'Supreme People’s Court interpretation 2009 No. 7, art. 9' },
    statuteValue: {
      zh: '一个专有部分按一人计算；共有人共同享有一票，应推选一人行使',
      en: 'one exclusive part counts as one head; its co-owners share one vote and should choose one of them to cast it',
    },
    refinement: {
      zh: '默认任一共有人可投，以最后一次为准；可要求只由推选的代表投票',
      en: 'by default any co-owner may cast it and the latest ballot stands; an estate may require the chosen representative',
    },
  },
  {
    setting: 'liftConsentTwoThirds',
    rule: 'R3.6',
    statute: { zh: '地方规定（多层住宅加装电梯）', en: 'local rules (installing lifts in multi-storey buildings)' },
    statuteValue: {
      zh: '加装电梯由本单元业主表决，按民法典第二百七十八条改建事项（双四分之三）',
      en: 'a lift is voted by the stairwell unit’s owners as a rebuilding matter of Civil Code art. 278 (three quarters)',
    },
    refinement: { zh: '可另外要求本单元三分之二以上业主同意', en: 'may also require the consent of at least 2/3 of the stairwell unit’s owners' },
  },
  {
    setting: 'maxProxiesPerHolder',
    rule: 'R4.3',
    statute: { zh: '地方规定（如上海 第十八条）', en: 'local rules (e.g. Shanghai art. 18)' },
    statuteValue: { zh: '业主可以书面委托代理人表决', en: 'an owner may authorise a proxy in writing' },
    refinement: { zh: '限定一位代理人最多代理几户（1至100）', en: 'caps the owners one proxy holder may represent (1 to 100)' },
  },
  {
    setting: 'minimumAssurance',
    rule: 'R5.2',
    statute: { zh: '电子投票规则（业主实名认证）', en: 'electronic voting rules (verified owners)' },
    statuteValue: {
      zh: '经实名认证的业主账号投票视为业主本人投票',
      en: 'a vote from a verified owner account counts as the owner’s own vote',
    },
    refinement: { zh: '默认需“身份信息加登记电话或产权证号”，可要求更高', en: 'by default identity plus a registry factor; an estate may require more' },
  },
  {
    setting: 'objectionDays',
    rule: 'R7.2',
    statute: {
      zh: '物业管理条例 第十二条；地方规定（表决结果询异公示）',
      en: 'Property Management Regulations art. 12; local rules (an objection period on published results)',
    },
    statuteValue: {
      zh: '业主大会的决定应当依法告知全体业主；国家法规未规定询异期，默认不设（0日）',
      en: 'owners are told the assembly’s decisions; national rules set no objection period, so by default there is none (0 days)',
    },
    refinement: {
      zh: '设为 N 日时，结果先作为初步结果公示 N 日：业主可对本人表决的记录提出异议，业主委员会逐条答复；期满且全部答复后结果才为最终结果，方可备案（0至60日）',
      en: 'with N days the result is first posted as preliminary for N days: owners may object to how their own ballot was recorded and the committee answers each; only after the window and every answer is it final and can be certified (0 to 60 days)',
    },
  },
];

/** The statute of every setting that refines one, in the order the console shows them. */
export function settingStatutes(): readonly SettingStatute[] {
  return STATUTES;
}

export interface MatterThreshold {
  matter: Matter;
  /** Its item in 民法典 第二百七十八条. */
  item: number;
  title: Words;
  test: TestKind;
  statute: Words;
  /** The statute's floor under the estate's profile. */
  floor: { quorum: Threshold | null; approval: Threshold };
  floorWords: Words;
  /** The estate's stricter override, when it set one. */
  override: { quorum: Threshold | null; approval: Threshold | null } | null;
  /** The rule a yes/no motion of this matter is decided by, override included. */
  appliedWords: Words;
}

/** Per matter: the statute's floor, the estate's override and the words of both (R2.6). */
export function matterThresholds(settings: EstateSettings): MatterThreshold[] {
  return MATTERS.map((matter) => {
    const floor = statutoryRule(settings.profile, matter);
    const override = settings.overrides[matter];
    const rule = (quorum: Threshold | null, approval: Threshold, overridden: AppliedRule['overridden']): AppliedRule => ({
      profile: settings.profile,
      matter,
      test: floor.test,
      base: floor.base,
      quorum,
      approval,
      liftConsent: null,
      overridden,
      statute: floor.statute,
    });
    const statutory = rule(floor.quorum, floor.approval, { quorum: false, approval: false });
    // Stored settings were checked on the way in (estate-settings.ts): an override is never looser than the floor.
    const applied = rule(override?.quorum ?? floor.quorum, override?.approval ?? floor.approval, {
      quorum: override?.quorum !== undefined,
      approval: override?.approval !== undefined,
    });
    const { item, zh, en } = MATTER_TITLES[matter];
    return {
      matter,
      item,
      title: { zh, en },
      test: floor.test,
      statute: { zh: floor.statute.zh, en: floor.statute.en },
      floor: { quorum: floor.quorum, approval: floor.approval },
      floorWords: ruleWords(statutory, 'yes_no'),
      override: override === undefined ? null : { quorum: override.quorum ?? null, approval: override.approval ?? null },
      appliedWords: ruleWords(applied, 'yes_no'),
    };
  });
}
