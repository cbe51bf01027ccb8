import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { findAnomalies, flagAnomalies } from '../../src/results/anomalies.ts';
import { requireMeeting } from '../../src/voting/meetings-repository.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { bindAccountToOwners } from '../factories/anomalies.ts';
import { li, ownerNumber, wang, zhang } from '../factories/cast.ts';
import { closeAndPublish, openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner, type Session } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 17, the township's supervision API: the overview of its estates (GET …/overview), the
 * anomaly flags computed at the close (R7.3) with masked voters, and a filing's evidence with the
 * service's own `gongjue verify` of its bundle. Another township's staff get 404, committee
 * members 404 on a township and 403 on a meeting of their own estate; flags never change a result.
 */
const START = new Date('2026-11-01T00:00:00Z');
const clock = manualClock(START);

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: Session;
let meetingId: string;
let zhangS: Session;
let overviewWhileOpen: { status: number; body: Record<string, unknown> };
let overviewEarly: Overview;
const get = (url: string, token: string) => t.app.inject({ url, headers: bearer(token) });

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  // TA = 300.00 m², TH = 6.
  await importRegistry(t, p.staffA, p.estateA, [
    { registryNo: 'R-1', building: '1栋', room: '101', area: '50.00', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', room: '102', area: '50.00', owners: [li] },
    { registryNo: 'R-3', building: '2栋', room: '201', area: '50.00', owners: [wang] },
    ...[1, 2, 3].map((n) => ({ registryNo: `R-${3 + n}`, building: '2栋', room: `20${1 + n}`, area: '50.00', owners: [ownerNumber(n)] })),
  ]);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  zhangS = await verifiedOwner(t, zhang);
  // The injected anomaly: 张三's phone also speaks for 业主1 and 业主2, who share no flat with him or each other.
  await bindAccountToOwners(t, zhangS.accountId, p.estateA, ['业主1', '业主2']);
  const owners = [zhangS, await verifiedOwner(t, li), await verifiedOwner(t, wang)];
  // Bound before the notice (the rows take the database's clock, which is ahead of this test's).
  await t.testDatabase.database.db.updateTable('owner_bindings').set({ created_at: new Date(START.getTime() - 86_400_000) } as never).execute();
  const opened = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '增设电动自行车充电桩' }]);
  meetingId = opened.meetingId;
  for (const [i, s] of owners.entries()) {
    for (const b of await myBallots(t, s.accessToken, meetingId)) {
      expect((await castBallot(t, s.accessToken, meetingId, b.motionId, b.voterId, 'agree')).statusCode).toBe(201);
    }
    // After 张三's three: the overview sums who took part (and remembers it at that count).
    if (i === 0) overviewEarly = (await get(`/v1/townships/${p.townshipA}/overview`, p.staffA)).json();
  }
  const open = await get(`/v1/townships/${p.townshipA}/overview`, p.staffA);
  overviewWhileOpen = { status: open.statusCode, body: open.json() };
  await closeAndPublish(t, clock, organiser.accessToken, meetingId, opened.closesAt);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

type Overview = { items: { estate: { id: string; name: string }; [k: string]: unknown }[]; total: number };

