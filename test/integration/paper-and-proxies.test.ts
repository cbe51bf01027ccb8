import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, logIn, secondInstance, type TestApp } from '../helpers/app.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, wang, zhang, zhao } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const scan = { url: 'https://files.example/scan/1.pdf', sha256: 'a'.repeat(64) };

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let first: { accessToken: string; accountId: string };
let second: { accessToken: string; accountId: string };
let owners: Record<'zhang' | 'wang', { accessToken: string; accountId: string }>;
let meetingId: string;
let motionId: string;
let voterOf: Map<string, string>; // owner name → voter id on the motion (single-owner heads)
let coOwnedVoter: string;
let ownerIdOf: Map<string, string>;

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(
    t,
    p.staffA,
    p.estateA,
    [
      { registryNo: 'R-1', building: '1栋', room: '101', area: '100.00', owners: [zhang] },
      { registryNo: 'R-2', building: '1栋', room: '102', area: '90.00', owners: [wang] },
      { registryNo: 'R-3', building: '1栋', room: '103', area: '80.00', owners: [zhao] },
      { registryNo: 'R-4', building: '1栋', room: '104', area: '70.00', owners: [zhang, li] },
    ],
  );
  first = await appointed(t, p.staffA, p.estateA, 'organiser');
  second = await appointed(t, p.staffA, p.estateA, 'committee');
  owners = { zhang: await verifiedOwner(t, zhang), wang: await verifiedOwner(t, wang) };
  const opened = await openMeeting(t, clock, START, first.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '加装充电桩' }]);
  meetingId = opened.meetingId;
  motionId = opened.motionIds[0]!;
  const db = t.testDatabase.database.db;
  const owners_ = await db.selectFrom('owners').select(['id', 'name']).where('estate_id', '=', p.estateA).execute();
  ownerIdOf = new Map(owners_.map((o) => [o.name, o.id]));
  const voters = await db.selectFrom('electorate_voters').select(['id', 'owners']).where('motion_id', '=', motionId).execute();
  voterOf = new Map(voters.filter((v) => v.owners.length === 1).map((v) => [owners_.find((o) => o.id === v.owners[0])!.name, v.id]));
  coOwnedVoter = voters.find((v) => v.owners.length === 2)!.id;
});
afterAll(async () => t?.close());

const enter = (token: string, body: object) =>
  t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/motions/${motionId}/paper-ballots`, headers: bearer(token), payload: body });
const decide = (token: string, entryId: string, decision: 'confirm' | 'reject', body: object = {}) =>
  t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/paper-ballots/${entryId}/${decision}`, headers: bearer(token), payload: body });
const turnout = async () => (await t.app.inject({ url: `/v1/meetings/${meetingId}/turnout`, headers: bearer(first.accessToken) })).json().items[0].tookPart;

