import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estateChain } from '../../src/audit/audit-log.ts';
import { manualClock } from '../../src/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { type CsvUnit, registryCsv } from '../helpers/identity.ts';
import * as overHttp from '../helpers/places.ts';
import * as routes from '../helpers/voting.ts';
import { li, wang, zhang, zhao } from '../factories/cast.ts';
import * as meetings from '../factories/meetings.ts';
import * as people from '../factories/people.ts';
import * as places from '../factories/places.ts';
import * as registry from '../factories/registry.ts';

/**
 * The factories (test/factories/) must leave the rows the routes leave: a
 * factory never invents a state the service could not produce, or a test
 * built on it would pass against a world that cannot exist. The same world
 * is built twice, once through the routes and once by the factories, on two
 * databases with the same clock, and the two are compared row by row, with
 * ids replaced by what they name.
 */
const START = new Date('2026-11-22T00:00:00Z');
const units: CsvUnit[] = [
  { registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '100.00', owners: [zhang] },
  { registryNo: 'R-2', building: '1栋', stair: '2单元', room: '102', area: '90.00', owners: [wang] },
  { registryNo: 'R-3', building: '2栋', room: '201', area: '80.50', owners: [zhang, li] },
  { registryNo: 'R-4', building: '2栋', room: '202', area: '70.00', owners: [zhao], developerHeld: true },
];
const motions = [
  { matter: 'other_major', kind: 'yes_no', title: '加装充电桩' },
  { matter: 'other_major', kind: 'yes_no', title: '1栋外墙', scope: { kind: 'building', building: '1栋' } },
];

/** Ids inside a stored document (a webhook event's body) differ between the two databases; nothing else may. */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

interface World {
  t: TestApp;
  estateId: string;
  openMeetingId: string;
  ballot: number;
}

/** The same steps either way: places, the registry, an organiser, a verified owner, an open meeting and a noticed one, and a ballot cast through the route. */
async function build(way: 'routes' | 'factories'): Promise<World> {
  const clock = manualClock(START);
  const t = await createTestApp({ clock });
  const p = way === 'routes' ? await overHttp.twoTownships(t) : await places.twoTownships(t);
  if (way === 'routes') await overHttp.importRegistry(t, p.staffA, p.estateA, registryCsv(units));
  else await registry.importRegistry(t, p.staffA, p.estateA, units);
  const organiser = way === 'routes' ? await routes.appointed(t, p.staffA, p.estateA, 'organiser') : await people.appointed(t, p.staffA, p.estateA, 'organiser');
  const owner = way === 'routes' ? await routes.verifiedOwner(t, zhang) : await people.verifiedOwner(t, zhang);
  const make = way === 'routes' ? routes : meetings;
  const open = await make.openMeeting(t, clock, START, organiser.accessToken, p.estateA, motions);
  await make.noticedMeeting(t, clock, organiser.accessToken, p.estateA, { title: '下一次会议' });
  const mine = await routes.myBallots(t, owner.accessToken, open.meetingId);
  const cast = await routes.castBallot(t, owner.accessToken, open.meetingId, mine[0]!.motionId, mine[0]!.voterId, 'agree');
  return { t, estateId: p.estateA, openMeetingId: open.meetingId, ballot: cast.statusCode };
}

/** What the world holds, without ids, times of the wall clock or anything keyed by the app's own secrets. */
async function rowsOf(w: World) {
  const db = w.t.testDatabase.database.db;
  const q = async (query: ReturnType<typeof sql<Record<string, unknown>>>) => (await query.execute(db)).rows;
  return {
    estates: await q(sql`select e.name, e.registry_version, e.settings, t.name as township from estates e join townships t on t.id = e.township_id order by e.name`),
    units: await q(sql`select u.registry_no, b.name as building, s.name as stair, u.room, u.area_hundredths, u.area_source, u.kind, u.developer_held, u.removed_at,
        array(select o.name from unit_owners uo join owners o on o.id = uo.owner_id where uo.unit_id = u.id order by o.name) as owners
      from units u join buildings b on b.id = u.building_id left join stairs s on s.id = u.stair_id order by u.registry_no`),
    owners: await q(sql`select name, kind, id_type, id_tail, phone from owners order by name`),
    imports: await q(sql`select status, base_version, format, summary from registry_imports order by created_at`),
    roles: await q(sql`select r.role, e.name as estate, r.revoked_at from role_assignments r left join estates e on e.id = r.estate_id order by r.granted_at`),
    bindings: await q(sql`select o.name, b.method, b.level, b.factor, b.revoked_at from owner_bindings b join owners o on o.id = b.owner_id order by o.name`),
    attempts: await q(sql`select succeeded, at from verification_attempts order by at`),
    meetings: await q(sql`select title, kind, status, voting_opens_at, voting_closes_at, noticed_at, opened_at from meetings order by title`),
    motions: await q(sql`select m.title as meeting, x.position, x.matter, x.kind, x.title, x.terms from motions x join meetings m on m.id = x.meeting_id order by m.title, x.position`),
    electorate: await q(sql`select x.title as motion, v.developer, v.area_hundredths,
        array(select o.name from owners o where o.id = any(v.owners) order by o.name) as owners,
        array(select u.registry_no from units u where u.id = any(v.units) order by u.registry_no) as units,
        (select o.name from owners o where o.id = v.representative) as representative
      from electorate_voters v join motions x on x.id = v.motion_id order by x.position, v.area_hundredths, owners`),
    ballots: await q(sql`select b.version, b.choice, b.channel, b.cast_at from ballots b order by b.cast_at`),
    // The two worlds log people in from phones of their own prefixes (owner_bound names the phone, masked).
    notifications: await q(sql`select topic, recipient, regexp_replace(body, '1[0-9]{2}[*]{4}[0-9]{4}', 'phone', 'g') as body, created_at
      from notifications where recipient <> 'phone' order by created_at, topic, recipient, body`),
    events: await q(sql`select type, regexp_replace(body, ${UUID}, 'id', 'g') as body, occurred_at from webhook_events order by occurred_at, type`),
    audit: await q(sql`select action, split_part(actor, ':', 1) as actor, split_part(subject, ':', 1) as subject, at
      from audit_log where chain = ${estateChain(w.estateId)} order by seq`),
  };
}

let viaRoutes: World;
let viaFactories: World;

beforeAll(async () => {
  viaRoutes = await build('routes');
  viaFactories = await build('factories');
}, 120_000);
afterAll(async () => Promise.all([viaRoutes?.t.close(), viaFactories?.t.close()]));

describe('the factories', () => {
  it('leave the rows the routes leave: registry, roles, bindings, meetings, electorate, messages, events and audit records', async () => {
    const [expected, actual] = [await rowsOf(viaRoutes), await rowsOf(viaFactories)];
    // A world worth comparing: the registry, the snapshot and the audit chain are all there.
    expect(expected.units).toHaveLength(4);
    expect(expected.electorate.length).toBeGreaterThan(3);
    expect(expected.audit.map((r) => r.action)).toEqual(expect.arrayContaining(['estate.created', 'registry.import.applied', 'role.appointed', 'owner.verified', 'meeting.opened']));
    for (const key of Object.keys(expected) as (keyof typeof expected)[]) expect(actual[key], key).toEqual(expected[key]);
  });

  it('give sessions the routes would honour: the verified owner votes', () => {
    expect(viaRoutes.ballot).toBe(201);
    expect(viaFactories.ballot).toBe(201);
  });
});
