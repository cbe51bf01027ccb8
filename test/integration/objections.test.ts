import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { runDueJobs, testJobDeps } from '../helpers/jobs.ts';
import { myBallots } from '../helpers/voting.ts';
import { wang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, type Session } from '../factories/people.ts';
import { type VotingOwners, voteAndClose, votingOwners } from '../factories/voting-owners.ts';

/**
 * Issue 17, the objection window (询异公示, R7.2): with the estate's objectionDays at 3, a published
 * result is preliminary for 3 days; an owner objects to how their own ballot was recorded (never
 * another's), the committee answers each objection, and the result becomes final — and may be
 * certified — only once the window has ended and every objection is answered. The end of a window
 * without objections is found by the reconciler from PostgreSQL alone. Other estates and townships: 404.
 */
const START = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;
const clock = manualClock(START);

let t: TestApp;
let p: VotingOwners['places'];
let organiser: Session;
let zhangS: Session;
let liS: Session;
let meetingId: string;
let motionId: string;
let publishedAt: Date;
const get = (url: string, token: string) => t.app.inject({ url, headers: bearer(token) });
const post = (url: string, token: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });

interface Row {
  voterId: string;
  owners: string[];
}

async function votedAndClosed(title: string) {
  const opened = await openMeeting(t, clock, new Date(clock.now().getTime() + 60_000), organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title }]);
  await voteAndClose(t, clock, organiser.accessToken, opened, [zhangS, liS]);
  return opened;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  ({ places: p, organiser, zhang: zhangS, li: liS } = await votingOwners(t, [{ registryNo: 'R-3', building: '2栋', room: '201', area: '120.00', owners: [wang] }]));
}, 120_000);
afterAll(async () => t?.close());

describe('the objectionDays setting', () => {
  it('is off by default, stated with its rule and statute, and may be set from 0 to 60 days by the township', async () => {
    const before = (await get(`/v1/estates/${p.estateA}/settings`, p.staffA)).json();
    expect(before.settings.objectionDays).toBe(0);
    expect(before.statutes.find((s: { setting: string }) => s.setting === 'objectionDays')).toMatchObject({ rule: 'R7.2' });
    const put = (settings: object) => t.app.inject({ method: 'PUT', url: `/v1/estates/${p.estateA}/settings`, headers: bearer(p.staffA), payload: { ...before.settings, ...settings } });
    const tooLong = await put({ objectionDays: 61 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].path).toBe('body.settings.objectionDays');
    expect((await put({ objectionDays: -1 })).statusCode).toBe(400);
    const set = await put({ objectionDays: 3 });
    expect(set.statusCode, set.body).toBe(200);
    expect((await get(`/v1/estates/${p.estateA}/settings`, p.staffA)).json().settings.objectionDays).toBe(3);
  });
});

