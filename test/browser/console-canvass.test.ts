import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estateChain, readChain } from '../../src/audit/audit-log.ts';
import { manualClock } from '../../src/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import { castBallot, verifiedOwner } from '../helpers/voting.ts';
import { ownerNumber } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, type Session } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * 扫楼名单 in the console (issue 16): an organiser finds the non-voters of 2栋, records what was
 * found at a door with a note, shows one phone to call (audited), prints the building's walking
 * list (Chromium's PDF), and reminds the voters ticked. Every page clean under axe-core and the CSP.
 */
const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
let t: TestApp;
let browser: Browser;
let base: string;
let estateId: string;
let meetingId: string;
let organiser: Session;
let staffA: string;
const people = Array.from({ length: 8 }, (_, i) => ownerNumber(i + 1, '19650101'));

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  estateId = p.estateA;
  staffA = p.staffA;
  // 1栋 has owners 1–4, 2栋 owners 5–8 (2栋's first two on floor 1, the others on floor 12).
  await importRegistry(
    t,
    p.staffA,
    p.estateA,
    people.map((person, i) => ({
      registryNo: `R-${i + 1}`,
      building: i < 4 ? '1栋' : '2栋',
      stair: '1单元',
      room: i < 6 ? String(101 + i) : String(1201 + i),
      area: '89.50',
      owners: [{ ...person, phone: `1390000000${i + 1}` }],
    })),
  );
  const first = await appointed(t, p.staffA, p.estateA, 'organiser');
  const opened = await openMeeting(t, clock, START, first.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '加装电动车充电桩' }]);
  meetingId = opened.meetingId;
  await t.testDatabase.database.db.updateTable('meetings').set({ title: '2026 年第一次业主大会' }).where('id', '=', meetingId).execute();
  // Owner 5 (2栋 105) has voted: not on the list.
  const voter5 = await verifiedOwner(t, people[4]!);
  const voters = await t.testDatabase.database.db.selectFrom('electorate_voters').select(['id', 'units']).where('motion_id', '=', opened.motionIds[0]!).execute();
  const unit5 = await t.testDatabase.database.db.selectFrom('units').select('id').where('registry_no', '=', 'R-5').executeTakeFirstOrThrow();
  const v5 = voters.find((v) => v.units.includes(unit5.id))!;
  expect((await castBallot(t, voter5.accessToken, meetingId, opened.motionIds[0]!, v5.id, 'agree')).statusCode).toBe(201);
  // Signed in after the opening, so the session is fresh on the service's clock.
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('扫楼名单', () => {
  it('non-voters by building → statuses with notes → a phone revealed (audited) → a walking list printed → a reminder to the chosen', async () => {
    const { context, page } = await signedInConsole(browser, base, organiser);
    try {
      await page.goto(`${base}/console/estates/${estateId}/canvass`);
      await page.getByRole('heading', { name: '选择会议' }).waitFor();
      await page.getByRole('link', { name: '2026 年第一次业主大会' }).click();
      await page.waitForURL(`${base}/console/estates/${estateId}/canvass/${meetingId}`);
      await page.getByText('共 7 位业主尚未完成表决').waitFor();
      await expectConsoleClean(page, 'canvass list');
      await screenshot(page, 'console-canvass-1-list');

      // By building: 2栋's non-voters, owner 5 (who voted) not among them; names and phones masked.
      await page.getByRole('combobox', { name: '楼栋' }).selectOption('2栋');
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByText('共 3 位业主尚未完成表决').waitFor();
      const rows = page.locator('.canvass__table tbody tr');
      expect(await rows.count()).toBe(3);
      expect(await rows.nth(0).textContent()).toContain('2栋 1单元 106');
      expect(await rows.nth(0).textContent()).toContain('业**');
      expect(await rows.nth(0).textContent()).toContain('139****0006');
      expect(await page.content()).not.toContain('13900000006');

      // A status with a note: who and when shown with it.
      await rows.nth(0).getByRole('button', { name: '记录走访' }).click();
      const dialog = page.getByRole('dialog', { name: '记录走访情况' });
      await dialog.waitFor();
      await dialog.getByRole('radio', { name: '不在家' }).check({ force: true });
      await dialog.getByPlaceholder('例如').fill('晚上 7 点后再来');
      await expectConsoleClean(page, 'record visit');
      await screenshot(page, 'console-canvass-2-visit');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => rows.nth(0).textContent()).toContain('不在家');
      expect(await rows.nth(0).textContent()).toContain('晚上 7 点后再来');
      expect(await rows.nth(0).textContent()).toContain(`${organiser.phone.slice(0, 3)}****${organiser.phone.slice(-4)} 记录于`);
      // A second door: needs help.
      await rows.nth(1).getByRole('button', { name: '记录走访' }).click();
      await dialog.getByRole('radio', { name: '需要协助' }).check({ force: true });
      await dialog.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => rows.nth(1).textContent()).toContain('需要协助');
      const visits = await t.testDatabase.database.db.selectFrom('canvass_visits').select(['status', 'note', 'set_by']).orderBy('set_at').execute();
      expect(visits).toEqual([
        { status: 'not_home', note: '晚上 7 点后再来', set_by: organiser.accountId },
        { status: 'needs_help', note: null, set_by: organiser.accountId },
      ]);
      await screenshot(page, 'console-canvass-3-statuses');

      // A phone to call: asked for, shown in a dialog, audited.
      await rows.nth(0).getByRole('button', { name: '查看号码（业**）' }).click();
      await page.getByRole('dialog', { name: '查看完整电话号码' }).getByRole('button', { name: '查看' }).click();
      const shown = page.getByRole('dialog', { name: '查看完整电话号码' }).filter({ hasText: '13900000006' });
      await shown.waitFor();
      await expect.poll(() => shown.getByRole('link').getAttribute('href')).toBe('tel:13900000006');
      await expectConsoleClean(page, 'phone shown');
      await screenshot(page, 'console-canvass-4-phone');
      const chain = await readChain(t.testDatabase.database.db, estateChain(estateId));
      expect(chain.at(-1)).toMatchObject({ action: 'canvass.phone_revealed', actor: `account:${organiser.accountId}` });
      await shown.getByRole('button', { name: /关闭|Close/ }).click();
      await shown.waitFor({ state: 'hidden' });
      expect(await page.locator('.canvass__table').textContent()).not.toContain('13900000006');

      // The building's walking list, printed by Chromium on A4.
      await page.getByRole('link', { name: '打印 2栋' }).click();
      await page.getByRole('heading', { name: '扫楼名单 · 2栋' }).waitFor();
      await page.getByText('共 3 户').waitFor();
      await expectConsoleClean(page, 'walking list');
      await screenshot(page, 'console-canvass-5-walking-list');
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, 'console-canvass-6-walking-list-print');
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      await writeFile('test-artifacts/browser/console-canvass-walking-list.pdf', pdf);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // Three households fit on one sheet: no blank page before or after.
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(1);

      // Back to the list: tick two and remind them.
      await page.getByRole('link', { name: '返回扫楼名单' }).click();
      await page.getByText('共 7 位业主尚未完成表决').waitFor();
      // The page's own select-all, then one unticked: two chosen.
      await page.getByRole('button', { name: '选择本页全部' }).click();
      await page.getByRole('button', { name: '提醒所选业主（7）' }).waitFor();
      for (const n of [2, 3, 4, 5, 6]) await page.locator('.canvass__table tbody tr').nth(n).getByRole('checkbox').uncheck();
      await page.getByRole('button', { name: '提醒所选业主（2）' }).click();
      const confirm = page.getByRole('dialog', { name: '发送投票提醒' });
      await confirm.getByText('将给所选的 2 位业主发送投票提醒').waitFor();
      await expectConsoleClean(page, 'reminder confirmation');
      await screenshot(page, 'console-canvass-7-remind');
      await confirm.getByRole('button', { name: '发送提醒' }).click();
      await page.getByText('已向 2 位业主发出提醒（所选 2 位）。').waitFor();
      const reminded = await t.testDatabase.database.db
        .selectFrom('notifications')
        .innerJoin('owners', 'owners.id', 'notifications.owner_id')
        .select('owners.name')
        .where('notifications.kind', '=', 'voting_reminder')
        .execute();
      expect(reminded.map((r) => r.name).sort()).toEqual(['业主1', '业主2']);
      await expectConsoleClean(page, 'reminded');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('opened at their addresses (a bookmark, a reload), the list and a walking list take the reads the first script sent while the console loaded', async () => {
    const earlyLeft = (page: Page) =>
      page.evaluate(() => {
        const early = (globalThis as unknown as { gongjueConsoleEarly?: { refresh?: unknown; reads: object } }).gongjueConsoleEarly;
        return early && { refreshLeft: early.refresh !== undefined, readsLeft: Object.keys(early.reads) };
      });
    for (const [path, shown] of [
      [`/console/estates/${estateId}/canvass/${meetingId}`, '共 7 位业主尚未完成表决'],
      [`/console/estates/${estateId}/canvass/${meetingId}/print?building=${encodeURIComponent('2栋')}`, '共 3 户'],
    ] as const) {
      // A session of its own each time: a refresh token is used once.
      const { context, page } = await signedInConsole(browser, base, await appointed(t, staffA, estateId, 'organiser'));
      try {
        const lists: string[] = [];
        page.on('request', (request) => {
          if (/\/canvass(\/walking-lists)?$/.test(new URL(request.url()).pathname)) lists.push(request.url());
        });
        await page.goto(`${base}${path}`);
        await page.getByText(shown).waitFor();
        // The page asked nothing the first script had not: its reads were taken, each sent once.
        expect(await earlyLeft(page), path).toEqual({ refreshLeft: false, readsLeft: [] });
        expect(lists, path).toHaveLength(1);
      } finally {
        await context.close();
      }
    }
  }, 60_000);
});
