import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import { desktop, expectConsoleClean, signedInConsole, signInToConsole } from '../helpers/console.ts';
import { appointed, townshipStaff } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';

/**
 * The staff console's frame at /console/ (issue 16): staff log in with phone and code, see the
 * estates their roles give them and nothing else, and move between an estate's areas; every page
 * clean under axe-core and the CSP.
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
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the staff console', () => {
  it('logs an organiser in with phone and code and opens their one estate', async () => {
    const organiser = await appointed(t, places.staffA, places.estateA, 'organiser');
    const { context, page } = await desktop(browser);
    try {
      await page.goto(`${base}/console`);
      // No session: the login page, which leads back to where they were going.
      await page.getByRole('heading', { name: '工作人员登录' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/console/login');
      await expectConsoleClean(page, 'login');
      await screenshot(page, 'console-1-login');
      await signInToConsole(page, t, base, organiser.phone);
      // One estate: straight into it, at its meetings.
      await page.waitForURL(`${base}/console/estates/${places.estateA}/meetings`);
      await page.getByRole('heading', { name: '会议', level: 1 }).waitFor();
      await expect.poll(() => page.locator('.estate-name').textContent()).toBe('阳光花园');
      const nav = page.getByRole('navigation', { name: '功能菜单' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['会议', '业主名册', '小区设置', '人员与权限', '表决进度', '扫楼名单', '纸质票与委托', '结果与备案', '业主联名提议', '应急维修资金']);
      await expectConsoleClean(page, 'estate');
      await screenshot(page, 'console-2-estate');
      // A page of one meeting first asks which meeting.
      await nav.getByRole('link', { name: '表决进度' }).click();
      await page.getByRole('heading', { name: '选择会议' }).waitFor();
      await page.getByText('这个小区还没有会议').waitFor();
      await expectConsoleClean(page, 'meeting picker');
    } finally {
      await context.close();
    }
  });

  it('shows township staff the estates of their township only, and another estate as not found', async () => {
    const estateA2 = await places.estate(places.townshipA, '金桂苑');
    const staff = await townshipStaff(t, places.admin, places.townshipA);
    const { context, page } = await signedInConsole(browser, base, staff);
    try {
      // One township: straight into it (issue 17), at its estates.
      await page.goto(`${base}/console/`);
      await page.waitForURL(`${base}/console/townships/${places.townshipA}/estates`);
      await page.getByRole('heading', { name: '辖区小区', level: 1 }).waitFor();
      const estates = page.getByRole('table').getByRole('link');
      await expect.poll(() => estates.allTextContents()).toEqual(['金桂苑', '阳光花园'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
      await expectConsoleClean(page, 'township estates');
      await screenshot(page, 'console-3-places');
      await estates.getByText('金桂苑').click();
      await page.waitForURL(`${base}/console/estates/${estateA2}/meetings`);
      // The estate chooser moves between their estates.
      await page.getByLabel('当前小区').selectOption({ label: '阳光花园' });
      await page.waitForURL(`${base}/console/estates/${places.estateA}/meetings`);
      // An estate of another township is not theirs: not found, as the service says.
      await page.goto(`${base}/console/estates/${places.estateB}/registry`);
      await page.getByRole('heading', { name: '没有找到这个页面' }).waitFor();
      expect(await page.getByText('翠湖苑').count()).toBe(0);
      await expectConsoleClean(page, 'other estate');
    } finally {
      await context.close();
    }
  });

  it('speaks English when asked, and logs out', async () => {
    const organiser = await appointed(t, places.staffB, places.estateB, 'committee');
    const { context, page } = await signedInConsole(browser, base, organiser);
    try {
      await page.goto(`${base}/console/estates/${places.estateB}/registry`);
      await page.getByRole('heading', { name: '业主名册' }).waitFor();
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Registry' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await expectConsoleClean(page, 'English');
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Staff login' }).waitFor();
      // The session has ended at the service: the console does not come back by itself.
      await page.goto(`${base}/console/estates/${places.estateB}/registry`);
      await page.getByRole('heading', { name: 'Staff login' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
