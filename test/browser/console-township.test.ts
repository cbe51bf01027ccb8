import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import { signedIn, townshipStaff } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';

/**
 * Issue 17, the township's side of the console: staff of a township reach
 * /console/townships/<id>/… with its own left navigation (辖区小区, 备案审核, 异常提示), see
 * their township's estates and nothing of another township's; an administrator chooses among
 * townships.
 */
let t: TestApp;
let browser: Browser;
let base: string;
let places: Awaited<ReturnType<typeof twoTownships>>;
beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  places = await twoTownships(t);
  await places.estate(places.townshipA, '金桂苑');
  await places.estate(places.townshipB, '碧水湾');
}, 60_000);
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
      const estates = page.getByRole('table').getByRole('link');
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
      await expect.poll(() => page.getByRole('table').getByRole('link').allTextContents()).toEqual(['翠湖苑', '碧水湾'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
      await page.getByRole('navigation', { name: '功能菜单' }).getByRole('link', { name: '备案审核' }).click();
      await page.waitForURL(`${base}/console/townships/${places.townshipB}/filings`);
      await page.getByLabel('当前街道').selectOption({ label: '桂林街道' });
      await page.waitForURL(`${base}/console/townships/${places.townshipA}/filings`);
      await expectConsoleClean(page, 'township chooser');
    } finally {
      await context.close();
    }
  });
});
