import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { findVoters } from '../../src/voting/electorate-lookup.ts';
import { requireMeeting } from '../../src/voting/meetings-repository.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { castBallot } from '../helpers/voting.ts';
import { li, wang, zhang, zhao } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 12, "API gaps a real client hit": organisers find a voter of a
 * meeting without reading the database (by registry number, building,
 * stairwell, floor or masked name), paper ballots and proxy ballots may
 * name a unit instead of a voter id, and confirming a paper ballot takes no
 * body, like approving a proxy.
 */
const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const scan = { url: 'https://files.example/scan/1.pdf', sha256: 'a'.repeat(64) };

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let first: { accessToken: string };
let second: { accessToken: string };
let wangOwner: { accessToken: string };
let meetingId: string;
let motionIds: string[];

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(
    t,
    p.staffA,
    p.estateA,
    [
      { registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '100.00', owners: [zhang] },
      { registryNo: 'R-2', building: '1栋', stair: '1单元', room: '1202', area: '90.00', owners: [wang] },
      { registryNo: 'R-3', building: '1栋', stair: '2单元', room: '1203', area: '80.00', owners: [zhao] },
      { registryNo: 'R-4', building: '2栋', stair: '1单元', room: '104', area: '70.00', owners: [zhang, li] },
      { registryNo: 'R-5', building: '2栋', stair: '1单元', room: '105', area: '60.00', owners: [zhang] },
    ],
  );
  first = await appointed(t, p.staffA, p.estateA, 'organiser');
  second = await appointed(t, p.staffA, p.estateA, 'committee');
  wangOwner = await verifiedOwner(t, wang);
  const opened = await openMeeting(t, clock, START, first.accessToken, p.estateA, [
    { matter: 'other_major', kind: 'yes_no', title: '加装充电桩' },
    { matter: 'other_major', kind: 'yes_no', title: '1栋外墙', scope: { kind: 'building', building: '1栋' } },
  ]);
  meetingId = opened.meetingId;
  motionIds = opened.motionIds;
});
afterAll(async () => t?.close());

