import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { signCanonical } from '../../src/audit/signing.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { ARTIFACTS, expectOwnerFriendly, launchChromium, phone, screenshot } from '../helpers/browser.ts';
import { decodeQr } from '../helpers/qr.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, wang, zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner, type Session } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 17, "anyone can check a printed notice": the QR code on the printed result notice leads to
 * /check/<meeting>, which anyone opens on a phone without logging in. It verifies the township's
 * Ed25519 signature in the browser (WebCrypto; @noble/ed25519 where WebCrypto lacks Ed25519) and
 * says so in plain Chinese; a notice whose figures, names (certification format 2) or signature
 * were changed on the way fails. A format 1 certification (names unsigned) still verifies and says
 * its names are not signed. An uncertified result says it is not yet confirmed. 长辈版 sizes, axe 0; screenshots at 375 × 667.
 */
const DAY = 24 * 3_600_000;
const START = new Date('2026-11-01T00:00:00Z');
const clock = manualClock(START);

let t: TestApp;
let browser: Browser;
let base: string;
let organiser: Session;
const ids = { certified: '', uncertified: '' };

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [
    { registryNo: 'R-1', building: '1栋', stair: '2单元', room: '301', area: '89.50', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', stair: '2单元', room: '302', area: '89.50', owners: [li] },
    { registryNo: 'R-3', building: '2栋', room: '101', area: '120.25', owners: [wang] },
  ]);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  const voters = [await verifiedOwner(t, zhang), await verifiedOwner(t, li), await verifiedOwner(t, wang)];
  for (const which of ['certified', 'uncertified'] as const) {
    const opened = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [
      { matter: 'other_major', kind: 'yes_no', title: '增设电动自行车充电桩' },
      { matter: 'property_manager', kind: 'options', title: '选聘物业公司', options: [{ id: 'a', label: '甲物业' }, { id: 'b', label: '乙物业' }] },
    ]);
    ids[which] = opened.meetingId;
    for (const v of voters) {
      for (const b of await myBallots(t, v.accessToken, opened.meetingId)) {
        const choice = b.motionId === opened.motionIds[0] ? 'agree' : 'a';
        expect((await castBallot(t, v.accessToken, opened.meetingId, b.motionId, b.voterId, choice)).statusCode).toBe(201);
      }
    }
  }
  clock.set(new Date(START.getTime() + 40 * DAY));
  const step = async (token: string, url: string) => {
    const res = await t.app.inject({ method: 'POST', url, headers: bearer(token) });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  };
  for (const id of Object.values(ids)) await step(organiser.accessToken, `/v1/meetings/${id}/close`);
  await step(p.staffA, `/v1/meetings/${ids.certified}/filing/certify`);
  for (const id of Object.values(ids)) await step(organiser.accessToken, `/v1/meetings/${id}/publish`);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A phone with no session at all, on the check page. `prepare` may intercept answers or take WebCrypto's Ed25519 away first. */
async function checkOnPhone(meetingId: string, prepare?: (page: Page, context: BrowserContext) => Promise<void>, textScale = 1) {
  const { context, page, cspViolations } = await phone(browser, { textScale });
  await prepare?.(page, context);
  await page.goto(`${base}/check/${meetingId}`);
  await page.getByRole('heading', { name: '核对表决结果公告', level: 1 }).waitFor();
  await page.getByText('正在读取表决结果并核验签名…').waitFor({ state: 'detached' });
  return { context, page, cspViolations };
}

const mainText = (page: Page) => page.locator('main').innerText();

/** Changes the public answer on its way to the phone. */
type AnyJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const tamper = (change: (body: AnyJson) => void) => async (page: Page) => {
  await page.route('**/v1/public/results/*', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    change(body);
    await route.fulfill({ response, json: body });
  });
};

