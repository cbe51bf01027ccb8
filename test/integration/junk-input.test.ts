import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { myBallots } from '../helpers/voting.ts';
import { zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Bad input of any kind gets a 4xx problem, never a 500, and changes nothing.
 * Arbitrary JSON (and arbitrary text) is thrown at the write routes, as the
 * people allowed to use them.
 */
const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);

let t: TestApp;
let routes: { name: string; url: string; token: string; method: 'POST' | 'PUT' }[];

beforeAll(async () => {
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] }]);
  const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  const owner = await verifiedOwner(t, zhang);
  const open = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: 'x' }]);
  const voter = (await myBallots(t, owner.accessToken, open.meetingId))[0]!;
  routes = [
    { name: 'create township', method: 'POST', url: '/v1/townships', token: p.admin },
    { name: 'create estate', method: 'POST', url: `/v1/townships/${p.townshipA}/estates`, token: p.staffA },
    { name: 'registry import (JSON)', method: 'POST', url: `/v1/estates/${p.estateA}/registry-imports`, token: p.staffA },
    { name: 'verify myself', method: 'POST', url: '/v1/me/verification', token: owner.accessToken },
    { name: 'create meeting', method: 'POST', url: `/v1/estates/${p.estateA}/meetings`, token: organiser.accessToken },
    { name: 'cast ballot', method: 'POST', url: `/v1/meetings/${open.meetingId}/motions/${voter.motionId}/ballots`, token: owner.accessToken },
    { name: 'paper ballot', method: 'POST', url: `/v1/meetings/${open.meetingId}/motions/${voter.motionId}/paper-ballots`, token: organiser.accessToken },
    { name: 'register proxy', method: 'POST', url: `/v1/meetings/${open.meetingId}/proxies`, token: organiser.accessToken },
    { name: 'login code', method: 'POST', url: '/v1/auth/login-codes', token: owner.accessToken },
    { name: 'client token', method: 'POST', url: '/v1/auth/token', token: owner.accessToken },
  ];
}, 60_000);
afterAll(async () => t?.close());

async function writes() {
  const db = t.testDatabase.database.db;
  const tables = ['townships', 'estates', 'units', 'registry_imports', 'owner_bindings', 'meetings', 'ballots', 'paper_entries', 'proxies', 'otp_challenges'] as const;
  return Promise.all(tables.map(async (table) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)));
}

describe('junk input', () => {
  it('arbitrary JSON bodies: always a 4xx problem, nothing written', async () => {
    const before = await writes();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes.map((_, i) => i)), fc.jsonValue({ maxDepth: 3 }), async (i, body) => {
        const route = routes[i]!;
        const res = await t.app.inject({
          method: route.method,
          url: route.url,
          headers: { ...bearer(route.token), 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        expect(res.statusCode, `${route.name}: ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${route.name}: ${res.body}`).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 300 },
    );
    expect(await writes()).toEqual(before);
  });

  it('arbitrary text as a registry CSV: a 4xx problem, nothing imported', async () => {
    const route = routes.find((r) => r.name.startsWith('registry import'))!;
    const before = await writes();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
        const res = await t.app.inject({ method: 'POST', url: route.url, headers: { ...bearer(route.token), 'content-type': 'text/csv' }, payload: text });
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, res.body).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
    expect(await writes()).toEqual(before);
  });
});
