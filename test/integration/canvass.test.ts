import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estateChain, firstBreak, readChain } from '../../src/audit/audit-log.ts';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { castBallot } from '../helpers/voting.ts';
import { li, ouyangNana, wang, zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Canvassing (扫楼, issue 16): the non-voters of an open meeting by building, stairwell and floor,
 * masked; statuses at the door with who and when; a phone revealed one at a time and audited;
 * walking lists; reminders to chosen voters by the rules of every reminder (R6.2).
 */
const START = new Date('2026-11-22T02:00:00Z');
const clock = manualClock(START);

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: { accessToken: string; accountId: string; phone: string };
let committee: { accessToken: string; accountId: string; phone: string };
let outsider: { accessToken: string; accountId: string; phone: string };
let owner: { accessToken: string; accountId: string };
let meetingId: string;
let motionIds: string[];
let ownerIdOf: Map<string, string>;

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [
    { registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '100.00', owners: [{ ...zhang, phone: '13812341234' }] },
    { registryNo: 'R-2', building: '1栋', stair: '1单元', room: '102', area: '90.00', owners: [wang] },
    { registryNo: 'R-3', building: '1栋', stair: '2单元', room: '1201', area: '80.00', owners: [{ ...ouyangNana, phone: '13900001111' }] },
    { registryNo: 'R-4', building: '2栋', room: '302', area: '70.00', owners: [li] },
    { registryNo: 'R-5', building: '10栋', room: '101', area: '60.00', owners: [{ ...zhang, phone: '13812341234' }, li] },
  ]);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  committee = await appointed(t, p.staffA, p.estateA, 'committee');
  outsider = await appointed(t, p.staffB, p.estateB, 'organiser');
  owner = await verifiedOwner(t, wang);
  const opened = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [
    { matter: 'other_major', kind: 'yes_no', title: '加装充电桩' },
    { matter: 'other_major', kind: 'yes_no', title: '更换门禁' },
  ]);
  meetingId = opened.meetingId;
  motionIds = opened.motionIds;
  const db = t.testDatabase.database.db;
  const owners = await db.selectFrom('owners').select(['id', 'name']).where('estate_id', '=', p.estateA).execute();
  ownerIdOf = new Map(owners.map((o) => [o.name, o.id]));
  // 王五 votes on the first motion only: still a non-voter of the meeting, not of that motion.
  const wangVoter = await db
    .selectFrom('electorate_voters')
    .select('id')
    .where('motion_id', '=', motionIds[0]!)
    .where('owners', '=', sql<string[]>`array[${ownerIdOf.get('王五')!}]::uuid[]`)
    .executeTakeFirstOrThrow();
  expect((await castBallot(t, owner.accessToken, meetingId, motionIds[0]!, wangVoter.id, 'agree')).statusCode).toBe(201);
});
afterAll(async () => t?.close());

const list = (token: string, query = '') => t.app.inject({ url: `/v1/meetings/${meetingId}/canvass${query}`, headers: bearer(token) });
const places = (items: { units: { building: string; stair: string | null; room: string }[] }[]) =>
  items.map((i) => i.units.map((u) => [u.building, u.stair, u.room].filter(Boolean).join(' ')).join(' + '));

