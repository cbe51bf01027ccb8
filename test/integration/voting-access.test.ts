import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { expiredToken, hs256Forgery } from '../helpers/jwt.ts';
import { myBallots } from '../helpers/voting.ts';
import { zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Every route of meetings, ballots, paper ballots, proxies and petitions
 * refuses a person of another township, an account that is not verified in
 * the estate, an expired token and a forged one — and changes nothing.
 */
const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const scan = { url: 'https://files.example/s.pdf', sha256: 'b'.repeat(64) };

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
const ids: Record<string, string> = {};
let unverified: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] }]);
  const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  const owner = await verifiedOwner(t, zhang);
  const open = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '开放会议' }]);
  ids.open = open.meetingId;
  ids.motion = open.motionIds[0]!;
  ids.voter = (await myBallots(t, owner.accessToken, open.meetingId))[0]!.voterId;
  const draft = await t.app.inject({
    method: 'POST',
    url: `/v1/estates/${p.estateA}/meetings`,
    headers: bearer(organiser.accessToken),
    payload: { kind: 'regular', title: '草稿', votingOpensAt: '2027-06-01T00:00:00Z', votingClosesAt: '2027-06-10T00:00:00Z' },
  });
  ids.draft = draft.json().id;
  ids.draftMotion = (
    await t.app.inject({ method: 'POST', url: `/v1/meetings/${ids.draft}/motions`, headers: bearer(organiser.accessToken), payload: { matter: 'other_major', kind: 'yes_no', title: 'x' } })
  ).json().motions[0].id;
  ids.paper = (
    await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${ids.open}/motions/${ids.motion}/paper-ballots`,
      headers: bearer(organiser.accessToken),
      payload: { voterId: ids.voter, choice: 'agree', scan },
    })
  ).json().id;
  const units = (await t.app.inject({ url: `/v1/estates/${p.estateA}/units`, headers: bearer(p.staffA) })).json().items;
  ids.unit = units[0].id;
  ids.owner = units[0].owners[0].id;
  ids.proxy = (
    await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${ids.open}/proxies`,
      headers: bearer(organiser.accessToken),
      payload: { grantorOwnerId: ids.owner, holderPhone: '13900001111', document: scan },
    })
  ).json().id;
  ids.petition = (
    await t.app.inject({ method: 'POST', url: `/v1/estates/${p.estateA}/petitions`, headers: bearer(owner.accessToken), payload: { purpose: 'temporary_meeting', title: '提议' } })
  ).json().id;
  unverified = (await logIn(t, '13900002222', '192.0.2.77')).accessToken;
}, 60_000);
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const routes: [Method, () => string, (() => object)?][] = [
  ['POST', () => `/v1/estates/${p.estateA}/meetings`, () => ({ kind: 'regular', title: 'x', votingOpensAt: '2027-06-01T00:00:00Z', votingClosesAt: '2027-06-10T00:00:00Z' })],
  ['GET', () => `/v1/estates/${p.estateA}/meetings`],
  ['GET', () => `/v1/meetings/${ids.open}`],
  ['POST', () => `/v1/meetings/${ids.draft}/motions`, () => ({ matter: 'other_major', kind: 'yes_no', title: 'y' })],
  ['DELETE', () => `/v1/meetings/${ids.draft}/motions/${ids.draftMotion}`],
  ['POST', () => `/v1/meetings/${ids.draft}/notice`],
  ['POST', () => `/v1/meetings/${ids.draft}/open`],
  ['POST', () => `/v1/meetings/${ids.draft}/cancel`, () => ({ reason: 'x' })],
  ['POST', () => `/v1/meetings/${ids.open}/close`],
  ['GET', () => `/v1/meetings/${ids.open}/turnout`],
  ['GET', () => `/v1/meetings/${ids.open}/results`],
  ['GET', () => `/v1/meetings/${ids.open}/my-ballots`],
  ['POST', () => `/v1/meetings/${ids.open}/motions/${ids.motion}/ballots`, () => ({ voterId: ids.voter, choice: 'oppose' })],
  ['POST', () => `/v1/meetings/${ids.open}/motions/${ids.motion}/paper-ballots`, () => ({ voterId: ids.voter, choice: 'oppose', scan })],
  ['GET', () => `/v1/meetings/${ids.open}/paper-ballots`],
  ['POST', () => `/v1/meetings/${ids.open}/paper-ballots/${ids.paper}/confirm`, () => ({ choice: 'agree' })],
  ['POST', () => `/v1/meetings/${ids.open}/paper-ballots/${ids.paper}/second-reading`, () => ({ choice: 'agree' })],
  ['POST', () => `/v1/meetings/${ids.open}/paper-ballots/${ids.paper}/confirm`],
  ['POST', () => `/v1/meetings/${ids.open}/paper-ballots/${ids.paper}/reject`, () => ({ reason: 'x' })],
  ['POST', () => `/v1/meetings/${ids.open}/proxies`, () => ({ grantorOwnerId: ids.owner, holderPhone: '13900003333', document: scan })],
  ['POST', () => `/v1/meetings/${ids.open}/proxies/${ids.proxy}/approve`],
  ['POST', () => `/v1/meetings/${ids.open}/motions/${ids.motion}/proxy-ballots`, () => ({ proxyId: ids.proxy, voterId: ids.voter, choice: 'agree' })],
  // A meeting not open: the state must not show through either (it answered 409).
  ['POST', () => `/v1/meetings/${ids.draft}/motions/${ids.draftMotion}/proxy-ballots`, () => ({ proxyId: ids.proxy, voterId: ids.voter, choice: 'agree' })],
  ['GET', () => `/v1/meetings/${ids.open}/proxies`],
  ['POST', () => `/v1/estates/${p.estateA}/petitions`, () => ({ purpose: 'temporary_meeting', title: 'x' })],
  ['GET', () => `/v1/petitions/${ids.petition}`],
  ['POST', () => `/v1/petitions/${ids.petition}/signatures`],
  ['PUT', () => `/v1/estates/${p.estateA}/units/${ids.unit}/representative`, () => ({ ownerId: ids.owner })],
];

