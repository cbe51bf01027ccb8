import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, lastCodeFor, type TestApp } from '../helpers/app.ts';
import { bodyFontSize, expectOwnerFriendly, launchChromium, paste, phone, readableStorage, screenshot } from '../helpers/browser.ts';
import { li, wang, zhang } from '../factories/cast.ts';
import { verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * The owner app in a phone's browser: a 375 × 667 phone in WeChat logs in with an SMS code,
 * reaches home and 我的房产, at 长辈版 sizes (text ≥ 18 px, targets ≥ 60 px), with axe-core finding nothing,
 * at the default text size and at 200 %. Screenshots: test-artifacts/browser/.
 */
let t: TestApp;
let browser: Browser;
let base: string;
/** Two owners, one walk each (a phone gets one code a minute). */
let owners: { zhang: { phone: string }; li: { phone: string }; wang: { phone: string } };

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp();
  const p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [
    { registryNo: 'R-1', building: '1栋', stair: '2单元', room: '301', area: '89.50', owners: [zhang] },
    { registryNo: 'R-2', building: '地库', room: 'B-017', area: '12.00', kind: 'parking', owners: [zhang] },
    { registryNo: 'R-3', building: '1栋', stair: '2单元', room: '302', area: '89.50', owners: [li] },
    { registryNo: 'R-4', building: '2栋', room: '101', area: '120.25', owners: [wang] },
  ]);
  owners = { zhang: await verifiedOwner(t, zhang), li: await verifiedOwner(t, li), wang: await verifiedOwner(t, wang) };
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const expectElderFriendly = (page: Page, what: string, textScale = 1) => expectOwnerFriendly(page, what, { textScale });

async function logInAndReachHome(page: Page, shots: string, owner: { phone: string }, textScale = 1) {
  // A link to the app with no session: the login page, which asks for a code.
  await page.goto(`${base}/`);
  await page.getByRole('heading', { name: '用手机号登录' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/login');
  await expectElderFriendly(page, `${shots} login`, textScale);
  await screenshot(page, `${shots}-1-login`);

  await page.fill('#login-phone', owner.phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByRole('status').filter({ hasText: '验证码已发到' }).waitFor();
  const code = await lastCodeFor(t, owner.phone);
  const codeField = page.locator('#login-code');
  expect(await codeField.getAttribute('inputmode')).toBe('numeric');
  expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');

  // A wrong code: the refusal in a plain sentence saying what to do.
  await page.fill('#login-code', code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('验证码不对，或者已经失效');
  await expectElderFriendly(page, `${shots} login refused`, textScale);
  await screenshot(page, `${shots}-2-wrong-code`);

  // The whole text message pasted: the code is taken from it.
  await page.fill('#login-code', '');
  const message = t.sentSms.findLast((m) => m.phone === owner.phone)!.body;
  await paste(page, '#login-code', message);
  expect(await codeField.inputValue()).toBe(code);
  await page.getByRole('button', { name: '登录' }).click();

  // Home: the meetings (none yet in this estate), the way to the owner's homes.
  await page.getByRole('heading', { name: '业主大会表决' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
  await page.getByText('现在没有正在表决的会议。').waitFor();
  await expectElderFriendly(page, `${shots} home`, textScale);
  await screenshot(page, `${shots}-3-home`);

  // 我的房产: the units and the votes they count as.
  await page.getByRole('link', { name: '我的房产' }).click();
  await page.getByRole('heading', { name: '阳光花园' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/homes');
  const text = await page.locator('main').innerText();
  expect(text).toContain('专有部分面积 89.50 ㎡');
  expect(text).toContain('计 1 人，面积');
  await expectElderFriendly(page, `${shots} homes`, textScale);
  await screenshot(page, `${shots}-3b-homes`);
}

describe('the owner app on a phone in WeChat', () => {
  it('logs in with an SMS code and reaches home; the session survives a reload, no token in storage', async () => {
    const { context, page, cspViolations } = await phone(browser);
    try {
      await logInAndReachHome(page, 'phone', owners.zhang);
      const text = await page.locator('main').innerText();
      expect(text).toContain('业主：张三');
      expect(text).toContain('1栋 2单元 301');
      expect(text).toContain('地库 B-017');
      // The refresh token is an HttpOnly cookie: not readable by the page, not in storage.
      const readable = await readableStorage(page);
      expect(readable).not.toContain('gongjue_refresh');
      expect(readable).not.toMatch(/rt_|eyJ/);
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'gongjue_refresh')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/v1/auth/refresh' });

      await page.reload();
      await page.getByRole('heading', { name: '阳光花园' }).waitFor();

      // English is one tap away.
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'My homes' }).waitFor();
      await screenshot(page, 'phone-4-home-english');
      await page.getByRole('button', { name: '切换到中文' }).click();

      await page.getByRole('link', { name: '返回首页' }).click();
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('heading', { name: '用手机号登录' }).waitFor();
      await page.goto(`${base}/`);
      await page.getByRole('heading', { name: '用手机号登录' }).waitFor();
      expect(await cspViolations()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('at 200 % text: the same walk, text twice as large, nothing scrolls sideways', async () => {
    const { context, page, cspViolations } = await phone(browser, { textScale: 2 });
    try {
      await page.goto(`${base}/login`);
      await page.getByRole('heading', { name: '用手机号登录' }).waitFor();
      expect(await bodyFontSize(page)).toBe('36px');
      await logInAndReachHome(page, 'text-200', owners.li, 2);
      expect(await page.locator('main').innerText()).toContain('业主：李四');
      expect(await cspViolations()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('keyboard only: Tab from field to button in reading order, Enter sends and logs in', async () => {
    const { context, page } = await phone(browser);
    try {
      await page.goto(`${base}/login`);
      await page.getByRole('heading', { name: '用手机号登录' }).waitFor();
      const focused = () => page.evaluate(() => {
        const el = (globalThis as unknown as { document: { activeElement: { id: string; textContent: string | null } | null } }).document.activeElement;
        return el?.id || el?.textContent?.trim() || '';
      });
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('login-phone');
      await page.keyboard.type(owners.wang.phone);
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('获取验证码');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: '验证码已发到' }).waitFor();
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('login-code');
      await page.keyboard.type(await lastCodeFor(t, owners.wang.phone));
      await page.keyboard.press('Enter'); // submits the form
      await page.getByRole('heading', { name: '业主大会表决' }).waitFor();
      // On to 我的房产 by keyboard too.
      for (let i = 0; i < 20 && (await focused()) !== '我的房产'; i++) await page.keyboard.press('Tab');
      expect(await focused()).toBe('我的房产');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: '阳光花园' }).waitFor();
      expect(await page.locator('main').innerText()).toContain('2栋 101');
    } finally {
      await context.close();
    }
  });
});
