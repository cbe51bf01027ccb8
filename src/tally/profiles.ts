// Rule profiles (R2.6): which statute governs a decision, and for each
// matter the statutory floor — quorum, approval share, and whether the
// approval share is taken of those who took part or of the whole
// electorate.

import type { Matter } from './matters.ts';
import type { Profile } from './record.ts';
import { atLeast, moreThan, type Threshold } from './threshold.ts';

/** Whose area and heads an approval share is taken of. */
export type Base = 'participants' | 'total';
export type TestKind = 'ordinary' | 'special' | 'petition';

export interface Citation {
  readonly zh: string;
  readonly en: string;
}

export interface StatutoryRule {
  readonly test: TestKind;
  /** null: the profile has no separate quorum (物权法 2007). */
  readonly quorum: Threshold | null;
  readonly approval: Threshold;
  readonly base: Base;
  readonly statute: Citation;
}

const CIVIL_CODE: Citation = { zh: '民法典 第二百七十八条', en: 'Civil Code art. 278' };
const PROPERTY_LAW: Citation = { zh: '物权法 第七十六条', en: 'Property Law (2007) art. 76' };
const PETITION: Citation = {
  zh: '物业管理条例 第十三条；业主大会和业主委员会指导规则 第二十一条',
  en: 'Property Management Regulations art. 13; Guiding Rules art. 21',
};

/** R2.2: items 6, 7, 8 of 第二百七十八条. */
const CIVIL_CODE_SPECIAL: ReadonlySet<Matter> = new Set(['maintenance_fund_raise', 'rebuild', 'common_parts_use']);
/** 物权法 第七十六条: raising or using the fund (item 5) and rebuilding (item 6). */
const PROPERTY_LAW_SPECIAL: ReadonlySet<Matter> = new Set(['maintenance_fund_use', 'maintenance_fund_raise', 'rebuild']);

export function statutoryRule(profile: Profile, matter: Matter): StatutoryRule {
  if (profile === 'property-law-2007') {
    // Thresholds against the TOTAL area and heads; no separate quorum.
    return PROPERTY_LAW_SPECIAL.has(matter)
      ? { test: 'special', quorum: null, approval: atLeast(2, 3), base: 'total', statute: PROPERTY_LAW }
      : { test: 'ordinary', quorum: null, approval: moreThan(1, 2), base: 'total', statute: PROPERTY_LAW };
  }
  // R2.1 quorum for every matter; R2.2 special ≥ 3/4, R2.3 ordinary > 1/2, of those who took part.
  return CIVIL_CODE_SPECIAL.has(matter)
    ? { test: 'special', quorum: atLeast(2, 3), approval: atLeast(3, 4), base: 'participants', statute: CIVIL_CODE }
    : { test: 'ordinary', quorum: atLeast(2, 3), approval: moreThan(1, 2), base: 'participants', statute: CIVIL_CODE };
}

/** R3.4: a petition needs ≥ 20 % of total area AND ≥ 20 % of total heads, under either profile. */
export const PETITION_RULE: StatutoryRule = {
  test: 'petition',
  quorum: null,
  approval: atLeast(1, 5),
  base: 'total',
  statute: PETITION,
};

/** R3.6 (seed 003 §34): some cities require ≥ 2/3 of the stairwell unit's owners to consent to a lift. */
export const LIFT_CONSENT = atLeast(2, 3);
export const LIFT_CITATION: Citation = { zh: '多层住宅加装电梯须征得本单元三分之二以上业主同意', en: 'lift installation needs the consent of at least 2/3 of the stairwell unit’s owners' };

/**
 * R2.6: the Property Law governs decisions dated before 2021-01-01; the
 * Civil Code from that day. `date` is a calendar date "YYYY-MM-DD" in
 * China Standard Time.
 */
export function profileForDecisionDate(date: string): Profile {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(date)) throw new RangeError(`not a date: ${JSON.stringify(date)}`);
  return date < '2021-01-01' ? 'property-law-2007' : 'civil-code-2021';
}
