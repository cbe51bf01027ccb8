import type zhCN from './zh-CN.ts';
import verify from './areas/verify.ts';
import meetings from './areas/meetings.ts';
import meeting from './areas/meeting.ts';
import vote from './areas/vote.ts';
import receipt from './areas/receipt.ts';
import results from './areas/results.ts';
import inbox from './areas/inbox.ts';
import settings from './areas/settings.ts';
import homes from './areas/homes.ts';

/** English: the same keys as zh-CN.ts (the type makes a missing key a compile error). */
const en: typeof zhCN = {
  verify: verify.en,
  meetings: meetings.en,
  meeting: meeting.en,
  vote: vote.en,
  receipt: receipt.en,
  results: results.en,
  inbox: inbox.en,
  settings: settings.en,
  homes: homes.en,
  app: { name: 'Gongjue', tagline: "Owners' assembly voting" },
  language: { switchTo: '中文', label: '切换到中文' },
  notFound: { title: 'Page not found', body: 'The link may be incomplete. Go back to the home page.', home: 'Home page' },
  login: {
    title: 'Log in with your phone',
    intro: 'We will text a code to your phone. No password is needed.',
    phone: 'Phone',
    phonePlaceholder: 'Your mobile number',
    sendCode: 'Send me a code',
    sendAgain: 'Send a new code',
    sent: 'The code was sent to {phone}. Enter it before {time}.',
    code: 'Code',
    codePlaceholder: 'The digits in the text',
    codeHint: 'You can paste the whole text message: we take the digits from it.',
    submit: 'Log in',
    needPhone: 'Enter your phone number first.',
    needCode: 'Enter the code from the text message.',
    working: 'Please wait…',
  },
  problems: {
    network: 'No connection. Check that your phone is online, then try again.',
    rateLimited: 'Too many tries. Please try again in {wait}.',
    rateLimitedNoWait: 'Too many tries. Please try again in a while.',
    seconds: '{n} seconds',
    minutes: '{n} minutes',
    phoneInvalid: 'This phone number does not look right. Check it and enter it again.',
    codeInvalid: 'The code is the digits in the text message. Check it and enter it again.',
    codeRefused: 'The code is wrong or no longer valid. Check the digits in the text; if it still fails, tap "Send a new code".',
    sessionEnded: 'Your login has expired. Please log in again.',
    unavailable: 'The system is busy. Please wait a few seconds and try again.',
    smsUnavailable: 'Text messages cannot be sent just now. Please try again in a while.',
    notFound: 'Nothing was found here. It may have been removed, or you may not see it.',
    forbidden: 'You may not do this. If in doubt, ask the owners\' committee or the township office.',
    other: 'Something went wrong. Please try again later; if it keeps failing, tell the owners\' committee the number {id}.',
    otherNoId: 'Something went wrong. Please try again later; if it keeps failing, tell the owners\' committee.',
    votingClosed: 'Voting has closed; this vote was not sent. Go back to the meeting page to see it.',
    votingNotOpen: 'Voting has not opened yet; this vote was not sent. Come back during the voting time.',
    assuranceTooLow: 'Your verification is not strong enough; this vote was not sent. Use face verification first, or be verified in person at the property office or the owners’ committee.',
    notYourVote: 'This vote is not yours to cast (you may be outside the motion’s voters, or only the co-owners’ representative may cast it). See the meeting page; ask the owners’ committee if in doubt.',
    choiceInvalid: 'This choice is not valid and was not sent. Go back, change it and send again.',
    motionGone: 'This motion was not found; the vote was not sent. Go back to the meeting page and reload it.',
  },
};
export default en;
