import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { runJob } from '../../src/jobs/handlers.ts';
import { meetingJob } from '../../src/jobs/work.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { ARTIFACTS, launchChromium, screenshot } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import * as inPage from '../helpers/in-page.js';
import { testJobDeps } from '../helpers/jobs.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, ownerNumber, wang, zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner, type Session } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';
import { decodeQr } from '../helpers/qr.ts';

/**
 * Issue 16, 结果与备案 and 业主联名提议 in the console: a meeting closed at its instant by the
 * close-voting job; the organiser sees each motion's verdict, figures and the engine's explanation
 * lines, publishes (after a confirmation that says what publishing does), prints the notice (A4,
 * Chinese, estate, meeting, date and page numbers on each page: Chromium's PDF read back),
 * exports the bundle, and follows the filing: returned by the township with a reason, answered
 * and resubmitted, then certified. The petitions page shows each petition against 20 %.
 */
const START = new Date('2026-11-01T00:00:00Z');
const clock = manualClock(START);

let t: TestApp;
let browser: Browser;
let base: string;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: Session;
let meetingId: string;

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  // TA = 300.00 m², TH = 6: 20 % is 60.00 m² and 2 heads; the quorum of 2/3 is 200.00 m² and 4 heads.
  await importRegistry(t, p.staffA, p.estateA, [
    { registryNo: 'R-1', building: '1栋', room: '101', area: '50.00', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', room: '102', area: '50.00', owners: [li] },
    { registryNo: 'R-3', building: '2栋', room: '201', area: '50.00', owners: [wang] },
    ...[1, 2, 3].map((n) => ({ registryNo: `R-${3 + n}`, building: '2栋', room: `20${1 + n}`, area: '50.00', owners: [ownerNumber(n)] })),
  ]);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  const owners = [await verifiedOwner(t, zhang), await verifiedOwner(t, li), await verifiedOwner(t, wang)];
  const petition = async (s: Session, purpose: string, title: string) =>
    (await t.app.inject({ method: 'POST', url: `/v1/estates/${p.estateA}/petitions`, headers: bearer(s.accessToken), payload: { purpose, title } })).json<{ id: string }>();
  await petition(owners[0]!, 'parking_expansion', '在东侧绿地增设车位');
  clock.set(new Date(START.getTime() + 60_000));
  const met = await petition(owners[0]!, 'temporary_meeting', '提议召开临时业主大会，改选业主委员会');
  expect((await t.app.inject({ method: 'POST', url: `/v1/petitions/${met.id}/signatures`, headers: bearer(owners[1]!.accessToken) })).statusCode).toBe(200);

  const opened = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [
    { matter: 'other_major', kind: 'yes_no', title: '增设电动自行车充电桩' },
    { matter: 'property_manager', kind: 'options', title: '选聘物业公司', options: [{ id: 'a', label: '甲物业' }, { id: 'b', label: '乙物业' }] },
  ]);
  meetingId = opened.meetingId;
  for (const [i, s] of owners.entries()) {
    for (const b of await myBallots(t, s.accessToken, meetingId)) {
      const choice = b.motionId === opened.motionIds[0] ? (i < 2 ? 'agree' : 'oppose') : 'a';
      expect((await castBallot(t, s.accessToken, meetingId, b.motionId, b.voterId, choice)).statusCode).toBe(201);
    }
  }
  // The close at its instant, as the job system runs it: voting closes and each motion is tallied.
  clock.set(new Date(opened.closesAt.getTime() + 1_000));
  const next = await runJob(testJobDeps(t, clock), meetingJob('close-voting', meetingId, opened.closesAt));
  // What follows is publication (left to the organiser here, who publishes from the console).
  expect(next.map((j) => j.name)).toContain('publish-results');
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const mainText = (page: Page) => page.locator('main').innerText();

let logins = 0;
/** The organiser's console, signed in now: the test clock has moved a month past the first session (a code a minute per phone, so a little later each time). */
async function organiserConsole() {
  clock.set(new Date(clock.now().getTime() + 2 * 60_000));
  return signedInConsole(browser, base, await logIn(t, organiser.phone, `192.0.2.${++logins}`));
}

/** CJK radicals the system's serif font maps some characters' glyphs back to, in what pdf.js reads. */
const RADICALS: Record<string, string> = { '⻚': '页', '⻋': '车', '⻅': '见', '⺠': '民' };

/** The text of each page of a PDF, as pdf.js reads it (CJK radicals some fonts map to, folded to the characters). */
async function pdfPages(pdf: Buffer): Promise<{ width: number; height: number; text: string }[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const items = (await page.getTextContent()).items as { str: string }[];
    const [, , width, height] = page.view as [number, number, number, number];
    pages.push({ width, height, text: items.map((i) => i.str).join('').normalize('NFKC').replace(/[⻚⻋⻅⺠]/g, (c) => RADICALS[c]!) });
  }
  return pages;
}

