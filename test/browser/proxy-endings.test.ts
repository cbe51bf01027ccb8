import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { expectOwnerFriendly, launchChromium, phone, screenshot } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import { li, wang, zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, type Session, signedIn, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Written proxies end and are used (issue 16): an organiser rejects a registered proxy from the
 * console with a written reason, after a confirmation; the holder — who owns nothing in the
 * estate — votes for the owner from the owner app (the proxy's written choice fixed, the other
 * chosen), reviews and confirms, and gets a receipt; the grantor sees the proxy in the app and
 * revokes it after a review step that says the votes already cast stand until they vote.
 */
const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const scan = { url: 'https://files.example/scan/proxy.pdf', sha256: 'b'.repeat(64) };
let t: TestApp;
let browser: Browser;
let base: string;
let estateId: string;
let meetingId: string;
let motionIds: string[];
let organiser: Session;
let holder: Session;
let grantor: Session;
let boundProxy: string;
let pendingProxy: string;

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  estateId = p.estateA;
  await importRegistry(t, p.staffA, estateId, [
    { registryNo: 'R-1', building: '1栋', room: '101', area: '100.00', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', room: '102', area: '90.00', owners: [wang] },
    { registryNo: 'R-3', building: '1栋', room: '103', area: '80.00', owners: [li] },
  ]);
  organiser = await appointed(t, p.staffA, estateId, 'organiser');
  const opened = await openMeeting(t, clock, START, organiser.accessToken, estateId, [
    { matter: 'other_major', kind: 'yes_no', title: '加装门禁系统' },
    { matter: 'property_manager', kind: 'options', title: '选聘物业服务企业', options: [{ id: 'a', label: '甲物业' }, { id: 'b', label: '乙物业' }] },
  ]);
  meetingId = opened.meetingId;
  motionIds = opened.motionIds;
  await t.testDatabase.database.db.updateTable('meetings').set({ title: '阳光花园 2026 年第二次业主大会' }).where('id', '=', meetingId).execute();
  const ownerId = async (name: string) =>
    (await t.testDatabase.database.db.selectFrom('owners').select('id').where('name', '=', name).where('estate_id', '=', estateId).executeTakeFirstOrThrow()).id;
  const register = async (name: string, instructions: Record<string, string> | null) => {
    const answer = await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${meetingId}/proxies`,
      headers: bearer(organiser.accessToken),
      payload: { grantorOwnerId: await ownerId(name), holderPhone: '13700008888', instructions, document: scan },
    });
    expect(answer.statusCode).toBe(201);
    return answer.json().id as string;
  };
  boundProxy = await register(zhang.name, { [motionIds[0]!]: 'oppose' });
  expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/proxies/${boundProxy}/approve`, headers: bearer(organiser.accessToken) })).statusCode).toBe(200);
  pendingProxy = await register(wang.name, null);
  holder = await signedIn(t, '13700008888');
  grantor = await verifiedOwner(t, zhang);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signedInPhone(session: Session): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await phone(browser);
  await opened.context.addCookies([{ name: 'gongjue_refresh', value: session.refreshToken, domain: '127.0.0.1', path: '/v1/auth/refresh', httpOnly: true, sameSite: 'Strict' }]);
  return opened;
}

const proxyBallots = () => t.testDatabase.database.db.selectFrom('ballots').select(['motion_id', 'choice', 'channel']).where('proxy_id', '=', boundProxy).orderBy('cast_at').execute();
const card = (page: Page, title: string) => page.locator('section.card', { has: page.getByRole('heading', { name: title }) });

