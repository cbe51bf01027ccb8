import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { bindAccountToOwners } from '../factories/anomalies.ts';
import { li, ownerNumber, wang, zhang } from '../factories/cast.ts';
import { closeAndPublish, openMeeting } from '../factories/meetings.ts';
import { appointed, signedIn, townshipStaff, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 17, the township's side of the console: staff of a township reach
 * /console/townships/<id>/… with its own left navigation (辖区小区, 备案审核, 异常提示, 紧急维修, 询异), see
 * their township's estates and nothing of another township's; an administrator chooses among
 * townships. A tallied meeting with an injected anomaly (one phone bound to three owners who are not
 * co-owners) shows the flag with its masked owners; the staff return it, the organisers resubmit,
 * the staff certify and record a ruling.
 */
const START = new Date('2026-11-01T00:00:00Z');
const clock = manualClock(START);
let t: TestApp;
let meetingId: string;
let organiserToken: string;
let browser: Browser;
let base: string;
let places: Awaited<ReturnType<typeof twoTownships>>;
beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  places = await twoTownships(t);
  await places.estate(places.townshipA, '金桂苑');
  await places.estate(places.townshipB, '碧水湾');
  await importRegistry(t, places.staffA, places.estateA, [
    { registryNo: 'R-1', building: '1栋', room: '101', area: '50.00', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', room: '102', area: '50.00', owners: [li] },
    { registryNo: 'R-3', building: '2栋', room: '201', area: '50.00', owners: [wang] },
    ...[1, 2, 3].map((n) => ({ registryNo: `R-${3 + n}`, building: '2栋', room: `20${1 + n}`, area: '50.00', owners: [ownerNumber(n)] })),
  ]);
  const organiser = await appointed(t, places.staffA, places.estateA, 'organiser');
  organiserToken = organiser.accessToken;
  const zhangS = await verifiedOwner(t, zhang);
  // The injected anomaly: 张三's phone also speaks for 业主1 and 业主2, who share no flat with him or each other.
  await bindAccountToOwners(t, zhangS.accountId, places.estateA, ['业主1', '业主2']);
  const owners = [zhangS, await verifiedOwner(t, li), await verifiedOwner(t, wang)];
  // Bound before the notice (the rows take the database's clock, which is ahead of this test's).
  await t.testDatabase.database.db.updateTable('owner_bindings').set({ created_at: new Date(START.getTime() - 86_400_000) } as never).execute();
  const opened = await openMeeting(t, clock, START, organiserToken, places.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '增设电动自行车充电桩' }]);
  meetingId = opened.meetingId;
  for (const s of owners) {
    for (const b of await myBallots(t, s.accessToken, meetingId)) {
      expect((await castBallot(t, s.accessToken, meetingId, b.motionId, b.voterId, 'agree')).statusCode).toBe(201);
    }
  }
  await closeAndPublish(t, clock, organiserToken, meetingId, opened.closesAt);
  // A second meeting, voting now: 张三's three votes are in (150.00 of 300.00 m², 3 of 6 households).
  const second = await openMeeting(t, clock, new Date(opened.closesAt.getTime() + 86_400_000), organiserToken, places.estateA, [
    { matter: 'property_manager', kind: 'yes_no', title: '续聘物业服务企业' },
  ]);
  for (const b of await myBallots(t, zhangS.accessToken, second.meetingId)) {
    expect((await castBallot(t, zhangS.accessToken, second.meetingId, b.motionId, b.voterId, 'agree')).statusCode).toBe(201);
  }
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the township frame', () => {
  it('takes staff of one township to their estates only; another township is not found', async () => {
    const staff = await townshipStaff(t, places.admin, places.townshipA);
    const { context, page } = await signedInConsole(browser, base, staff);
    try {
      await page.goto(`${base}/console/`);
      await page.waitForURL(`${base}/console/townships/${places.townshipA}/estates`);
      await page.getByRole('heading', { name: '辖区小区', level: 1 }).waitFor();
      await expect.poll(() => page.locator('.estate-name').textContent()).toBe('桂林街道');
      const nav = page.getByRole('navigation', { name: '功能菜单' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['辖区小区', '备案审核', '异常提示', '紧急维修', '询异']);
      const estates = page.getByRole('table').locator('tbody td:first-child a');
      await expect.poll(() => estates.allTextContents()).toEqual(['金桂苑', '阳光花园'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
      expect(await page.getByText('翠湖苑').count()).toBe(0);
      expect(await page.getByText('碧水湾').count()).toBe(0);
      await expectConsoleClean(page, 'township estates');
      await screenshot(page, 'console-township-1-estates');
      await nav.getByRole('link', { name: '备案审核' }).click();
      await page.getByRole('heading', { name: '备案审核', level: 1 }).waitFor();
      await expectConsoleClean(page, 'filing queue');
      // Another township: not found, as the service answers (404).
      await page.goto(`${base}/console/townships/${places.townshipB}/estates`);
      await page.getByRole('heading', { name: '没有找到这个页面' }).waitFor();
      expect(await page.getByText('翠湖苑').count()).toBe(0);
      expect(await page.getByText('菁城街道').count()).toBe(0);
      await expectConsoleClean(page, 'other township');
    } finally {
      await context.close();
    }
  });

  it('lets someone supervising several townships choose among them', async () => {
    const phone = '15700990001';
    await townshipStaff(t, places.admin, places.townshipA, phone);
    await townshipStaff(t, places.admin, places.townshipB, phone);
    const staff = await signedIn(t, phone);
    const { context, page } = await signedInConsole(browser, base, staff);
    try {
      await page.goto(`${base}/console/`);
      await page.getByRole('heading', { name: '街道（乡镇）' }).waitFor();
      await page.getByRole('link', { name: '菁城街道' }).click();
      await page.waitForURL(`${base}/console/townships/${places.townshipB}/estates`);
      await expect.poll(() => page.getByRole('table').locator('tbody td:first-child a').allTextContents()).toEqual(['翠湖苑', '碧水湾'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
      await page.getByRole('navigation', { name: '功能菜单' }).getByRole('link', { name: '备案审核' }).click();
      await page.waitForURL(`${base}/console/townships/${places.townshipB}/filings`);
      await page.getByLabel('当前街道').selectOption({ label: '桂林街道' });
      await page.waitForURL(`${base}/console/townships/${places.townshipA}/filings`);
      await expectConsoleClean(page, 'township chooser');
    } finally {
      await context.close();
    }
  });

  it('shows a filing’s evidence with its anomaly flag, and takes it from return through resubmission to certification', async () => {
    const staff = await townshipStaff(t, places.admin, places.townshipA);
    const { context, page } = await signedInConsole(browser, base, staff);
    try {
      await page.goto(`${base}/console/townships/${places.townshipA}/estates`);
      const row = page.getByRole('row', { name: /阳光花园/ });
      await row.getByText('6 套房屋，6 位业主').waitFor();
      await row.getByText('业委会 0 人，筹备组 1 人').waitFor();
      await row.getByRole('link', { name: '待备案 1 项' }).waitFor();
      await row.getByRole('link', { name: '异常提示 1 条' }).waitFor();
      // The meeting voting, against its quorum (the service's figures).
      await row.getByRole('link', { name: '测试会议' }).waitFor();
      await row.getByText('已参与 3 / 6 户，150.00 / 300.00 ㎡').waitFor();
      await row.getByText('还差 1 户、50.00 ㎡').waitFor();
      await expectConsoleClean(page, 'overview');
      await screenshot(page, 'console-township-2-overview');

      // The queue, then the meeting's evidence.
      await page.getByRole('navigation', { name: '功能菜单' }).getByRole('link', { name: '备案审核' }).click();
      await page.getByRole('link', { name: '测试会议' }).click();
      await page.waitForURL(`${base}/console/townships/${places.townshipA}/filings/${meetingId}`);
      await page.getByText('校验通过').waitFor();
      await page.getByRole('heading', { name: '一个手机号绑定了多位非共有人业主' }).waitFor();
      await page.getByText(/绑定了 3 位业主，分属 3 户互不共有的房屋/).waitFor();
      await page.getByRole('button', { name: '查看涉及的业主（3）' }).click();
      const voters = page.locator('.anomalies__voters tbody tr');
      await expect.poll(() => voters.allTextContents()).toEqual(['张*1栋 101', '业**2栋 202', '业**2栋 203']);
      expect(await page.getByText('张三').count()).toBe(0);
      await page.getByText('5 票（100%）').waitFor();
      await expectConsoleClean(page, 'evidence');
      await screenshot(page, 'console-township-3-evidence');

      // Returned with reasons, after a confirmation.
      await page.getByLabel('退回理由（会原样告知业委会或筹备组）').fill('请补充会议记录的签字页。');
      await page.getByRole('button', { name: '退回', exact: true }).click();
      await page.getByRole('dialog').getByText('确定退回吗').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: '退回' }).click();
      await page.getByText('已退回，业委会或筹备组会看到理由。').waitFor();
      await page.locator('.filing__status').getByText('已退回').waitFor();
      await page.getByText('请补充会议记录的签字页。').waitFor();
      await screenshot(page, 'console-township-4-returned');

      // The organisers answer and resubmit (their console page is console-results.test.ts's).
      const resubmitted = await t.app.inject({
        method: 'POST',
        url: `/v1/meetings/${meetingId}/filing/resubmit`,
        headers: bearer(organiserToken),
        payload: { response: '已补充签字页。' },
      });
      expect(resubmitted.statusCode).toBe(200);
      await page.reload();
      await page.locator('.filing__status').getByText('等待审核').waitFor();

      // Certified, after a confirmation that says what signing does.
      await page.getByRole('button', { name: '确认备案' }).click();
      await page.getByRole('dialog').getByText(/电子签名（Ed25519）/).waitFor();
      await expectConsoleClean(page, 'certify confirmation');
      await page.getByRole('dialog').getByRole('button', { name: '确认备案' }).click();
      await page.getByText('已确认备案，结果已签名。').waitFor();
      await page.locator('.filing__status').getByText('已备案确认').waitFor();
      await page.getByText('校验通过').waitFor();
      expect(await page.locator('.filing__history li').allTextContents()).toEqual([
        expect.stringContaining('退回'),
        expect.stringContaining('补正后重新提交'),
        expect.stringContaining('确认备案'),
      ]);
      await expectConsoleClean(page, 'certified');
      await screenshot(page, 'console-township-5-certified');

      // A ruling against the certified decision, with its reference.
      await page.getByLabel('文号').fill('(2027)闽0881民初123号');
      await page.getByLabel('内容', { exact: true }).fill('判决撤销该决定。');
      await page.getByLabel('裁决类型').selectOption('revoked');
      await page.getByRole('button', { name: '记录裁决' }).click();
      await page.getByRole('dialog').getByText('备案状态会改为“已撤销”').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: '记录' }).click();
      await page.getByText('裁决已记录。').waitFor();
      await page.getByText('文号：(2027)闽0881民初123号').waitFor();

      // The anomaly in the township's list, leading back to the filing.
      await page.getByRole('navigation', { name: '功能菜单' }).getByRole('link', { name: '异常提示' }).click();
      await page.getByRole('heading', { name: '一个手机号绑定了多位非共有人业主', level: 2 }).waitFor();
      await page.getByText('阳光花园 · 测试会议').waitFor();
      await expectConsoleClean(page, 'anomalies');
      await screenshot(page, 'console-township-6-anomalies');
    } finally {
      await context.close();
    }
  });
});