describe('the canvass list', () => {
  it('lists the voters who have not voted, in walking order, with names and phones masked', async () => {
    const res = await list(organiser.accessToken);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(5);
    expect(body.buildings).toEqual(['1栋', '2栋', '10栋']);
    // 2栋 before 10栋, 101 before 1201; 张三 and 李四 together are one head placed at their first unit.
    expect(places(body.items)).toEqual(['1栋 1单元 101', '1栋 1单元 102', '1栋 2单元 1201', '2栋 302', '10栋 101']);
    const first = body.items[0];
    expect(first.owners).toEqual([{ id: ownerIdOf.get('张三'), name: '张*', kind: 'person', phone: '138****1234' }]);
    expect(body.items[2].owners[0].name).toBe('欧***');
    expect(body.items[1]).toMatchObject({ motions: 2, voted: 1, latest: null, visits: 0 });
    expect(res.body).not.toContain('13812341234');
    expect(res.body).not.toContain('张三');
  });

  it('filters by motion, building, stairwell and floor, and pages on the server', async () => {
    const onFirst = (await list(organiser.accessToken, `?motionId=${motionIds[0]}`)).json();
    expect(onFirst.total).toBe(4);
    expect(places(onFirst.items)).not.toContain('1栋 1单元 102');
    expect(places((await list(organiser.accessToken, '?building=1栋&stair=2单元')).json().items)).toEqual(['1栋 2单元 1201']);
    expect(places((await list(organiser.accessToken, '?floor=3')).json().items)).toEqual(['2栋 302']);
    const page2 = (await list(organiser.accessToken, '?pageSize=2&page=2')).json();
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(places(page2.items)).toEqual(['1栋 2单元 1201', '2栋 302']);
    const past = (await list(organiser.accessToken, '?pageSize=2&page=9')).json();
    expect(past).toMatchObject({ total: 5, items: [] });
  });

  it('refuses bad input with a problem, another estate’s organiser as not found, and owners', async () => {
    const bad = await list(organiser.accessToken, '?floor=abc&pageSize=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await list(organiser.accessToken, `?motionId=${p.estateB}`)).statusCode).toBe(404);
    expect((await list(outsider.accessToken)).statusCode).toBe(404);
    expect((await list(owner.accessToken)).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/v1/meetings/${meetingId}/canvass` })).statusCode).toBe(401);
  });
});

describe('statuses at the door', () => {
  const record = (token: string, voterId: string, body: object) =>
    t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/canvass/voters/${voterId}/visits`, headers: bearer(token), payload: body });

  it('records who set a status and when; the latest stands and earlier ones are kept', async () => {
    const voterId = (await list(organiser.accessToken)).json().items[3].voterId;
    const at = clock.now();
    const first = await record(organiser.accessToken, voterId, { status: 'not_home', note: '晚上再来' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({
      status: 'not_home',
      note: '晚上再来',
      setBy: { accountId: organiser.accountId, phone: `${organiser.phone.slice(0, 3)}****${organiser.phone.slice(-4)}` },
      setAt: at.toISOString(),
    });
    clock.set(new Date(at.getTime() + 3_600_000));
    expect((await record(committee.accessToken, voterId, { status: 'paper_ballot' })).statusCode).toBe(201);
    const row = (await list(organiser.accessToken)).json().items[3];
    expect(row.latest).toMatchObject({ status: 'paper_ballot', note: null, setBy: { accountId: committee.accountId } });
    expect(row.visits).toBe(2);
    const history = await t.app.inject({ url: `/v1/meetings/${meetingId}/canvass/voters/${voterId}/visits`, headers: bearer(organiser.accessToken) });
    expect(history.json().items.map((v: { status: string }) => v.status)).toEqual(['paper_ballot', 'not_home']);
    // Filter by what was found.
    const paper = (await list(organiser.accessToken, '?status=paper_ballot')).json();
    expect(paper.items.map((i: { voterId: string }) => i.voterId)).toEqual([voterId]);
    expect((await list(organiser.accessToken, '?status=none')).json().total).toBe(4);
  });

  it('refuses an unknown status, a voter of another meeting, another estate and owners', async () => {
    const voterId = (await list(organiser.accessToken)).json().items[0].voterId;
    expect((await record(organiser.accessToken, voterId, { status: 'bribed' })).statusCode).toBe(400);
    expect((await record(organiser.accessToken, voterId, { status: 'visited', note: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await record(organiser.accessToken, p.estateA, { status: 'visited' })).statusCode).toBe(404);
    expect((await record(outsider.accessToken, voterId, { status: 'visited' })).statusCode).toBe(404);
    expect((await record(owner.accessToken, voterId, { status: 'visited' })).statusCode).toBe(403);
    const count = await t.testDatabase.database.db.selectFrom('canvass_visits').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });
});

describe('revealing a phone to call', () => {
  const reveal = (token: string, ownerId: string) => t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/canvass/owners/${ownerId}/phone`, headers: bearer(token) });

  it('answers the full phone and writes who saw whose phone to the audit log', async () => {
    const res = await reveal(committee.accessToken, ownerIdOf.get('张三')!);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ownerId: ownerIdOf.get('张三'), name: '张*', phone: '13812341234' });
    expect(res.headers['cache-control']).toBe('no-store');
    const chain = await readChain(t.testDatabase.database.db, estateChain(p.estateA));
    expect(chain.at(-1)).toMatchObject({ actor: `account:${committee.accountId}`, action: 'canvass.phone_revealed', subject: `owner:${ownerIdOf.get('张三')}`, data: { meetingId } });
    expect(firstBreak(chain)).toBeNull();
  });

  it('refuses another estate, owners, and owners outside the electorate; an owner without a phone is not found', async () => {
    const before = (await readChain(t.testDatabase.database.db, estateChain(p.estateA))).length;
    expect((await reveal(outsider.accessToken, ownerIdOf.get('张三')!)).statusCode).toBe(404);
    expect((await reveal(owner.accessToken, ownerIdOf.get('张三')!)).statusCode).toBe(403);
    expect((await reveal(organiser.accessToken, p.estateB)).statusCode).toBe(404);
    expect((await reveal(organiser.accessToken, ownerIdOf.get('王五')!)).statusCode).toBe(404);
    expect((await readChain(t.testDatabase.database.db, estateChain(p.estateA))).length).toBe(before);
  });
});

describe('walking lists', () => {
  it('answer every non-voter per building, with estate, meeting and local date', async () => {
    const res = await t.app.inject({ url: `/v1/meetings/${meetingId}/canvass/walking-lists`, headers: bearer(organiser.accessToken) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const local = new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(body).toMatchObject({ estate: '阳光花园', meeting: expect.any(String), printedAt: local, total: 5 });
    expect(body.buildings.map((b: { building: string }) => b.building)).toEqual(['1栋', '2栋', '10栋']);
    expect(body.buildings[0].rows[0]).toEqual({ place: '1栋 1单元 101', names: '张*', status: null });
    expect(body.buildings[2].rows[0]).toEqual({ place: '10栋 101', names: '张*、李*', status: null });
    expect(body.buildings[1].rows[0].status).toBe('paper_ballot');
    expect(res.body).not.toContain('13812341234');
    const one = await t.app.inject({ url: `/v1/meetings/${meetingId}/canvass/walking-lists?building=2栋`, headers: bearer(organiser.accessToken) });
    expect(one.json().buildings.map((b: { building: string }) => b.building)).toEqual(['2栋']);
    expect((await t.app.inject({ url: `/v1/meetings/${meetingId}/canvass/walking-lists`, headers: bearer(outsider.accessToken) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/v1/meetings/${meetingId}/canvass/walking-lists`, headers: bearer(owner.accessToken) })).statusCode).toBe(403);
  });
});

