import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { COMPRESS_FROM_BYTES } from '../../src/plugins/compression.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, type Session, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * The service's answers compressed for clients that accept it (src/plugins/compression.ts, issue 15):
 * on a phone's slow network the session restore that brings an SMS link's meeting shares the line
 * with the app's scripts, so its bytes count. Small answers and clients that do not ask go as they
 * are; request bodies are never inflated.
 */

const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);

let t: TestApp;
let owner: Session;
let meetingId: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '100.00', owners: [zhang] }]);
  const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  owner = await verifiedOwner(t, zhang);
  const motion = { matter: 'other_major', kind: 'yes_no', title: '在小区东门停车场增设电动自行车集中充电棚', text: '拟在东门停车场北侧建设电动自行车集中充电棚一座，共 60 个充电位。'.repeat(8) } as const;
  meetingId = (await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [motion, { ...motion, title: '修订《业主大会议事规则》' }])).meetingId;
}, 60_000);
afterAll(async () => t?.close());

const meetingRead = (encoding?: string) => t.app.inject({ url: `/v1/meetings/${meetingId}`, headers: { ...bearer(owner.accessToken), ...(encoding ? { 'accept-encoding': encoding } : {}) } });

describe('compressed answers', () => {
  it('a JSON answer goes as brotli to a browser (which accepts br and gzip), the same JSON once decoded, varying by Accept-Encoding', async () => {
    const plain = await meetingRead();
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_FROM_BYTES);

    const br = await meetingRead('gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);

    const gz = await meetingRead('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it("the SMS link's session restore (the refresh that carries the meeting) is compressed too", async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: { 'accept-encoding': 'gzip, deflate, br' }, payload: { refreshToken: owner.refreshToken, withMeeting: meetingId } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    const answer = JSON.parse(brotliDecompressSync(res.rawPayload).toString('utf8'));
    expect(answer.withMeeting.meeting.body.motions).toHaveLength(2);
  });

  it('a small answer goes as it is: a health check, a problem', async () => {
    const health = await t.app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br' } });
    expect(health.statusCode).toBe(200);
    expect(health.rawPayload.length).toBeLessThan(COMPRESS_FROM_BYTES);
    expect(health.headers['content-encoding']).toBeUndefined();
    const problem = await t.app.inject({ url: `/v1/meetings/${meetingId}`, headers: { 'accept-encoding': 'gzip' } });
    expect(problem.statusCode).toBe(401);
    expect(problem.headers['content-encoding']).toBeUndefined();
    expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problem.json()).toMatchObject({ status: 401 });
  });

  it('a compressed request body is not inflated: it is refused as the bytes it is (a 4xx problem, not read as JSON)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify({ refreshToken: owner.refreshToken })),
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
