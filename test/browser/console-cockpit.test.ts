import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import { type CsvUnit, registryCsv } from '../helpers/identity.ts';
import { importRegistry, twoTownships } from '../helpers/places.ts';
import { castBallot, myBallots, openMeeting, verifiedOwner } from '../helpers/voting.ts';
import { appointed } from '../factories/people.ts';
import { li, ownerNumber, wang, zhang, zhao } from '../factories/cast.ts';

/**
 * 表决进度 in the console (issue 16): an organiser watches an open meeting; ballots cast through
 * the API while the page is open show within 5 s, with what is still missing overall and per
 * building, in words and numbers; a stairwell-scoped motion within its scope.
 */

const DAY = 24 * 3_600_000;
// Voting opened a day ago (noticed 17 days ago); the clock then stands at the real now, so the browser's session is current.
const clock = manualClock(new Date(Date.now() - 17 * DAY));

// TH = 5, TA = 475.00: the quorum needs 4 heads and ⌈2·47500/3⌉ = 316.67 ㎡.
// 1栋: 张三 90, 李四 80 (1单元), 王五 100 (2单元) — 3 heads, 270.00: needs 2 and 180.00.
// 2栋: 赵六 120, 业主1 85 (1单元) — 2 heads, 205.00: needs 2 and 136.67.
const registry: CsvUnit[] = [
  { registryNo: 'A-1', building: '1栋', stair: '1单元', room: '101', area: '90.00', owners: [zhang] },
  { registryNo: 'A-2', building: '1栋', stair: '1单元', room: '102', area: '80.00', owners: [li] },
  { registryNo: 'A-3', building: '1栋', stair: '2单元', room: '201', area: '100.00', owners: [wang] },
  { registryNo: 'B-1', building: '2栋', stair: '1单元', room: '101', area: '120.00', owners: [zhao] },
  { registryNo: 'B-2', building: '2栋', stair: '1单元', room: '102', area: '85.00', owners: [ownerNumber(1)] },
];

let t: TestApp;
let browser: Browser;
let base: string;
let p: Awaited<ReturnType<typeof twoTownships>>;
let meetingId: string;
let motionIds: string[];

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, registryCsv(registry));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function vote(owner: { accessToken: string }, motionId: string) {
  const [mine] = (await myBallots(t, owner.accessToken, meetingId)).filter((b) => b.motionId === motionId);
  const res = await castBallot(t, owner.accessToken, meetingId, motionId, mine!.voterId, 'agree');
  expect(res.statusCode, res.body).toBe(201);
}

