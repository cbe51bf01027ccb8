import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { closeDueMeetings, reconcile } from '../../src/jobs/deadlines.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { registryCsv, residentId } from '../helpers/identity.ts';
import { importRegistry, twoTownships } from '../helpers/places.ts';
import { appointed, castBallot, myBallots, verifiedOwner } from '../helpers/voting.ts';

const DAY = 24 * 3_600_000;
const T0 = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(T0);
const zhang = { name: '张三', id: residentId('19800101', 11) };

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: { accessToken: string };
let owner: { accessToken: string };
const silent = { info: () => {}, error: () => {} };
const deps = () => ({ db: t.testDatabase.database.db, clock, log: silent });

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, registryCsv([{ registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] }]));
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  owner = await verifiedOwner(t, zhang);
});
afterAll(async () => t?.close());

async function noticedMeeting(opensInDays: number, closesInDays: number) {
  const headers = bearer(organiser.accessToken);
  const now = clock.now().getTime();
  const created = await t.app.inject({
    method: 'POST',
    url: `/v1/estates/${p.estateA}/meetings`,
    headers,
    payload: { kind: 'regular', title: '到点开关', votingOpensAt: new Date(now + opensInDays * DAY).toISOString(), votingClosesAt: new Date(now + closesInDays * DAY).toISOString() },
  });
  const id = created.json().id as string;
  await t.app.inject({ method: 'POST', url: `/v1/meetings/${id}/motions`, headers, payload: { matter: 'other_major', kind: 'yes_no', title: '到点' } });
  expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${id}/notice`, headers })).statusCode).toBe(200);
  return id;
}

const status = async (id: string) => (await t.testDatabase.database.db.selectFrom('meetings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('deadlines, derived from the database alone', () => {
  it('voting opens by itself at its instant (not before), and closes and tallies by itself at its instant', async () => {
    const id = await noticedMeeting(16, 20);
    clock.advance(16 * DAY - 1);
    expect((await reconcile(deps())).opened).toEqual([]);
    expect(await status(id)).toBe('noticed');
    clock.advance(1);
    expect((await reconcile(deps())).opened).toEqual([id]);
    expect(await status(id)).toBe('open');

    const voter = (await myBallots(t, owner.accessToken, id))[0]!;
    expect((await castBallot(t, owner.accessToken, id, voter.motionId, voter.voterId, 'agree')).statusCode).toBe(201);

    clock.advance(4 * DAY - 1);
    expect((await reconcile(deps())).closed).toEqual([]);
    clock.advance(1);
    expect((await reconcile(deps())).closed).toEqual([id]);
    expect(await status(id)).toBe('tallied');
    const results = (await t.app.inject({ url: `/v1/meetings/${id}/results`, headers: bearer(organiser.accessToken) })).json().items;
    expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(['passed']);
  });

  it('two closers racing for the same meeting give one result', async () => {
    const id = await noticedMeeting(16, 20);
    clock.advance(16 * DAY);
    await reconcile(deps());
    clock.advance(4 * DAY);
    const [a, b] = await Promise.all([closeDueMeetings(deps()), closeDueMeetings(deps())]);
    expect([...a, ...b]).toEqual([id]);
    const results = await t.testDatabase.database.db.selectFrom('motion_results').select('motion_id').where('meeting_id', '=', id).execute();
    expect(results).toHaveLength(1);
  });

  it('the in-process runner closes a due meeting by itself when the app starts (no Redis configured)', async () => {
    const id = await noticedMeeting(16, 20);
    clock.advance(16 * DAY);
    await reconcile(deps());
    clock.advance(4 * DAY);
    const { buildApp } = await import('../../src/app.ts');
    const second = await buildApp({ config: t.app.config, database: t.testDatabase.database, keys: t.keys, migrate: false, clock, runDeadlines: true });
    try {
      for (let i = 0; i < 50 && (await status(id)) !== 'tallied'; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await status(id)).toBe('tallied');
    } finally {
      await second.close();
    }
  });
});