describe('proxies in the console and the owner app', () => {
  it('the console rejects a registered proxy with a written reason, after a confirmation; the list shows its state', async () => {
    const { context, page } = await signedInConsole(browser, base, organiser);
    try {
      await page.goto(`${base}/console/estates/${estateId}/paper/${meetingId}`);
      const row = page.locator(`[data-proxy="${pendingProxy}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain('待审核');
      await row.getByRole('button', { name: '退回' }).click();
      // No reason, no rejection: the page says so and sends nothing.
      await row.getByRole('button', { name: '确认退回' }).click();
      await page.getByText('请写明原因。').waitFor();
      await row.getByLabel('退回原因，例如：签名与登记不符').fill('委托书缺少业主签名');
      await expectConsoleClean(page, 'proxy: reject form');
      await screenshot(page, 'proxy-console-1-reject-form');
      await row.getByRole('button', { name: '确认退回' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await dialog.innerText()).toContain('委托书缺少业主签名');
      await dialog.getByRole('button', { name: '确认退回' }).click();
      await page.getByText('委托书已退回。').waitFor();
      await expect.poll(() => page.locator(`[data-proxy="${pendingProxy}"]`).getAttribute('data-status')).toBe('rejected');
      const after = await page.locator(`[data-proxy="${pendingProxy}"]`).innerText();
      expect(after).toContain('未通过');
      expect(after).toContain('原因：委托书缺少业主签名');
      expect(await page.locator(`[data-proxy="${pendingProxy}"]`).getByRole('button', { name: '退回' }).count()).toBe(0);
      // The approved, unused one may still be rejected or revoked.
      const approved = page.locator(`[data-proxy="${boundProxy}"]`);
      expect(await approved.getByRole('button', { name: '退回' }).count()).toBe(1);
      expect(await approved.getByRole('button', { name: '撤销委托' }).count()).toBe(1);
      await expectConsoleClean(page, 'proxy: rejected');
      await screenshot(page, 'proxy-console-2-rejected');
      const stored = await t.testDatabase.database.db.selectFrom('proxies').select(['status', 'end_reason']).where('id', '=', pendingProxy).executeTakeFirstOrThrow();
      expect(stored).toEqual({ status: 'rejected', end_reason: '委托书缺少业主签名' });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('the holder, owning nothing here, votes for the owner: the written choice fixed, the other chosen, reviewed, confirmed, a receipt', async () => {
    const { context, page } = await signedInPhone(holder);
    try {
      await page.goto(`${base}/proxies`);
      await page.getByRole('heading', { level: 1, name: '委托投票' }).waitFor();
      const held = page.locator(`[data-proxy="${boundProxy}"]`);
      const text = await held.innerText();
      expect(text).toContain('委托人：张*');
      expect(text).toContain('会议：阳光花园 2026 年第二次业主大会');
      expect(text).toContain('委托书状态：已生效');
      await expectOwnerFriendly(page, 'proxies: held');
      await screenshot(page, 'proxy-owner-1-held');

      await held.getByRole('link', { name: '代为投票' }).click();
      await page.getByRole('heading', { level: 1, name: '代业主投票' }).waitFor();
      const first = card(page, '第 1 项：加装门禁系统');
      expect(await first.innerText()).toContain('委托书写明：反对');
      expect(await first.getByRole('button', { name: /同意/ }).count()).toBe(0); // fixed: no picker
      await card(page, '第 2 项：选聘物业服务企业').getByRole('button', { name: /乙物业/ }).click();
      await expectOwnerFriendly(page, 'proxies: choose');
      await screenshot(page, 'proxy-owner-2-choose');

      await page.getByRole('button', { name: '下一步：核对' }).click();
      await page.getByRole('heading', { level: 1, name: '核对代投内容' }).waitFor();
      const review = await page.locator('main').innerText();
      expect(review).toContain('将提交：反对');
      expect(review).toContain('将提交：乙物业');
      expect(await proxyBallots()).toEqual([]); // nothing sent before 确认提交
      await expectOwnerFriendly(page, 'proxies: review');
      await screenshot(page, 'proxy-owner-3-review');

      await page.getByRole('button', { name: '确认提交' }).click();
      await page.getByRole('heading', { level: 1, name: '代投回执' }).waitFor();
      const receipt = await page.locator('main').innerText();
      expect(receipt).toContain('代投已提交');
      expect(receipt).toMatch(/回执码：[0-9a-f]{64}/);
      await expectOwnerFriendly(page, 'proxies: receipt');
      await screenshot(page, 'proxy-owner-4-receipt');
      expect(await proxyBallots()).toEqual([
        { motion_id: motionIds[0], choice: 'oppose', channel: 'proxy' },
        { motion_id: motionIds[1], choice: 'b', channel: 'proxy' },
      ]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('the grantor sees the proxy and revokes it after a review step saying the votes cast stand until they vote', async () => {
    const { context, page } = await signedInPhone(grantor);
    try {
      await page.goto(`${base}/proxies`);
      await page.getByRole('heading', { level: 1, name: '委托投票' }).waitFor();
      const given = page.locator(`[data-granted="${boundProxy}"]`);
      const text = await given.innerText();
      expect(text).toContain('受托人手机：137****8888');
      expect(text).toContain('受托人已代投 2 项，仍然有效');
      await given.getByRole('button', { name: '撤销委托' }).click();
      const review = page.getByRole('group', { name: '确认撤销委托' });
      await review.waitFor();
      expect(await review.innerText()).toContain('受托人已经代您投了 2 项，这些票仍然有效');
      expect((await t.testDatabase.database.db.selectFrom('proxies').select('status').where('id', '=', boundProxy).executeTakeFirstOrThrow()).status).toBe('approved');
      await expectOwnerFriendly(page, 'proxies: revoke review');
      await screenshot(page, 'proxy-owner-5-revoke-review');
      await review.getByRole('button', { name: '确认撤销' }).click();
      await page.getByText('委托已撤销。受托人不能再代您投票。').waitFor();
      expect(await page.locator(`[data-granted="${boundProxy}"]`).innerText()).toContain('委托书状态：已撤销');
      await expectOwnerFriendly(page, 'proxies: revoked');
      await screenshot(page, 'proxy-owner-6-revoked');
      expect((await t.testDatabase.database.db.selectFrom('proxies').select(['status', 'revoked_by_owner']).where('id', '=', boundProxy).executeTakeFirstOrThrow()).status).toBe('revoked');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('the holder is told in the app: the message says the proxy was revoked and the votes cast stand, and opens the proxy, shown revoked', async () => {
    // A new sign-in: the holder's first refresh token was spent by the voting test (tokens rotate).
    const { context, page } = await signedInPhone(await signedIn(t, '13700008888'));
    try {
      await page.goto(`${base}/messages`);
      await page.getByRole('heading', { level: 1, name: '消息' }).waitFor();
      const message = page.getByRole('button', { name: /已撤销对您的投票委托/ });
      await message.waitFor();
      const text = await message.innerText();
      expect(text).toContain('委托已被撤销，您不能再代其投票');
      expect(text).toContain('您此前代其投出的2项表决仍然有效，除非业主本人另行投票');
      expect(text).toContain('张*');
      expect(text).not.toContain(zhang.name);
      await expectOwnerFriendly(page, 'proxies: the holder told');
      await screenshot(page, 'proxy-owner-7-holder-told');
      await message.click();
      await page.waitForURL(`**/proxies/${boundProxy}`);
      await page.getByText('委托书状态：已撤销').waitFor();
      await expectOwnerFriendly(page, 'proxies: the holder’s revoked proxy');
    } finally {
      await context.close();
    }
  }, 120_000);
});
