import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import { expectConsoleClean, signedInConsole } from '../helpers/console.ts';
import { zhang } from '../factories/cast.ts';
import { draftMeeting, publishNoticeOf } from '../factories/meetings.ts';
import { appointed, type Session, signedIn } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 16's console gaps: the meetings list and the meeting chooser read a page at a time from
 * the service (ui.md: tables paginate server-side); the chooser asks only for the statuses its
 * page is for.
 */
const START = new Date('2026-11-22T00:00:00Z');
const DAY = 86_400_000;
let t: TestApp;
let browser: Browser;
let base: string;
let estateId: string;
let organiser: Session;

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock: manualClock(START) });
  const places = await twoTownships(t);
  estateId = places.estateA;
  await importRegistry(t, places.staffA, estateId, [{ registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '90.00', owners: [zhang] }]);
  organiser = await appointed(t, places.staffA, estateId, 'organiser');
  const plan = (n: number) => ({
    title: `第${n}次业主大会会议`,
    votingOpensAt: new Date(START.getTime() + 20 * DAY),
    votingClosesAt: new Date(START.getTime() + 30 * DAY),
    motions: [{ matter: 'other_major', kind: 'yes_no', title: '议题' }],
  });
  for (let n = 1; n <= 24; n++) await draftMeeting(t, organiser.accessToken, estateId, plan(n));
  await publishNoticeOf(t, organiser.accessToken, await draftMeeting(t, organiser.accessToken, estateId, plan(25)));
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('会议 list, paged on the server', () => {
  it('shows 20 meetings, the total, and the next page on request', async () => {
    const { context, page } = await signedInConsole(browser, base, await signedIn(t, organiser.phone));
    try {
      const asked: string[] = [];
      page.on('request', (r) => {
        if (/^\/v1\/.*\/meetings$/.test(new URL(r.url()).pathname)) asked.push(new URL(r.url()).search);
      });
      await page.goto(`${base}/console/estates/${estateId}/meetings`);
      await page.getByRole('link', { name: '第25次业主大会会议' }).waitFor();
      expect(await page.locator('.meetings-table tbody tr').count()).toBe(20);
      await page.getByText('共 25 条').waitFor();
      await expectConsoleClean(page, 'meetings list, page 1');
      await screenshot(page, 'console-fixes-1-meetings-paged');

      await page.locator('.el-pager li', { hasText: /^2$/ }).click();
      await page.getByRole('link', { name: '第5次业主大会会议' }).waitFor();
      expect(await page.locator('.meetings-table tbody tr').count()).toBe(5);
      expect(asked).toEqual(['?page=1&pageSize=20', '?page=2&pageSize=20']);
      await expectConsoleClean(page, 'meetings list, page 2');
    } finally {
      await context.close();
    }
  });

  it('the results page’s meeting chooser asks the service for its statuses only', async () => {
    const { context, page } = await signedInConsole(browser, base, await signedIn(t, organiser.phone));
    try {
      const asked: string[] = [];
      page.on('request', (r) => {
        if (/^\/v1\/.*\/meetings$/.test(new URL(r.url()).pathname)) asked.push(decodeURIComponent(new URL(r.url()).search));
      });
      await page.goto(`${base}/console/estates/${estateId}/results`);
      await page.getByText('这个小区还没有会议。请先在“会议”中召集一次会议。').waitFor();
      expect(asked).toEqual(['?page=1&pageSize=20&status=open,closed,tallied,published,discrepancy']);
      await expectConsoleClean(page, 'results chooser');
    } finally {
      await context.close();
    }
  });
});