describe('the public check page (/check/<meeting>), no login', () => {
  it('verifies a genuine certified notice with WebCrypto and shows the signed figures, the certification and the key fingerprint', async () => {
    const key = (await t.app.inject({ url: '/.well-known/gongjue/result-signing-key' })).json<{ keyId: string }>();
    const { context, page, cspViolations } = await checkOnPhone(ids.certified);
    try {
      await page.getByRole('heading', { name: '签名有效：本公告与街道办事处确认的结果一致' }).waitFor();
      const text = await mainText(page);
      expect(text).toContain('阳光花园业主大会');
      expect(text).toContain('由本机浏览器的密码功能（WebCrypto）核验。');
      expect(text).toContain('确认机关：桂林街道');
      expect(text).toContain('确认时间：');
      expect(text).toContain('第 1 项：增设电动自行车充电桩');
      expect(text).toContain('表决结果：通过');
      expect(text).toContain('应参与表决：专有部分面积 299.25 ㎡，3 人');
      expect(text).toContain('同意：面积 299.25 ㎡，3 人');
      expect(text).toContain('胜出：选项「甲物业」');
      expect(text).toContain('小区、街道、会议和事项的名称，选项和候选人名称，以及表决结果的文字，均在签名之内。');
      expect(text).not.toContain('名称未经签名');
      expect(text.replace(/\s/g, '')).toContain(key.keyId);
      expect(text).toContain(`${base}/.well-known/gongjue/result-signing-key`);
      // Nothing personal: no names, masked or not, no rooms.
      expect(text).not.toMatch(/张三|李四|王五|[张李王]\*|1栋|2单元/);
      expect(await cspViolations()).toEqual([]);
      await expectOwnerFriendly(page, 'check: valid');
      await screenshot(page, 'check-1-valid');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('reads at 200 % text without sideways scrolling (the fingerprint and the key’s address wrap)', async () => {
    const { context, page } = await checkOnPhone(ids.certified, undefined, 2);
    try {
      await page.getByRole('heading', { name: '签名有效：本公告与街道办事处确认的结果一致' }).waitFor();
      await expectOwnerFriendly(page, 'check at 200 %', { textScale: 2 });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('rejects a notice whose total was changed on the way', async () => {
    const { context, page } = await checkOnPhone(
      ids.certified,
      tamper((body) => {
        body.certification.payload.motions[0]!.result.choices[0]!.heads = 1;
      }),
    );
    try {
      await page.getByRole('heading', { name: /^签名无效：下面的名称或数字与街道办事处确认时签名的内容不一致/ }).waitFor();
      expect(await mainText(page)).toContain('同意：面积 299.25 ㎡，1 人');
      expect(await mainText(page)).not.toContain('签名有效');
      await expectOwnerFriendly(page, 'check: tampered total');
      await screenshot(page, 'check-2-tampered');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('rejects a notice whose signed names were changed on the way, and shows the signed names, not unsigned ones', async () => {
    let { context, page } = await checkOnPhone(
      ids.certified,
      tamper((body) => {
        body.certification.payload.meeting.title = '拆除电动自行车充电桩';
      }),
    );
    try {
      await page.getByRole('heading', { name: /^签名无效：下面的名称或数字/ }).waitFor();
      expect(await mainText(page)).not.toContain('签名有效');
    } finally {
      await context.close();
    }
    ({ context, page } = await checkOnPhone(
      ids.certified,
      tamper((body) => {
        body.certification.payload.motions[1].choices[0].label = '选项「丙物业」';
      }),
    ));
    try {
      await page.getByRole('heading', { name: /^签名无效：/ }).waitFor();
    } finally {
      await context.close();
    }
    // The unsigned names beside the certification changed: the page shows the signed ones, and the signature holds.
    ({ context, page } = await checkOnPhone(
      ids.certified,
      tamper((body) => {
        body.estate.name = '月光花园';
        body.meeting.title = '拆除充电桩';
        body.motions[0].title = '拆除充电桩';
      }),
    ));
    try {
      await page.getByRole('heading', { name: '签名有效：本公告与街道办事处确认的结果一致' }).waitFor();
      const text = await mainText(page);
      expect(text).toContain('阳光花园业主大会');
      expect(text).toContain('第 1 项：增设电动自行车充电桩');
      expect(text).not.toMatch(/月光花园|拆除充电桩/);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('verifies a certification of format 1 (made before names were signed) and says its names are not signed', async () => {
    // As stored before format 2: ids and figures only, signed by the service's key.
    const asV1 = (body: AnyJson) => {
      const v2 = body.certification.payload;
      const v1 = {
        format: v2.format,
        version: 1,
        decision: v2.decision,
        estate: { id: v2.estate.id, townshipId: v2.estate.townshipId },
        meeting: { id: v2.meeting.id },
        motions: v2.motions.map((m: AnyJson) => ({ motionId: m.motionId, result: m.result, seal: m.seal })),
        audit: v2.audit,
        certifiedAt: v2.certifiedAt,
        certifiedBy: v2.certifiedBy,
        keyId: v2.keyId,
      };
      body.certification.payload = v1;
      body.certification.signature = signCanonical(t.keys.resultSigning.privateKey, v1);
    };
    let { context, page } = await checkOnPhone(ids.certified, tamper(asV1));
    try {
      await page.getByRole('heading', { name: '签名有效：本公告与街道办事处确认的结果一致' }).waitFor();
      const text = await mainText(page);
      expect(text).toContain('名称未经签名：这份确认早于名称签名，只有数字和表决结果在签名之内。');
      expect(text).toContain('第 1 项：增设电动自行车充电桩（名称未经签名）');
      expect(text).toContain('同意：面积 299.25 ㎡，3 人');
      await expectOwnerFriendly(page, 'check: format 1');
      await screenshot(page, 'check-4-format-1');
    } finally {
      await context.close();
    }
    ({ context, page } = await checkOnPhone(
      ids.certified,
      tamper((body) => {
        asV1(body);
        body.certification.payload.motions[0].result.choices[0].heads = 1;
      }),
    ));
    try {
      await page.getByRole('heading', { name: /^签名无效：/ }).waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);

  it('rejects a changed signature byte', async () => {
    const { context, page } = await checkOnPhone(
      ids.certified,
      tamper((body) => {
        const bytes = Buffer.from(body.certification.signature, 'base64');
        bytes[5]! ^= 0x01;
        body.certification.signature = bytes.toString('base64');
      }),
    );
    try {
      await page.getByRole('heading', { name: /^签名无效：/ }).waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);

  it('verifies with the page’s own verifier where WebCrypto has no Ed25519 (an old WebView), and still rejects a tampered total', async () => {
    const noEd25519 = async (_page: Page, context: BrowserContext) => {
      await context.addInitScript({
        content:
          'const importKey = crypto.subtle.importKey.bind(crypto.subtle);' +
          "crypto.subtle.importKey = (format, data, algorithm, ...rest) => (String(algorithm && algorithm.name || algorithm) === 'Ed25519' ? Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError')) : importKey(format, data, algorithm, ...rest));",
      });
    };
    let { context, page } = await checkOnPhone(ids.certified, noEd25519);
    try {
      await page.getByRole('heading', { name: '签名有效：本公告与街道办事处确认的结果一致' }).waitFor();
      expect(await mainText(page)).toContain('由本页自带的核验程序核验');
    } finally {
      await context.close();
    }
    ({ context, page } = await checkOnPhone(ids.certified, async (p, c) => {
      await noEd25519(p, c);
      await tamper((body) => {
        body.certification.payload.motions[1]!.result.choices[1]!.heads = 2;
      })(p);
    }));
    try {
      await page.getByRole('heading', { name: /^签名无效：/ }).waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);

  it('says plainly that an uncertified result is not yet confirmed, and that an unknown number finds nothing', async () => {
    let { context, page } = await checkOnPhone(ids.uncertified);
    try {
      await page.getByRole('heading', { name: '尚未经街道办事处备案确认' }).waitFor();
      const text = await mainText(page);
      expect(text).toContain('目前状态：已报备案，等待街道办事处确认。');
      expect(text).not.toContain('签名有效');
      expect(text).not.toContain('㎡');
      await expectOwnerFriendly(page, 'check: uncertified');
      await screenshot(page, 'check-3-uncertified');
    } finally {
      await context.close();
    }
    ({ context, page } = await checkOnPhone('00000000-0000-4000-8000-000000000000'));
    try {
      await page.getByText('没有找到这份表决结果公告').waitFor();
      await expectOwnerFriendly(page, 'check: not found');
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('the printed notice', () => {
  it('carries a QR code that a camera reads as the check page’s address, on A4', async () => {
    const html = await t.app.inject({ url: `/v1/meetings/${ids.certified}/notice.html`, headers: bearer(organiser.accessToken) });
    expect(html.statusCode).toBe(200);
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.route(`${base}/notice.html`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': html.headers['content-security-policy'] as string }, body: html.body }));
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
      });
      await page.goto(`${base}/notice.html`);
      const checkUrl = `${t.app.config.publicBaseUrl}/check/${ids.certified}`;
      expect(await decodeQr(page.locator('svg.qr'))).toBe(checkUrl);
      expect(refused).toEqual([]);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, 'public-check-notice.pdf');
      writeFileSync(file, pdf);
      expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
      const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '');
      expect(text).toContain('扫码核对');
      expect(text).toContain(`核对网址：${checkUrl}`);
      // The printed QR itself, rendered from the PDF's first page, still reads as the address.
      const png = path.join(ARTIFACTS, 'public-check-notice-page1');
      execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', file, png]);
      await page.setViewportSize({ width: 1240, height: 1754 });
      await page.goto(`file://${png}.png`);
      expect(await decodeQr(page.locator('img'))).toBe(checkUrl);
    } finally {
      await context.close();
    }
  }, 60_000);
});
