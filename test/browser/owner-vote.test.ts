import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { openSession } from '../../src/identity/sessions.ts';
import { createTestApp, bearer, type TestApp } from '../helpers/app.ts';
import { type DisplayMode, expectOwnerFriendly, launchChromium, phone, screenshot } from '../helpers/browser.ts';
import { runDueJobs, testJobDeps } from '../helpers/jobs.ts';
import { es256Token } from '../helpers/jwt.ts';
import { ownerNumber, type Person } from '../factories/cast.ts';
import { noticedMeeting, openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Voting from a phone (issue 15): a 375 × 667 phone in WeChat opens the meeting from its SMS
 * link, chooses on every kind of motion, checks the choices on the review page and confirms;
 * lands on the receipt; changes a vote and sees "已修改 1 次". The owner sees a paper ballot
 * that replaced their online vote, a level of assurance too low before trying, the close; a
 * ballot whose answer is lost is sent again with the same Idempotency-Key and cast once; a
 * review left open past the access token's life still sends. Every page passes
 * expectOwnerFriendly (长辈版; once 标准版, once at 200 % text) and one walk is keyboard-only.
 */
const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
let t: TestApp;
let browser: Browser;
let base: string;
let meetingId: string;
let motionIds: string[];
let organiser: { accessToken: string };
let committee: { accessToken: string };
let estateId: string;
const people: Person[] = Array.from({ length: 12 }, (_, i) => ownerNumber(i + 1, '19600101'));
type Owner = Awaited<ReturnType<typeof verifiedOwner>>;
const owners: Owner[] = [];

const MOTIONS = [
  {
    matter: 'other_major',
    kind: 'yes_no',
    title: '在地库加装电动车充电桩',
    text: '在地下车库东侧加装 20 个充电桩，费用由使用者承担。',
    documents: [{ name: '充电桩方案', url: 'https://files.example/plan.pdf', sha256: 'c'.repeat(64) }],
  },
  { matter: 'property_manager', kind: 'options', title: '选聘物业服务企业', options: [{ id: 'sun', label: '阳光物业' }, { id: 'moon', label: '月亮物业' }] },
  {
    matter: 'committee_election',
    kind: 'election',
    title: '选举业主委员会委员',
    seats: 3,
    candidates: [{ id: 'c1', name: '刘一' }, { id: 'c2', name: '陈二' }, { id: 'c3', name: '孙三' }, { id: 'c4', name: '周四' }],
  },
  { matter: 'rebuild', kind: 'yes_no', title: '2栋1单元加装电梯', scope: { kind: 'stair', building: '2栋', stair: '1单元' }, liftInstallation: true },
];

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  estateId = p.estateA;
  // Owner 8 lives in 2栋1单元; the others in 1栋, outside the 2栋1单元 lift motion.
  await importRegistry(
    t,
    p.staffA,
    p.estateA,
    [
      ...people.slice(0, 9).map((person, i) => ({
        registryNo: `R-${i + 1}`,
        building: i === 7 ? '2栋' : '1栋',
        stair: '1单元',
        room: String(101 + i),
        area: '89.50',
        owners: [person],
      })),
      // Owners 10 and 11 own one flat together: one shared vote.
      { registryNo: 'R-10', building: '1栋', stair: '1单元', room: '110', area: '120.00', owners: [people[9]!, people[10]!] },
      { registryNo: 'R-11', building: '1栋', stair: '1单元', room: '111', area: '89.50', owners: [people[11]!] },
    ],
  );
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  committee = await appointed(t, p.staffA, p.estateA, 'committee');
  const opened = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, MOTIONS);
  meetingId = opened.meetingId;
  motionIds = opened.motionIds;
  await t.testDatabase.database.db
    .updateTable('meetings')
    .set({ title: '阳光花园 2026 年第一次业主大会', description: '本次会议采用网上投票和纸质表决票两种方式。' })
    .where('id', '=', meetingId)
    .execute();
  // Verified after the opening (the clock is there now), so each session is fresh on the service's clock.
  for (const person of people) owners.push(await verifiedOwner(t, person));
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A phone whose browser holds the owner's session (the refresh cookie, as after logging in): the SMS link opens the meeting directly. */
async function signedInPhone(owner: Owner, options: { textScale?: number; mode?: DisplayMode } = {}): Promise<{ context: BrowserContext; page: Page; cspViolations: () => Promise<string[]> }> {
  const opened = await phone(browser, options);
  await opened.context.addCookies([{ name: 'gongjue_refresh', value: owner.refreshToken, domain: '127.0.0.1', path: '/v1/auth/refresh', httpOnly: true, sameSite: 'Strict' }]);
  return opened;
}

