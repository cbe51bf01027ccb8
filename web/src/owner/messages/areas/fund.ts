import { defineArea } from '../area.ts';

/** Words of the maintenance-fund notices page (维修资金应急使用公示, R4.9/R7.1). */
export default defineArea(
  {
    title: '维修资金应急使用公示',
    intro:
      '依照《民法典》第二百八十一条，电梯、消防、供水设施发生故障或出现危及人身安全的紧急情况时，业主委员会可以申请使用维修资金立即维修，不经业主表决；街道办事处对每一笔应急使用进行确认。除此以外使用维修资金，都必须经业主大会表决。',
    loading: '正在读取公示…',
    none: '{estate}目前没有应急使用维修资金的记录。',
    estate: '{estate}',
    flag: '应急使用 · 未经业主表决',
    kind: '紧急情况：{kind}',
    amount: '金额：{amount} 元',
    reason: '原因：{reason}',
    filedAt: '业主委员会申请时间：{time}',
    quotes: '附报价 {n} 份',
    status: {
      awaiting_review: '已报街道办事处，等待确认。',
      acknowledged: '街道办事处已确认。',
      questioned: '街道办事处提出了疑问，业主委员会正在答复。',
    },
    back: '返回首页',
    retry: '重新读取',
  },
  {
    title: 'Emergency use of the maintenance fund',
    intro:
      'Under Civil Code art. 281, when a lift, fire safety or water supply fails, or people are in danger, the owners’ committee may have the maintenance fund pay for an urgent repair without a vote; the sub-district office checks each one. Every other use of the fund must be voted on by the owners’ assembly.',
    loading: 'Reading the notices…',
    none: '{estate} has no emergency use of the maintenance fund on record.',
    estate: '{estate}',
    flag: 'Emergency use · no vote held',
    kind: 'Emergency: {kind}',
    amount: 'Amount: ¥{amount}',
    reason: 'Reason: {reason}',
    filedAt: 'Filed by the owners’ committee: {time}',
    quotes: '{n} quote(s) attached',
    status: {
      awaiting_review: 'Sent to the sub-district office, awaiting its confirmation.',
      acknowledged: 'Confirmed by the sub-district office.',
      questioned: 'The sub-district office asked questions; the owners’ committee is answering.',
    },
    back: 'Back to home',
    retry: 'Try again',
  },
);
