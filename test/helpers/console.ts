import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from '../../src/routes/auth.ts';
import { lastCodeFor, type TestApp } from './app.ts';
import { axeViolations, scrollsSideways } from './browser.ts';
import * as inPage from './in-page.js';

/**
 * The staff console in the browser tests: a 1366 × 768 desktop (issue 16), Chinese, every CSP
 * refusal recorded. Pages are checked by expectConsoleClean.
 */
export async function desktop(browser: Browser, { locale = 'zh-CN' }: { locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale, timezoneId: 'Asia/Shanghai' });
  await context.addInitScript(inPage.watchCsp);
  return { context, page: await context.newPage() };
}

/**
 * A browser already signed in as a session (test/factories/people.ts): its refresh token as the
 * HttpOnly cookie logging in sets, so the console restores the session itself on its first page.
 * (The login page itself is walked by test/browser/console.test.ts.)
 */
export async function signedInConsole(browser: Browser, base: string, session: { refreshToken: string }, options: { locale?: string } = {}) {
  const opened = await desktop(browser, options);
  await opened.context.addCookies([{ name: REFRESH_COOKIE, value: session.refreshToken, url: `${base}${REFRESH_COOKIE_PATH}`, httpOnly: true, sameSite: 'Strict' }]);
  return opened;
}

/** Logs in on the console's login page with phone and the SMS code, as a person does. */
export async function signInToConsole(page: Page, t: TestApp, base: string, phone: string, path = '/console/'): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.getByLabel('手机号').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByLabel('验证码').waitFor();
  await page.getByLabel('验证码').fill(await lastCodeFor(t, phone));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/console/login'));
}

/** A console page as staff meet it: axe-core finds nothing (WCAG 2.2 AA), the CSP refused nothing, nothing scrolls sideways at 1366 px. */
export async function expectConsoleClean(page: Page, what: string): Promise<void> {
  // Colours are measured at rest: Element Plus fades tags, dialogs and alerts in, and a colour
  // caught halfway (a tag at 3.9:1 on its way to 7:1) is no finding.
  // (Polled by evaluate: the console's CSP refuses the string eval waitForFunction would use.)
  // Asked again while a finding may be a fade: a toast (ElMessage) that starts leaving after the page
  // settled was caught at 1.76:1 mid-fade (CI of cecf671). A colour wrong at rest stays wrong on every
  // try and still fails; only a moment caught between two states passes on the next look.
  await expect
    .poll(async () => ((await page.evaluate(inPage.animationsSettled)) ? axeViolations(page) : 'animations running'), {
      message: `${what}: axe-core violations`,
      timeout: 8_000,
      interval: 500,
    })
    .toEqual([]);
  expect(await page.evaluate(inPage.cspViolations), `${what}: CSP refusals`).toEqual([]);
  expect(await scrollsSideways(page), `${what}: scrolls sideways`).toBe(false);
}