async function fingerprint() {
  const db = t.testDatabase.database.db;
  const tables = ['meetings', 'motions', 'ballots', 'current_ballots', 'paper_entries', 'proxies', 'petitions', 'petition_signatures', 'audit_log'] as const;
  const counts = await Promise.all(tables.map(async (table) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)));
  const states = await db.selectFrom('meetings').select(['id', 'status']).orderBy('id').execute();
  const entries = await db.selectFrom('paper_entries').select(['id', 'status']).execute();
  const proxies = await db.selectFrom('proxies').select(['id', 'status']).execute();
  const reps = await db.selectFrom('unit_owners').select(['unit_id', 'representative']).execute();
  return { counts, states, entries, proxies, reps };
}

describe.each(routes)('%s %s', (method, url, payload) => {
  it('answers 404 to another township’s staff and an unverified account, 401 to expired and forged tokens, changing nothing', async () => {
    const before = await fingerprint();
    const send = (token: string) =>
      t.app.inject({ method, url: url(), headers: bearer(token), ...(payload ? { payload: payload() as Record<string, unknown> } : {}) });
    // Neither may see anything of estate A: both get 404, as for a record that does not exist (no 200, 403 or 409 that would tell).
    for (const [who, token] of [['outsider', p.staffB], ['unverified', unverified]] as const) {
      const res = await send(token);
      expect(res.statusCode, `${who}: ${res.statusCode} ${res.body}`).toBe(404);
      expect(res.json().type).toBe('urn:gongjue:problem:not-found');
    }
    const forged = hs256Forgery(t.keys.jwt.publicKey, [{ role: 'organiser', estateId: p.estateA }]);
    for (const token of [expiredToken(t.keys.jwt.privateKey), forged]) expect((await send(token)).statusCode).toBe(401);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('the proxy list', () => {
  it('shows a holder who owns nothing in the estate the proxies they hold, and nobody else that the meeting exists', async () => {
    const holder = await logIn(t, '13900001111', '192.0.2.78');
    const held = await t.app.inject({ url: `/v1/meetings/${ids.open}/proxies`, headers: bearer(holder.accessToken) });
    expect(held.statusCode).toBe(200);
    expect(held.json().items.map((x: { id: string }) => x.id)).toEqual([ids.proxy]);
    const stranger = await t.app.inject({ url: `/v1/meetings/${ids.open}/proxies`, headers: bearer(unverified) });
    const missing = await t.app.inject({ url: '/v1/meetings/00000000-0000-4000-8000-000000000000/proxies', headers: bearer(unverified) });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().title).toBe(missing.json().title);
  });
});