describe('reminders to chosen voters', () => {
  const remind = (token: string, voterIds: string[]) =>
    t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/canvass/reminders`, headers: bearer(token), payload: { voterIds } });
  const reminders = () =>
    t.testDatabase.database.db.selectFrom('notifications').select(['owner_id']).where('kind', '=', 'voting_reminder').where('subject_id', '=', meetingId).execute();

  it('remind the chosen, less those who opted out, and never twice a day', async () => {
    const items = (await list(organiser.accessToken)).json().items as { voterId: string; owners: { id: string }[] }[];
    const ouyang = items.find((i) => i.owners[0]!.id === ownerIdOf.get('欧阳娜娜'))!;
    const coOwned = items.find((i) => i.owners.length === 2)!;
    // 李四 opted out of reminders: of 张三 + 李四, only 张三 hears.
    await t.testDatabase.database.db
      .insertInto('owner_message_preferences')
      .values({ owner_id: ownerIdOf.get('李四')!, reminders: false, updated_by: owner.accountId, updated_at: START })
      .execute();
    const res = await remind(organiser.accessToken, [ouyang.voterId, coOwned.voterId]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ chosen: 2, reminded: 2 });
    expect((await reminders()).map((r) => r.owner_id).sort()).toEqual([ownerIdOf.get('欧阳娜娜'), ownerIdOf.get('张三')].sort());
    const chain = await readChain(t.testDatabase.database.db, estateChain(p.estateA));
    expect(chain.at(-1)).toMatchObject({ action: 'meeting.reminded', actor: `account:${organiser.accountId}`, data: { owners: 2, chosenVoters: 2 } });
    // The same day again: nobody.
    expect((await remind(organiser.accessToken, [ouyang.voterId])).json()).toEqual({ chosen: 1, reminded: 0 });
    expect(await reminders()).toHaveLength(2);
  });

  it('refuses voters of other meetings, another estate, owners and an empty choice', async () => {
    const voterId = (await list(organiser.accessToken)).json().items[0].voterId;
    expect((await remind(organiser.accessToken, [p.estateA])).statusCode).toBe(404);
    expect((await remind(organiser.accessToken, [])).statusCode).toBe(400);
    expect((await remind(outsider.accessToken, [voterId])).statusCode).toBe(404);
    expect((await remind(owner.accessToken, [voterId])).statusCode).toBe(403);
  });
});

describe('after voting closes', () => {
  it('canvassing is over: the list, statuses and reveals answer conflict', async () => {
    const meeting = await t.testDatabase.database.db.selectFrom('meetings').select('voting_closes_at').where('id', '=', meetingId).executeTakeFirstOrThrow();
    clock.set(meeting.voting_closes_at);
    expect((await list(organiser.accessToken)).statusCode).toBe(409);
    const reveal = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/canvass/owners/${ownerIdOf.get('张三')}/phone`, headers: bearer(organiser.accessToken) });
    expect(reveal.statusCode).toBe(409);
  });
});
