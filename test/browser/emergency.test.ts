import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { expectOwnerFriendly, launchChromium, phone, screenshot } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import { zhang } from '../factories/cast.ts';
import { appointed, townshipStaff, verifiedOwner, type Session } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 17, 应急维修资金 (R4.9, R7.1, 民法典 第二百八十一条) end to end: the committee files an
 * emergency lift repair with its quote in the console; the township's staff acknowledge it there;
 * the owner finds it on the phone (长辈版, 375 × 667) flagged as spent without a vote, with the
 * exact amount and the township's confirmation. axe-core 0 on every page.
 */
const clock = manualClock(new Date('2026-11-01T00:00:00Z'));
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

let t: TestApp;
let browser: Browser;
let base: string;
let p: Awaited<ReturnType<typeof twoTownships>>;
let committee: Session;
let staff: Session;
let zhangS: Session;
let logins = 0;
const mainText = (page: Page) => page.locator('main').innerText();

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '3栋', room: '101', area: '89.50', owners: [zhang] }]);
  committee = await appointed(t, p.staffA, p.estateA, 'committee');
  staff = await townshipStaff(t, p.admin, p.townshipA);
  zhangS = await verifiedOwner(t, zhang);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function consoleOf(person: Session) {
  clock.set(new Date(clock.now().getTime() + 2 * 60_000));
  const opened = await signedInConsole(browser, base, await logIn(t, person.phone, `192.0.2.${++logins}`));
  await opened.page.goto(`${base}/console/estates/${p.estateA}/emergency`);
  await opened.page.getByRole('heading', { name: '应急维修资金', level: 1 }).waitFor();
  return opened;
}

describe('应急维修资金: filed by the committee, acknowledged by the township, seen by owners as spent without a vote', () => {
  it('the committee files a lift repair with its quote (a wrong amount is said first)', async () => {
    const { context, page } = await consoleOf(committee);
    try {
      await page.getByRole('heading', { name: '申请应急使用维修资金' }).waitFor();
      await page.getByText('还没有应急使用维修资金的记录').waitFor();
      await expectConsoleClean(page, 'emergency page, empty');
      await page.getByLabel('紧急情况').selectOption({ label: '电梯故障' });
      await page.getByLabel('维修项目').fill('3栋电梯曳引机更换');
      await page.getByLabel('紧急原因').fill('3栋电梯曳引机损坏停运，楼内有行动不便的老人，需立即更换。');
      await page.getByLabel('金额（元）').fill('12345.678');
      await page.locator('#emergency-quotes').setInputFiles({ name: '电梯维修报价.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.getByText('金额请填写大于 0 的数字，最多两位小数').waitFor();
      await page.getByLabel('金额（元）').fill('12345.67');
      await page.getByRole('button', { name: '提交申请' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('未经业主表决').waitFor();
      await expectConsoleClean(page, 'filing confirmation');
      await dialog.getByRole('button', { name: '提交', exact: true }).click();
      await page.getByText('已提交，等待街道办事处确认。').waitFor();
      await page.getByRole('heading', { name: /3栋电梯曳引机更换/ }).waitFor();
      const text = await mainText(page);
      expect(text).toContain('应急使用 · 未经业主表决 · 电梯故障 · 12,345.67 元');
      expect(text).toContain('待街道确认');
      expect(text).toContain('电梯维修报价.pdf');
      await expectConsoleClean(page, 'emergency use filed');
      await screenshot(page, 'emergency-1-filed');
    } finally {
      await context.close();
    }
    const [use] = await t.testDatabase.database.db.selectFrom('emergency_uses').selectAll().execute();
    expect(use).toMatchObject({ kind: 'lift', amount_fen: '1234567', status: 'awaiting_review' });
  }, 120_000);

  it('the township’s staff find it on their 紧急维修 page and acknowledge it in the estate', async () => {
    const { context, page } = await consoleOf(staff);
    try {
      await page.goto(`${base}/console/townships/${p.townshipA}/emergency`);
      await page.getByRole('heading', { name: '紧急维修', level: 1 }).waitFor();
      await page.getByRole('heading', { name: /阳光花园 · 3栋电梯曳引机更换/ }).waitFor();
      await expectConsoleClean(page, 'township emergency uses');
      await screenshot(page, 'emergency-township');
      await page.getByRole('link', { name: '到阳光花园办理' }).click();
      await page.getByRole('heading', { name: '应急维修资金', level: 1 }).waitFor();
      await page.getByRole('heading', { name: /3栋电梯曳引机更换/ }).waitFor();
      // Township staff review; they do not file. Both forms follow the person's roles, which the console
      // lists beside the page's own reads: the filing form's absence means something once the review form shows.
      const note = page.getByLabel('说明（确认时可不填；提出疑问时必填）');
      await note.waitFor();
      expect(await page.getByRole('heading', { name: '申请应急使用维修资金' }).count()).toBe(0);
      await expectConsoleClean(page, 'emergency use to review');
      await note.fill('情况属实，同意应急使用。');
      await page.getByRole('button', { name: '确认', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('确认后记入备案').waitFor();
      await dialog.getByRole('button', { name: '确认', exact: true }).click();
      await page.getByText('已办理。').waitFor();
      const text = await mainText(page);
      expect(text).toContain('街道已确认');
      expect(text).toContain('街道办事处确认：情况属实，同意应急使用。');
      await expectConsoleClean(page, 'emergency use acknowledged');
      await screenshot(page, 'emergency-2-acknowledged');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('the owner sees it from home, flagged as spent without a vote, with the township’s confirmation', async () => {
    clock.set(new Date(clock.now().getTime() + 2 * 60_000));
    const session = await logIn(t, zhangS.phone, `192.0.2.${++logins}`);
    const { context, page } = await phone(browser);
    try {
      await context.addCookies([{ name: 'gongjue_refresh', value: session.refreshToken, domain: '127.0.0.1', path: '/v1/auth/refresh', httpOnly: true, sameSite: 'Strict' }]);
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: '维修资金公示' }).click();
      await page.getByRole('heading', { name: '维修资金应急使用公示', level: 1 }).waitFor();
      await page.getByRole('heading', { name: '3栋电梯曳引机更换' }).waitFor();
      const text = await mainText(page);
      expect(text).toContain('应急使用 · 未经业主表决');
      expect(text).toContain('紧急情况：电梯故障');
      expect(text).toContain('金额：12,345.67 元');
      expect(text).toContain('街道办事处已确认。');
      expect(text).toContain('民法典》第二百八十一条');
      await expectOwnerFriendly(page, 'fund notices');
      await screenshot(page, 'emergency-3-owner');
    } finally {
      await context.close();
    }
  }, 120_000);
});
