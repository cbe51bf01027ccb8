// The nine matters of 民法典 第二百七十八条, in the law's order, with the
// code names used throughout Gongjue (domain.md §2).

export const MATTERS = [
  'rules_of_procedure',
  'management_covenant',
  'committee_election',
  'property_manager',
  'maintenance_fund_use',
  'maintenance_fund_raise',
  'rebuild',
  'common_parts_use',
  'other_major',
] as const;

export type Matter = (typeof MATTERS)[number];

export interface MatterTitle {
  readonly item: number;
  readonly zh: string;
  readonly en: string;
}

export const MATTER_TITLES: Readonly<Record<Matter, MatterTitle>> = {
  rules_of_procedure: { item: 1, zh: '制定和修改业主大会议事规则', en: 'make or amend the rules of procedure' },
  management_covenant: { item: 2, zh: '制定和修改管理规约', en: 'make or amend the management covenant' },
  committee_election: { item: 3, zh: '选举业主委员会或者更换业主委员会成员', en: 'elect the owners’ committee or replace members' },
  property_manager: { item: 4, zh: '选聘和解聘物业服务企业或者其他管理人', en: 'hire or dismiss the property-service company or other manager' },
  maintenance_fund_use: { item: 5, zh: '使用建筑物及其附属设施的维修资金', en: 'use the maintenance fund' },
  maintenance_fund_raise: { item: 6, zh: '筹集建筑物及其附属设施的维修资金', en: 'raise the maintenance fund' },
  rebuild: { item: 7, zh: '改建、重建建筑物及其附属设施', en: 'rebuild or alter buildings and facilities' },
  common_parts_use: { item: 8, zh: '改变共有部分的用途或者利用共有部分从事经营活动', en: 'change the use of common parts or run business on them' },
  other_major: { item: 9, zh: '有关共有和共同管理权利的其他重大事项', en: 'other major matters of common ownership and management' },
};

export function isMatter(value: unknown): value is Matter {
  return typeof value === 'string' && (MATTERS as readonly string[]).includes(value);
}
