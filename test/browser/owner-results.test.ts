import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { expectOwnerFriendly, launchChromium, phone, screenshot, type DisplayMode } from '../helpers/browser.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, wang, zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner, type Session } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 15, Results: after the close an owner finds the published notice on a 375 × 667 phone in
 * WeChat — each motion's verdict explained, their own row marked "我的表决", the certification
 * status — and checks a receipt: the one counted, and an earlier one that a change replaced.
 * Once certified, 核验这份结果 leads to the public check (issue 17).
 * Before publication the page says so and when voting closes. 长辈版 throughout, 标准版 once,
 * 200 % text once; screenshots in test-artifacts/browser/.
 */

const DAY = 24 * 3_600_000;
const START = new Date('2026-11-01T00:00:00Z');
const clock = manualClock(START);

let t: TestApp;
let browser: Browser;
let base: string;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: Session;
let zhangS: Session;
let meetingId: string;
let closesAt: Date;
/** 张三's receipts on the first motion: the first vote (changed later) and the one that stands. */
const receipts: { first?: string; latest?: string } = {};
let logins = 0;

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [
    { registryNo: 'R-1', building: '1栋', stair: '2单元', room: '301', area: '89.50', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', stair: '2单元', room: '302', area: '89.50', owners: [li] },
    { registryNo: 'R-3', building: '2栋', room: '101', area: '120.25', owners: [wang] },
  ]);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  zhangS = await verifiedOwner(t, zhang);
  const liS = await verifiedOwner(t, li);
  const opened = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [
    { matter: 'other_major', kind: 'yes_no', title: '加装电梯' },
    { matter: 'property_manager', kind: 'options', title: '选聘物业公司', options: [{ id: 'a', label: '甲物业' }, { id: 'b', label: '乙物业' }] },
  ]);
  meetingId = opened.meetingId;
  closesAt = opened.closesAt;
  const [zElevator, zManager] = await myBallots(t, zhangS.accessToken, meetingId);
  expect((await castBallot(t, zhangS.accessToken, meetingId, zElevator!.motionId, zElevator!.voterId, 'oppose')).statusCode).toBe(201);
  receipts.first = (await myBallots(t, zhangS.accessToken, meetingId))[0]!.current!.receipt;
  clock.set(new Date(clock.now().getTime() + DAY));
  expect((await castBallot(t, zhangS.accessToken, meetingId, zElevator!.motionId, zElevator!.voterId, 'agree')).statusCode).toBe(201);
  expect((await castBallot(t, zhangS.accessToken, meetingId, zManager!.motionId, zManager!.voterId, 'a')).statusCode).toBe(201);
  receipts.latest = (await myBallots(t, zhangS.accessToken, meetingId))[0]!.current!.receipt;
  for (const b of await myBallots(t, liS.accessToken, meetingId)) {
    expect((await castBallot(t, liS.accessToken, meetingId, b.motionId, b.voterId, b.motionId === zElevator!.motionId ? 'agree' : 'b')).statusCode).toBe(201);
  }
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A phone with 张三 signed in (the refresh cookie the app restores its session from), on the results page. */
async function resultsOnPhone(options: { textScale?: number; mode?: DisplayMode } = {}): Promise<{ context: BrowserContext; page: Page }> {
  // A code a minute per phone: each phone of this test logs in a little later.
  clock.set(new Date(clock.now().getTime() + 2 * 60_000));
  const session = await logIn(t, zhangS.phone, `192.0.2.${++logins}`);
  const { context, page } = await phone(browser, options);
  await context.addCookies([{ name: 'gongjue_refresh', value: session.refreshToken, domain: '127.0.0.1', path: '/v1/auth/refresh', httpOnly: true, sameSite: 'Strict' }]);
  await page.goto(`${base}/meetings/${meetingId}/results`);
  await page.getByRole('heading', { name: '表决结果公告', level: 1 }).waitFor();
  return { context, page };
}

const mainText = (page: Page) => page.locator('main').innerText();

