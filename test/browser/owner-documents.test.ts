import type { AddressInfo } from 'node:net';
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { manualClock } from '../../src/clock.ts';
import { openSession } from '../../src/identity/sessions.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { expectOwnerFriendly, launchChromium, phone, screenshot } from '../helpers/browser.ts';
import { zhang } from '../factories/cast.ts';
import { draftMeeting, publishNoticeOf } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 16: an owner opens a motion's PDF from the meeting page. The document route needs the
 * bearer token, which a plain link never sent (the owner got a 401 problem page); the app now
 * asks for a short-lived signed link and opens it — in a new tab where the browser allows, in
 * place where it does not (WeChat's browser).
 */
const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
let t: TestApp;
let browser: Browser;
let base: string;
let meetingId: string;
let owner: Awaited<ReturnType<typeof verifiedOwner>>;

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '90.00', owners: [zhang] }]);
  const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  owner = await verifiedOwner(t, zhang);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;

  meetingId = await draftMeeting(t, organiser.accessToken, p.estateA, {
    title: '物业续聘会议',
    votingOpensAt: new Date(START.getTime() + 16 * 86_400_000),
    votingClosesAt: new Date(START.getTime() + 30 * 86_400_000),
    motions: [],
  });
  const kept = await t.app.inject({
    method: 'POST',
    url: `/v1/estates/${p.estateA}/attachments?name=${encodeURIComponent('合同.pdf')}`,
    headers: { ...bearer(organiser.accessToken), 'content-type': 'application/pdf' },
    payload: PDF,
  });
  const attachment = kept.json<{ id: string; sha256: string }>();
  const added = await t.app.inject({
    method: 'POST',
    url: `/v1/meetings/${meetingId}/motions`,
    headers: bearer(organiser.accessToken),
    payload: {
      matter: 'property_manager',
      kind: 'yes_no',
      title: '续聘阳光物业',
      // As the console cites an uploaded document: on the service's own origin.
      documents: [{ name: '物业服务合同（草案）', url: `${base}/v1/meetings/${meetingId}/documents/${attachment.id}`, sha256: attachment.sha256 }],
    },
  });
  expect(added.statusCode).toBe(201);
  await publishNoticeOf(t, organiser.accessToken, meetingId);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const isDownload = (response: Response) => new URL(response.url()).pathname.endsWith('/download');
const PDF_SHA256 = createHash('sha256').update(PDF).digest('hex');
/** A phone signed in as the owner by a session of its own (refresh cookies are single-use). */
async function ownersPhone() {
  const { refreshToken } = await openSession(t.testDatabase.database.db, owner.accountId, clock.now());
  const opened = await phone(browser);
  await opened.context.addCookies([{ name: 'gongjue_refresh', value: refreshToken, domain: '127.0.0.1', path: '/v1/auth/refresh', httpOnly: true, sameSite: 'Strict' }]);
  return opened;
}

describe('a motion’s document on the phone', () => {
  it('opens in a new tab by a signed link that needs no token, the PDF itself', async () => {
    const { context, page } = await ownersPhone();
    try {
      await page.goto(`${base}/meetings/${meetingId}`);
      const open = page.getByRole('button', { name: '打开材料：物业服务合同（草案）' });
      await open.waitFor();
      await expectOwnerFriendly(page, 'meeting with a document');
      await screenshot(page, 'owner-documents-1-card');

      const responses: Response[] = [];
      context.on('response', (r) => {
        if (isDownload(r)) responses.push(r);
      });
      const [tab] = await Promise.all([context.waitForEvent('page'), open.click()]);
      await expect.poll(() => responses.length, { timeout: 15_000 }).toBeGreaterThan(0);
      const response = responses[0]!;
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      expect(response.headers()['content-disposition']).toMatch(/^inline; /);
      // The link itself carries no token: the tab sent no Authorization header.
      expect(await response.request().headerValue('authorization')).toBeNull();
      expect(new URL(response.url()).searchParams.get('signature')).toBeTruthy();
      // The bytes the motion cites (Chromium hands a PDF to its viewer, so the body is not read here).
      expect(response.headers()['x-content-sha256']).toBe(PDF_SHA256);
      await tab.close();
      // The meeting page stays as it was.
      await open.waitFor();
    } finally {
      await context.close();
    }
  });

  it('opens in place where the browser opens no new tab (WeChat)', async () => {
    const { context, page } = await ownersPhone();
    try {
      // WeChat's browser: window.open gives nothing.
      await context.addInitScript(() => {
        (globalThis as unknown as { open: () => null }).open = () => null;
      });
      await page.goto(`${base}/meetings/${meetingId}`);
      const open = page.getByRole('button', { name: '打开材料：物业服务合同（草案）' });
      await open.waitFor();
      // The page navigates to the PDF, which headless Chromium turns into a download: the click may then wait
      // for a navigation that never commits (seen once in CI: 120 s). What is asserted is the PDF the phone got.
      const [response] = await Promise.all([page.waitForResponse(isDownload, { timeout: 15_000 }), open.click({ timeout: 10_000 }).catch(() => undefined)]);
      expect(response.status()).toBe(200);
      expect(response.headers()['x-content-sha256']).toBe(PDF_SHA256);
    } finally {
      // A download left pending can hold the context's close: it is not what this test is about.
      await Promise.race([context.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
  });
});
