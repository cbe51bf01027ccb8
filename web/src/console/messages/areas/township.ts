import { defineArea } from '../../../shared/area.ts';

/** The words of the township staff's pages (issue 17): the frame, 辖区小区, 备案审核, 异常提示. */
export default defineArea(
  {
    chooser: '当前街道',
    nav: { estates: '辖区小区', filings: '备案审核', anomalies: '异常提示', emergency: '紧急维修', objections: '询异' },
    places: { title: '街道（乡镇）', intro: '您负责下列街道（乡镇）的指导、备案和监督。', township: '街道（乡镇）', roles: '您的身份', estates: '小区' },
    estates: {
      title: '辖区小区',
      intro: '本街道（乡镇）的小区。点小区名称进入该小区的管理页面。',
      none: '本街道（乡镇）还没有登记小区。',
      estate: '小区',
    },
    filings: {
      title: '备案审核',
      intro: '各小区业主大会会议计票后的结果，按截止时间先后排列。点会议名称查看证据并办理备案。',
      none: '没有这个状态的备案。',
      status: '备案状态',
      all: '全部',
      estate: '小区',
      meeting: '会议',
      closedAt: '表决截止',
      updatedAt: '最近办理',
      state: { awaiting_review: '等待审核', returned: '已退回', certified: '已备案确认', correction_ordered: '责令改正', revoked: '已撤销' },
    },
    filing: { title: '备案审核：{title}', back: '回到备案审核' },
    anomalies: { title: '异常提示', intro: '计票时自动发现的异常情况。异常提示只供街道参考，不改变任何表决结果。' },
  },
  {
    chooser: 'Township',
    nav: { estates: 'Estates', filings: 'Filing review', anomalies: 'Anomalies', emergency: 'Emergency repairs', objections: 'Objections' },
    places: { title: 'Townships', intro: 'You guide, file and supervise the townships below.', township: 'Township', roles: 'Your role', estates: 'Estates' },
    estates: {
      title: 'Estates',
      intro: 'The estates of this township. Click an estate to open its pages.',
      none: 'No estate is registered in this township yet.',
      estate: 'Estate',
    },
    filings: {
      title: 'Filing review',
      intro: 'The tallied results of the estates’ meetings, oldest close first. Click a meeting to see its evidence and decide.',
      none: 'No filing in this state.',
      status: 'Filing status',
      all: 'All',
      estate: 'Estate',
      meeting: 'Meeting',
      closedAt: 'Voting closed',
      updatedAt: 'Last step',
      state: { awaiting_review: 'Awaiting review', returned: 'Returned', certified: 'Certified', correction_ordered: 'Correction ordered', revoked: 'Revoked' },
    },
    filing: { title: 'Filing review: {title}', back: 'Back to filing review' },
    anomalies: { title: 'Anomalies', intro: 'Anomalies found when results are tallied. They inform the township and never change a result.' },
  },
);
