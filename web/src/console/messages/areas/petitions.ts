import { defineArea } from '../../../shared/area.ts';

/** The words of the console's petitions page (业主联名提议). Figures and the threshold come from the API. */
export default defineArea(
  {
    intro: '业主联名提议：专有部分面积和人数都达到总数的 20% 时，业主委员会（筹备组）应当召集临时业主大会会议（或先征求意见后再增设车位）。下面的数字按当前业主名册计算。',
    none: '这个小区还没有业主发起联名提议。',
    title: '提议',
    purpose: { temporary_meeting: '召开临时业主大会会议', parking_expansion: '增设车位' },
    started: '发起时间',
    area: '专有部分面积',
    heads: '人数',
    figures: '{signed} / 需 {needed}（总 {total}）',
    areaUnit: '{n} ㎡',
    headsUnit: '{n} 人',
    state: '是否达到',
    metNow: '已达到 20%',
    notMet: '未达到',
  },
  {
    intro: 'Owners’ petitions: when owners holding 20 % of the area and 20 % of the heads sign, the committee must call a temporary meeting (or consult before adding parking). The figures follow the registry as it stands.',
    none: 'No owner of this estate has started a petition.',
    title: 'Petition',
    purpose: { temporary_meeting: 'Call a temporary meeting', parking_expansion: 'Add parking spaces' },
    started: 'Started',
    area: 'Area',
    heads: 'Heads',
    figures: '{signed} / {needed} needed (of {total})',
    areaUnit: '{n} m²',
    headsUnit: '{n}',
    state: 'Threshold',
    metNow: '20 % reached',
    notMet: 'Not reached',
  },
);
