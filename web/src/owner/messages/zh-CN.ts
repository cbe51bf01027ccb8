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

/** 中文（默认）。Words follow ../shared/ui.md: the statute's terms, plain sentences, what to do next. */
export default {
  ...common.zh,
  login: login.zh,
  notFound: notFound.zh,
  verify: verify.zh,
  meetings: meetings.zh,
  meeting: meeting.zh,
  vote: vote.zh,
  receipt: receipt.zh,
  results: results.zh,
  check: check.zh,
  inbox: inbox.zh,
  settings: settings.zh,
  homes: homes.zh,
  fund: fund.zh,
  proxies: proxies.zh,
};
