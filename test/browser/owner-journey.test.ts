import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { createTestApp, lastCodeFor, type TestApp } from '../helpers/app.ts';
import { ARTIFACTS, type DisplayMode, expectOwnerFriendly, launchChromium, phone, screenshot } from '../helpers/browser.ts';
import { runDueJobs, testJobDeps } from '../helpers/jobs.ts';
import { openPlan } from '../helpers/meeting-plans.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, wang, zhang } from '../factories/cast.ts';
import { draftMeeting, openVotingOf, publishNoticeOf } from '../factories/meetings.ts';
import { appointed, signedIn, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 15, "Done when", as one walk: 张三 has never used Gongjue and is not verified. The SMS
 * that voting has opened reaches the phone in the property registry; on a 375 × 667 phone in
 * WeChat, in Chinese, at 长辈版 sizes, they open its link with no session, log in with the code,
 * are led back to the meeting and told to verify, verify with name and identity number, vote on
 * every motion kind, review, confirm, keep the receipt (its codes the API's), change a vote, get
 * the SMS confirmations, and after the close open the results SMS and check that their latest
 * receipt was counted and the earlier one was not. Every page passes expectOwnerFriendly;
 * screenshots: test-artifacts/browser/journey-NN-<step>.png.
 */

const MINUTE = 60_000;
// 10:00 in Shanghai: every instant of this meeting (notice, opening, close) is outside quiet hours.
const START = new Date('2026-12-01T02:00:00Z');
const clock = manualClock(START);
/** 张三's phone as the property registry holds it: where the meeting's messages go before they ever log in. */
const ZHANG_PHONE = '13800000001';
const TITLE = '阳光花园 2026 年第一次业主大会';
const MOTIONS = [
  { matter: 'other_major', kind: 'yes_no', title: '增设电动自行车充电桩' },
  { matter: 'property_manager', kind: 'options', title: '选聘物业服务企业', options: [{ id: 'a', label: '甲物业公司' }, { id: 'b', label: '乙物业公司' }] },
  {
    matter: 'committee_election',
    kind: 'election',
    title: '选举业主委员会委员',
    seats: 3,
    candidates: [{ id: 'c1', name: '刘建国' }, { id: 'c2', name: '陈秀英' }, { id: 'c3', name: '周德明' }, { id: 'c4', name: '吴桂兰' }],
  },
];

/** The whole walk in each display mode: 长辈版 (the default) and 标准版 (chosen on this phone before). */
for (const mode of ['elder', 'standard'] as DisplayMode[]) {
  // A suite of its own for each mode: its hooks (an app, a meeting, the shared test clock) run around its walk alone.
  describe(mode, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let meetingId: string;
  let motionIds: string[];
  let closesAt: Date;

  const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
  const runJobs = () => runDueJobs(testJobDeps(t, clock));
  const smsTo = (kind: string) => t.sentSms.filter((m) => m.phone === ZHANG_PHONE && m.kind === kind);
  /** The path of an SMS's link (the service's public address may differ from this test's port). */
  const linkPath = (link: string | undefined) => {
    const url = new URL(link!);
    return `${url.pathname}${url.search}`;
  };

  beforeAll(async () => {
    clock.set(START);
    browser = await launchChromium();
    t = await createTestApp({ clock });
    const p = await twoTownships(t);
    await importRegistry(t, p.staffA, p.estateA, [
      { registryNo: 'R-1', building: '1栋', stair: '2单元', room: '301', area: '89.50', owners: [{ ...zhang, phone: ZHANG_PHONE }] },
      { registryNo: 'R-2', building: '1栋', stair: '2单元', room: '302', area: '89.50', owners: [li] },
      { registryNo: 'R-3', building: '2栋', room: '101', area: '120.25', owners: [wang] },
    ]);
    const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
    const neighbours = [await verifiedOwner(t, li), await verifiedOwner(t, wang)];
    // Noticed at START, voting open 16 days later (the clock is left there), closing 30 days after START.
    const plan = { ...openPlan(START, MOTIONS), title: TITLE };
    meetingId = await draftMeeting(t, organiser.accessToken, p.estateA, plan);
    await publishNoticeOf(t, organiser.accessToken, meetingId);
    clock.set(plan.votingOpensAt);
    await openVotingOf(t, organiser.accessToken, meetingId);
    closesAt = plan.votingClosesAt;
    motionIds = (await t.testDatabase.database.db.selectFrom('motions').select('id').where('meeting_id', '=', meetingId).orderBy('position').execute()).map((m) => m.id);
    // The neighbours have voted: every owner takes part, and the results list more than one row.
    for (const neighbour of neighbours) {
      for (const b of await myBallots(t, neighbour.accessToken, meetingId)) {
        const choice = b.motionId === motionIds[0] ? 'agree' : b.motionId === motionIds[1] ? 'a' : ['c1', 'c2', 'c3'];
        expect((await castBallot(t, neighbour.accessToken, meetingId, b.motionId, b.voterId, choice)).statusCode).toBe(201);
      }
    }
    // The outbox sends what opening voting wrote (the in-process runner's pass).
    await runJobs();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  let shots = 0;
  /** Every page of the walk: the owner-friendly check, then its screenshot, numbered in walking order. */
  async function check(page: Page, step: string) {
    await expectOwnerFriendly(page, `journey (${mode}): ${step}`, { mode });
    await screenshot(page, `journey${mode === 'elder' ? '' : `-${mode}`}-${String(++shots).padStart(2, '0')}-${step}`);
  }

  /** What one phone screen shows (not the whole page): the small pictures README.md uses (docs/screenshots/). */
  async function screenShot(page: Page, name: string) {
    if (mode !== 'elder') return;
    await page.screenshot({ path: path.join(ARTIFACTS, `journey-screen-${name}.png`) });
  }

  const mainText = (page: Page) => page.locator('main').innerText();
  const card = (page: Page, title: string) => page.locator('section.card', { has: page.getByRole('heading', { name: title, exact: true }) });
  const shownCodes = (page: Page) => page.locator('.receipt__code').evaluateAll((codes) => codes.map((c) => (c.textContent ?? '').replace(/\s/g, '')));

  async function meetingPage(page: Page) {
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/meetings/${meetingId}`);
  }

  async function reviewReady(page: Page) {
    await page.getByRole('heading', { level: 1, name: '核对我的选择' }).waitFor();
    await page.getByRole('button', { name: '确认提交', exact: true }).waitFor();
  }

  async function receiptPage(page: Page) {
    await page.waitForURL(`${base}/meetings/${meetingId}/receipt`);
    await page.getByRole('heading', { level: 1, name: '表决回执' }).waitFor();
    await page.getByText('您的表决已提交').waitFor();
  }

  /** The receipts the API gives 张三's account for the standing ballots, in the motions' order (a session of their own). */
  async function apiReceipts(): Promise<string[]> {
    const session = await signedIn(t, ZHANG_PHONE);
    const items = await myBallots(t, session.accessToken, meetingId);
    return motionIds.map((id) => items.find((i) => i.motionId === id)!.current!.receipt);
  }

  describe(`an owner who has never used Gongjue, from the SMS to the results (${mode === 'elder' ? '长辈版' : '标准版'})`, () => {
    it('opens the SMS link, logs in, verifies, votes on every kind, keeps the receipt, changes a vote, and checks it in the results', async () => {
      const { context, page, cspViolations } = await phone(browser, { mode });
      try {
        // The SMS that voting has opened, to the phone in the registry: the estate, the meeting, the link.
        const opened = smsTo('voting_opened');
        expect(opened).toHaveLength(1);
        expect(opened[0]!.text).toContain(`阳光花园“${TITLE}”现已开始表决`);
        expect(opened[0]!.text).toContain(opened[0]!.params.link);
        const meetingLink = linkPath(opened[0]!.params.link);
        expect(meetingLink).toBe(`/meetings/${meetingId}`);

        // No session on this phone: the link asks for a code, and nothing else.
        await page.goto(`${base}${meetingLink}`);
        await page.getByRole('heading', { name: '用手机号登录' }).waitFor();
        expect(new URL(page.url()).pathname).toBe('/login');
        await check(page, 'login');
        await page.fill('#login-phone', ZHANG_PHONE);
        await page.getByRole('button', { name: '获取验证码' }).click();
        await page.getByRole('status').filter({ hasText: '验证码已发到' }).waitFor();
        await page.fill('#login-code', await lastCodeFor(t, ZHANG_PHONE));
        await check(page, 'login-code');
        await page.getByRole('button', { name: '登录' }).click();

        // Back on the link the SMS named. Not verified yet, the account is bound to no estate and the
        // service answers its meeting 404 (another estate's records are never shown): the page asks
        // them to verify, and verifying leads back here.
        await page.waitForURL(`${base}${meetingLink}`);
        await page.getByRole('heading', { name: '请先完成实名认证' }).waitFor();
        expect(await page.getByRole('button', { name: /同意/ }).count()).toBe(0);
        await check(page, 'meeting-before-verifying');

        // Verifying: name and identity number, read back, sent.
        await page.getByRole('link', { name: '去实名认证' }).click();
        await page.getByRole('heading', { name: '实名认证', exact: true }).waitFor();
        await check(page, 'verify');
        await page.fill('#verify-name', zhang.name);
        await page.fill('#verify-id-number', zhang.id);
        await page.getByRole('button', { name: '下一步：核对信息' }).click();
        await page.getByRole('heading', { name: '请核对您填写的信息' }).waitFor();
        expect(await mainText(page)).toContain(`居民身份证：${zhang.id}`);
        await check(page, 'verify-review');
        await page.getByRole('button', { name: '确认无误，提交认证' }).click();
        // Back on the meeting they came from, now theirs to vote on.
        await page.waitForURL(`${base}${meetingLink}`);
        await meetingPage(page);
        expect(await mainText(page)).not.toContain('您还没有完成实名认证');
        await check(page, 'meeting-verified');

        // Their homes, and the level: the login phone is the registry's, so they may vote online.
        await page.goto(`${base}/homes`);
        await page.getByRole('heading', { name: '阳光花园' }).waitFor();
        const homes = await mainText(page);
        expect(homes).toContain('业主：张三');
        expect(homes).toContain('1栋 2单元 301');
        expect(homes).toContain('认证方式：姓名、证件号码和登记信息');
        await check(page, 'homes-verified');

        // Home: the meeting open now, and the way to it.
        await page.getByRole('link', { name: '返回首页' }).click();
        await page.getByRole('heading', { name: '正在表决' }).waitFor();
        expect(await mainText(page)).toContain(TITLE);
        await check(page, 'home');
        await page.getByRole('link', { name: '去表决' }).click();
        await meetingPage(page);
        expect(await mainText(page)).not.toContain('您还没有完成实名认证');
        await check(page, 'meeting');

        // Every motion kind: 同意/反对/弃权, one option, three of four candidates.
        await card(page, MOTIONS[0]!.title).getByRole('button', { name: /同意/ }).click();
        await card(page, MOTIONS[1]!.title).getByRole('button', { name: /乙物业公司/ }).click();
        const election = card(page, MOTIONS[2]!.title);
        await election.getByRole('button', { name: /刘建国/ }).click();
        await election.getByRole('button', { name: /周德明/ }).click();
        await election.getByRole('button', { name: /吴桂兰/ }).click();
        await expect.poll(() => election.innerText()).toContain('已选 3 / 最多 3');
        await check(page, 'meeting-chosen');
        await card(page, MOTIONS[0]!.title).evaluate((el) => el.scrollIntoView());
        await screenShot(page, 'meeting');

        // The review lists every choice; nothing is sent before 确认提交.
        await page.getByRole('button', { name: '下一步：核对我的选择' }).click();
        await reviewReady(page);
        const review = await mainText(page);
        for (const line of ['将提交：同意', '将提交：乙物业公司', '将提交：刘建国、周德明、吴桂兰']) expect(review).toContain(line);
        for (const m of MOTIONS) expect(review).toContain(m.title);
        await check(page, 'review');
        await screenShot(page, 'review');
        await page.getByRole('button', { name: '确认提交', exact: true }).click();

        // The receipt: a code per motion, the API's.
        await receiptPage(page);
        const first = await apiReceipts();
        expect(await shownCodes(page)).toEqual(first);
        const receipt = await mainText(page);
        for (const words of ['同意', '乙物业公司', '刘建国、周德明、吴桂兰']) expect(receipt).toContain(words);
        await check(page, 'receipt');
        await screenShot(page, 'receipt');

        // The SMS confirmation, once the burst has settled (the confirm-ballots job), with the receipt's link.
        later(t.app.config.jobs.confirmSettleMs + 5_000);
        await runJobs();
        const confirmed = smsTo('ballots_recorded');
        expect(confirmed.map((m) => m.params.count)).toEqual(['3']);
        expect(confirmed[0]!.text).toContain('您的3项表决已记录，截止前可修改，以最后一次为准');
        expect(linkPath(confirmed[0]!.params.link)).toBe(`/meetings/${meetingId}/receipt`);

        // An hour later, a change of mind: the meeting, a new choice, the review again.
        later(60 * MINUTE);
        await page.getByRole('button', { name: '返回会议' }).click();
        await meetingPage(page);
        expect(await card(page, MOTIONS[0]!.title).innerText()).toContain('当前选择：同意');
        await card(page, MOTIONS[0]!.title).getByRole('button', { name: /反对/ }).click();
        await page.getByRole('button', { name: '下一步：核对我的选择' }).click();
        await reviewReady(page);
        const again = await mainText(page);
        expect(again).toContain('将提交：反对');
        expect(again).toContain('这一项您没有重新选择，保持原来的选择：乙物业公司');
        expect(again).toContain('这一项您没有重新选择，保持原来的选择：刘建国、周德明、吴桂兰');
        await check(page, 'review-change');
        await page.getByRole('button', { name: '确认提交', exact: true }).click();
        await receiptPage(page);
        const latest = await apiReceipts();
        expect(latest[0]).not.toBe(first[0]);
        expect(latest.slice(1)).toEqual(first.slice(1));
        expect(await shownCodes(page)).toEqual(latest);
        expect(await mainText(page)).toContain('已修改 1 次，以最后一次为准');
        await check(page, 'receipt-changed');

        // The meeting card says the vote was changed and the last one stands.
        await page.getByRole('button', { name: '返回会议' }).click();
        await meetingPage(page);
        const changed = await card(page, MOTIONS[0]!.title).innerText();
        expect(changed).toContain('当前选择：反对');
        expect(changed).toContain('已修改 1 次，以最后一次为准');
        expect(await card(page, MOTIONS[1]!.title).innerText()).not.toContain('已修改');
        await check(page, 'meeting-changed');

        // The change confirmed by SMS too; its link opens the receipt.
        later(t.app.config.jobs.confirmSettleMs + 5_000);
        await runJobs();
        expect(smsTo('ballots_recorded').map((m) => m.params.count)).toEqual(['3', '1']);
        await page.goto(`${base}${linkPath(smsTo('ballots_recorded')[1]!.params.link)}`);
        await receiptPage(page);
        expect(await shownCodes(page)).toEqual(latest);

        // Voting closes; the close, tally and publication run as jobs at their instants; the results SMS goes out.
        clock.set(new Date(closesAt.getTime() + MINUTE));
        await runJobs();
        await runJobs();
        const results = smsTo('results_published');
        expect(results).toHaveLength(1);
        expect(results[0]!.text).toContain(`阳光花园“${TITLE}”表决结果已公告`);

        // The results SMS's link opens the results page itself.
        expect(linkPath(results[0]!.params.link)).toBe(`/meetings/${meetingId}/results`);
        await page.goto(`${base}${linkPath(results[0]!.params.link)}`);
        await page.getByRole('heading', { name: '表决结果公告', level: 1 }).waitFor();
        await page.getByRole('heading', { name: `第 1 项：${MOTIONS[0]!.title}` }).waitFor();
        // The meeting's page says so too, and leads to the same results.
        await page.goto(`${base}/meetings/${meetingId}`);
        await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
        expect(await mainText(page)).toContain('表决结果已公示');
        await check(page, 'meeting-published');
        await page.getByRole('link', { name: '查看表决结果' }).first().click();
        await page.getByRole('heading', { name: '表决结果公告', level: 1 }).waitFor();
        await page.getByRole('heading', { name: `第 1 项：${MOTIONS[0]!.title}` }).waitFor();
        expect(new URL(page.url()).pathname).toBe(`/meetings/${meetingId}/results`);

        // Their own row on each motion, highlighted, with the receipt that stands.
        // Each motion's verdict, in a sentence.
        expect((await mainText(page)).match(/表决结果：/g)).toHaveLength(MOTIONS.length);
        const mine = page.locator('.results__row--mine');
        expect(await mine.count()).toBe(MOTIONS.length);
        const myFirst = await mine.first().innerText();
        expect(myFirst).toContain('我的表决');
        expect(myFirst).toContain('1栋 2单元 301');
        expect(myFirst).toContain(`回执码：${latest[0]}`);
        expect(myFirst).toContain('第 2 次表决');
        await check(page, 'results');

        // The latest receipt: counted.
        await page.fill('#receipt-code', latest[0]!);
        await page.getByRole('button', { name: '核对', exact: true }).click();
        const counted = page.getByRole('status').filter({ hasText: '已计入结果' });
        await counted.waitFor();
        expect(await counted.innerText()).toContain('选择：反对');
        await page.locator('.results__check').scrollIntoViewIfNeeded();
        await check(page, 'results-latest-counted');

        // The earlier receipt (the first vote on that motion): not counted, and which one was.
        await page.fill('#receipt-code', first[0]!);
        await page.getByRole('button', { name: '核对', exact: true }).click();
        const replaced = page.getByRole('status').filter({ hasText: '没有计入结果' });
        await replaced.waitFor();
        const replacedText = await replaced.innerText();
        expect(replacedText).toContain('第 1 次表决');
        expect(replacedText).toContain('选择：同意');
        expect(replacedText).toContain('计入结果的是第 2 次表决');
        expect(replacedText).toContain('选择：反对');
        await check(page, 'results-earlier-not-counted');

        expect(await cspViolations()).toEqual([]);
      } catch (error) {
        // Where the walk stopped, to look at.
        await screenshot(page, `journey-${mode}-failed`).catch(() => undefined);
        throw error;
      } finally {
        await context.close();
      }
    }, 240_000);
  });
  });
}
