import type zhCN from './zh-CN.ts';
import common from './areas/common.ts';
import login from './areas/login.ts';
import notFound from './areas/not-found.ts';
import verify from './areas/verify.ts';
import meetings from './areas/meetings.ts';
import meeting from './areas/meeting.ts';
import vote from './areas/vote.ts';
import receipt from './areas/receipt.ts';
import results from './areas/results.ts';
import check from './areas/check.ts';
import inbox from './areas/inbox.ts';
import settings from './areas/settings.ts';
import homes from './areas/homes.ts';
import fund from './areas/fund.ts';
import proxies from './areas/proxies.ts';

/** English: the same keys as zh-CN.ts (the type makes a missing key a compile error). */
const en: typeof zhCN = {
  ...common.en,
  login: login.en,
  notFound: notFound.en,
  verify: verify.en,
  meetings: meetings.en,
  meeting: meeting.en,
  vote: vote.en,
  receipt: receipt.en,
  results: results.en,
  check: check.en,
  inbox: inbox.en,
  settings: settings.en,
  homes: homes.en,
  fund: fund.en,
  proxies: proxies.en,
};
export default en;
