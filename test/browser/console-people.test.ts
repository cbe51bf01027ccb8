import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import { appointed, type Session, townshipStaff } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';

/**
 * 人员与权限 (issue 16): township staff list an estate's committee members and organisers
 * (phones masked, as the service gives them), appoint one by phone and role, and remove one
 * after a confirmation that says what happens — the person's sessions end, and their next
 * request is refused. An organiser reads the same list and is told who may change it.
 */
const clock = manualClock(new Date('2026-11-22T02:00:00Z'));
let t: TestApp;
let browser: Browser;
let base: string;
let p: Awaited<ReturnType<typeof twoTownships>>;
let staff: Session;
let organiser: Session;
let leaving: Session;

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  p = await twoTownships(t);
  staff = await townshipStaff(t, p.admin, p.townshipA);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser', '13700001001');
  leaving = await appointed(t, p.staffA, p.estateA, 'committee', '13700001002');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('人员与权限', () => {
  it('township staff see who is appointed, appoint a committee member by phone, and remove one after a confirmation; the removed person’s next request is refused', async () => {
    const { context, page } = await signedInConsole(browser, base, staff);
    try {
      await page.goto(`${base}/console/estates/${p.estateA}/people`);
      await page.getByRole('heading', { name: '人员与权限', level: 1 }).waitFor();
      await page.getByText('您可以任命和免除本小区的业委会委员和筹备组成员。').waitFor();
      const rows = page.locator('.people__list tbody tr');
      await expect.poll(() => rows.count()).toBe(2);
      const text = await page.locator('.people__list').innerText();
      expect(text).toContain('137****1001');
      expect(text).toContain('137****1002');
      expect(text, 'phones masked').not.toContain('13700001001');
      await expectConsoleClean(page, 'people: staff');

      // A phone that is not one: said, and nothing sent.
      await page.getByLabel('被任命人的手机号').fill('1370000');
      await page.getByRole('button', { name: '任命', exact: true }).click();
      await page.getByText('请输入 11 位手机号。').waitFor();

      await page.getByLabel('被任命人的手机号').fill('137 0000 1003');
      await page.locator('label.el-radio', { hasText: '业委会委员' }).click();
      await page.getByRole('button', { name: '任命', exact: true }).click();
      await page.getByText('已任命 137****1003 为业委会委员。').waitFor();
      await expect.poll(() => rows.count()).toBe(3);
      await expectConsoleClean(page, 'people: appointed');
      await screenshot(page, 'console-people-1-appointed');

      // Removing: the confirmation says what happens to the person.
      await page.getByRole('button', { name: '免除 137****1002 的业委会委员身份' }).click();
      const box = page.getByRole('dialog');
      await box.waitFor();
      const said = (await box.innerText()).replace(/\s+/g, '');
      expect(said).toContain('将免除137****1002的业委会委员身份。此人的所有登录会立即失效，下一次操作时就不能再使用本小区的功能');
      await expectConsoleClean(page, 'people: confirm removal');
      await screenshot(page, 'console-people-2-confirm');
      await box.getByRole('button', { name: '确定免除' }).click();
      await box.waitFor({ state: 'hidden' });
      await page.getByText('已免除 137****1002 的业委会委员身份，此人的访问权限已结束。').waitFor();
      await expect.poll(() => rows.count()).toBe(2);
      expect(await page.locator('.people__list').innerText()).not.toContain('137****1002');
      await expectConsoleClean(page, 'people: removed');
    } finally {
      await context.close();
    }
    // Their next request: the access token that carried the role is refused.
    const next = await t.app.inject({ url: `/v1/estates/${p.estateA}/units`, headers: bearer(leaving.accessToken) });
    expect(next.statusCode).toBe(401);
    const roles = await t.testDatabase.database.db.selectFrom('role_assignments').select(['role', 'revoked_at']).where('estate_id', '=', p.estateA).orderBy('granted_at').execute();
    expect(roles.map((r) => [r.role, r.revoked_at !== null])).toEqual([
      ['organiser', false],
      ['committee', true],
      ['committee', false],
    ]);
  }, 120_000);

  it('an organiser reads the list and is told who may appoint; nothing to appoint or remove with', async () => {
    const { context, page } = await signedInConsole(browser, base, organiser);
    try {
      await page.goto(`${base}/console/estates/${p.estateA}/meetings`);
      await page.getByRole('navigation', { name: '功能菜单' }).getByRole('link', { name: '人员与权限' }).click();
      await page.getByText('业委会委员和筹备组成员只能由系统管理员、街道工作人员任命或免除。').waitFor();
      await expect.poll(() => page.locator('.people__list tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('.people__list').innerText()).toContain('137****1001');
      expect(await page.getByRole('button', { name: '任命', exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^免除/ }).count()).toBe(0);
      await expectConsoleClean(page, 'people: organiser, read-only');
      await screenshot(page, 'console-people-3-read-only');
      // Another estate's people are not there for them.
      await page.goto(`${base}/console/estates/${p.estateB}/people`);
      await page.getByRole('heading', { name: '没有找到这个页面', level: 1 }).waitFor();
      expect(await page.locator('.people__list').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 120_000);
});
