import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from '../../src/routes/auth.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { ARTIFACTS, type DisplayMode, expectOwnerFriendly, launchChromium, phone, screenshot } from '../helpers/browser.ts';
import * as inPage from '../helpers/in-page.js';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, signedIn, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * The 表决回执 on a 375 × 667 phone in WeChat, opened from a link with a session (the refresh
 * cookie): the owner's standing ballots with the receipt codes the API gave, a picture of it
 * to keep (a PNG drawn by the app, under the app's CSP), in 长辈版, 标准版 and at 200 % text.
 */
const DAY = 24 * 3_600_000;
// Voting opened an hour ago on the app's clock, so tokens and times are today's.
const START = new Date(Date.now() - 16 * DAY - 3_600_000);
const clock = manualClock(START);

let t: TestApp;
let browser: Browser;
let base: string;
let meetingId: string;
let voter: { phone: string };
let nonVoter: { phone: string };
/** The receipt code of each motion's standing ballot, as the ballot route answered. */
const receipts: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [
    { registryNo: 'R-1', building: '1栋', stair: '2单元', room: '301', area: '89.50', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', stair: '2单元', room: '302', area: '89.50', owners: [li] },
  ]);
  const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  const owner = await verifiedOwner(t, zhang);
  nonVoter = await verifiedOwner(t, li);
  voter = owner;
  const opened = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [
    { matter: 'other_major', kind: 'yes_no', title: '增设电动自行车充电桩' },
    { matter: 'property_manager', kind: 'options', title: '选聘物业服务企业', options: [{ id: 'a', label: '甲物业公司' }, { id: 'b', label: '乙物业公司' }] },
    {
      matter: 'committee_election',
      kind: 'election',
      title: '选举业主委员会委员',
      seats: 2,
      candidates: [{ id: 'c1', name: '刘建国' }, { id: 'c2', name: '陈秀英' }, { id: 'c3', name: '周德明' }],
    },
  ]);
  meetingId = opened.meetingId;
  clock.set(new Date(Date.now() - 60_000));
  const [yesNo, options, election] = opened.motionIds as [string, string, string];
  const voterOn = new Map((await myBallots(t, owner.accessToken, meetingId)).map((b) => [b.motionId, b.voterId]));
  const cast = async (motionId: string, choice: string | string[]) => {
    const res = await castBallot(t, owner.accessToken, meetingId, motionId, voterOn.get(motionId)!, choice);
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().receipt as string;
  };
  await cast(yesNo, 'agree');
  clock.set(new Date());
  receipts.push(await cast(yesNo, 'oppose')); // changed: the second one stands
  receipts.push(await cast(options, 'b'));
  receipts.push(await cast(election, ['c1', 'c3']));
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/**
 * The phone as an SMS link finds it: the refresh cookie of an earlier login, no access token
 * yet. A session of its own per phone: refresh tokens are used once (rotated).
 */
async function withSession(context: BrowserContext, owner: { phone: string }) {
  const session = await signedIn(t, owner.phone);
  const { hostname } = new URL(base);
  await context.addCookies([{ name: REFRESH_COOKIE, value: session.refreshToken, domain: hostname, path: REFRESH_COOKIE_PATH, httpOnly: true, sameSite: 'Strict' }]);
}

async function openReceipt(page: Page) {
  await page.goto(`${base}/meetings/${meetingId}/receipt`);
  await page.getByRole('heading', { level: 1, name: '表决回执' }).waitFor();
  await page.getByText('您的表决已提交').waitFor();
}

const shownCodes = (page: Page) => page.locator('.receipt__code').evaluateAll((codes) => codes.map((c) => (c.textContent ?? '').replace(/\s/g, '')));

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the receipt page on a phone in WeChat', () => {
  it('shows each standing ballot with the receipt code the API gave, and saves it as a PNG', async () => {
    const { context, page, cspViolations } = await phone(browser);
    try {
      await withSession(context, voter);
      await openReceipt(page);
      const text = await page.locator('main').innerText();
      expect(text).toContain('您的表决已提交，以最后一次提交为准；表决截止前可以修改');
      expect(text).toContain('第 1 项：增设电动自行车充电桩');
      expect(text).toContain('反对');
      expect(text).toContain('已修改 1 次，以最后一次为准');
      expect(text).toContain('乙物业公司');
      expect(text).toContain('刘建国、周德明');
      expect(text).toContain('网上表决');
      expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
      expect(text).toContain('结果公告后，可以用回执码核对您的表决是否被计入');
      expect(await shownCodes(page)).toEqual(receipts);
      expect(await page.getByRole('link', { name: '查看表决结果' }).getAttribute('href')).toBe(`/meetings/${meetingId}/results`);
      await expectOwnerFriendly(page, 'receipt');
      await screenshot(page, 'receipt-1-elder');

      // 复制回执码: the whole code, without the spaces between its groups.
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      await page.getByRole('button', { name: '复制回执码' }).nth(1).click();
      await page.getByRole('status').filter({ hasText: '回执码已复制' }).waitFor();
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(receipts[1]);

      await page.getByRole('button', { name: '保存为图片' }).click();
      const image = page.getByRole('img', { name: /表决回执图片/ });
      await image.waitFor();
      const src = (await image.getAttribute('src'))!;
      expect(src.startsWith('data:image/png;base64,')).toBe(true);
      const png = Buffer.from(src.slice('data:image/png;base64,'.length), 'base64');
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      const ink = await page.evaluate(inPage.inkedPixels, '.receipt__picture img');
      expect(ink.width).toBe(720);
      expect(ink.inked).toBeGreaterThan(10_000); // text drawn, not a blank page
      // The download link hands over the same picture.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载图片' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^表决回执-.*\.png$/);
      expect(readFileSync(await download.path())).toEqual(png);
      await expectOwnerFriendly(page, 'receipt with its picture');
      await screenshot(page, 'receipt-2-picture');
      writeFileSync(path.join(ARTIFACTS, 'receipt-3-saved.png'), png); // the picture itself, to look at

      expect(await cspViolations()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  for (const [mode, textScale, name] of [['standard', 1, 'standard'], ['elder', 2, 'text-200']] as [DisplayMode, number, string][]) {
    it(`in ${name}: the same receipt, at that mode's sizes`, async () => {
      const { context, page, cspViolations } = await phone(browser, { mode, textScale });
      try {
        await withSession(context, voter);
        await openReceipt(page);
        expect(await shownCodes(page)).toEqual(receipts);
        await expectOwnerFriendly(page, `receipt ${name}`, { mode, textScale });
        await screenshot(page, `receipt-${name}`);
        expect(await cspViolations()).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  }

  it('an owner with no ballot yet is told so and led back to the meeting', async () => {
    const { context, page } = await phone(browser);
    try {
      await withSession(context, nonVoter);
      await page.goto(`${base}/meetings/${meetingId}/receipt`);
      await page.getByRole('heading', { name: '您还没有表决' }).waitFor();
      expect(await page.locator('.receipt__code').count()).toBe(0);
      await expectOwnerFriendly(page, 'receipt, no ballot');
      await screenshot(page, 'receipt-no-ballot');
      await page.getByRole('button', { name: '去表决' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/meetings/${meetingId}`);
    } finally {
      await context.close();
    }
  }, 120_000);
});
