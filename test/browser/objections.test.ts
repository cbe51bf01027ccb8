import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { expectOwnerFriendly, launchChromium, phone, screenshot, textOnceShowing } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import { runDueJobs, testJobDeps } from '../helpers/jobs.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, wang, zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, townshipStaff, verifiedOwner, type Session } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 17, 询异公示 (R7.2) end to end: the estate posts results for 3 days of objections. An owner
 * on a 375 × 667 phone (长辈版) finds the preliminary result, objects to how their own vote was
 * recorded (their row → 提出异议 → words → review → confirmation); the township's certification
 * is refused while the objection is unanswered; the committee answers it in the console; the
 * window ends on the test clock and the reconciler makes the result final; then the township
 * certifies, and the owner reads the answer and the final result. axe-core 0 on every page.
 */
const DAY = 86_400_000;
const START = new Date('2026-11-01T00:00:00Z');
const clock = manualClock(START);

let t: TestApp;
let browser: Browser;
let base: string;
let p: Awaited<ReturnType<typeof twoTownships>>;
let committee: Session;
let zhangS: Session;
let meetingId: string;
let publishedAt: Date;
let logins = 0;
const certify = () => t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/filing/certify`, headers: bearer(p.staffA) });
const mainText = (page: Page) => page.locator('main').innerText();

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  const settings = (await t.app.inject({ url: `/v1/estates/${p.estateA}/settings`, headers: bearer(p.staffA) })).json().settings;
  const put = await t.app.inject({ method: 'PUT', url: `/v1/estates/${p.estateA}/settings`, headers: bearer(p.staffA), payload: { ...settings, objectionDays: 3 } });
  expect(put.statusCode, put.body).toBe(200);
  await importRegistry(t, p.staffA, p.estateA, [
    { registryNo: 'R-1', building: '1栋', stair: '2单元', room: '301', area: '89.50', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', stair: '2单元', room: '302', area: '89.50', owners: [li] },
    { registryNo: 'R-3', building: '2栋', room: '101', area: '120.25', owners: [wang] },
  ]);
  committee = await appointed(t, p.staffA, p.estateA, 'committee');
  zhangS = await verifiedOwner(t, zhang);
  const liS = await verifiedOwner(t, li);
  const opened = await openMeeting(t, clock, START, committee.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '增设电动自行车充电桩' }]);
  meetingId = opened.meetingId;
  for (const s of [zhangS, liS]) {
    const [b] = await myBallots(t, s.accessToken, meetingId);
    expect((await castBallot(t, s.accessToken, meetingId, b!.motionId, b!.voterId, 'agree')).statusCode).toBe(201);
  }
  clock.set(new Date(opened.closesAt.getTime() + 60_000));
  expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/close`, headers: bearer(committee.accessToken) })).statusCode).toBe(200);
  publishedAt = clock.now();
  expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/publish`, headers: bearer(committee.accessToken) })).statusCode).toBe(200);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** 张三's phone, signed in, on the results page. */
async function zhangOnPhone() {
  clock.set(new Date(clock.now().getTime() + 2 * 60_000));
  const session = await logIn(t, zhangS.phone, `192.0.2.${++logins}`);
  const opened = await phone(browser);
  await opened.context.addCookies([{ name: 'gongjue_refresh', value: session.refreshToken, domain: '127.0.0.1', path: '/v1/auth/refresh', httpOnly: true, sameSite: 'Strict' }]);
  await opened.page.goto(`${base}/meetings/${meetingId}/results`);
  await opened.page.getByRole('heading', { name: '表决结果公告', level: 1 }).waitFor();
  return opened;
}

async function committeeConsole() {
  clock.set(new Date(clock.now().getTime() + 2 * 60_000));
  return signedInConsole(browser, base, await logIn(t, committee.phone, `192.0.2.${++logins}`));
}

describe('询异公示: an owner’s objection blocks certification until the committee answers it', () => {
  it('the owner sees the preliminary result and objects to their own row: words, review, confirmation', async () => {
    const { context, page } = await zhangOnPhone();
    try {
      await page.getByRole('heading', { name: '初步结果（询异公示）' }).waitFor();
      expect(await mainText(page)).toContain('这是初步结果，公示到');
      await expectOwnerFriendly(page, 'preliminary results');
      await screenshot(page, 'objections-1-preliminary');
      // Only the owner's own row offers an objection.
      const raise = page.getByRole('link', { name: '对这条记录提出异议' });
      expect(await raise.count()).toBe(1);
      await raise.click();
      await page.getByRole('heading', { name: '您要提出异议的记录' }).waitFor();
      expect(await mainText(page)).toContain('选择：同意');
      // Nothing written: said so, nothing sent.
      await page.getByRole('button', { name: '下一步：确认' }).click();
      await page.getByText('请先写明您的异议。').waitFor();
      await page.getByLabel('请写明哪里记录得不对，以及您当时的表决意见').fill('我投的是反对，这里记成了同意。');
      await expectOwnerFriendly(page, 'objection written');
      await screenshot(page, 'objections-2-write');
      await page.getByRole('button', { name: '下一步：确认' }).click();
      await page.getByRole('heading', { name: '请确认您的异议', level: 1 }).waitFor();
      expect(await mainText(page)).toContain('提交后不能修改');
      await expectOwnerFriendly(page, 'objection review');
      await screenshot(page, 'objections-3-review');
      await page.getByRole('button', { name: '确认提交' }).click();
      await page.getByRole('heading', { name: '异议已提交', level: 1 }).waitFor();
      await expectOwnerFriendly(page, 'objection sent');
      await screenshot(page, 'objections-4-sent');
      await page.getByRole('link', { name: '返回表决结果' }).click();
      await page.getByRole('heading', { name: '我提出的异议' }).waitFor();
      expect(await mainText(page)).toContain('业主委员会还没有答复。');
    } finally {
      await context.close();
    }
    const objections = (await t.app.inject({ url: `/v1/meetings/${meetingId}/objections`, headers: bearer(committee.accessToken) })).json();
    expect(objections.items).toMatchObject([{ owner: '张*', text: '我投的是反对，这里记成了同意。', answer: null }]);
  }, 120_000);

  it('a committee member is never told answering is for others, even before the console has listed their roles', async () => {
    const { context, page } = await committeeConsole();
    try {
      // The console lists the person's roles (GET /v1/estates/{id}) while the page reads its own data:
      // holding that list back makes certain the objections show before the roles are known.
      let released = false;
      await page.route(`**/v1/estates/${p.estateA}`, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        released = true;
        await route.continue();
      });
      await page.goto(`${base}/console/estates/${p.estateA}/results/${meetingId}`);
      let text = await textOnceShowing(page, '我投的是反对，这里记成了同意。', '提出人：张*');
      expect(released, 'the objections showed while the roles were still held back').toBe(false);
      expect(text).not.toContain('异议由业主委员会或筹备组答复。');
      // Once the roles are known: the form to answer, and still no word that answering is for others.
      await page.getByLabel('书面答复（业主和街道办事处都能看到）').waitFor();
      text = await textOnceShowing(page, '我投的是反对，这里记成了同意。');
      expect(text).not.toContain('异议由业主委员会或筹备组答复。');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the township cannot certify while the objection is unanswered; the committee answers it in the console', async () => {
    const refused = await certify();
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ type: 'urn:gongjue:problem:result-not-final', stage: 'preliminary', unanswered: 1 });

    const { context, page } = await committeeConsole();
    try {
      // The panel's heading stands before its objections arrive (CI of 171c85f read the page in
      // between); holding the answer back makes that gap certain, so the test must wait for the data.
      await page.route('**/v1/meetings/*/objections', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue();
      });
      await page.goto(`${base}/console/estates/${p.estateA}/results/${meetingId}`);
      await page.getByRole('heading', { name: '询异公示与业主异议' }).waitFor();
      let text = await textOnceShowing(page, '结果已作为初步结果公示（询异公示中）', '初步结果：询异公示期至', '我投的是反对，这里记成了同意。', '提出人：张*');
      await expectConsoleClean(page, 'objections to answer');
      await screenshot(page, 'objections-5-console');
      await page.getByRole('button', { name: '答复', exact: true }).click();
      await page.getByText('请先写好答复内容。').waitFor();
      await page.getByLabel('书面答复（业主和街道办事处都能看到）').fill('经核对您签字的纸质确认单与系统记录，您的表决意见为同意。如仍有疑问，请到业委会办公室查阅。');
      await page.getByRole('button', { name: '答复', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('答复提交后不能修改').waitFor();
      await expectConsoleClean(page, 'answer confirmation');
      await dialog.getByRole('button', { name: '提交答复' }).click();
      await page.getByText('已答复。', { exact: true }).waitFor();
      text = await mainText(page);
      expect(text).toContain('经核对您签字的纸质确认单与系统记录');
      expect(text).toContain('共 1 条异议，未答复 0 条。');
      await expectConsoleClean(page, 'objection answered');
      await screenshot(page, 'objections-6-answered');
    } finally {
      await context.close();
    }
    // Answered, but the window still runs: not yet final.
    expect((await certify()).json()).toMatchObject({ type: 'urn:gongjue:problem:result-not-final', stage: 'preliminary', unanswered: 0 });
  }, 120_000);

  it('at the window’s end the reconciler makes the result final; the township certifies; the owner reads the answer', async () => {
    clock.set(new Date(publishedAt.getTime() + 3 * DAY));
    expect(await runDueJobs(testJobDeps(t, clock))).toContain(`finalize-result-${meetingId}`);
    const certified = await certify();
    expect(certified.statusCode, certified.body).toBe(200);
    expect(certified.json()).toMatchObject({ status: 'certified', objectionWindow: { stage: 'final' } });

    const { context, page } = await zhangOnPhone();
    try {
      await page.getByRole('heading', { name: '最终结果' }).waitFor();
      const text = await mainText(page);
      expect(text).toContain('公示期已结束，业主提出的异议都已答复，这是最终结果。');
      expect(text).toContain('业主委员会的答复');
      expect(text).toContain('街道办事处已备案确认');
      expect(await page.getByRole('link', { name: '对这条记录提出异议' }).count()).toBe(0);
      await expectOwnerFriendly(page, 'final result with the answer');
      await screenshot(page, 'objections-7-final');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('the settings page states the objection period beside its rule', async () => {
    const { context, page } = await committeeConsole();
    try {
      await page.goto(`${base}/console/estates/${p.estateA}/settings`);
      await page.getByText('表决结果询异公示天数（0 为不设）').waitFor();
      const text = await mainText(page);
      expect(text).toContain('3 日');
      expect(text).toContain('国家法规未规定询异期');
      await expectConsoleClean(page, 'settings with the objection period');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the township sees the objection and its answer on its 询异 page', async () => {
    const staff = await townshipStaff(t, p.admin, p.townshipA);
    clock.set(new Date(clock.now().getTime() + 2 * 60_000));
    const { context, page } = await signedInConsole(browser, base, await logIn(t, staff.phone, `192.0.2.${++logins}`));
    try {
      await page.goto(`${base}/console/townships/${p.townshipA}/objections`);
      await page.getByRole('heading', { name: '业主异议', level: 1 }).waitFor();
      await page.getByText('我投的是反对，这里记成了同意。').waitFor();
      const text = await mainText(page);
      expect(text).toContain('阳光花园');
      expect(text).toContain('经核对您签字的纸质确认单与系统记录');
      await expectConsoleClean(page, 'township objections');
      await screenshot(page, 'objections-8-township');
    } finally {
      await context.close();
    }
  }, 60_000);
});
