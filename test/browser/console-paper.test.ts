import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium, screenshot, textOnceShowing } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import { ownerNumber, wang, zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';
import { castBallot } from '../helpers/voting.ts';

/**
 * 纸质票与委托 (issues 16 and 12): one organiser finds a voter (the matches listed a page at a
 * time, with units, heads, area and how each voted) and enters their paper ballot with a photo
 * on every kind of motion — yes/no, options, an election of up to 2 of 3 candidates; a second
 * reads each again blind (POST …/second-reading), a deliberate misreading is caught and shown,
 * read again alike and then confirmed with a bare POST …/confirm; a written proxy bound to
 * choices on every kind of motion is registered with its scan and approved; the standing ballot
 * and the channels beside it are shown.
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
/** A third person for the search test: a session's refresh token is spent once the console uses it. */
let finder: Awaited<ReturnType<typeof appointed>>;
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
    // Twelve more households in 2栋, to page through (ten a page).
    ...Array.from({ length: 12 }, (_, i) => ({ registryNo: `R-2${String(i + 1).padStart(2, '0')}`, building: '2栋', room: `2${String(i + 1).padStart(2, '0')}`, area: '80.00', owners: [ownerNumber(i + 1)] })),
  ]);
  first = await appointed(t, p.staffA, estateId, 'organiser');
  second = await appointed(t, p.staffA, estateId, 'committee');
  finder = await appointed(t, p.staffA, estateId, 'committee');
  const opened = await openMeeting(t, clock, START, first.accessToken, estateId, [
    { matter: 'other_major', kind: 'yes_no', title: '加装充电桩' },
    { matter: 'property_manager', kind: 'options', title: '选聘物业服务企业', options: [{ id: 'a', label: '甲物业' }, { id: 'b', label: '乙物业' }] },
    {
      matter: 'committee_election',
      kind: 'election',
      title: '选举业主委员会委员',
      seats: 2,
      candidates: [{ id: 'c1', name: '候选人一' }, { id: 'c2', name: '候选人二' }, { id: 'c3', name: '候选人三' }],
    },
  ]);
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
  await page.getByLabel('楼栋').fill('');
  await page.getByLabel('房号').fill(room);
  await page.getByRole('button', { name: '查找' }).click();
  await page.getByRole('button', { name: `选择 1栋${room}` }).click();
};
const entryOf = (page: Page, motion: string) => page.locator('.paper-entry', { hasText: motion });