describe('结果与备案 in the console', () => {
  it('shows each motion’s verdict, figures and explanation; publishes after a confirmation; prints the notice; exports the bundle', async () => {
    const { context, page } = await organiserConsole();
    try {
      await page.goto(`${base}/console/estates/${p.estateA}/results`);
      await page.getByRole('heading', { name: '选择会议' }).waitFor();
      await page.locator('.meeting-picker').getByRole('link').first().click();
      await page.waitForURL(`${base}/console/estates/${p.estateA}/results/${meetingId}`);
      await page.getByRole('heading', { name: '第 1 项：增设电动自行车充电桩' }).waitFor();
      const results = (await t.app.inject({ url: `/v1/meetings/${meetingId}/results`, headers: bearer(organiser.accessToken) })).json<{
        items: { report: { explanation: { zh: string[] }; verdict: { outcome: string } } }[];
      }>();
      let text = await mainText(page);
      expect(text).toContain('已计票，结果尚未公告。');
      // Filed with the township at the tally, before publication: the page says so and shows its state.
      expect(text).toContain('已报街道办事处（乡镇人民政府）备案，等待审核');
      expect(text).toContain('计票完成时，结果已自动报所在街道办事处（乡镇人民政府）备案，无需另行提交。');
      // The engine's own lines, word for word; 3 of 6 heads took part: short of 2/3 by one head and 50.00 m².
      for (const item of results.items) for (const line of item.report.explanation.zh) expect(text).toContain(line);
      expect(results.items.map((i) => i.report.verdict.outcome)).toEqual(['no_quorum', 'no_quorum']);
      expect(text).toContain('参与表决的面积或人数未达到法定比例，未形成决定');
      expect(text).toContain('专有部分面积 150.00 ㎡（总 300.00 ㎡，至少 200.00 ㎡）');
      expect(text).toContain('还差 50.00 ㎡');
      expect(text).toContain('人数 3 人（总 6 人，至少 4 人）');
      expect(text).toContain('还差 1 人');
      // No print or export before publication: nothing is public yet.
      expect(await page.getByRole('button', { name: '打印结果公告' }).count()).toBe(0);
      await expectConsoleClean(page, 'results before publication');
      await screenshot(page, 'console-results-1-tallied');

      // Publishing asks first, saying what it does; cancelling changes nothing.
      await page.getByRole('button', { name: '公告结果' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('全体业主都能看到').waitFor();
      expect(await dialog.innerText()).toContain('公告不能撤回');
      await expectConsoleClean(page, 'publish confirmation');
      await screenshot(page, 'console-results-2-confirm-publish');
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect((await t.testDatabase.database.db.selectFrom('meetings').select('status').where('id', '=', meetingId).executeTakeFirstOrThrow()).status).toBe('tallied');
      await page.getByRole('button', { name: '公告结果' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '确定公告' }).click();
      await page.getByText('结果已公告，全体业主可以查看。').waitFor();
      expect((await t.testDatabase.database.db.selectFrom('meetings').select('status').where('id', '=', meetingId).executeTakeFirstOrThrow()).status).toBe('published');
      await page.getByRole('heading', { name: '街道备案' }).waitFor();
      text = await mainText(page);
      expect(text).toContain('已报街道办事处（乡镇人民政府）备案，等待审核');
      await expectConsoleClean(page, 'results published');
      await screenshot(page, 'console-results-3-published');

      // Printing: the service's notice in a page of the console's own, printed to PDF by Chromium. The print
      // dialog itself cannot be driven here: each page records that the console asked for it instead.
      await context.addInitScript({ content: "window.print = () => document.documentElement.setAttribute('data-print-asked', 'yes');" });
      const [notice] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: '打印结果公告' }).click()]);
      await notice.waitForLoadState('load');
      await notice.getByRole('heading', { level: 1 }).waitFor();
      await expect.poll(() => notice.locator('html').getAttribute('data-print-asked')).toBe('yes');
      expect(await notice.evaluate(inPage.cspViolations), 'the notice’s style is allowed').toEqual([]);
      expect(await notice.locator('th').first().evaluate((th) => th.ownerDocument.defaultView!.getComputedStyle(th).backgroundColor)).toBe('rgb(238, 238, 238)');
      // Issue 17: the QR code to the public check page, readable as printed from the console's page.
      expect(await decodeQr(notice.locator('svg.qr'))).toBe(`${t.app.config.publicBaseUrl}/check/${meetingId}`);
      const pdf = await notice.pdf({ preferCSSPageSize: true });
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(path.join(ARTIFACTS, 'console-results-notice.pdf'), pdf);
      const pages = await pdfPages(pdf);
      expect(pages.length).toBeGreaterThanOrEqual(1);
      for (const [i, sheet] of pages.entries()) {
        // A4 in points (210 × 297 mm).
        expect(Math.round(sheet.width)).toBe(595);
        expect(Math.round(sheet.height)).toBe(842);
        expect(sheet.text, `page ${i + 1}`).toContain('阳光花园业主大会');
        expect(sheet.text).toContain('公告时间');
        expect(sheet.text.replace(/\s/g, '')).toContain(`第${i + 1}页,共${pages.length}页`);
      }
      expect(pages[0]!.text).toContain('增设电动自行车充电桩');
      expect(pages[0]!.text).toContain('表决结果公告');
      expect(pages[0]!.text.replace(/\s/g, '')).toContain(`核对网址:${t.app.config.publicBaseUrl}/check/${meetingId}`);
      await notice.close();

      // The bundle: a download of the service's export, as it answered it.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出数据包' }).click()]);
      expect(download.suggestedFilename()).toBe(`gongjue-bundle-${meetingId}.json`);
      const bundle = JSON.parse(readFileSync(await download.path(), 'utf8'));
      expect(bundle).toMatchObject({ format: 'gongjue.result-bundle', meeting: { id: meetingId } });
      expect(bundle.motions).toHaveLength(2);
      await page.getByText('数据包已下载').waitFor();
    } finally {
      await context.close();
    }
  }, 180_000);

  it('follows the filing: returned with a reason by the township, answered and resubmitted, then certified', async () => {
    const returned = await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${meetingId}/filing/return`,
      headers: bearer(p.staffA),
      payload: { reasons: '未附会议通知张贴照片，请补充后重新提交。' },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const { context, page } = await organiserConsole();
    try {
      await page.goto(`${base}/console/estates/${p.estateA}/results/${meetingId}`);
      await page.getByRole('heading', { name: '街道备案' }).waitFor();
      let text = await mainText(page);
      expect(text).toContain('街道已退回，需补正后重新提交');
      expect(text).toContain('退回理由：未附会议通知张贴照片，请补充后重新提交。');
      await expectConsoleClean(page, 'filing returned');
      await screenshot(page, 'console-results-4-returned');

      // An empty response is not sent.
      await page.getByRole('button', { name: '重新提交备案' }).click();
      await page.getByText('请先写补正说明。').waitFor();
      await page.getByLabel('补正说明').fill('已在小区公告栏张贴会议通知并拍照，照片已交街道。');
      await page.getByRole('button', { name: '重新提交备案' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('表决票和计票结果不会改变').waitFor();
      await dialog.getByRole('button', { name: '确定提交' }).click();
      await page.getByText('已重新提交，等待街道审核。').waitFor();
      text = await mainText(page);
      expect(text).toContain('已报街道办事处（乡镇人民政府）备案，等待审核');
      expect(text).toContain('补正后重新提交：已在小区公告栏张贴会议通知并拍照，照片已交街道。');
      const filing = (await t.app.inject({ url: `/v1/meetings/${meetingId}/filing`, headers: bearer(p.staffA) })).json<{ status: string; events: { kind: string }[] }>();
      expect(filing.status).toBe('awaiting_review');
      expect(filing.events.map((e) => e.kind)).toEqual(['returned', 'resubmitted']);
      await expectConsoleClean(page, 'filing resubmitted');
      await screenshot(page, 'console-results-5-resubmitted');

      expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/filing/certify`, headers: bearer(p.staffA) })).statusCode).toBe(200);
      await page.reload();
      await page.locator('.results__filing-state').getByText('街道已备案确认').waitFor();
      expect(await mainText(page)).toContain('街道确认备案');
      await expectConsoleClean(page, 'filing certified');
      await screenshot(page, 'console-results-6-certified');
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe('业主联名提议 in the console', () => {
  it('lists the estate’s petitions with signed area and heads against 20 %, as the service counts them', async () => {
    const { context, page } = await organiserConsole();
    try {
      await page.goto(`${base}/console/estates/${p.estateA}/meetings`);
      await page.getByRole('navigation', { name: '功能菜单' }).getByRole('link', { name: '业主联名提议' }).click();
      await page.getByRole('heading', { name: '业主联名提议', level: 1 }).waitFor();
      const rows = page.getByRole('table').last().getByRole('row');
      await rows.filter({ hasText: '增设车位' }).waitFor();
      const listed = (await t.app.inject({ url: `/v1/estates/${p.estateA}/petitions`, headers: bearer(organiser.accessToken) })).json<{ items: { title: string; progress: { met: boolean } }[] }>();
      expect(listed.items.map((i) => [i.title, i.progress.met])).toEqual([
        ['提议召开临时业主大会，改选业主委员会', true],
        ['在东侧绿地增设车位', false],
      ]);
      const met = await rows.filter({ hasText: '改选业主委员会' }).innerText();
      expect(met).toContain('100.00 ㎡ / 需 60.00 ㎡（总 300.00 ㎡）');
      expect(met).toContain('2 人 / 需 2 人（总 6 人）');
      expect(met).toContain('已达到 20%');
      const short = await rows.filter({ hasText: '东侧绿地' }).innerText();
      expect(short).toContain('50.00 ㎡ / 需 60.00 ㎡（总 300.00 ㎡）');
      expect(short).toContain('1 人 / 需 2 人（总 6 人）');
      expect(short).toContain('未达到');
      await expectConsoleClean(page, 'petitions');
      await screenshot(page, 'console-petitions-1-list');
    } finally {
      await context.close();
    }
  }, 60_000);
});
