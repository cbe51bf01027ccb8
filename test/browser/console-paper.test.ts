import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import { wang, zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';
import { castBallot } from '../helpers/voting.ts';

/**
 * 纸质票与委托 (issue 16): one organiser finds a voter and enters their paper ballot with a
 * photo; a second types it again blind, a deliberate misreading is caught and shown, then
 * entered right and confirmed; a written proxy is registered with its scan and approved; the
 * standing ballot and the channels beside it are shown.
 */
const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
let t: TestApp;
let browser: Browser;
let base: string;
let estateId: string;
let meetingId: string;
let first: Awaited<ReturnType<typeof appointed>>;
let second: Awaited<ReturnType<typeof appointed>>;
const photo = join(tmpdir(), `paper-ballot-${process.pid}.png`);

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const p = await twoTownships(t);
  estateId = p.estateA;
  await importRegistry(t, p.staffA, estateId, [
    { registryNo: 'R-101', building: '1栋', room: '101', area: '100.00', owners: [zhang] },
    { registryNo: 'R-102', building: '1栋', room: '102', area: '90.00', owners: [wang] },
  ]);
  first = await appointed(t, p.staffA, estateId, 'organiser');
  second = await appointed(t, p.staffA, estateId, 'committee');
  const opened = await openMeeting(t, clock, START, first.accessToken, estateId, [{ matter: 'other_major', kind: 'yes_no', title: '加装充电桩' }]);
  meetingId = opened.meetingId;
  // 张三 voted online first: the paper ballot will replace it, and the page says so.
  const owner = await verifiedOwner(t, zhang);
  const voters = await t.testDatabase.database.db.selectFrom('electorate_voters').select(['id', 'owners']).where('motion_id', '=', opened.motionIds[0]!).execute();
  const zhangId = (await t.testDatabase.database.db.selectFrom('owners').select('id').where('name', '=', zhang.name).where('estate_id', '=', estateId).executeTakeFirstOrThrow()).id;
  expect((await castBallot(t, owner.accessToken, meetingId, opened.motionIds[0]!, voters.find((v) => v.owners.includes(zhangId))!.id, 'oppose')).statusCode).toBe(201);
  writeFileSync(photo, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a photo of the paper')]));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const confirmDialog = async (page: Page) => {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: '确定' }).click();
  await dialog.waitFor({ state: 'hidden' });
};
const findVoter = async (page: Page, room: string) => {
  await page.getByLabel('房号').fill(room);
  await page.getByRole('button', { name: '查找' }).click();
  await page.getByRole('button', { name: `选择 1栋${room}` }).click();
};

describe('纸质票与委托', () => {
  it('paper ballot by double entry, a written proxy, and the standing ballot', async () => {
    const one = await signedInConsole(browser, base, first);
    try {
      const page = one.page;
      await page.goto(`${base}/console/estates/${estateId}/paper/${meetingId}`);
      await page.getByRole('heading', { name: '查找业主' }).waitFor();
      await expectConsoleClean(page, 'paper: start');
      await screenshot(page, 'console-paper-1-start');

      await findVoter(page, '101');
      await page.getByRole('heading', { name: '录入纸质表决票：1栋101' }).waitFor();
      // The standing ballot comes from the API: 张三's online one.
      await expect.poll(() => page.locator('.paper-conflicts').innerText()).toContain('网上投票（第 1 版');
      await page.getByRole('group', { name: '加装充电桩' }).getByLabel('同意').check();
      await page.getByLabel('表决票照片或扫描件').setInputFiles(photo);
      await page.getByRole('button', { name: '录入', exact: true }).click();
      await confirmDialog(page);
      await page.getByText('已录入，等待另一名工作人员复核。').waitFor();
      await page.getByText('这是你录入的，需由另一名工作人员复核。').waitFor();
      // Beside the standing online ballot, a paper one waits: two channels.
      await expect.poll(() => page.locator('.paper-conflicts').innerText()).toContain('有多个渠道：有纸质表决票待复核');
      await expectConsoleClean(page, 'paper: entered');
      await screenshot(page, 'console-paper-2-entered');
    } finally {
      await one.context.close();
    }

    const two = await signedInConsole(browser, base, second);
    try {
      const page = two.page;
      await page.goto(`${base}/console/estates/${estateId}/paper/${meetingId}`);
      const entry = page.locator('.paper-entry');
      await entry.waitFor();
      // Blind: nothing of the first entry's choice on the second organiser's page — no choice made, no comparison shown.
      expect(await entry.locator('input[type=radio]:checked').count()).toBe(0);
      expect(await entry.locator('.paper-differences').count()).toBe(0);
      await entry.getByLabel('反对').check();
      await entry.getByRole('button', { name: '核对并确认' }).click();
      await confirmDialog(page);
      await page.getByText('两次录入不一致，未计入').waitFor();
      const differences = page.locator('.paper-differences');
      await expect.poll(() => differences.innerText()).toMatch(/选择\s+同意\s+反对/);
      await expectConsoleClean(page, 'paper: entries differ');
      await screenshot(page, 'console-paper-3-differ');
      // After a reload the kept check still shows the difference, and nothing counted.
      await page.reload();
      await page.locator('.paper-differences').waitFor();
      await expect.poll(() => page.locator('.paper-differences').innerText()).toMatch(/选择\s+同意\s+反对/);

      // Looking at the photo again: it says 同意. Entered again, alike: confirmed.
      await page.locator('.paper-entry').getByLabel('同意').check();
      await page.locator('.paper-entry').getByRole('button', { name: '核对并确认' }).click();
      await confirmDialog(page);
      await page.getByText('两次录入一致，已计入。').waitFor();
      await page.getByText('没有待复核的纸质表决票。').waitFor();

      // The standing ballot is now the paper one, version 2, replacing the online one.
      await findVoter(page, '101');
      await expect.poll(() => page.locator('.paper-conflicts').innerText()).toContain('纸质表决票（第 2 版');
      expect(await page.locator('.paper-conflicts').innerText()).toContain('已替代之前的 1 张');
      await expectConsoleClean(page, 'paper: confirmed');
      await screenshot(page, 'console-paper-4-confirmed');

      // A written proxy for 王五, bound to 同意, with its scan; then approved.
      await findVoter(page, '102');
      await page.getByLabel('受托人手机号').fill('13700005555');
      await page.getByLabel('按委托书写明的意见表决').check();
      await page.getByLabel('加装充电桩 · 委托书写明的意见').selectOption({ label: '同意' });
      await page.getByLabel('委托书照片或扫描件').setInputFiles(photo);
      await page.getByRole('button', { name: '登记委托书' }).click();
      await confirmDialog(page);
      await page.getByText('已登记，待审核。').waitFor();
      const proxy = page.locator('.paper-proxies li');
      await expect.poll(() => proxy.innerText()).toContain('待审核');
      expect(await proxy.innerText()).toContain('加装充电桩：同意');
      await proxy.getByRole('button', { name: '审核通过' }).click();
      await confirmDialog(page);
      await page.getByText('已审核通过。').waitFor();
      await expect.poll(() => proxy.innerText()).toContain('已通过');
      // 王五 has not voted; the proxy is the only channel: no conflict, and not voted is said.
      await expect.poll(() => page.locator('.paper-conflicts').innerText()).toContain('未表决');
      expect(await page.locator('.paper-conflicts').innerText()).toContain('有委托书（已通过）');
      await expectConsoleClean(page, 'paper: proxy approved');
      await screenshot(page, 'console-paper-5-proxy');
    } finally {
      await two.context.close();
    }
  }, 180_000);
});