describe('纸质票与委托', () => {
  it('finding voters: the matches a page at a time, with units, heads, area and how each voted — never the choice', async () => {
    const one = await signedInConsole(browser, base, finder);
    try {
      const page = one.page;
      // The matches come from the search (GET …/electorate), the motions' titles in them from the meeting the
      // page reads on its own: holding the meeting back makes certain the matches show first, titled by id.
      await page.route(`**/v1/meetings/${meetingId}`, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        await route.continue();
      });
      await page.goto(`${base}/console/estates/${estateId}/paper/${meetingId}`);
      await page.getByRole('heading', { name: '查找业主' }).waitFor();
      // A masked name finds 张三: his unit with its area, and per motion his head and area, and his online ballot.
      await page.getByLabel('业主姓名').fill('张*');
      await page.getByRole('button', { name: '查找' }).click();
      const voters = page.locator('.paper-voters');
      const row = await textOnceShowing(
        voters,
        '1栋101（100.00 ㎡）',
        '张*',
        '加装充电桩：人数 1 · 面积 100.00 ㎡ · 已表决：网上投票（第 1 版',
        '选聘物业服务企业：人数 1 · 面积 100.00 ㎡ · 未表决',
      );
      expect(row).not.toContain('反对');
      // 2栋's twelve households: two pages from the service.
      await page.getByLabel('业主姓名').fill('');
      await page.getByLabel('楼栋').fill('2栋');
      await page.getByRole('button', { name: '查找' }).click();
      await page.getByText('第 1 页').waitFor();
      await expect.poll(() => voters.locator('tbody tr').count()).toBe(10);
      await expectConsoleClean(page, 'paper: found');
      await screenshot(page, 'console-paper-1-found');
      await page.getByRole('button', { name: '下一页' }).click();
      await page.getByText('第 2 页').waitFor();
      await expect.poll(() => voters.locator('tbody tr').count()).toBe(2);
      expect(await page.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: '上一页' }).click();
      await page.getByText('第 1 页').waitFor();
      await expect.poll(() => voters.locator('tbody tr').count()).toBe(10);
    } finally {
      await one.context.close();
    }
  }, 120_000);

  it('paper ballots on every kind of motion by double entry, a bound proxy, and the standing ballot', async () => {
    const one = await signedInConsole(browser, base, first);
    try {
      const page = one.page;
      await page.goto(`${base}/console/estates/${estateId}/paper/${meetingId}`);
      await page.getByRole('heading', { name: '查找业主' }).waitFor();
      await expectConsoleClean(page, 'paper: start');

      await findVoter(page, '101');
      await page.getByRole('heading', { name: '录入纸质表决票：1栋101' }).waitFor();
      // The standing ballot comes from the API: 张三's online one.
      await expect.poll(() => page.locator('.paper-conflicts').innerText()).toContain('网上投票（第 1 版');
      await page.getByRole('group', { name: '加装充电桩' }).getByLabel('同意').check();
      await page.getByRole('group', { name: '选聘物业服务企业' }).getByLabel('乙物业').check();
      const election = page.getByRole('group', { name: '选举业主委员会委员' });
      await election.getByLabel('候选人一').check();
      await election.getByLabel('候选人三').check();
      // Two seats: a third candidate cannot be ticked.
      expect(await election.getByLabel('候选人二').isDisabled()).toBe(true);
      await page.getByLabel('表决票照片或扫描件').setInputFiles(photo);
      await screenshot(page, 'console-paper-2-enter');
      await page.getByRole('button', { name: '录入', exact: true }).click();
      await confirmDialog(page);
      await page.getByText('已录入，等待另一名工作人员复核。').waitFor();
      await expect.poll(() => page.getByText('这是你录入的，需由另一名工作人员复核。').count()).toBe(3);
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
      const yesNo = entryOf(page, '加装充电桩');
      await yesNo.waitFor();
      // Whose paper it is, by its units; blind: nothing of the first entry's choice, no comparison shown.
      expect(await yesNo.getByRole('heading').innerText()).toContain('1栋101');
      expect(await page.locator('.paper-entry input:checked').count()).toBe(0);
      expect(await page.locator('.paper-differences').count()).toBe(0);
      await yesNo.getByLabel('反对').check();
      await yesNo.getByRole('button', { name: '提交复核录入' }).click();
      await page.getByText('两次录入不一致，未计入').waitFor();
      await expect.poll(() => yesNo.locator('.paper-differences').innerText()).toMatch(/选择\s+同意\s+反对/);
      await expectConsoleClean(page, 'paper: entries differ');
      await screenshot(page, 'console-paper-3-differ');
      // After a reload the kept reading still shows the difference, and nothing counted.
      await page.reload();
      await entryOf(page, '加装充电桩').locator('.paper-differences').waitFor();

      // Looking at the photo again: it says 同意. Read again, alike; then confirmed without a second typing.
      await entryOf(page, '加装充电桩').getByLabel('同意').check();
      await entryOf(page, '加装充电桩').getByRole('button', { name: '提交复核录入' }).click();
      await page.getByText('两次录入一致。请确认计入。').waitFor();
      await entryOf(page, '加装充电桩').getByText('两次录入一致：同意。').waitFor();
      await expectConsoleClean(page, 'paper: read alike');
      await screenshot(page, 'console-paper-4-alike');
      await entryOf(page, '加装充电桩').getByRole('button', { name: '确认计入' }).click();
      await confirmDialog(page);
      await page.getByText('已确认计入。').waitFor();

      // The options paper, read alike and confirmed.
      const options = entryOf(page, '选聘物业服务企业');
      await options.getByLabel('乙物业').check();
      await options.getByRole('button', { name: '提交复核录入' }).click();
      await options.getByText('两次录入一致：乙物业。').waitFor();
      await options.getByRole('button', { name: '确认计入' }).click();
      await confirmDialog(page);
      await page.getByText('已确认计入。').waitFor();

      // The election paper: the same two ticks, in the other order.
      const elected = entryOf(page, '选举业主委员会委员');
      await elected.getByLabel('候选人三').check();
      await elected.getByLabel('候选人一').check();
      await elected.getByRole('button', { name: '提交复核录入' }).click();
      await elected.getByText('两次录入一致：候选人一、候选人三。').waitFor();
      await elected.getByRole('button', { name: '确认计入' }).click();
      await confirmDialog(page);
      await page.getByText('没有待复核的纸质表决票。').waitFor();

      // The standing ballot is now the paper one: version 2 replacing the online one on the yes/no motion, version 1 on the others.
      await findVoter(page, '101');
      const conflicts = page.locator('.paper-conflicts');
      await expect.poll(() => conflicts.innerText()).toContain('纸质表决票（第 2 版');
      expect(await conflicts.innerText()).toContain('已替代之前的 1 张');
      expect((await conflicts.innerText()).match(/纸质表决票（第 1 版/g)).toHaveLength(2);
      await expectConsoleClean(page, 'paper: confirmed');
      await screenshot(page, 'console-paper-4-confirmed');

      // A written proxy for 王五, bound on the yes/no motion and the election, with its scan; then approved.
      await findVoter(page, '102');
      await page.getByLabel('受托人手机号').fill('13700005555');
      await page.getByLabel('按委托书写明的意见表决').check();
      await page.getByRole('group', { name: '加装充电桩 · 委托书写明的意见' }).getByLabel('同意').check();
      await page.getByRole('group', { name: '选举业主委员会委员 · 委托书写明的意见' }).getByLabel('候选人二').check();
      // The options motion is left as it starts: 未写明 (the holder chooses).
      expect(await page.getByRole('group', { name: '选聘物业服务企业 · 委托书写明的意见' }).getByLabel('未写明').isChecked()).toBe(true);
      await page.getByLabel('委托书照片或扫描件').setInputFiles(photo);
      await page.getByRole('button', { name: '登记委托书' }).click();
      await confirmDialog(page);
      await page.getByText('已登记，待审核。').waitFor();
      const proxy = page.locator('.paper-proxies li');
      await expect.poll(() => proxy.innerText()).toContain('待审核');
      expect(await proxy.innerText()).toContain('加装充电桩：同意');
      expect(await proxy.innerText()).toContain('选举业主委员会委员：候选人二');
      expect(await proxy.innerText()).not.toContain('选聘物业服务企业');
      await proxy.getByRole('button', { name: '审核通过' }).click();
      await confirmDialog(page);
      await page.getByText('已审核通过。').waitFor();
      await expect.poll(() => proxy.innerText()).toContain('已通过');
      // 王五 has not voted; the proxy is the only channel: no conflict, not voted, and what the proxy binds on each motion.
      const rows = page.locator('.paper-conflicts');
      await expect.poll(() => rows.innerText()).toContain('有委托书（已通过），委托书写明：候选人二');
      expect(await rows.innerText()).toContain('有委托书（已通过），委托书写明：同意');
      expect(await rows.innerText()).toContain('未表决');
      await expectConsoleClean(page, 'paper: proxy approved');
      await screenshot(page, 'console-paper-5-proxy');
    } finally {
      await two.context.close();
    }
  }, 240_000);
});