describe('a result published under a 3-day objection window', () => {
  beforeAll(async () => {
    const opened = await votedAndClosed('增设充电桩');
    meetingId = opened.meetingId;
    motionId = opened.motionIds[0]!;
    // Certifying before publication: there has been no window yet.
    const early = await post(`/v1/meetings/${meetingId}/filing/certify`, p.staffA);
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json()).toMatchObject({ type: 'urn:gongjue:problem:result-not-final', stage: 'unpublished', objectionDays: 3 });
    clock.set(new Date(clock.now().getTime() + 60_000));
    publishedAt = clock.now();
    const published = await post(`/v1/meetings/${meetingId}/publish`, organiser.accessToken);
    expect(published.statusCode, published.body).toBe(200);
  });

  it('is preliminary in the notice and the filing, until 3 days after publication', async () => {
    const notice = (await get(`/v1/meetings/${meetingId}/notice`, zhangS.accessToken)).json();
    const window = { days: 3, openedAt: publishedAt.toISOString(), closesAt: new Date(publishedAt.getTime() + 3 * DAY).toISOString(), finalAt: null, stage: 'preliminary', objections: 0, unanswered: 0 };
    expect(notice.objectionWindow).toMatchObject(window);
    expect((await get(`/v1/meetings/${meetingId}/filing`, p.staffA)).json().objectionWindow).toMatchObject(window);
    const html = (await get(`/v1/meetings/${meetingId}/notice.html`, zhangS.accessToken)).body;
    expect(html).toContain('初步结果（询异公示）');
    // The owners were told of the window in the message of publication.
    const inbox = (await get('/v1/me/messages', zhangS.accessToken)).json();
    expect(JSON.stringify(inbox)).toContain('初步表决结果已公示3日');
  });

  it('takes an owner’s objection to their own row, never to another’s, and only from owners of the estate', async () => {
    const notice = (await get(`/v1/meetings/${meetingId}/notice`, zhangS.accessToken)).json();
    const rows: Row[] = notice.motions[0].ballots;
    const [mine] = await myBallots(t, zhangS.accessToken, meetingId);
    const other = rows.find((r) => r.voterId !== mine!.voterId)!;
    const url = `/v1/meetings/${meetingId}/objections`;
    const raised = await post(url, zhangS.accessToken, { motionId, voterId: mine!.voterId, text: '我投的是反对，这里记成了同意' });
    expect(raised.statusCode, raised.body).toBe(201);
    expect(raised.json().items).toMatchObject([{ motionId, voterId: mine!.voterId, owner: '张*', mine: true, text: '我投的是反对，这里记成了同意', answer: null }]);
    expect(raised.json().window).toMatchObject({ stage: 'preliminary', objections: 1, unanswered: 1 });

    const refused = await post(url, zhangS.accessToken, { motionId, voterId: other.voterId, text: '他的票也不对' });
    expect(refused.statusCode).toBe(403);
    expect((await post(url, zhangS.accessToken, { motionId, voterId: mine!.voterId, text: '   ' })).statusCode).toBe(400);
    expect((await post(url, zhangS.accessToken, { motionId: meetingId, voterId: mine!.voterId, text: '错' })).statusCode).toBe(404);
    // Committee members, organisers and township staff do not object: they are no voters of their own here.
    for (const token of [p.committeeA, organiser.accessToken, p.staffA]) expect((await post(url, token, { motionId, voterId: mine!.voterId, text: '错' })).statusCode).toBe(403);
    // Another township's staff, another estate's organiser: the meeting is not there.
    const elsewhere = await appointed(t, p.staffB, p.estateB, 'organiser');
    for (const token of [p.staffB, elsewhere.accessToken]) {
      expect((await post(url, token, { motionId, voterId: mine!.voterId, text: '错' })).statusCode).toBe(404);
      expect((await get(url, token)).statusCode).toBe(404);
    }
  });

  it('shows an owner only their own objections; the committee, organisers and township see all; the township lists its estates’ objections', async () => {
    const url = `/v1/meetings/${meetingId}/objections`;
    expect((await get(url, liS.accessToken)).json().items).toEqual([]);
    expect((await get(url, zhangS.accessToken)).json().items).toHaveLength(1);
    for (const token of [p.committeeA, organiser.accessToken, p.staffA]) {
      const all = (await get(url, token)).json();
      expect(all.items).toHaveLength(1);
      expect(all.items[0].mine).toBe(false);
    }
    const listed = await get(`/v1/townships/${p.townshipA}/objections`, p.staffA);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toMatchObject([{ estateId: p.estateA, estateName: '阳光花园', meetingTitle: '测试会议', owner: '张*', answer: null }]);
    expect((await get(`/v1/townships/${p.townshipA}/objections`, p.staffB)).statusCode).toBe(404);
    expect((await get(`/v1/townships/${p.townshipA}/objections`, p.committeeA)).statusCode).toBe(404);
  });

  it('refuses certification while the window runs, and after it while an objection is unanswered; the last answer makes the result final', async () => {
    const certify = () => post(`/v1/meetings/${meetingId}/filing/certify`, p.staffA);
    const during = await certify();
    expect(during.statusCode).toBe(409);
    expect(during.json()).toMatchObject({ type: 'urn:gongjue:problem:result-not-final', stage: 'preliminary', unanswered: 1 });

    clock.set(new Date(publishedAt.getTime() + 3 * DAY));
    // The window's end with an objection unanswered: the reconciler finds nothing to make final.
    const ran = await runDueJobs(testJobDeps(t, clock));
    expect(ran).not.toContain(`finalize-result-${meetingId}`);
    const after = await certify();
    expect(after.statusCode).toBe(409);
    expect(after.json()).toMatchObject({ stage: 'awaiting_answers', unanswered: 1 });
    const [mine] = await myBallots(t, zhangS.accessToken, meetingId);
    const late = await post(`/v1/meetings/${meetingId}/objections`, zhangS.accessToken, { motionId, voterId: mine!.voterId, text: '还有一点' });
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toBe('urn:gongjue:problem:objection-window-closed');

    const objectionId = (await get(`/v1/meetings/${meetingId}/objections`, p.committeeA)).json().items[0].id as string;
    const answerUrl = `/v1/meetings/${meetingId}/objections/${objectionId}/answer`;
    const answer = { answer: '经核对纸质表决票和系统记录，您的表决意见记录为同意，与您签字的表决票一致。' };
    // Owners and the township do not answer; another estate's people do not see the meeting.
    expect((await post(answerUrl, zhangS.accessToken, answer)).statusCode).toBe(403);
    expect((await post(answerUrl, p.staffA, answer)).statusCode).toBe(403);
    expect((await post(answerUrl, p.staffB, answer)).statusCode).toBe(404);
    expect((await post(answerUrl, p.committeeA, { answer: '' })).statusCode).toBe(400);
    expect((await post(`/v1/meetings/${meetingId}/objections/${meetingId}/answer`, p.committeeA, answer)).statusCode).toBe(404);
    // The township's evidence counts the objection as open until it is answered.
    expect((await get(`/v1/meetings/${meetingId}/filing/evidence`, p.staffA)).json().objections).toEqual({ open: 1, answered: 0 });
    const answered = await post(answerUrl, p.committeeA, answer);
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await get(`/v1/meetings/${meetingId}/filing/evidence`, p.staffA)).json().objections).toEqual({ open: 0, answered: 1 });
    expect(answered.json().items[0].answer.text).toBe(answer.answer);
    expect(answered.json().window).toMatchObject({ stage: 'final', unanswered: 0, finalAt: clock.now().toISOString() });
    expect((await post(answerUrl, p.committeeA, answer)).statusCode).toBe(409);
    // The owner reads the answer.
    expect((await get(`/v1/meetings/${meetingId}/objections`, zhangS.accessToken)).json().items[0].answer.text).toBe(answer.answer);

    const certified = await certify();
    expect(certified.statusCode, certified.body).toBe(200);
    expect(certified.json()).toMatchObject({ status: 'certified', objectionWindow: { stage: 'final' } });
    const audit = await t.testDatabase.database.db.selectFrom('audit_log').select('action').where('subject', '=', `meeting:${meetingId}`).orderBy('seq').execute();
    const actions = audit.map((a) => a.action);
    expect(actions.indexOf('objections.window_opened')).toBeLessThan(actions.indexOf('objection.raised'));
    expect(actions.indexOf('objection.answered')).toBeLessThan(actions.indexOf('result.final'));
    expect(actions.indexOf('result.final')).toBeLessThan(actions.indexOf('result.certified'));
  });
});

describe('a window without objections', () => {
  it('becomes final at its end by the job the reconciler derives from PostgreSQL, not before', async () => {
    const opened = await votedAndClosed('更换门禁');
    const id = opened.meetingId;
    const at = clock.now();
    expect((await post(`/v1/meetings/${id}/publish`, organiser.accessToken)).statusCode).toBe(200);
    const stage = async () => (await get(`/v1/meetings/${id}/filing`, p.staffA)).json().objectionWindow;
    clock.set(new Date(at.getTime() + 3 * DAY - 1));
    expect(await runDueJobs(testJobDeps(t, clock))).not.toContain(`finalize-result-${id}`);
    expect((await stage()).stage).toBe('preliminary');
    clock.set(new Date(at.getTime() + 3 * DAY));
    expect(await runDueJobs(testJobDeps(t, clock))).toContain(`finalize-result-${id}`);
    expect(await stage()).toMatchObject({ stage: 'final', finalAt: clock.now().toISOString(), objections: 0 });
    // Once final, nothing is due for it any more.
    expect(await runDueJobs(testJobDeps(t, clock))).not.toContain(`finalize-result-${id}`);
    expect((await post(`/v1/meetings/${id}/filing/certify`, p.staffA)).statusCode).toBe(200);
  });
});