const enter = (token: string, motionId: string, body: object) =>
  t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/motions/${motionId}/paper-ballots`, headers: bearer(token), payload: body });

describe('confirming a paper ballot', () => {
  // Issue 16 changed confirming to double entry: it now needs the second reading, and a bare confirmation is refused.
  it('confirms with no body once a second organiser read the paper again alike (issue 12 + 16); rejecting takes none either', async () => {
    const lookup = await t.app.inject({ url: `/v1/meetings/${meetingId}/electorate?registryNo=R-3`, headers: bearer(first.accessToken) });
    const voterId = lookup.json().items[0].motions.find((m: { motionId: string }) => m.motionId === motionIds[0]).voterId;
    const entered = await enter(first.accessToken, motionIds[0]!, { voterId, choice: 'agree', scan });
    expect(entered.statusCode, entered.body).toBe(201);
    await t.app.ready();
    const confirmBare = () =>
      request(t.app.server).post(`/v1/meetings/${meetingId}/paper-ballots/${entered.json().id}/confirm`).set('authorization', `Bearer ${second.accessToken}`);
    // No body, no Content-Type: not a 400 — but nobody has read the paper again yet.
    const early = await confirmBare();
    expect(early.status, early.text).toBe(409);
    expect(early.body.type).toBe('urn:gongjue:problem:paper-second-reading-required');
    const read = await request(t.app.server)
      .post(`/v1/meetings/${meetingId}/paper-ballots/${entered.json().id}/second-reading`)
      .set('authorization', `Bearer ${second.accessToken}`)
      .send({ choice: 'agree' });
    expect(read.status, read.text).toBe(200);
    const checked = await confirmBare();
    expect(checked.status, checked.text).toBe(200);
    expect(checked.body.receipt).toMatchObject({ channel: 'paper', version: 1 });

    const other = await enter(first.accessToken, motionIds[1]!, { voterId: lookup.json().items[0].motions[1].voterId, choice: 'oppose', scan });
    const withEmpty = await request(t.app.server)
      .post(`/v1/meetings/${meetingId}/paper-ballots/${other.json().id}/reject`)
      .set('authorization', `Bearer ${second.accessToken}`)
      .send({});
    expect(withEmpty.status, withEmpty.text).toBe(200);
  });
});

type Voter = {
  owners: { id: string; name: string }[];
  units: { id: string; registryNo: string }[];
  motions: { motionId: string; voterId: string; unitIds: string[]; area: string; heads: number; ballot: { channel: string; version: number } | null; paperPending: boolean }[];
};
const lookup = (query: string, token = first.accessToken) => t.app.inject({ url: `/v1/meetings/${meetingId}/electorate?${query}`, headers: bearer(token) });
const found = async (query: string) => {
  const res = await lookup(query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Voter[];
};
const registryNos = (voters: Voter[]) => voters.map((v) => v.units.map((u) => u.registryNo).join('+'));

describe('the electorate lookup (GET /v1/meetings/{id}/electorate)', () => {
  it('finds a voter by registry number: its owners masked, its units, and per motion its voter id, area and head', async () => {
    const [zhaoVoter, ...rest] = await found('registryNo=R-3');
    expect(rest).toEqual([]);
    expect(zhaoVoter!.owners.map((o) => o.name)).toEqual(['赵*']);
    expect(zhaoVoter!.units).toMatchObject([{ registryNo: 'R-3', building: '1栋', stair: '2单元', room: '1203', area: '80.00' }]);
    expect(zhaoVoter!.motions.map((m) => m.motionId)).toEqual(motionIds);
    const db = t.testDatabase.database.db;
    for (const m of zhaoVoter!.motions) {
      const row = await db.selectFrom('electorate_voters').select(['motion_id', 'units']).where('id', '=', m.voterId).executeTakeFirstOrThrow();
      expect(row.motion_id).toBe(m.motionId);
      expect(row.units).toEqual([zhaoVoter!.units[0]!.id]);
      expect(m).toMatchObject({ area: '80.00', heads: 1 });
    }
  });

  it('finds by building, stairwell, floor and room; one owner’s units form one voter, a building-scoped motion counts only that building', async () => {
    // Listed in the order of their first matching unit: R-4, then R-5 (the owner of R-1 and R-5).
    expect(registryNos(await found(`building=${encodeURIComponent('2栋')}`))).toEqual(['R-4', 'R-1+R-5']);
    expect(registryNos(await found(`building=${encodeURIComponent('1栋')}&stair=${encodeURIComponent('2单元')}`))).toEqual(['R-3']);
    expect(registryNos(await found('floor=12'))).toEqual(['R-2', 'R-3']);
    expect(registryNos(await found('room=1202'))).toEqual(['R-2']);
    const [zhangAlone] = await found('registryNo=R-5');
    const [estateWide, building1] = zhangAlone!.motions;
    expect(estateWide).toMatchObject({ area: '160.00' });
    expect(estateWide!.unitIds).toHaveLength(2);
    expect(building1).toMatchObject({ motionId: motionIds[1], area: '100.00' });
    expect(building1!.unitIds).toEqual([zhangAlone!.units.find((u) => u.registryNo === 'R-1')!.id]);
    // A co-owned unit outside building 1 is not on the building-1 motion at all.
    const [coOwned] = await found('registryNo=R-4');
    expect(coOwned!.motions.map((m) => m.motionId)).toEqual([motionIds[0]]);
  });

  it('finds by name only as masked: 张三 and 张* find the same voters, a full name confirms nothing more', async () => {
    const full = registryNos(await found(`name=${encodeURIComponent('张三')}`));
    expect(full).toEqual(['R-1+R-5', 'R-4']);
    expect(registryNos(await found(`name=${encodeURIComponent('张*')}`))).toEqual(full);
    expect(registryNos(await found(`name=${encodeURIComponent('张飞')}`))).toEqual(full);
    expect(registryNos(await found(`name=${encodeURIComponent('李四')}`))).toEqual(['R-4']);
    expect(await found(`name=${encodeURIComponent('张三丰')}`)).toEqual([]);
    const body = (await lookup(`name=${encodeURIComponent('张三')}`)).body;
    expect(body).not.toContain('张三');
    expect(body).not.toContain('李四');
  });

  it('pages through every voter of the meeting', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res = await lookup(`limit=1${after ? `&after=${after}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.length).toBeLessThanOrEqual(1);
      seen.push(...registryNos(res.json().items));
      after = res.json().next;
    } while (after !== null && seen.length < 10);
    expect(seen).toEqual(['R-1+R-5', 'R-2', 'R-3', 'R-4']);
    const bad = await lookup('after=not-a-cursor!');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.after');
  });

  it('finds the same voters whether it goes through the index on units (few units) or one hashed pass (many)', async () => {
    const meeting = await requireMeeting(t.testDatabase.database.db, meetingId);
    for (const filter of [{}, { building: '2栋' }, { floor: '12' }, { name: '张*' }, { registryNo: 'R-3' }, { stair: '1单元' }]) {
      const pages = async (indexedUnits: number) => {
        const all = [];
        let after: string | undefined;
        do {
          const page = await findVoters(t.testDatabase.database.db, meeting, { ...filter, limit: 1, indexedUnits, ...(after ? { after } : {}) });
          all.push(...page.items);
          after = page.next ?? undefined;
        } while (after);
        return all;
      };
      const [indexed, hashed] = [await pages(1000), await pages(0)];
      expect(indexed.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(hashed, JSON.stringify(filter)).toEqual(indexed);
    }
  });

  it('tells whether and how a voter voted, never the choice', async () => {
    const [before] = await found('registryNo=R-2');
    expect(before!.motions[0]!.ballot).toBeNull();
    const cast = await castBallot(t, wangOwner.accessToken, meetingId, motionIds[0]!, before!.motions[0]!.voterId, 'oppose');
    expect(cast.statusCode, cast.body).toBe(201);
    const res = await lookup('registryNo=R-2');
    const [after] = res.json().items as Voter[];
    expect(after!.motions[0]!.ballot).toMatchObject({ channel: 'online', version: 1 });
    expect(after!.motions[1]!.ballot).toBeNull();
    expect(res.body).not.toMatch(/oppose|choice/);
  });

  it('is for the estate’s committee members and organisers: owners and its township are refused, other estates get 404', async () => {
    expect((await lookup('registryNo=R-1', wangOwner.accessToken)).statusCode).toBe(403);
    expect((await lookup('registryNo=R-1', p.staffA)).statusCode).toBe(403);
    expect((await lookup('registryNo=R-1', p.committeeA)).statusCode).toBe(200);
    const elsewhere = await t.tokenFor({ role: 'organiser', estateId: p.estateB });
    for (const token of [elsewhere, p.staffB]) {
      const res = await lookup('registryNo=R-1', token);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await lookup('floor=abc')).statusCode).toBe(400);
    expect((await lookup('colour=red')).statusCode).toBe(400);
  });
});

describe('a paper ballot names a unit instead of a voter id', () => {
  it('by registry number or unit id: the voter holding the unit in this motion', async () => {
    const [zhangAlone] = await found('registryNo=R-5');
    const byRegistry = await enter(first.accessToken, motionIds[0]!, { registryNo: 'R-5', choice: 'agree', scan });
    expect(byRegistry.statusCode, byRegistry.body).toBe(201);
    expect(byRegistry.json().voterId).toBe(zhangAlone!.motions[0]!.voterId);
    // On the building-1 motion the same owner's head holds only R-1.
    const r1 = zhangAlone!.units.find((u) => u.registryNo === 'R-1')!.id;
    const byUnit = await enter(first.accessToken, motionIds[1]!, { unitId: r1, choice: 'oppose', scan });
    expect(byUnit.statusCode, byUnit.body).toBe(201);
    expect(byUnit.json().voterId).toBe(zhangAlone!.motions[1]!.voterId);
    expect((await found('registryNo=R-5'))[0]!.motions.map((m) => m.paperPending)).toEqual([true, true]);
  });

  it('exactly one of voterId, unitId, registryNo; a unit the meeting does not have is 404, one outside the motion 403', async () => {
    const [zhaoVoter] = await found('registryNo=R-3');
    const both = await enter(first.accessToken, motionIds[0]!, { voterId: zhaoVoter!.motions[0]!.voterId, registryNo: 'R-3', choice: 'agree', scan });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0].path).toBe('body.voterId');
    expect((await enter(first.accessToken, motionIds[0]!, { choice: 'agree', scan })).statusCode).toBe(400);
    const unknown = await enter(first.accessToken, motionIds[0]!, { registryNo: 'R-99', choice: 'agree', scan });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().type).toBe('urn:gongjue:problem:not-found');
    expect((await enter(first.accessToken, motionIds[0]!, { unitId: '00000000-0000-4000-8000-000000000000', choice: 'agree', scan })).statusCode).toBe(404);
    const outside = await enter(first.accessToken, motionIds[1]!, { registryNo: 'R-4', choice: 'agree', scan });
    expect(outside.statusCode).toBe(403);
    const db = t.testDatabase.database.db;
    expect(await db.selectFrom('paper_entries').select('id').where('voter_id', '=', zhaoVoter!.motions[0]!.voterId).where('status', '=', 'pending').execute()).toEqual([]);
  });
});

describe('proxies', () => {
  it('the holder’s listing gives the grantor’s voter ids, and a proxy ballot may name a unit', async () => {
    const holder = { ...(await logIn(t, '13700007777', '192.0.2.70')), phone: '13700007777' };
    const registered = await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${meetingId}/proxies`,
      headers: bearer(first.accessToken),
      payload: { grantorOwnerId: (await found('registryNo=R-3'))[0]!.owners[0]!.id, holderPhone: holder.phone, document: scan },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const proxyId = registered.json().id;
    expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/proxies/${proxyId}/approve`, headers: bearer(second.accessToken) })).statusCode).toBe(200);

    const held = await t.app.inject({ url: `/v1/meetings/${meetingId}/proxies`, headers: bearer(holder.accessToken) });
    expect(held.statusCode).toBe(200);
    const [proxy] = held.json().items;
    const [zhaoVoter] = await found('registryNo=R-3');
    expect(proxy.voters).toEqual(zhaoVoter!.motions.map((m) => ({ motionId: m.motionId, voterId: m.voterId, units: ['1栋 2单元 1203'], area: '80.00' })));

    const cast = (body: object) =>
      t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/motions/${motionIds[1]}/proxy-ballots`, headers: bearer(holder.accessToken), payload: { proxyId, choice: 'agree', ...body } });
    const byVoterId = await cast({ voterId: proxy.voters[1].voterId });
    expect(byVoterId.statusCode, byVoterId.body).toBe(201);
    const byRegistry = await cast({ registryNo: 'R-3' });
    expect(byRegistry.statusCode, byRegistry.body).toBe(201);
    expect(byRegistry.json()).toMatchObject({ voterId: proxy.voters[1].voterId, channel: 'proxy', version: 2 });
    // A unit of someone else: the proxy's owner is not among its owners.
    expect((await cast({ registryNo: 'R-2' })).statusCode).toBe(403);
    expect((await cast({ voterId: proxy.voters[1].voterId, unitId: zhaoVoter!.units[0]!.id })).statusCode).toBe(400);
  });
});