async function openMeetingPage(page: Page) {
  await page.goto(`${base}/meetings/${meetingId}`);
  await page.getByRole('heading', { level: 1, name: '阳光花园 2026 年第一次业主大会' }).waitFor();
}

const card = (page: Page, title: string) => page.locator('section.card', { has: page.getByRole('heading', { name: title, exact: true }) });
const ballotsOfVoter = async (motionId: string, accountId: string) =>
  t.testDatabase.database.db.selectFrom('ballots').select(['id', 'version', 'choice']).where('motion_id', '=', motionId).where('cast_by', '=', accountId).orderBy('version').execute();

async function chooseEverything(page: Page) {
  await card(page, MOTIONS[0]!.title).getByRole('button', { name: /同意/ }).click();
  await card(page, MOTIONS[1]!.title).getByRole('button', { name: /月亮物业/ }).click();
  const election = card(page, MOTIONS[2]!.title);
  await election.getByRole('button', { name: /刘一/ }).click();
  await election.getByRole('button', { name: /孙三/ }).click();
  await expect.poll(() => election.innerText()).toContain('已选 2 / 最多 3');
}

describe('voting from the SMS link on a phone', () => {
  it('chooses on every kind, reviews, confirms, lands on the receipt; a changed vote is reviewed again and shows "已修改 1 次"', async () => {
    const { context, page, cspViolations } = await signedInPhone(owners[0]!);
    try {
      await openMeetingPage(page);
      const text = await page.locator('main').innerText();
      expect(text).toContain('本次会议采用网上投票和纸质表决票两种方式。');
      expect(text).toMatch(/表决时间：2026-12-08 08:00 至 2026-12-22 08:00（Asia\/Shanghai）/);
      expect(text).toContain('正在投票，2026-12-22 08:00 截止');
      expect(text).toContain('参与表决的面积和人数都要达到三分之二，同意的面积和人数都要过半数');
      expect(text).toContain('表决范围：全体业主');
      expect(text).toContain('表决范围：2栋1单元');
      expect(text).toContain('您不在2栋1单元「2栋1单元加装电梯」的表决范围内');
      await expect.poll(() => card(page, MOTIONS[0]!.title).getByRole('link', { name: '打开材料：充电桩方案' }).getAttribute('href')).toBe('https://files.example/plan.pdf');
      // Read aloud where the browser can speak (Chromium has speechSynthesis).
      expect(await page.getByRole('button', { name: '朗读这一项' }).count()).toBe(4);
      await expectOwnerFriendly(page, 'meeting');
      await screenshot(page, 'vote-1-meeting');

      await chooseEverything(page);
      // Election: at most 3 — a fourth is refused with a sentence, not silently.
      const election = card(page, MOTIONS[2]!.title);
      await election.getByRole('button', { name: /陈二/ }).click();
      await election.getByRole('button', { name: /周四/ }).click();
      await election.getByRole('status').filter({ hasText: '已经选满 3 人' }).waitFor();
      expect(await election.getByRole('button', { name: /周四/ }).getAttribute('aria-pressed')).toBe('false');
      await election.getByRole('button', { name: /陈二/ }).click(); // back to two
      expect(await card(page, MOTIONS[0]!.title).getByRole('button', { name: /同意/ }).getAttribute('aria-pressed')).toBe('true');
      await expectOwnerFriendly(page, 'meeting with choices');
      await screenshot(page, 'vote-2-chosen');

      await page.getByRole('button', { name: '下一步：核对我的选择' }).click();
      await reviewReady(page);
      expect(new URL(page.url()).pathname).toBe(`/meetings/${meetingId}/review`);
      const review = await page.locator('main').innerText();
      expect(review).toContain('将提交：同意');
      expect(review).toContain('将提交：月亮物业');
      expect(review).toContain('将提交：刘一、孙三');
      expect(review).not.toContain('2栋1单元加装电梯');
      // Nothing is sent before 确认提交.
      expect(await ballotsOfVoter(motionIds[0]!, owners[0]!.accountId)).toEqual([]);
      await expectOwnerFriendly(page, 'review');
      await screenshot(page, 'vote-3-review');

      // Back to change, and the choices are still there.
      await page.getByRole('button', { name: '返回修改' }).click();
      await page.getByRole('heading', { level: 1, name: '阳光花园 2026 年第一次业主大会' }).waitFor();
      expect(await card(page, MOTIONS[1]!.title).getByRole('button', { name: /月亮物业/ }).getAttribute('aria-pressed')).toBe('true');
      await page.getByRole('button', { name: '下一步：核对我的选择' }).click();
      await page.getByRole('button', { name: '确认提交', exact: true }).click();
      await page.waitForURL(`${base}/meetings/${meetingId}/receipt`);
      await page.getByRole('heading', { level: 1, name: '表决回执' }).waitFor();
      for (const [i, choice] of [[0, 'agree'], [1, 'moon'], [2, ['c1', 'c3']]] as const) {
        expect((await ballotsOfVoter(motionIds[i]!, owners[0]!.accountId)).map((b) => b.choice)).toEqual([choice]);
      }

      // Change one vote: the meeting page, a new choice, the review again.
      await openMeetingPage(page);
      const first = card(page, MOTIONS[0]!.title);
      expect(await first.innerText()).toContain('当前选择：同意');
      expect(await first.innerText()).toContain('通过网上投票提交');
      await first.getByRole('button', { name: /反对/ }).click();
      await page.getByRole('button', { name: '下一步：核对我的选择' }).click();
      await reviewReady(page);
      const again = await page.locator('main').innerText();
      expect(again).toContain('将提交：反对');
      expect(again).toContain('这一项您没有重新选择，保持原来的选择：月亮物业');
      await screenshot(page, 'vote-4-review-change');
      await page.getByRole('button', { name: '确认提交', exact: true }).click();
      await page.waitForURL(`${base}/meetings/${meetingId}/receipt`);
      await openMeetingPage(page);
      const changed = await card(page, MOTIONS[0]!.title).innerText();
      expect(changed).toContain('当前选择：反对');
      expect(changed).toContain('已修改 1 次，以最后一次为准');
      expect(await card(page, MOTIONS[1]!.title).innerText()).not.toContain('已修改');
      await expectOwnerFriendly(page, 'meeting after a change');
      await screenshot(page, 'vote-5-changed');
      expect(await cspViolations()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('shows a paper ballot entered later as the one that stands, replacing the online vote', async () => {
    const owner = owners[1]!;
    const ownerId = await ownerIdOf(people[1]!);
    const voters = await t.testDatabase.database.db.selectFrom('electorate_voters').select(['id', 'owners']).where('motion_id', '=', motionIds[0]!).execute();
    const voterId = voters.find((v) => v.owners.includes(ownerId))!.id;
    expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/motions/${motionIds[0]}/ballots`, headers: bearer(owner.accessToken), payload: { voterId, choice: 'agree' } })).statusCode).toBe(201);
    const entered = await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${meetingId}/motions/${motionIds[0]}/paper-ballots`,
      headers: bearer(organiser.accessToken),
      payload: { voterId, choice: 'oppose', scan: { url: 'https://files.example/scan.pdf', sha256: 'd'.repeat(64) } },
    });
    expect(entered.statusCode, entered.body).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/paper-ballots/${entered.json().id}/confirm`, headers: bearer(committee.accessToken), payload: { choice: 'oppose' } })).statusCode).toBe(200);

    const { context, page } = await signedInPhone(owner);
    try {
      await openMeetingPage(page);
      const text = await card(page, MOTIONS[0]!.title).innerText();
      expect(text).toContain('当前选择：反对');
      expect(text).toContain('已修改 1 次，以最后一次为准');
      expect(text).toContain('以纸质表决票为准');
      expect(text).toContain('替代了之前的网上投票');
      await expectOwnerFriendly(page, 'meeting with a paper ballot');
      await screenshot(page, 'vote-6-paper-stands');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the SMS link asks for the session with the meeting while the app is still downloading, in one request (web/src/owner/boot.ts)', async () => {
    // A second session of an owner the other tests use (its own single-use refresh cookie): nothing is cast here.
    const { refreshToken } = await openSession(t.testDatabase.database.db, owners[1]!.accountId, clock.now());
    const { context, page, cspViolations } = await signedInPhone({ ...owners[1]!, refreshToken });
    try {
      const sent: string[] = [];
      const refreshBodies: unknown[] = [];
      page.on('request', (r) => {
        sent.push(`${r.method()} ${new URL(r.url()).pathname}`);
        if (new URL(r.url()).pathname === '/v1/auth/refresh') refreshBodies.push(r.postDataJSON());
      });
      // Each frame the page paints with the meeting page's own "loading" words on it (checked before every paint).
      await context.addInitScript({
        content: `window.__loadingFrames = 0; const tick = () => { if (document.body && document.body.textContent.includes('正在读取会议')) window.__loadingFrames++; requestAnimationFrame(tick); }; requestAnimationFrame(tick);`,
      });
      // The app's own code arrives late, as on a slow network: what the page asks for meanwhile comes from its first script.
      let appArrived = false;
      const beforeApp: string[] = [];
      await page.route(/\/assets\/owner-[\w-]+\.js$/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        beforeApp.push(...sent.filter((r) => r.includes('/v1/')));
        appArrived = true;
        await route.continue();
      });
      await openMeetingPage(page);
      expect(appArrived).toBe(true);
      const meetingPath = `/v1/meetings/${meetingId}`;
      expect(beforeApp).toEqual(['POST /v1/auth/refresh']);
      expect(refreshBodies).toEqual([{ withMeeting: meetingId }]);
      // The app takes the answers the refresh brought: one refresh per page load (the cookie is single-use), no
      // second read of the meeting or of my ballots — and the page shows them.
      await page.getByRole('button', { name: '下一步：核对我的选择' }).waitFor();
      await card(page, MOTIONS[0]!.title).getByRole('button', { name: /同意/ }).waitFor();
      const count = (request: string) => sent.filter((r) => r === request).length;
      expect(count('POST /v1/auth/refresh')).toBe(1);
      expect(count(`GET ${meetingPath}`)).toBe(0);
      expect(count(`GET ${meetingPath}/my-ballots`)).toBe(0);
      expect(sent.filter((r) => r.includes('favicon'))).toEqual([]);
      // The answers were there before the app: its first frame is the meeting, not "正在读取会议…" first (vote/meeting-data.ts).
      expect(await page.evaluate('window.__loadingFrames')).toBe(0);
      // A reload restores the session again with the rotated cookie, and the choices still work.
      await page.unroute(/\/assets\/owner-[\w-]+\.js$/);
      sent.length = 0;
      await openMeetingPage(page);
      await card(page, MOTIONS[0]!.title).getByRole('button', { name: /同意/ }).click();
      await page.getByRole('button', { name: '下一步：核对我的选择' }).click();
      await page.getByRole('heading', { level: 1, name: '核对我的选择' }).waitFor();
      expect(count('POST /v1/auth/refresh')).toBe(1);
      expect(await cspViolations()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('until the app arrives the page says it is opening, in the owner’s language; the meeting page replaces it (web/index.html)', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const { refreshToken } = await openSession(t.testDatabase.database.db, owners[1]!.accountId, clock.now());
      const { context, page, cspViolations } = await signedInPhone({ ...owners[1]!, refreshToken });
      try {
        // The owner chose English on this phone before (i18n.ts keeps the choice there).
        if (language === 'en') await context.addInitScript({ content: "localStorage.setItem('gongjue.locale', 'en')" });
        // The app's code is held back, as on a slow network, until the page before it has been looked at.
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        await page.route(/\/assets\/owner-[\w-]+\.js$/, async (route) => {
          await held;
          await route.continue();
        });
        await page.goto(`${base}/meetings/${meetingId}`, { waitUntil: 'commit' });
        const [name, words, other] = language === 'en' ? ['Gongjue', 'Opening, please wait…', '正在打开，请稍候…'] : ['共决', '正在打开，请稍候…', 'Opening, please wait…'];
        await page.getByRole('status').filter({ hasText: words }).waitFor();
        await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
        expect(await page.getByText(other).isVisible()).toBe(false);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        await expectOwnerFriendly(page, `opening (${language})`);
        await screenshot(page, `vote-0-opening-${language}`);
        release();
        await page.getByRole('heading', { level: 1, name: '阳光花园 2026 年第一次业主大会' }).waitFor();
        await card(page, MOTIONS[0]!.title).waitFor();
        expect(await page.getByText(words).count()).toBe(0);
        expect(await cspViolations()).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, 60_000);

  it('says the assurance level is too low before the owner tries, and offers no choices', async () => {
    const owner = owners[2]!;
    await t.testDatabase.database.db.updateTable('owner_bindings').set({ level: 'knowledge', factor: null }).where('account_id', '=', owner.accountId).execute();
    const { context, page } = await signedInPhone(owner);
    try {
      await openMeetingPage(page);
      await page.getByRole('alert').filter({ hasText: '您的认证等级不够，请先完成人脸认证或到物业/业委会现场认证' }).waitFor();
      expect(await page.getByRole('link', { name: '去实名认证' }).getAttribute('href')).toBe(`/verify?next=/meetings/${meetingId}`); // and back here once verified
      expect(await page.getByRole('button', { name: /同意/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '下一步：核对我的选择' }).count()).toBe(0);
      await expectOwnerFriendly(page, 'meeting, assurance too low');
      await screenshot(page, 'vote-7-assurance-too-low');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a ballot whose answer is lost on the way is sent again with the same Idempotency-Key, and cast once', async () => {
    const owner = owners[7]!; // 2栋1单元: in the lift motion too
    const { context, page } = await signedInPhone(owner);
    const keys: string[] = [];
    let lost = false;
    try {
      await page.route(`**/v1/meetings/${meetingId}/motions/${motionIds[3]}/ballots`, async (route) => {
        keys.push((await route.request().headerValue('idempotency-key')) ?? '');
        if (lost) return route.continue();
        lost = true;
        // The service casts it, but its answer never reaches the phone.
        await route.fetch();
        return route.abort('connectionreset');
      });
      await openMeetingPage(page);
      await card(page, MOTIONS[3]!.title).getByRole('button', { name: /同意/ }).click();
      await page.getByRole('button', { name: '下一步：核对我的选择' }).click();
      await page.getByRole('button', { name: '确认提交', exact: true }).click();
      await page.waitForURL(`${base}/meetings/${meetingId}/receipt`);
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
      expect(keys[0]).toMatch(/^[A-Za-z0-9._:-]{8,100}$/);
      expect(await ballotsOfVoter(motionIds[3]!, owner.accountId)).toHaveLength(1);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a review left open past the access token’s life still sends: the token is refreshed on the way', async () => {
    const owner = owners[3]!;
    const { context, page } = await signedInPhone(owner);
    try {
      await openMeetingPage(page);
      await card(page, MOTIONS[0]!.title).getByRole('button', { name: /弃权/ }).click();
      const reviewLoad = page.waitForRequest((r) => r.url().includes('/my-ballots'));
      await page.getByRole('button', { name: '下一步：核对我的选择' }).click();
      await page.getByRole('heading', { level: 1, name: '核对我的选择' }).waitFor();
      // 20 minutes later: the token the page holds has expired (access tokens live 15 minutes).
      // The service is shown that token as expired — same claims, signed by its key, exp in the past.
      const held = (await (await reviewLoad).headerValue('authorization'))!;
      const expired = expiredCopyOf(held);
      const seen: number[] = [];
      await page.route('**/v1/**', async (route) => {
        const auth = await route.request().headerValue('authorization');
        if (auth === held) {
          const response = await route.fetch({ headers: { ...(await route.request().allHeaders()), authorization: expired } });
          seen.push(response.status());
          return route.fulfill({ response });
        }
        return route.continue();
      });
      await page.getByRole('button', { name: '确认提交', exact: true }).click();
      await page.waitForURL(`${base}/meetings/${meetingId}/receipt`);
      expect(seen).toContain(401);
      expect((await ballotsOfVoter(motionIds[0]!, owner.accountId)).map((b) => b.choice)).toEqual(['abstain']);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('co-owners see that their vote is shared, who may cast it, and a ballot a co-owner cast', async () => {
    const [a, b] = [owners[9]!, owners[10]!];
    const ownerId = await ownerIdOf(people[9]!);
    const voters = await t.testDatabase.database.db.selectFrom('electorate_voters').select(['id', 'owners']).where('motion_id', '=', motionIds[0]!).execute();
    const voterId = voters.find((v) => v.owners.includes(ownerId))!.id;
    expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/motions/${motionIds[0]}/ballots`, headers: bearer(a.accessToken), payload: { voterId, choice: 'agree' } })).statusCode).toBe(201);
    const { context, page } = await signedInPhone(b);
    try {
      await openMeetingPage(page);
      const text = await card(page, MOTIONS[0]!.title).innerText();
      expect(text).toContain('这一票由 2 位共有人共同行使：任何一位都可以投，以最后一次为准');
      expect(text).toContain('当前选择：同意');
      expect(text).toContain('由其他共有人在网上投出');
      await expectOwnerFriendly(page, 'meeting, co-owner');
      await screenshot(page, 'vote-12-co-owner');
      // In English, the rule in the service's English words.
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByText('Motion 1', { exact: true }).waitFor();
      const english = await card(page, MOTIONS[0]!.title).innerText();
      expect(english).toContain('How it passes: Owners with at least 2/3 of the area');
      expect(english).toContain('2 co-owners share this vote: any of them may cast it; the last one counts.');
      expect(english).toContain('Current choice: Agree');
      await expectOwnerFriendly(page, 'meeting, co-owner, English');
      await screenshot(page, 'vote-12-co-owner-english');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a meeting noticed but not open says when voting opens, and offers no choices', async () => {
    const noticed = await noticedMeeting(t, clock, organiser.accessToken, estateId, { title: '下一次业主大会', opensInDays: 16, closesInDays: 20 });
    const { context, page } = await signedInPhone(owners[11]!);
    try {
      await page.goto(`${base}/meetings/${noticed}`);
      await page.getByRole('heading', { level: 1, name: '下一次业主大会' }).waitFor();
      const text = await page.locator('main').innerText();
      expect(text).toMatch(/投票将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 开始/);
      expect(text).not.toContain('表决范围内');
      expect(await page.getByRole('button', { name: /同意/ }).count()).toBe(0);
      await expectOwnerFriendly(page, 'meeting noticed');
      await screenshot(page, 'vote-13-noticed');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('keyboard only: choose, review and confirm without touching the screen', async () => {
    const owner = owners[4]!;
    const { context, page } = await signedInPhone(owner);
    try {
      await openMeetingPage(page);
      await tabTo(page, '反对');
      await page.keyboard.press('Enter');
      expect(await card(page, MOTIONS[0]!.title).getByRole('button', { name: /反对/ }).getAttribute('aria-pressed')).toBe('true');
      await tabTo(page, '下一步：核对我的选择');
      await page.keyboard.press('Enter');
      await reviewReady(page);
      await tabTo(page, '确认提交');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/meetings/${meetingId}/receipt`);
      expect((await ballotsOfVoter(motionIds[0]!, owner.accountId)).map((b) => b.choice)).toEqual(['oppose']);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('in 标准版 and at 200 % text: the same pages, their sizes, nothing scrolls sideways', async () => {
    for (const [index, options, shot] of [[5, { mode: 'standard' as const }, 'standard'], [6, { textScale: 2 }, 'text-200']] as const) {
      const { context, page } = await signedInPhone(owners[index]!, options);
      const check = { mode: 'mode' in options ? options.mode : ('elder' as const), textScale: 'textScale' in options ? options.textScale : 1 };
      try {
        await openMeetingPage(page);
        await chooseEverything(page);
        await expectOwnerFriendly(page, `meeting ${shot}`, check);
        await screenshot(page, `vote-8-meeting-${shot}`);
        await page.getByRole('button', { name: '下一步：核对我的选择' }).click();
        await reviewReady(page);
        await expectOwnerFriendly(page, `review ${shot}`, check);
        await screenshot(page, `vote-9-review-${shot}`);
      } finally {
        await context.close();
      }
    }
  }, 120_000);

  it('after the close: "投票已于 … 截止", no choices; a review confirmed too late says so', async () => {
    const owner = owners[8]!;
    const { context, page } = await signedInPhone(owner);
    try {
      await openMeetingPage(page);
      await card(page, MOTIONS[0]!.title).getByRole('button', { name: /同意/ }).click();
      await page.getByRole('button', { name: '下一步：核对我的选择' }).click();
      await reviewReady(page);
      clock.set(new Date(Date.parse('2026-12-22T00:00:00Z') + 1000)); // past 2026-12-22 08:00 in Shanghai
      await page.getByRole('button', { name: '确认提交', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: '投票已经截止，这一票没有提交' }).waitFor();
      await expectOwnerFriendly(page, 'review refused: closed');
      await screenshot(page, 'vote-10-review-closed');
      // Back (the browser's back button) to the review after the close: the choice waits, the service takes none, and says why.
      await page.getByRole('button', { name: '返回修改' }).click();
      await page.getByRole('heading', { level: 1, name: '阳光花园 2026 年第一次业主大会' }).waitFor();
      await page.goBack();
      await page.getByRole('alert').filter({ hasText: '投票已经截止，这一票没有提交' }).waitFor();
      expect(await page.getByRole('button', { name: '确认提交', exact: true }).count()).toBe(0);
      // The close (a job at the closing instant; here the organisers' route).
      expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/close`, headers: bearer(organiser.accessToken) })).statusCode).toBe(200);

      await openMeetingPage(page);
      const text = await page.locator('main').innerText();
      expect(text).toContain('投票已于 2026-12-22 08:00 截止');
      expect(text).toContain('投票已截止，不能再修改');
      expect(await page.getByRole('button', { name: '下一步：核对我的选择' }).count()).toBe(0);
      await expectOwnerFriendly(page, 'meeting closed');
      await screenshot(page, 'vote-11-closed');

      // Published (the job after the close): the meeting leads to the results.
      await runDueJobs(testJobDeps(t, clock));
      await openMeetingPage(page);
      expect(await page.locator('main').innerText()).toContain('表决结果已公示');
      expect(await page.getByRole('link', { name: '查看表决结果' }).getAttribute('href')).toBe(`/meetings/${meetingId}/results`);
      await expectOwnerFriendly(page, 'meeting published');
      await screenshot(page, 'vote-14-published');
    } finally {
      await context.close();
    }
  }, 60_000);
});

/** The review page with its list read (the service's answer arrived). */
async function reviewReady(page: Page) {
  await page.getByRole('heading', { level: 1, name: '核对我的选择' }).waitFor();
  await page.getByRole('button', { name: '确认提交', exact: true }).waitFor();
}

async function ownerIdOf(person: Person): Promise<string> {
  return (await t.testDatabase.database.db.selectFrom('owners').select('id').where('name', '=', person.name).executeTakeFirstOrThrow()).id;
}

/** The same token, its claims kept, expired 5 minutes ago (issued 20 minutes ago), signed with the service's key. */
function expiredCopyOf(authorization: string): string {
  const claims = JSON.parse(Buffer.from(authorization.split(' ')[1]!.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  return `Bearer ${es256Token(t.keys.jwt.privateKey, { ...claims, iat: now - 1200, exp: now - 300 })}`;
}

/** Presses Tab until the focused element's text contains `name` (a keyboard user's way to a control). */
async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    // A control's own text: the page itself (body) never counts, though it holds every word.
    const focused = await page.evaluate<string>("document.activeElement && document.activeElement !== document.body ? document.activeElement.textContent.trim() : ''");
    if (focused.includes(name)) return;
  }
  throw new Error(`no control named ${name} reached by Tab`);
}
