import { createServer } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { notifyOwner } from '../../src/notifications/outbox.ts';
import { developmentFaceProvider } from '../../src/identity/face/development.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { type DisplayMode, expectOwnerFriendly, launchChromium, phone, screenshot } from '../helpers/browser.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, wang, zhang, zhao } from '../factories/cast.ts';
import { closeAndPublish, draftMeeting, noticedMeeting, openVotingOf, publishNoticeOf } from '../factories/meetings.ts';
import { appointed, type Session, signedIn, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * The owner app around the meetings, on a 375 × 667 phone in WeChat: home groups the meetings of
 * the owner's estate (voting now with the time left, coming up, finished with the results) and
 * never shows a draft or another estate's meeting; the unread messages lead to the inbox;
 * settings switch to 标准版 and back; an owner not yet verified verifies with name and ID number
 * (a wrong number is said in a sentence) or by the development face provider, and sees their
 * units and level on /homes. Every page passes expectOwnerFriendly in 长辈版, in 标准版, at 200 %
 * text; one walk by keyboard only. Screenshots: test-artifacts/browser/home-*.png.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The open meeting closes at 20:00 in Shanghai on 20 December; "now" is 3 days 5½ hours before. */
const CLOSES = new Date('2026-12-20T12:00:00Z');
const START = new Date(CLOSES.getTime() - (3 * DAY + 5 * HOUR + 30 * MINUTE));
const clock = manualClock(START);
/** Notices in 张三's inbox besides the meetings' messages: with them the inbox is longer than a page (20). */
const OLD_NOTICES = 20;

const TITLES = {
  published: '2026年第一次业主大会',
  open: '2026年第二次业主大会',
  upcoming: '更换电梯的临时会议',
  draft: '草稿：还没有公告的会议',
  otherEstate: '翠湖苑业主大会',
};

let t: TestApp;
let browser: Browser;
let base: string;
const ids: Record<keyof typeof TITLES, string> = { published: '', open: '', upcoming: '', draft: '', otherEstate: '' };
let owner: Session;

/** A free port on this machine: the service's public address must be known before it starts (face checks return only there). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  browser = await launchChromium();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  t = await createTestApp({ clock, face: developmentFaceProvider(), env: { PUBLIC_BASE_URL: base } });
  const p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [
    { registryNo: 'R-1', building: '1栋', stair: '2单元', room: '301', area: '89.50', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', stair: '2单元', room: '302', area: '89.50', owners: [li] },
    { registryNo: 'R-3', building: '2栋', room: '101', area: '120.25', owners: [wang] },
  ]);
  await importRegistry(t, p.staffB, p.estateB, [{ registryNo: 'B-1', building: '9栋', room: '901', area: '70.00', owners: [zhao] }]);
  // Twenty old notices of the committee to 张三, without a link: the inbox holds more than a page.
  const db = t.testDatabase.database.db;
  const zhangOwner = await db.selectFrom('owners').select('id').where('estate_id', '=', p.estateA).where('name', '=', zhang.name).executeTakeFirstOrThrow();
  for (let n = 1; n <= OLD_NOTICES; n++) {
    const now = new Date(START.getTime() - (200 - n) * DAY);
    await inTransaction(db, (trx) =>
      notifyOwner(trx, zhangOwner.id, { estateId: p.estateA, topic: 'test.notice', kind: 'tally_discrepancy', params: {}, subjectId: zhangOwner.id, body: `【阳光花园业委会】第 ${n} 号通知：小区公告栏已更新。`, now }),
    );
  }
  const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  const organiserB = await appointed(t, p.staffB, p.estateB, 'organiser');

  /** A meeting of the estate noticed 16 days before voting opens, then opened. */
  const openedMeeting = async (title: string, opensAt: Date, closesAt: Date, motions: object[]) => {
    clock.set(new Date(opensAt.getTime() - 16 * DAY));
    const id = await draftMeeting(t, organiser.accessToken, p.estateA, { title, votingOpensAt: opensAt, votingClosesAt: closesAt, motions });
    await publishNoticeOf(t, organiser.accessToken, id);
    clock.set(opensAt);
    await openVotingOf(t, organiser.accessToken, id);
    return id;
  };
  const yesNo = (title: string) => ({ matter: 'other_major', kind: 'yes_no', title });

  const pastCloses = new Date(START.getTime() - 50 * DAY);
  ids.published = await openedMeeting(TITLES.published, new Date(pastCloses.getTime() - 10 * DAY), pastCloses, [yesNo('续聘物业服务企业')]);
  await closeAndPublish(t, clock, organiser.accessToken, ids.published, pastCloses);
  ids.open = await openedMeeting(TITLES.open, new Date(CLOSES.getTime() - 10 * DAY), CLOSES, [yesNo('增设电动车充电桩'), yesNo('维修屋面防水')]);
  clock.set(START);
  ids.upcoming = await noticedMeeting(t, clock, organiser.accessToken, p.estateA, { title: TITLES.upcoming });
  ids.draft = await draftMeeting(t, organiser.accessToken, p.estateA, { title: TITLES.draft, votingOpensAt: new Date(START.getTime() + 40 * DAY), votingClosesAt: new Date(START.getTime() + 50 * DAY), motions: [] });
  ids.otherEstate = await noticedMeeting(t, clock, organiserB.accessToken, p.estateB, { title: TITLES.otherEstate });

  owner = await verifiedOwner(t, zhang);
  // 张三 has voted on one of the two motions open now.
  const mine = await myBallots(t, owner.accessToken, ids.open);
  expect((await castBallot(t, owner.accessToken, ids.open, mine[0]!.motionId, mine[0]!.voterId, 'agree')).statusCode).toBe(201);

  await t.app.listen({ host: '127.0.0.1', port });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/**
 * A phone already logged in as `session`: its refresh cookie, as logging in in the browser leaves it
 * (owner-app.test.ts walks the login). A refresh token is used once: each phone gets a session of its own.
 */
async function phoneOf(session: Session, options: { textScale?: number; mode?: DisplayMode } = {}): Promise<{ context: BrowserContext; page: Page; cspViolations: () => Promise<string[]> }> {
  const opened = await phone(browser, options);
  await opened.context.addCookies([{ name: 'gongjue_refresh', value: session.refreshToken, url: `${base}/v1/auth/refresh`, httpOnly: true, sameSite: 'Strict' }]);
  return opened;
}

const mainText = (page: Page) => page.locator('main').innerText();

async function reachHome(page: Page) {
  await page.goto(`${base}/`);
  await page.getByRole('heading', { name: '正在表决' }).waitFor();
}

describe('home, homes, messages and settings of a verified owner', () => {
  it('home groups the meetings — voting now with the time left and progress, coming up, finished with the results — and never a draft or another estate’s', async () => {
    const { context, page, cspViolations } = await phoneOf(await signedIn(t, owner.phone));
    try {
      await reachHome(page);
      const text = await mainText(page);
      expect(text).toContain(TITLES.open);
      expect(text).toContain('还剩 3 天 5 小时，12月20日 20:00 截止');
      expect(text).toContain('您可以表决 2 项，已表决 1 项，还有 1 项没有表决。');
      expect(text).toContain(TITLES.upcoming);
      expect(text).toMatch(/\d+月\d+日 \d\d:\d\d 开始投票/);
      expect(text).toContain(TITLES.published);
      expect(text).toContain('表决结果已公布。');
      expect(text).not.toContain(TITLES.draft);
      expect(text).not.toContain(TITLES.otherEstate);
      expect(text).not.toContain('您还不能在网上投票');
      // The groups in order, each meeting under its own heading.
      expect(text.indexOf('正在表决')).toBeLessThan(text.indexOf(TITLES.open));
      expect(text.indexOf(TITLES.open)).toBeLessThan(text.indexOf('即将开始'));
      expect(text.indexOf('即将开始')).toBeLessThan(text.indexOf(TITLES.upcoming));
      expect(text.indexOf(TITLES.upcoming)).toBeLessThan(text.indexOf('已经结束'));
      expect(text.indexOf('已经结束')).toBeLessThan(text.indexOf(TITLES.published));
      expect(await page.getByRole('link', { name: '去表决' }).getAttribute('href')).toBe(`/meetings/${ids.open}`);
      expect(await page.getByRole('link', { name: '查看会议公告' }).getAttribute('href')).toBe(`/meetings/${ids.upcoming}`);
      expect(await page.getByRole('link', { name: '查看表决结果' }).getAttribute('href')).toBe(`/meetings/${ids.published}/results`);
      expect(await page.getByRole('link', { name: /^消息/ }).innerText()).toMatch(/\d+ 条未读/);
      await expectOwnerFriendly(page, 'home');
      await screenshot(page, 'home-1-home');

      await page.getByRole('link', { name: '我的房产' }).click();
      await page.getByRole('heading', { name: '阳光花园' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/homes');
      const homes = await mainText(page);
      expect(homes).toContain('业主：张三');
      expect(homes).toContain('认证方式：姓名、证件号码和登记信息');
      expect(homes).toContain('1栋 2单元 301');
      expect(homes).toContain('专有部分面积 89.50 ㎡');
      expect(homes).toContain('计 1 人，面积 89.50 ㎡');
      expect(homes).toMatch(/1\d\d\*{4}\d{4}（本机）/);
      await expectOwnerFriendly(page, 'homes');
      await screenshot(page, 'home-2-homes');
      // Unbinding asks first, and says what happens; not unbinding changes nothing.
      await page.getByRole('button', { name: '解除本机与 张三 的绑定' }).click();
      await page.getByRole('heading', { name: '确定要解除绑定吗？' }).waitFor();
      expect(await mainText(page)).toContain('已经投出的票仍然有效');
      await expectOwnerFriendly(page, 'homes, unbinding asked');
      await screenshot(page, 'home-3-unbind-asked');
      await page.getByRole('button', { name: '不解除' }).click();
      await page.getByRole('button', { name: '解除本机与 张三 的绑定' }).waitFor();
      expect(await cspViolations()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('the unread count leads to the inbox; opening a message marks it read and follows its link; all can be marked read', async () => {
    const { context, page } = await phoneOf(await signedIn(t, owner.phone));
    try {
      await reachHome(page);
      const before = Number((await page.getByRole('link', { name: /^消息/ }).innerText()).match(/(\d+) 条未读/)![1]);
      expect(before).toBeGreaterThan(OLD_NOTICES);
      await page.getByRole('link', { name: /^消息/ }).click();
      await page.getByRole('heading', { name: '消息' }).waitFor();
      await page.getByText(`${before} 条未读`).waitFor();
      const first = page.locator('.message').first();
      expect(await first.innerText()).toContain('未读');
      await expectOwnerFriendly(page, 'messages');
      await screenshot(page, 'home-4-messages');

      // The newest: the notice that this phone was bound to 张三, whose link opens the phones bound.
      expect(await first.innerText()).toContain('已通过');
      await first.click();
      await page.waitForURL(/\/homes$/);
      await page.goBack();
      await page.getByText(`${before - 1} 条未读`).waitFor();
      expect(await page.locator('.message').first().innerText()).toMatch(/^○?\s*已读/);
      // A meeting's message opens the meeting.
      await page.locator('.message--unread').first().click();
      await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
      await page.goBack();
      await page.getByText(`${before - 2} 条未读`).waitFor();

      // More than a page: the rest on asking ("加载更多"), never by scrolling alone.
      expect(await page.locator('.message').count()).toBe(20);
      await page.getByRole('button', { name: '加载更多' }).click();
      await page.getByText('没有更多消息了。').waitFor();
      // Every message was unread when the test began: all of them are listed now.
      expect(await page.locator('.message').count()).toBe(before);
      const oldest = page.locator('.message').last();
      expect(await oldest.innerText()).toContain('第 1 号通知');
      // A message without a link: opening it marks it read, and the page stays.
      await oldest.click();
      await page.getByText(`${before - 3} 条未读`).waitFor();
      expect(new URL(page.url()).pathname).toBe('/messages');
      expect(await oldest.innerText()).toMatch(/已读/);
      await screenshot(page, 'home-4b-messages-more');

      await page.getByRole('button', { name: '全部标为已读' }).click();
      await page.getByText('全部已读').waitFor();
      expect(await page.locator('.message--unread').count()).toBe(0);
      await screenshot(page, 'home-5-messages-read');
      await page.getByRole('link', { name: '返回首页' }).click();
      await page.getByText('没有未读消息').waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('settings: 标准版 is one tap away, every page passes in it, and 长辈版 comes back', async () => {
    const { context, page } = await phoneOf(await signedIn(t, owner.phone));
    try {
      await reachHome(page);
      await page.getByRole('link', { name: '设置' }).click();
      await page.getByRole('heading', { name: '设置' }).waitFor();
      await page.getByText('给“张三”发提醒：开').waitFor();
      expect(await mainText(page)).toContain('关怀模式');
      await expectOwnerFriendly(page, 'settings');
      await screenshot(page, 'home-6-settings');

      // Reminders off and on again: the notices are always sent, only reminders can be refused.
      await page.getByRole('button', { name: '关闭提醒' }).click();
      await page.getByText('给“张三”发提醒：关').waitFor();
      await page.getByRole('button', { name: '打开提醒' }).click();
      await page.getByText('给“张三”发提醒：开').waitFor();

      await page.getByRole('button', { name: /标准版/ }).click();
      expect(await page.getByRole('button', { name: /标准版/ }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { dataset: { mode?: string } } } }).document.documentElement.dataset.mode)).toBe('standard');
      await expectOwnerFriendly(page, 'settings in 标准版', { mode: 'standard' });
      await screenshot(page, 'home-7-settings-standard');
      for (const [path, heading] of [['/', '正在表决'], ['/homes', '阳光花园'], ['/messages', '消息'], ['/verify', '实名认证']] as const) {
        await page.goto(`${base}${path}`);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
        await expectOwnerFriendly(page, `${path} in 标准版`, { mode: 'standard' });
        await screenshot(page, `home-8-standard${path.replace(/\//g, '-')}`);
      }
      await page.goto(`${base}/settings`);
      await page.getByRole('button', { name: /长辈版/ }).click();
      expect(await page.getByRole('button', { name: /长辈版/ }).getAttribute('aria-pressed')).toBe('true');
      await expectOwnerFriendly(page, 'settings back in 长辈版');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('at 200 % text: home, homes, messages, settings and verify keep every word and scroll only down', async () => {
    const { context, page } = await phoneOf(await signedIn(t, owner.phone), { textScale: 2 });
    try {
      for (const [path, heading] of [['/', '正在表决'], ['/homes', '阳光花园'], ['/messages', '消息'], ['/settings', '设置'], ['/verify', '实名认证']] as const) {
        await page.goto(`${base}${path}`);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
        await expectOwnerFriendly(page, `${path} at 200 %`, { textScale: 2 });
        await screenshot(page, `home-9-text-200${path.replace(/\//g, '-')}`);
      }
    } finally {
      await context.close();
    }
  }, 120_000);

  it('keyboard only: from home to settings and 标准版 and back, to the inbox and a message', async () => {
    const { context, page } = await phoneOf(await signedIn(t, owner.phone));
    const focused = () =>
      page.evaluate(() => {
        const el = (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement;
        return el?.textContent?.trim() ?? '';
      });
    const tabTo = async (pattern: RegExp) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (pattern.test(await focused())) return;
      }
      throw new Error(`Tab never reached ${pattern}`);
    };
    try {
      await reachHome(page);
      await tabTo(/^设置$/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: '设置' }).waitFor();
      await tabTo(/^标准版/);
      await page.keyboard.press('Enter');
      expect(await page.getByRole('button', { name: /标准版/ }).getAttribute('aria-pressed')).toBe('true');
      await page.keyboard.press('Shift+Tab');
      expect(await focused()).toMatch(/长辈版/);
      await page.keyboard.press('Space');
      expect(await page.getByRole('button', { name: /长辈版/ }).getAttribute('aria-pressed')).toBe('true');
      await tabTo(/^返回首页$/).catch(async () => {
        // The back link is first on the page: from the end, Tab wraps round to it through the browser's own stops.
        await page.goto(`${base}/`);
      });
      if (new URL(page.url()).pathname !== '/') {
        await page.keyboard.press('Enter');
      }
      await page.getByRole('heading', { name: '正在表决' }).waitFor();
      await tabTo(/^消息/);
      await page.keyboard.press('Enter');
      await page.locator('.message').first().waitFor();
      await tabTo(/^[●○]\s*(已读|未读)/);
      // The newest message: the notice of this phone's binding, which opens 我的房产.
      expect(await focused()).toContain('已通过');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/homes$/);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe('verifying on the phone', () => {
  it('an owner not yet verified is asked to, reads back what they typed, is told plainly when the number is wrong, and lands on their homes with the level', async () => {
    const li1 = await signedIn(t, '13812340001');
    const { context, page, cspViolations } = await phoneOf(li1);
    try {
      await page.goto(`${base}/`);
      await page.getByRole('heading', { name: '请先完成实名认证' }).waitFor();
      expect(await mainText(page)).not.toContain(TITLES.open);
      await expectOwnerFriendly(page, 'home, not verified');
      await screenshot(page, 'home-10-not-verified');
      await page.getByRole('link', { name: '去实名认证' }).click();
      await page.getByRole('heading', { name: '实名认证', exact: true }).waitFor();
      expect(await mainText(page)).toContain('带身份证到业委会或街道办事处现场认证');
      await expectOwnerFriendly(page, 'verify');
      await screenshot(page, 'home-11-verify');

      // A wrong number: refused in a sentence that says what to do.
      await page.fill('#verify-name', li.name);
      await page.fill('#verify-id-number', wang.id);
      await page.getByRole('button', { name: '下一步：核对信息' }).click();
      await page.getByRole('heading', { name: '请核对您填写的信息' }).waitFor();
      expect(await mainText(page)).toContain(`居民身份证：${wang.id}`);
      await expectOwnerFriendly(page, 'verify, review');
      await screenshot(page, 'home-12-verify-review');
      await page.getByRole('button', { name: '确认无误，提交认证' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('姓名或证件号码与房产登记的不一致');
      await expectOwnerFriendly(page, 'verify, refused');
      await screenshot(page, 'home-13-verify-refused');

      await page.fill('#verify-id-number', li.id);
      await page.getByRole('button', { name: '下一步：核对信息' }).click();
      await page.getByRole('button', { name: '确认无误，提交认证' }).click();
      await page.getByRole('heading', { name: '阳光花园' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/homes');
      const homes = await mainText(page);
      expect(homes).toContain('业主：李四');
      expect(homes).toContain('1栋 2单元 302');
      expect(homes).toContain('认证方式：姓名和证件号码');
      // Name and number alone: the estate takes no online vote on it (the service says so), and the way on is said.
      expect(homes).toContain('这种认证方式还不能在本小区网上投票');
      await expectOwnerFriendly(page, 'homes after verifying');
      await screenshot(page, 'home-14-verified-homes');

      // Home now shows the estate's meetings, and that online votes need more.
      await page.getByRole('link', { name: '返回首页' }).click();
      await page.getByText(TITLES.open).waitFor();
      expect(await mainText(page)).toContain('您还不能在网上投票');
      expect(await mainText(page)).toContain('这次会议的网上投票要求更可靠的认证');
      await expectOwnerFriendly(page, 'home, verified by name and number');
      await screenshot(page, 'home-14b-home-knowledge');

      // Unbinding this phone: asked, then done; every session ends, so the login page.
      await page.goto(`${base}/homes`);
      await page.getByRole('button', { name: '解除本机与 李四 的绑定' }).click();
      await page.getByRole('button', { name: '确定解除' }).click();
      await page.getByRole('heading', { name: '用手机号登录' }).waitFor();
      expect(await cspViolations()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('the face check: to the provider and back to /verify/face, which reads the outcome from the service and shows it', async () => {
    const wang1 = await signedIn(t, '13812340002');
    const { context, page, cspViolations } = await phoneOf(wang1);
    try {
      await page.goto(`${base}/verify`);
      await page.getByRole('heading', { name: '刷脸认证', exact: true }).waitFor();
      await page.fill('#verify-name', wang.name);
      await page.fill('#verify-id-number', wang.id);
      await page.getByRole('button', { name: '去刷脸认证' }).click();
      // The development provider sends the owner straight back, as a real one does after the face.
      await page.waitForURL(/\/verify\/face\?token=dev-/);
      await page.getByText('认证成功').waitFor();
      expect(await mainText(page)).toContain('阳光花园 业主 王五');
      await expectOwnerFriendly(page, 'face check returned');
      await screenshot(page, 'home-15-face-done');
      await page.getByRole('link', { name: '查看我的房产' }).click();
      await page.getByRole('heading', { name: '阳光花园' }).waitFor();
      const homes = await mainText(page);
      expect(homes).toContain('2栋 101');
      expect(homes).toContain('认证方式：人脸核身');

      // Back on the return page with the check used up: said plainly, with the way back.
      await page.goto(`${base}/verify/face?token=x`);
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('请回到实名认证页重新开始');
      await expectOwnerFriendly(page, 'face return without a check');
      expect(await cspViolations()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