describe('the results page on a phone in WeChat', () => {
  it('before publication: says plainly the results are not published, and when voting closes', async () => {
    const { context, page } = await resultsOnPhone();
    try {
      await page.getByRole('heading', { name: '表决结果还没有公告' }).waitFor();
      const text = await mainText(page);
      expect(text).toContain('表决将于');
      expect(text).toContain('截止');
      await expectOwnerFriendly(page, 'results before publication');
      await screenshot(page, 'results-1-not-published');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('after the close and publication: verdicts explained, my row marked, the filing status; receipts checked', async () => {
    clock.set(new Date(closesAt.getTime() + 60_000));
    expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/close`, headers: bearer(organiser.accessToken) })).statusCode).toBe(200);
    const published = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/publish`, headers: bearer(organiser.accessToken) });
    expect(published.statusCode, published.body).toBe(200);
    const notice = (await t.app.inject({ url: `/v1/meetings/${meetingId}/notice`, headers: bearer(organiser.accessToken) })).json<{ motions: { outcomeText: string; explanation: { zh: string[] }; ballots: unknown[] }[] }>();

    const { context, page } = await resultsOnPhone();
    try {
      await page.getByRole('heading', { name: '第 1 项：加装电梯' }).waitFor();
      let text = await mainText(page);
      // Each motion's verdict in a sentence, with the service's explanation and figures.
      for (const m of notice.motions) {
        expect(text).toContain(`表决结果：${m.outcomeText}`);
        for (const line of m.explanation.zh) expect(text).toContain(line);
      }
      expect(text).toContain('实际参与表决：专有部分面积');
      expect(text).toContain('已报街道办事处备案，等待确认。');
      // Not certified yet: the API offers no public check, so neither does the page.
      expect(await page.getByRole('link', { name: '核验这份结果' }).count()).toBe(0);
      // 张三's own rows first, marked in words (and a border and an icon), one per motion.
      const mine = page.locator('.results__row--mine');
      expect(await mine.count()).toBe(2);
      expect(await mine.first().innerText()).toContain('我的表决');
      expect(await mine.first().innerText()).toContain('1栋 2单元 301');
      expect(await mine.first().innerText()).toContain(`回执码：${receipts.latest}`);
      expect(await mine.first().innerText()).toContain('第 2 次表决');
      await expectOwnerFriendly(page, 'results published');
      await screenshot(page, 'results-2-published');

      // The whole masked list, opened on demand; the own row marked there too.
      const elevator = page.getByRole('region', { name: '第 1 项：加装电梯' });
      await elevator.getByRole('button', { name: `查看全部 ${notice.motions[0]!.ballots.length} 条` }).click();
      await elevator.getByText(`已显示 ${notice.motions[0]!.ballots.length} / ${notice.motions[0]!.ballots.length} 条`).waitFor();
      expect(await elevator.locator('.results__rows--all .results__row--mine').count()).toBe(1);
      await expectOwnerFriendly(page, 'results with the whole list');
      await screenshot(page, 'results-3-whole-list');

      // The receipt that stands: counted.
      await page.fill('#receipt-code', receipts.latest!);
      await page.getByRole('button', { name: '核对', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '已计入结果' }).waitFor();
      expect(await page.getByRole('status').filter({ hasText: '已计入结果' }).innerText()).toContain('选择：同意');
      await page.locator('.results__check').scrollIntoViewIfNeeded();
      await expectOwnerFriendly(page, 'receipt counted');
      await screenshot(page, 'results-4-receipt-counted');

      // The earlier receipt, pasted with a line break: not counted, and which vote counted instead.
      await page.fill('#receipt-code', `${receipts.first!.slice(0, 32)}\n${receipts.first!.slice(32)}`);
      await page.getByRole('button', { name: '核对', exact: true }).click();
      const replaced = page.getByRole('status').filter({ hasText: '没有计入结果' });
      await replaced.waitFor();
      text = await replaced.innerText();
      expect(text).toContain('第 1 次表决');
      expect(text).toContain('选择：反对');
      expect(text).toContain('计入结果的是第 2 次表决');
      expect(text).toContain('选择：同意');
      await expectOwnerFriendly(page, 'receipt replaced');
      await screenshot(page, 'results-5-receipt-replaced');

      // A code that is in no result: a sentence saying what to do.
      await page.fill('#receipt-code', 'f'.repeat(64));
      await page.getByRole('button', { name: '核对', exact: true }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('这个回执码在本次表决结果里找不到');
      await page.fill('#receipt-code', '12345');
      await page.getByRole('button', { name: '核对', exact: true }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('回执码应当是 64 位');
      await expectOwnerFriendly(page, 'receipt refused');
      await screenshot(page, 'results-6-receipt-refused');
    } finally {
      await context.close();
    }

    // The sub-district office certifies: the page says so.
    const certified = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/filing/certify`, headers: bearer(p.staffA) });
    expect(certified.statusCode, certified.body).toBe(200);
    const again = await resultsOnPhone();
    try {
      await again.page.getByText('街道办事处已备案确认').waitFor();
      // Certified: the public check is a button away (issue 17), described by the sentence above it.
      const check = again.page.getByRole('link', { name: '核验这份结果' });
      await check.scrollIntoViewIfNeeded();
      expect(await check.getAttribute('href')).toBe(`/check/${meetingId}`);
      expect((await check.boundingBox())!.height).toBeGreaterThanOrEqual(60);
      await expectOwnerFriendly(again.page, 'results certified');
      await screenshot(again.page, 'results-7-certified');
      await check.click();
      await again.page.waitForURL(`${base}/check/${meetingId}`);
      await again.page.getByRole('heading', { name: '签名有效：本公告与街道办事处确认的结果一致' }).waitFor();
      await expectOwnerFriendly(again.page, 'results certified: the public check');
      await screenshot(again.page, 'results-8-check');
    } finally {
      await again.context.close();
    }
  }, 120_000);

  it('标准版: the same page at its own sizes', async () => {
    const { context, page } = await resultsOnPhone({ mode: 'standard' });
    try {
      await page.getByText('街道办事处已备案确认').waitFor();
      await expectOwnerFriendly(page, 'results 标准版', { mode: 'standard' });
      await screenshot(page, 'results-8-standard');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('at 200 % text: nothing lost, nothing scrolls sideways', async () => {
    const { context, page } = await resultsOnPhone({ textScale: 2 });
    try {
      await page.getByText('街道办事处已备案确认').waitFor();
      await page.getByRole('button', { name: /查看全部/ }).first().click();
      await expectOwnerFriendly(page, 'results at 200 %', { textScale: 2 });
      await screenshot(page, 'results-9-text-200');
    } finally {
      await context.close();
    }
  }, 60_000);
});