describe('the township overview', () => {
  it('shows each estate’s committee, registry and live participation against the quorum while voting', () => {
    expect(overviewWhileOpen.status).toBe(200);
    const row = (overviewWhileOpen.body as Overview).items.find((i) => i.estate.id === p.estateA)!;
    expect(row).toMatchObject({
      committee: { members: 0, organisers: 1 },
      registry: { units: 6, owners: 6 },
      awaitingFiling: 0,
      emergencyUses: 0,
    });
    const meetings = row.meetingsInProgress as { meetingId: string; furthest: Record<string, unknown> }[];
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({
      meetingId,
      furthest: {
        electorate: { area: '300.00', heads: 6 },
        tookPart: { area: '250.00', heads: 5 },
        quorum: { met: true, needed: { area: '200.00', heads: 4 } },
      },
    });
  });

  it('counts the emergency uses of the maintenance fund each estate filed (R7.1)', async () => {
    const filed = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/emergency-uses`,
      headers: bearer(p.committeeA),
      payload: { kind: 'lift', title: '电梯抢修', reason: '电梯困人', amountFen: 250_000 },
    });
    expect(filed.statusCode).toBe(201);
    const row = (await get(`/v1/townships/${p.townshipA}/overview`, p.staffA)).json<Overview>().items.find((i) => i.estate.id === p.estateA)!;
    expect(row.emergencyUses).toBe(1);
  });

  it('promises the count in the contract: emergencyUses is an integer, never null, now that every estate has one', () => {
    const doc = t.app.swagger() as unknown as { components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> } };
    const emergencyUses = doc.components.schemas.EstateOverview!.properties.emergencyUses!;
    expect(emergencyUses.type).toBe('integer');
    expect(emergencyUses).not.toHaveProperty('anyOf');
  });

  it('sums participation again once more voters took part (a count that moved is summed anew)', () => {
    const meetings = overviewEarly.items.find((i) => i.estate.id === p.estateA)!.meetingsInProgress as { furthest: Record<string, unknown> }[];
    expect(meetings[0]!.furthest).toMatchObject({ tookPart: { area: '150.00', heads: 3 }, quorum: { met: false, missing: { area: '50.00', heads: 1 } } });
  });

  it('after the close: the result awaits filing, the anomaly is counted; only the township’s estates, paged', async () => {
    const res = await get(`/v1/townships/${p.townshipA}/overview?limit=1`, p.staffA);
    expect(res.statusCode).toBe(200);
    const body = res.json<Overview>();
    expect(body.total).toBe(1);
    expect(body.items.map((i) => i.estate.id)).toEqual([p.estateA]);
    expect(body.items[0]).toMatchObject({ meetingsInProgress: [], awaitingFiling: 1, anomalies: 1 });
    expect((await get(`/v1/townships/${p.townshipA}/overview`, p.admin)).statusCode).toBe(200);
  });

  it('refuses another township’s staff and committee members with 404, bad paging with 400', async () => {
    expect((await get(`/v1/townships/${p.townshipA}/overview`, p.staffB)).statusCode).toBe(404);
    expect((await get(`/v1/townships/${p.townshipA}/overview`, p.committeeA)).statusCode).toBe(404);
    const bad = await get(`/v1/townships/${p.townshipA}/overview?limit=0`, p.staffA);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});

describe('anomaly flags (R7.3)', () => {
  it('flag one phone bound to owners who are not co-owners, with the voters masked', async () => {
    const res = await get(`/v1/meetings/${meetingId}/anomalies`, p.staffA);
    expect(res.statusCode).toBe(200);
    const flags = res.json<{ items: { kind: string; key: string; figures: Record<string, unknown>; voters: { owners: string[]; units: string[] }[]; votersTotal: number }[] }>().items;
    expect(flags.map((f) => f.kind)).toEqual(['shared_phone']);
    const [flag] = flags;
    expect(flag!.key).toBe(`${zhangS.phone.slice(0, 3)}****${zhangS.phone.slice(-4)}`);
    expect(flag!.figures).toMatchObject({ owners: 3, groups: 3, threshold: 3 });
    expect(flag!.votersTotal).toBe(3);
    expect(flag!.voters).toEqual([
      { owners: ['张*'], units: ['1栋 101'] },
      { owners: ['业**'], units: ['2栋 202'] },
      { owners: ['业**'], units: ['2栋 203'] },
    ]);
    expect(JSON.stringify(flags)).not.toContain('张三');
  });

  it('are listed for the township, newest first, and refused to others', async () => {
    const res = await get(`/v1/townships/${p.townshipA}/anomalies`, p.staffA);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, items: [{ kind: 'shared_phone', estateId: p.estateA, estateName: '阳光花园', meetingTitle: expect.any(String) }] });
    expect((await get(`/v1/townships/${p.townshipA}/anomalies`, p.staffB)).statusCode).toBe(404);
    expect((await get(`/v1/townships/${p.townshipA}/anomalies`, p.committeeA)).statusCode).toBe(404);
    expect((await get(`/v1/meetings/${meetingId}/anomalies`, p.staffB)).statusCode).toBe(404);
    expect((await get(`/v1/meetings/${meetingId}/anomalies`, p.committeeA)).statusCode).toBe(403);
  });

  it('never change a result: flagging again leaves the results, seals and audit chain as they were', async () => {
    const db = t.testDatabase.database.db;
    const snapshot = async () => ({
      results: await db.selectFrom('motion_results').selectAll().where('meeting_id', '=', meetingId).execute(),
      seals: await db.selectFrom('result_seals').selectAll().where('meeting_id', '=', meetingId).execute(),
      head: await db.selectFrom('audit_heads').selectAll().execute(),
    });
    const before = await snapshot();
    expect(before.results.map((r) => r.outcome)).toEqual(['passed']);
    // More anomalies afterwards (业主3 bound to the same phone too): more flagged, nothing else moves.
    await bindAccountToOwners(t, zhangS.accountId, p.estateA, ['业主3']);
    const flagged = await inTransaction(db, async (trx) => flagAnomalies(trx, await requireMeeting(trx, meetingId), clock.now()));
    expect(flagged).toBe(1);
    expect((await get(`/v1/meetings/${meetingId}/anomalies`, p.staffA)).json().items[0].votersTotal).toBe(3);
    expect(await snapshot()).toEqual(before);
    const evidence = await get(`/v1/meetings/${meetingId}/filing/evidence`, p.staffA);
    expect(evidence.json().verification).toMatchObject({ verified: true, problems: [] });
  });
});

describe('anomaly flags counted in SQL', () => {
  it('flag ballots below a raised assurance requirement and bindings made after the notice, with their voters', async () => {
    const db = t.testDatabase.database.db;
    const settings = (await db.selectFrom('estates').select('settings').where('id', '=', p.estateA).executeTakeFirstOrThrow()).settings;
    const meeting = await requireMeeting(db, meetingId);
    try {
      await db.updateTable('estates').set({ settings: JSON.stringify({ ...settings, minimumAssurance: 'in_person' }) }).where('id', '=', p.estateA).execute();
      await db.updateTable('owner_bindings').set({ created_at: new Date(meeting.noticed_at!.getTime() + 1000) } as never).execute();
      const found = await findAnomalies(db, meeting);
      expect(found.map((f) => f.kind)).toEqual(['shared_phone', 'low_assurance', 'late_binding']);
      expect(found[1]).toMatchObject({ figures: { below: 5, online: 5, required: 'in_person', percent: 100 } });
      expect(found[2]).toMatchObject({ figures: { ballots: 5, online: 5, percent: 100 } });
      expect(found[2]!.voters.map((v) => v.units[0])).toEqual(['1栋 101', '1栋 102', '2栋 201', '2栋 202', '2栋 203']);
    } finally {
      await db.updateTable('estates').set({ settings: JSON.stringify(settings) }).where('id', '=', p.estateA).execute();
      await db.updateTable('owner_bindings').set({ created_at: new Date(START.getTime() - 86_400_000) } as never).execute();
    }
  });

  it('do not count a ballot as bound after the notice when the same phone was bound to the same owner before it', async () => {
    const db = t.testDatabase.database.db;
    const meeting = await requireMeeting(db, meetingId);
    const noticedAt = meeting.noticed_at!;
    const liOwner = await db.selectFrom('owners').select('id').where('estate_id', '=', p.estateA).where('name', '=', li.name).executeTakeFirstOrThrow();
    try {
      await db.updateTable('owner_bindings').set({ created_at: new Date(noticedAt.getTime() + 1000) } as never).execute();
      // 李四's phone had been bound to him before the notice too (since revoked, then bound again): not a late binding.
      await sql`
        insert into owner_bindings (account_id, owner_id, method, verified_by, document_type, level, factor, created_at, revoked_at)
        select account_id, owner_id, method, verified_by, document_type, level, factor, ${new Date(noticedAt.getTime() - 86_400_000)}, ${new Date(noticedAt.getTime() - 3_600_000)}
          from owner_bindings where owner_id = ${liOwner.id}`.execute(db);
      const late = (await findAnomalies(db, meeting)).find((f) => f.kind === 'late_binding');
      expect(late).toMatchObject({ figures: { ballots: 4, online: 5, percent: 80 } });
      expect(late!.voters.map((v) => v.units[0])).toEqual(['1栋 101', '2栋 201', '2栋 202', '2栋 203']);
    } finally {
      await sql`delete from owner_bindings where revoked_at is not null and owner_id = ${liOwner.id}`.execute(db);
      await db.updateTable('owner_bindings').set({ created_at: new Date(START.getTime() - 86_400_000) } as never).execute();
    }
  });
});

describe('anomaly flags from one read of the standing ballots', () => {
  it('flag a paper share far above the usual (no history: 10 %), with the paper voters; no online account left to share a phone', async () => {
    const db = t.testDatabase.database.db;
    const meeting = await requireMeeting(db, meetingId);
    const standing = await db.selectFrom('current_ballots').innerJoin('motions', 'motions.id', 'current_ballots.motion_id').select('current_ballots.ballot_id').where('motions.meeting_id', '=', meetingId).execute();
    const ids = standing.map((r) => r.ballot_id);
    const setChannel = async (channel: string) => {
      // Ballots are append-only; the test alone unlocks the table to turn its own meeting's ballots into paper ones and back.
      await sql`alter table ballots disable trigger ballots_append_only`.execute(db);
      await sql`update ballots set channel = ${channel} where id = any(${ids}::uuid[])`.execute(db);
      await sql`alter table ballots enable trigger ballots_append_only`.execute(db);
    };
    try {
      await setChannel('paper');
      const found = await findAnomalies(db, meeting);
      expect(found.map((f) => f.kind)).toEqual(['paper_share']);
      expect(found[0]).toMatchObject({ figures: { paper: 5, total: 5, percent: 100, usualPercent: 10, usualFrom: 'default' } });
      expect(found[0]!.voters.map((v) => v.units[0])).toEqual(['1栋 101', '1栋 102', '2栋 201', '2栋 202', '2栋 203']);
    } finally {
      await setChannel('online');
    }
    expect((await findAnomalies(db, meeting)).map((f) => f.kind)).toEqual(['shared_phone']);
  });

  it('flag one network address that several voting accounts used, with the owners behind them (threshold lowered here: 3 accounts)', async () => {
    const db = t.testDatabase.database.db;
    const accounts = [zhangS.accountId, ...(await db.selectFrom('owner_bindings').select('account_id').where('account_id', '<>', zhangS.accountId).distinct().execute()).map((r) => r.account_id)];
    expect(accounts).toHaveLength(3);
    await db.insertInto('verification_attempts').values(accounts.map((account_id) => ({ account_id, succeeded: true, at: new Date(), ip: '203.0.113.7' }))).execute();
    try {
      const { addressesOfAccounts } = await import('../../src/results/anomalies-repository.ts');
      const meeting = await requireMeeting(db, meetingId);
      const seen = await addressesOfAccounts(db, accounts, meeting.noticed_at!, meeting.closed_at!, 3);
      // (The test client's own address, which every account here verified from, is one too.)
      const mine = (rows: typeof seen) => rows.filter((a) => a.ip === '203.0.113.7').map((a) => [...a.accounts].sort());
      expect(mine(seen)).toEqual([[...accounts].sort()]);
      expect(mine(await addressesOfAccounts(db, accounts.slice(0, 2), meeting.noticed_at!, meeting.closed_at!, 3))).toEqual([]);
    } finally {
      await db.deleteFrom('verification_attempts').where('ip', '=', '203.0.113.7').execute();
    }
  });
});

describe('a filing’s evidence', () => {
  it('verifies the service’s own bundle and gives ballots per channel, shares, flags, and no objections where the result had no objection window', async () => {
    const res = await get(`/v1/meetings/${meetingId}/filing/evidence`, p.staffA);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.verification.verified).toBe(true);
    expect(body.verification.notes.join('\n')).toContain('seals and results match');
    expect(body.channels).toEqual([
      expect.objectContaining({ online: 5, paper: 0, proxy: 0, total: 5, onlinePercent: 100, paperPercent: 0, proxyPercent: 0, assurance: [{ channel: 'online', level: 'registry_factor', ballots: 5 }] }),
    ]);
    expect(body.anomalies.map((a: { kind: string }) => a.kind)).toEqual(['shared_phone']);
    expect(body.objections).toBeNull();
  });

  it('is the township’s: another township 404, the estate’s committee 403, a bad id 400', async () => {
    expect((await get(`/v1/meetings/${meetingId}/filing/evidence`, p.staffB)).statusCode).toBe(404);
    expect((await get(`/v1/meetings/${meetingId}/filing/evidence`, p.committeeA)).statusCode).toBe(403);
    expect((await get(`/v1/meetings/${meetingId}/filing/evidence`, organiser.accessToken)).statusCode).toBe(403);
    expect((await get('/v1/meetings/not-a-uuid/filing/evidence', p.staffA)).statusCode).toBe(400);
  });
});
