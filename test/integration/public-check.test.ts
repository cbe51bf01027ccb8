import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { manualClock } from '../../src/clock.ts';
import { canonicalJson } from '../../src/audit/canonical-json.ts';
import { keyIdOf, verifyCanonical } from '../../src/audit/signing.ts';
import { qrSvg } from '../../src/results/check-qr.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { decodePixels } from '../helpers/qr.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * The public check (issue 17): GET /v1/public/results/{id} answers anyone without a login — a
 * certified result with its certification as signed (its canonical JSON verifies against the
 * key published at /.well-known), a published but uncertified one without it, and nothing (404)
 * for a meeting not published or unknown. No ballots, no names. The printed notice's QR code
 * decodes to the check page's address.
 */
const DAY = 24 * 3_600_000;
const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);

let t: TestApp;
const ids: Record<'certified' | 'uncertified' | 'unpublished', string> = { certified: '', uncertified: '', unpublished: '' };
let organiserToken = '';

beforeAll(async () => {
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] }]);
  const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  organiserToken = organiser.accessToken;
  const owner = await verifiedOwner(t, zhang);
  for (const which of ['certified', 'uncertified', 'unpublished'] as const) {
    const open = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: `事项 ${which}` }]);
    ids[which] = open.meetingId;
    const voter = (await myBallots(t, owner.accessToken, open.meetingId))[0]!.voterId;
    await castBallot(t, owner.accessToken, open.meetingId, open.motionIds[0]!, voter, 'agree');
  }
  clock.set(new Date(START.getTime() + 30 * DAY));
  const step = async (token: string, url: string) => {
    const res = await t.app.inject({ method: 'POST', url, headers: bearer(token) });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.body}`);
  };
  for (const id of Object.values(ids)) await step(organiser.accessToken, `/v1/meetings/${id}/close`);
  await step(p.staffA, `/v1/meetings/${ids.certified}/filing/certify`);
  await step(organiser.accessToken, `/v1/meetings/${ids.certified}/publish`);
  await step(organiser.accessToken, `/v1/meetings/${ids.uncertified}/publish`);
}, 120_000);
afterAll(async () => t?.close());

describe('GET /v1/public/results/{meetingId}', () => {
  it('answers a certified result without a login, with the certification as signed: it verifies against the published key', async () => {
    const res = await t.app.inject({ url: `/v1/public/results/${ids.certified}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const body = res.json();
    expect(body).toMatchObject({ format: 'gongjue.public-check', meetingId: ids.certified, estate: { name: '阳光花园' }, township: { name: '桂林街道' }, filing: { status: 'certified' } });
    expect(body.motions).toEqual([expect.objectContaining({ title: '事项 certified', choices: expect.arrayContaining([{ id: 'agree', label: expect.objectContaining({ zh: '同意' }) }]) })]);
    const key = (await t.app.inject({ url: '/.well-known/gongjue/result-signing-key' })).json();
    const { payload, signature, keyId, publicKey } = body.certification;
    expect(keyId).toBe(key.keyId);
    expect(keyIdOf(publicKey)).toBe(key.keyId);
    expect(payload.keyId).toBe(key.keyId);
    expect(verifyCanonical(key.publicKey, payload, signature)).toBe(true);
    expect(payload.meeting.id).toBe(ids.certified);
    expect(payload.motions[0].result.totals).toMatchObject({ TH: 1, PH: 1, TA: '90.00', PA: '90.00' });
    // A changed total no longer verifies: the signed bytes are the payload's canonical JSON.
    const tampered = JSON.parse(canonicalJson(payload));
    tampered.motions[0].result.choices[0].heads += 1;
    expect(verifyCanonical(key.publicKey, tampered, signature)).toBe(false);
    // Nothing personal: no ballots, no owner's name, masked or not.
    expect(res.body).not.toContain('张');
    expect(res.body).not.toMatch(/voterId|receipt|ballotId/);
  });

  it('answers a published but uncertified result without a certification', async () => {
    const res = await t.app.inject({ url: `/v1/public/results/${ids.uncertified}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ filing: { status: 'awaiting_review', certifiedAt: null }, certification: null, township: { name: '桂林街道' } });
  });

  it('answers 404 for a result not published and for an unknown meeting, 400 for a malformed number', async () => {
    for (const id of [ids.unpublished, '00000000-0000-4000-8000-000000000000']) {
      const res = await t.app.inject({ url: `/v1/public/results/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await t.app.inject({ url: '/v1/public/results/not-a-uuid' })).statusCode).toBe(400);
  });
});

describe('the QR code on the printed notice', () => {
  it('leads to the public check page (PUBLIC_BASE_URL + /check/<meeting>): decoded from the printed page', async () => {
    const res = await t.app.inject({ url: `/v1/meetings/${ids.certified}/notice.html`, headers: bearer(organiserToken) });
    expect(res.statusCode).toBe(200);
    const url = `${t.app.config.publicBaseUrl}/check/${ids.certified}`;
    expect(res.body).toContain(`核对网址：${url}`);
    const svg = /<svg[^>]*class="qr"[\s\S]*?<\/svg>/.exec(res.body)![0];
    expect(svg).not.toMatch(/style=|<script/);
    expect(decodeSvg(svg)).toBe(url);
  });

  it('draws the same modules as the library for any text (and escapes its label)', () => {
    const text = 'https://gongjue.example/check/3f1c2a4e-0000-4000-8000-000000000001';
    expect(decodeSvg(qrSvg(text, '<x>'))).toBe(text);
    expect(qrSvg(text, '<x>')).toContain('aria-label="&lt;x&gt;"');
    expect(QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size + 8).toBe(Number(/viewBox="0 0 (\d+)/.exec(qrSvg(text, ''))![1]));
  });
});

/** Rasterises the SVG's rectangles (4 pixels a module) and decodes the picture with jsQR. */
function decodeSvg(svg: string): string | undefined {
  const side = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const scale = 4;
  const width = side * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y, w] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let px = Number(x) * scale; px < (Number(x) + Number(w)) * scale; px++) {
        const at = ((Number(y) * scale + dy) * width + px) * 4;
        pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
      }
    }
  }
  return decodePixels(pixels, width, width);
}