describe('the quorum cockpit', () => {
  it('shows participation live, with what is missing overall and per building', async () => {
    const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
    ({ meetingId, motionIds } = await openMeeting(t, clock, new Date(Date.now() - 17 * DAY), organiser.accessToken, p.estateA, [
      { matter: 'management_covenant', kind: 'yes_no', title: '修订管理规约' },
      { matter: 'rebuild', kind: 'yes_no', title: '1栋2单元加装电梯', scope: { kind: 'stair', building: '1栋', stair: '2单元' }, liftInstallation: true },
    ]));
    clock.set(new Date());
    const voters = { zhang: await verifiedOwner(t, zhang), zhao: await verifiedOwner(t, zhao), wang: await verifiedOwner(t, wang) };

    const { context, page } = await signedInConsole(browser, base, organiser);
    try {
      // Through the picker, as an organiser arrives.
      await page.goto(`${base}/console/estates/${p.estateA}/cockpit`);
      await page.getByRole('link', { name: '测试会议' }).click();
      await page.waitForURL(`${base}/console/estates/${p.estateA}/cockpit/${meetingId}`);
      const words = page.locator('[data-test="words"]').first();
      await expect.poll(() => words.textContent()).toBe('参与表决：面积和人数都需达到三分之二（还差 4 户、316.67 ㎡）');
      const missing = (place: string) => page.locator(`tr[data-place="${place}"] [data-test="missing"]`).first().textContent();
      expect(await missing('2栋')).toBe('2 户 / 136.67 ㎡');
      await expectConsoleClean(page, 'cockpit, nobody has voted');
      await screenshot(page, 'console-cockpit-1-open');

      // A ballot arrives while the page is open: shown within 5 s.
      let cast = Date.now();
      await vote(voters.zhang, motionIds[0]!);
      await expect.poll(() => words.textContent(), { timeout: 5000, interval: 100 }).toBe('参与表决：面积和人数都需达到三分之二（还差 3 户、226.67 ㎡）');
      const firstDelay = Date.now() - cast;
      expect(await missing('1栋')).toBe('1 户 / 90.00 ㎡');
      // 1单元: 张三 90 and 李四 80 — 2 heads, 170.00: needs 2 and ⌈2·17000/3⌉ = 113.34.
      expect(await missing('1栋/1单元')).toBe('1 户 / 23.34 ㎡');
      await expect.poll(() => page.locator('[data-test="heads-figure"]').first().textContent()).toContain('20.00%（1 / 5 户）');

      cast = Date.now();
      await vote(voters.zhao, motionIds[0]!);
      await expect.poll(() => missing('2栋'), { timeout: 5000, interval: 100 }).toBe('1 户 / 16.67 ㎡');
      const secondDelay = Date.now() - cast;
      expect(await words.textContent()).toBe('参与表决：面积和人数都需达到三分之二（还差 2 户、106.67 ㎡）');
      console.log(`cockpit: ballots shown ${firstDelay} ms and ${secondDelay} ms after they were cast (polling every 3 s)`);
      await expectConsoleClean(page, 'cockpit, two ballots in');
      await screenshot(page, 'console-cockpit-2-ballots-in');

      // The lift motion: its stairwell only.
      await page.getByRole('tab', { name: '2. 1栋2单元加装电梯' }).click();
      const lift = page.locator(`[data-motion="${motionIds[1]}"]`);
      await lift.getByText('表决范围：1栋2单元').waitFor();
      await expect.poll(() => lift.locator('[data-test="words"]').textContent()).toBe('参与表决：面积和人数都需达到三分之二（还差 1 户、66.67 ㎡）');
      expect(await lift.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-place')))).toEqual(['1栋', '1栋/2单元']);
      cast = Date.now();
      await vote(voters.wang, motionIds[1]!);
      await expect.poll(() => lift.locator('[data-test="words"]').textContent(), { timeout: 5000, interval: 100 }).toBe(
        '参与表决：面积和人数都需达到三分之二，已达到（1 户、100.00 ㎡）',
      );
      await expectConsoleClean(page, 'cockpit, lift motion');
      await screenshot(page, 'console-cockpit-3-lift-motion');
      // No choice anywhere on the page.
      const text = await page.locator('main').textContent();
      for (const word of ['同意', '反对', '弃权']) expect(text).not.toContain(word);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('opened at its address (a bookmark, a reload): the first script restores the session and asks for the participation while the console loads; the page takes both', async () => {
    const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
    const { context, page } = await signedInConsole(browser, base, organiser);
    try {
      const asked: string[] = [];
      page.on('request', (request) => {
        const { pathname } = new URL(request.url());
        if (pathname.startsWith('/v1/')) asked.push(`${request.method()} ${pathname}`);
      });
      await page.goto(`${base}/console/estates/${p.estateA}/cockpit/${meetingId}`);
      await expect.poll(() => page.locator('[data-test="words"]').first().textContent()).toContain('参与表决');
      expect(await page.locator('tr[data-place]').count()).toBeGreaterThan(0);
      // One refresh (the cookie is single-use): the first script's, taken by the session store.
      expect(asked.filter((r) => r === 'POST /v1/auth/refresh')).toEqual(['POST /v1/auth/refresh']);
      expect(asked).toContain(`GET /v1/meetings/${meetingId}/participation`);
      // The first script asked for the participation (web/src/console/boot.ts) and the page took its answer (early.ts).
      const early = await page.evaluate(() => {
        const left = (globalThis as unknown as { gongjueConsoleEarly?: { refresh?: unknown; reads: object } }).gongjueConsoleEarly;
        return left && { refreshLeft: left.refresh !== undefined, readsLeft: Object.keys(left.reads) };
      });
      expect(early).toEqual({ refreshLeft: false, readsLeft: [] });
      await expectConsoleClean(page, 'cockpit opened at its address');
    } finally {
      await context.close();
    }
  }, 60_000);
});
