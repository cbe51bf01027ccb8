import verify from './areas/verify.ts';
import meetings from './areas/meetings.ts';
import meeting from './areas/meeting.ts';
import vote from './areas/vote.ts';
import receipt from './areas/receipt.ts';
import results from './areas/results.ts';
import inbox from './areas/inbox.ts';
import settings from './areas/settings.ts';
import homes from './areas/homes.ts';

/** 中文（默认）。Words follow ../shared/ui.md: the statute's terms, plain sentences, what to do next. */
export default {
  verify: verify.zh,
  meetings: meetings.zh,
  meeting: meeting.zh,
  vote: vote.zh,
  receipt: receipt.zh,
  results: results.zh,
  inbox: inbox.zh,
  settings: settings.zh,
  homes: homes.zh,
  app: { name: '共决', tagline: '业主大会电子表决' },
  language: { switchTo: 'English', label: 'Switch to English' },
  notFound: { title: '没有找到这个页面', body: '链接可能不完整。请回到首页。', home: '回到首页' },
  login: {
    title: '用手机号登录',
    intro: '我们会给您的手机发一条短信验证码。不需要密码。',
    phone: '手机号',
    phonePlaceholder: '请输入手机号',
    sendCode: '获取验证码',
    sendAgain: '重新获取验证码',
    sent: '验证码已发到 {phone}，请在 {time} 之前输入。',
    code: '验证码',
    codePlaceholder: '短信里的数字',
    codeHint: '收到短信后，可以直接粘贴整条短信，我们会取出其中的数字。',
    submit: '登录',
    needPhone: '请先输入手机号。',
    needCode: '请输入短信里的验证码。',
    working: '请稍候…',
  },
  problems: {
    network: '网络连接不上。请检查手机是否联网，然后再试一次。',
    rateLimited: '操作太频繁了。请在 {wait}后再试。',
    rateLimitedNoWait: '操作太频繁了。请过一会儿再试。',
    seconds: '{n} 秒',
    minutes: '{n} 分钟',
    phoneInvalid: '这个手机号好像不对。请检查后重新输入。',
    codeInvalid: '验证码应当是短信里的数字。请检查后重新输入。',
    codeRefused: '验证码不对，或者已经失效。请核对短信里的数字；如果还是不行，请点“重新获取验证码”。',
    sessionEnded: '登录已过期。请重新登录。',
    unavailable: '系统暂时忙不过来。请稍等几秒后再试。',
    smsUnavailable: '短信暂时发不出去。请稍等一会儿再试。',
    notFound: '没有找到要看的内容。它可能已被删除，或者您没有查看的权限。',
    forbidden: '您没有办理这件事的权限。如有疑问，请联系业委会或街道办事处。',
    other: '出了点问题，没有办成。请稍后再试；如果一直不行，请联系业委会，并告诉他们编号 {id}。',
    otherNoId: '出了点问题，没有办成。请稍后再试；如果一直不行，请联系业委会。',
    votingClosed: '投票已经截止，这一票没有提交。请回到会议页面查看。',
    votingNotOpen: '投票还没有开始，这一票没有提交。请在表决时间内再来。',
    assuranceTooLow: '您的认证等级不够，这一票没有提交。请先完成人脸认证或到物业/业委会现场认证。',
    notYourVote: '这一票不能由您来投（可能不在表决范围内，或只能由共有人代表投）。请回到会议页面查看说明；如有疑问，请联系业委会。',
    choiceInvalid: '这个选择无效，没有提交。请返回修改后重新提交。',
    motionGone: '没有找到这个表决事项，这一票没有提交。请回到会议页面刷新后再试。',
  },
};