describe('paper ballots (R4.4)', () => {
  it('count only once a second organiser confirms them', async () => {
    const entered = await enter(first.accessToken, { voterId: voterOf.get('赵六'), choice: 'agree', scan });
    expect(entered.statusCode).toBe(201);
    expect(entered.json().status).toBe('pending');
    expect(await turnout()).toEqual({ area: '0.00', heads: 0 });

    const self = await decide(first.accessToken, entered.json().id, 'confirm', { choice: 'agree' });
    expect(self.statusCode).toBe(403);
    const confirmed = await decide(second.accessToken, entered.json().id, 'confirm', { choice: 'agree' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().receipt).toMatchObject({ channel: 'paper', version: 1 });
    expect(await turnout()).toEqual({ area: '80.00', heads: 1 });
    expect((await decide(second.accessToken, entered.json().id, 'confirm', { choice: 'agree' })).statusCode).toBe(409);
  });

  it('one ballot per voter across channels: a later paper ballot replaces an online one, visibly', async () => {
    const online = await castBallot(t, owners.wang.accessToken, meetingId, motionId, voterOf.get('王五')!, 'agree');
    expect(online.statusCode).toBe(201);
    const entered = await enter(second.accessToken, { voterId: voterOf.get('王五'), choice: 'oppose', scan });
    const confirmed = await decide(first.accessToken, entered.json().id, 'confirm', { choice: 'oppose' });
    expect(confirmed.json().receipt).toMatchObject({ channel: 'paper', version: 2, replaced: 'online' });
    const mine = (await myBallots(t, owners.wang.accessToken, meetingId))[0]!;
    expect(mine.current).toMatchObject({ choice: 'oppose', version: 2 });
  });

  it('a spoiled paper ballot counts as taking part only; a rejected one not at all', async () => {
    const spoiled = await enter(first.accessToken, { voterId: coOwnedVoter, spoiled: true, scan });
    expect(spoiled.statusCode).toBe(201);
    expect((await decide(second.accessToken, spoiled.json().id, 'confirm', { spoiled: true })).statusCode).toBe(200);
    expect(await turnout()).toEqual({ area: '240.00', heads: 3 });
    const bad = await enter(first.accessToken, { voterId: voterOf.get('张三'), choice: 'agree', scan });
    const rejected = await decide(second.accessToken, bad.json().id, 'reject', { reason: '签名不符' });
    expect(rejected.json().entry.status).toBe('rejected');
    expect(await turnout()).toEqual({ area: '240.00', heads: 3 });
  });

  it('owners cannot enter paper ballots, and a choice is needed unless spoiled', async () => {
    expect((await enter(owners.wang.accessToken, { voterId: voterOf.get('王五'), choice: 'agree', scan })).statusCode).toBe(403);
    const noChoice = await enter(first.accessToken, { voterId: voterOf.get('张三'), scan });
    expect(noChoice.statusCode).toBe(400);
    expect(noChoice.json().errors[0].path).toBe('body.choice');
  });
});

describe('proxies (R4.3)', () => {
  let holder: { accessToken: string; accountId: string; phone: string };
  let proxyId: string;

  it('a registered and approved proxy lets the holder vote, bound to the owner’s written choice', async () => {
    holder = { ...(await logIn(t, '13700009999', '192.0.2.50')), phone: '13700009999' };
    const registered = await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${meetingId}/proxies`,
      headers: bearer(first.accessToken),
      payload: { grantorOwnerId: ownerIdOf.get('张三'), holderPhone: holder.phone, instructions: { [motionId]: 'oppose' }, document: scan },
    });
    expect(registered.statusCode).toBe(201);
    proxyId = registered.json().id;
    const cast = (choice: string) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/meetings/${meetingId}/motions/${motionId}/proxy-ballots`,
        headers: bearer(holder.accessToken),
        payload: { proxyId, voterId: voterOf.get('张三'), choice },
      });
    expect((await cast('oppose')).statusCode).toBe(403); // not yet approved
    expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/proxies/${proxyId}/approve`, headers: bearer(second.accessToken) })).statusCode).toBe(200);
    expect((await cast('agree')).statusCode).toBe(403); // against the instructions
    const ok = await cast('oppose');
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ channel: 'proxy' });
    // The holder lists the proxies they hold.
    const held = await t.app.inject({ url: `/v1/meetings/${meetingId}/proxies`, headers: bearer(holder.accessToken) });
    expect(held.json().items.map((x: { id: string }) => x.id)).toEqual([proxyId]);
  });

  it('the owner’s own ballot overrides the proxy’s, and the proxy cannot take it back', async () => {
    const own = await castBallot(t, owners.zhang.accessToken, meetingId, motionId, voterOf.get('张三')!, 'agree');
    expect(own.json()).toMatchObject({ channel: 'online', replaced: 'proxy' });
    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${meetingId}/motions/${motionId}/proxy-ballots`,
      headers: bearer(holder.accessToken),
      payload: { proxyId, voterId: voterOf.get('张三'), choice: 'oppose' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/personally/);
  });

  it('a holder carries at most maxProxiesPerHolder proxies', async () => {
    await t.app.inject({ method: 'PUT', url: `/v1/estates/${p.estateA}/settings`, headers: bearer(p.staffA), payload: { maxProxiesPerHolder: 1 } });
    const second_ = await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${meetingId}/proxies`,
      headers: bearer(first.accessToken),
      payload: { grantorOwnerId: ownerIdOf.get('王五'), holderPhone: holder.phone, document: scan },
    });
    expect(second_.statusCode).toBe(201);
    const approve = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/proxies/${second_.json().id}/approve`, headers: bearer(first.accessToken) });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().detail).toMatch(/maxProxiesPerHolder/);
  });

  it('proxy and owner voting at once: no proxy ballot lands after the owner’s own, and the owner’s stands', async () => {
    clock.set(START);
    const fresh = await openMeeting(t, clock, START, first.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '并发代理' }]);
    const [freshMeeting, freshMotion] = [fresh.meetingId, fresh.motionIds[0]!];
    const db = t.testDatabase.database.db;
    const voter = (await db.selectFrom('electorate_voters').select(['id', 'owners']).where('motion_id', '=', freshMotion).execute())
      .find((v) => v.owners.length === 1 && v.owners[0] === ownerIdOf.get('王五'))!.id;
    const racer = { ...(await logIn(t, '13700008888', '192.0.2.51')), phone: '13700008888' };
    const proxy = (
      await t.app.inject({
        method: 'POST',
        url: `/v1/meetings/${freshMeeting}/proxies`,
        headers: bearer(first.accessToken),
        payload: { grantorOwnerId: ownerIdOf.get('王五'), holderPhone: racer.phone, document: scan },
      })
    ).json().id;
    expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${freshMeeting}/proxies/${proxy}/approve`, headers: bearer(second.accessToken) })).statusCode).toBe(200);

    const byProxy = Array.from({ length: 10 }, () =>
      t.app.inject({
        method: 'POST',
        url: `/v1/meetings/${freshMeeting}/motions/${freshMotion}/proxy-ballots`,
        headers: bearer(racer.accessToken),
        payload: { proxyId: proxy, voterId: voter, choice: 'oppose' },
      }),
    );
    const byOwner = Array.from({ length: 10 }, () => castBallot(t, owners.wang.accessToken, freshMeeting, freshMotion, voter, 'agree'));
    const [proxied, own] = [await Promise.all(byProxy), await Promise.all(byOwner)];
    expect(own.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    // A proxy ballot is accepted only while the owner has not voted; after that it is refused.
    expect(proxied.every((r) => r.statusCode === 201 || (r.statusCode === 409 && /personally/.test(r.json().detail)))).toBe(true);

    const versions = await db.selectFrom('ballots').select(['id', 'version', 'channel']).where('voter_id', '=', voter).orderBy('version').execute();
    const accepted = proxied.filter((r) => r.statusCode === 201).length;
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: 10 + accepted }, (_, i) => i + 1));
    const firstOwn = versions.findIndex((v) => v.channel === 'online');
    expect(versions.slice(firstOwn).every((v) => v.channel === 'online')).toBe(true);
    const current = await db.selectFrom('current_ballots').select(['ballot_id', 'personal']).where('voter_id', '=', voter).executeTakeFirstOrThrow();
    expect(current).toEqual({ ballot_id: versions.at(-1)!.id, personal: true });
  });
});

describe('every channel under the same rules (issue 13: one home per rule)', () => {
  it('at the closing instant online, paper (entered or confirmed) and proxy ballots are refused alike', async () => {
    clock.set(START);
    const fresh = await openMeeting(t, clock, START, first.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '截止时刻' }]);
    const [freshMeeting, freshMotion] = [fresh.meetingId, fresh.motionIds[0]!];
    const db = t.testDatabase.database.db;
    const voters = await db.selectFrom('electorate_voters').select(['id', 'owners']).where('motion_id', '=', freshMotion).execute();
    const voterOfOwner = (name: string) => voters.find((v) => v.owners.length === 1 && v.owners[0] === ownerIdOf.get(name))!.id;
    const holder = await logIn(t, '13700006666', '192.0.2.52');
    const proxy = (
      await t.app.inject({
        method: 'POST',
        url: `/v1/meetings/${freshMeeting}/proxies`,
        headers: bearer(first.accessToken),
        payload: { grantorOwnerId: ownerIdOf.get('赵六'), holderPhone: '13700006666', document: scan },
      })
    ).json().id;
    expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${freshMeeting}/proxies/${proxy}/approve`, headers: bearer(second.accessToken) })).statusCode).toBe(200);
    const paperAt = (token: string, voterId: string) =>
      t.app.inject({ method: 'POST', url: `/v1/meetings/${freshMeeting}/motions/${freshMotion}/paper-ballots`, headers: bearer(token), payload: { voterId, choice: 'agree', scan } });
    const pending = await paperAt(first.accessToken, voterOfOwner('张三'));
    expect(pending.statusCode).toBe(201);

    clock.set(fresh.closesAt);
    const refusals = [
      await castBallot(t, owners.wang.accessToken, freshMeeting, freshMotion, voterOfOwner('王五'), 'agree'),
      await paperAt(first.accessToken, voterOfOwner('王五')),
      await t.app.inject({ method: 'POST', url: `/v1/meetings/${freshMeeting}/paper-ballots/${pending.json().id}/confirm`, headers: bearer(second.accessToken), payload: { choice: 'agree' } }),
      await t.app.inject({
        method: 'POST',
        url: `/v1/meetings/${freshMeeting}/motions/${freshMotion}/proxy-ballots`,
        headers: bearer(holder.accessToken),
        payload: { proxyId: proxy, voterId: voterOfOwner('赵六'), choice: 'agree' },
      }),
    ].map((r) => ({ status: r.statusCode, type: r.json().type, detail: r.json().detail }));
    const expected = { status: 409, type: 'urn:gongjue:problem:conflict', detail: `Voting closed at ${fresh.closesAt.toISOString()}` };
    expect(refusals).toEqual([expected, expected, expected, expected]);
    expect(await db.selectFrom('ballots').select('id').where('motion_id', '=', freshMotion).execute()).toEqual([]);
  });

  it('what an app remembers (motion terms, meeting places) is its own: a second app in the process starts empty', async () => {
    const other = await secondInstance(t, { clock });
    try {
      expect(t.app.caches.motionTerms.size).toBeGreaterThan(0);
      expect(t.app.caches.meetingPlaces.size).toBeGreaterThan(0);
      expect(other.app.caches).not.toBe(t.app.caches);
      expect([other.app.caches.motionTerms.size, other.app.caches.meetingPlaces.size, other.app.caches.receipts.size]).toEqual([0, 0, 0]);
    } finally {
      await other.close();
    }
  });
});
