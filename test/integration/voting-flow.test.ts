import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { tallyUnitsOf } from '../../src/registry/units.ts';
import { parseTallyRecord, tallyRecord, type Unit } from '../../src/tally/index.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { type CsvUnit, registryCsv, uscc } from '../helpers/identity.ts';
import { importRegistry, twoTownships } from '../helpers/places.ts';
import { appointed, castBallot, myBallots, verifiedOwner } from '../helpers/voting.ts';
import { li, wang, zhang, zhao } from '../factories/cast.ts';

const DAY = 24 * 3_600_000;
const T0 = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(T0);

const developer = { name: '阳光地产有限公司', id: uscc('91350100M00010001'), idType: 'uscc' };

const registry: CsvUnit[] = [
  { registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '90.00', owners: [zhang] },
  { registryNo: 'R-2', building: '1栋', stair: '1单元', room: '102', area: '60.00', owners: [zhang] },
  { registryNo: 'R-3', building: '1栋', stair: '2单元', room: '201', area: '75.50', owners: [zhang, li] },
  { registryNo: 'P-1', building: '车库', room: 'P1', area: '12.00', kind: 'parking', owners: [wang] },
  { registryNo: 'R-4', building: '2栋', room: '301', area: '100.00', owners: [wang] },
  { registryNo: 'R-5', building: '2栋', room: '302', area: '80.00', owners: [zhao] },
  { registryNo: 'S-1', building: '2栋', room: '商1', area: '40.00', kind: 'commercial', developerHeld: true, owners: [developer] },
  { registryNo: 'S-2', building: '2栋', room: '商2', area: '40.00', kind: 'commercial', developerHeld: true, owners: [developer] },
];

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: { accessToken: string; accountId: string };
let owners: Record<'zhang' | 'wang' | 'zhao', { accessToken: string; accountId: string }>;
let meetingId: string;
let motionIds: string[];
let unitsAtOpening: Unit[];

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, registryCsv(registry));
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  owners = { zhang: await verifiedOwner(t, zhang), wang: await verifiedOwner(t, wang), zhao: await verifiedOwner(t, zhao) };
});
afterAll(async () => t?.close());

const asOrganiser = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(organiser.accessToken), ...(payload ? { payload } : {}) });

describe('a meeting from the notice to the result', () => {
  it('an organiser drafts a meeting with four motions, each showing the rule that will decide it', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/meetings`,
      headers: bearer(organiser.accessToken),
      payload: {
        kind: 'regular',
        title: '2027年第一次业主大会',
        votingOpensAt: new Date(T0.getTime() + 16 * DAY).toISOString(),
        votingClosesAt: new Date(T0.getTime() + 30 * DAY).toISOString(),
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'draft', local: { timeZone: 'Asia/Shanghai', votingOpens: '2026-12-08 08:00' } });
    meetingId = created.json().id;

    const motions = [
      { matter: 'property_manager', kind: 'yes_no', title: '续聘阳光物业' },
      { matter: 'property_manager', kind: 'options', title: '选聘物业公司', options: [{ id: 'a', label: '甲公司' }, { id: 'b', label: '乙公司' }] },
      {
        matter: 'committee_election',
        kind: 'election',
        title: '选举业主委员会委员',
        seats: 3,
        candidates: [{ id: 'c1', name: '候选人一' }, { id: 'c2', name: '候选人二' }, { id: 'c3', name: '候选人三' }],
      },
      { matter: 'rebuild', kind: 'yes_no', title: '2栋外立面改造', scope: { kind: 'building', building: '2栋' } },
    ];
    for (const m of motions) expect((await asOrganiser('POST', `/v1/meetings/${meetingId}/motions`, m)).statusCode).toBe(201);
    const view = (await asOrganiser('GET', `/v1/meetings/${meetingId}`)).json();
    motionIds = view.motions.map((m: { id: string }) => m.id);
    expect(view.motions[0].rule).toMatchObject({ quorum: '≥ 2/3', approval: '> 1/2' });
    expect(view.motions[3].rule).toMatchObject({ quorum: '≥ 2/3', approval: '≥ 3/4' });
  });

  it('refuses a motion scoped to a building the registry does not have, and a malformed one', async () => {
    const nowhere = await asOrganiser('POST', `/v1/meetings/${meetingId}/motions`, {
      matter: 'rebuild',
      kind: 'yes_no',
      title: 'x',
      scope: { kind: 'building', building: '99栋' },
    });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().errors[0].path).toBe('body.scope');
    const noOptions = await asOrganiser('POST', `/v1/meetings/${meetingId}/motions`, { matter: 'property_manager', kind: 'options', title: 'x' });
    expect(noOptions.statusCode).toBe(400);
    expect((await asOrganiser('GET', `/v1/meetings/${meetingId}`)).json().motions).toHaveLength(4);
  });

  it('refuses a notice that gives owners less than the notice period (R4.1) or a window out of bounds (R4.2)', async () => {
    const tooSoon = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/meetings`,
      headers: bearer(organiser.accessToken),
      payload: {
        kind: 'temporary',
        title: '临时会议',
        votingOpensAt: new Date(T0.getTime() + 10 * DAY).toISOString(),
        votingClosesAt: new Date(T0.getTime() + 20 * DAY).toISOString(),
      },
    });
    const id = tooSoon.json().id;
    await asOrganiser('POST', `/v1/meetings/${id}/motions`, { matter: 'other_major', kind: 'yes_no', title: 'x' });
    const refused = await asOrganiser('POST', `/v1/meetings/${id}/notice`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/at least 15 days/);
    expect((await asOrganiser('GET', `/v1/meetings/${id}`)).json().status).toBe('draft');
    // Where the city allows 7 days for temporary meetings (杭州), the same notice goes out.
    await t.app.inject({ method: 'PUT', url: `/v1/estates/${p.estateA}/settings`, headers: bearer(p.staffA), payload: { temporaryNoticeDays: 7 } });
    const allowed = await asOrganiser('POST', `/v1/meetings/${id}/notice`);
    expect(allowed.statusCode).toBe(200);
    expect((await asOrganiser('POST', `/v1/meetings/${id}/cancel`, { reason: '测试完毕' })).json().status).toBe('cancelled');
    await t.app.inject({ method: 'PUT', url: `/v1/estates/${p.estateA}/settings`, headers: bearer(p.staffA), payload: {} });

    const tooLong = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/meetings`,
      headers: bearer(organiser.accessToken),
      payload: {
        kind: 'regular',
        title: '太长',
        votingOpensAt: new Date(T0.getTime() + 20 * DAY).toISOString(),
        votingClosesAt: new Date(T0.getTime() + 90 * DAY).toISOString(),
      },
    });
    await asOrganiser('POST', `/v1/meetings/${tooLong.json().id}/motions`, { matter: 'other_major', kind: 'yes_no', title: 'x' });
    const window = await asOrganiser('POST', `/v1/meetings/${tooLong.json().id}/notice`);
    expect(window.statusCode).toBe(409);
    expect(window.json().detail).toMatch(/R4.2/);
    // Cancelling before voting opens is allowed.
    expect((await asOrganiser('POST', `/v1/meetings/${tooLong.json().id}/cancel`, { reason: '时间有误' })).json().status).toBe('cancelled');
  });

  it('publishing the notice freezes the motions and notifies every owner and the residents’ committee', async () => {
    const noticed = await asOrganiser('POST', `/v1/meetings/${meetingId}/notice`);
    expect(noticed.statusCode).toBe(200);
    expect(noticed.json().status).toBe('noticed');
    const late = await asOrganiser('POST', `/v1/meetings/${meetingId}/motions`, { matter: 'other_major', kind: 'yes_no', title: '临时加的' });
    expect(late.statusCode).toBe(409);
    const sent = await t.testDatabase.database.db
      .selectFrom('notifications')
      .select(['recipient'])
      .where('subject_id', '=', meetingId)
      .execute();
    expect(sent.filter((n) => n.recipient === 'residents_committee')).toHaveLength(1);
    expect(sent.filter((n) => n.recipient === 'owner')).toHaveLength(5); // 张三, 李四, 王五, 赵六, the developer
  });

  it('no ballot before voting opens; opening before the instant is refused; opening freezes the electorate', async () => {
    expect((await asOrganiser('POST', `/v1/meetings/${meetingId}/open`)).statusCode).toBe(409);
    clock.set(new Date(T0.getTime() + 16 * DAY));
    unitsAtOpening = await tallyUnitsOf(t.testDatabase.database.db, p.estateA);
    const opened = await asOrganiser('POST', `/v1/meetings/${meetingId}/open`);
    expect(opened.statusCode).toBe(200);
    const motions = opened.json().motions;
    expect(motions[0].electorate).toEqual({ area: '485.50', heads: 5 });
    expect(motions[3].electorate).toEqual({ area: '260.00', heads: 3 }); // 2栋: 王五, 赵六, the developer
  });

  it('a registry import after opening does not move the running vote (R4.6)', async () => {
    const sold = registry.map((u) => (u.registryNo === 'R-5' ? { ...u, owners: [li] } : u));
    await importRegistry(t, p.staffA, p.estateA, registryCsv(sold));
    const view = (await asOrganiser('GET', `/v1/meetings/${meetingId}`)).json();
    expect(view.motions[0].electorate).toEqual({ area: '485.50', heads: 5 });
    // 赵六 is still a voter of this meeting.
    expect((await myBallots(t, owners.zhao.accessToken, meetingId)).map((b) => b.motionId).sort()).toEqual([motionIds[0], motionIds[1], motionIds[2], motionIds[3]].sort());
  });

  it('owners vote, change their minds, retry safely; every version is kept and one is current', async () => {
    const zhangBallots = await myBallots(t, owners.zhang.accessToken, meetingId);
    // 张三 belongs to two heads (alone; with 李四) on each estate-wide motion, and to none of 2栋's.
    expect(zhangBallots.filter((b) => b.motionId === motionIds[0]).map((b) => b.area).sort()).toEqual(['150.00', '75.50']);
    expect(zhangBallots.some((b) => b.motionId === motionIds[3])).toBe(false);
    const alone = zhangBallots.find((b) => b.motionId === motionIds[0] && b.area === '150.00')!;
    const withLi = zhangBallots.find((b) => b.motionId === motionIds[0] && b.area === '75.50')!;

    const first = await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[0]!, alone.voterId, 'agree', 'phone-retry-0001');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, channel: 'online', replaced: null });
    expect(first.json().receipt).toMatch(/^[0-9a-f]{64}$/);
    const retry = await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[0]!, alone.voterId, 'agree', 'phone-retry-0001');
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const reused = await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[0]!, alone.voterId, 'oppose', 'phone-retry-0001');
    expect(reused.statusCode).toBe(400);

    // Without a key a ballot goes through the process's batches, which /readyz counts.
    const sentBefore = (await t.app.inject({ url: '/readyz' })).json().ballots;
    expect((await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[0]!, alone.voterId, 'oppose')).json().version).toBe(2);
    const sentAfter = (await t.app.inject({ url: '/readyz' })).json().ballots;
    expect(sentAfter).toEqual({ ...sentBefore, batches: sentBefore.batches + 1, ballots: sentBefore.ballots + 1 });
    expect((await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[0]!, alone.voterId, 'agree')).json().version).toBe(3);
    expect((await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[0]!, withLi.voterId, 'agree')).statusCode).toBe(201);
    const zhangOn = (m: number, area: string) => zhangBallots.find((b) => b.motionId === motionIds[m] && b.area === area)!.voterId;
    expect((await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[1]!, zhangOn(1, '150.00'), 'a')).statusCode).toBe(201);
    expect((await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[2]!, zhangOn(2, '150.00'), ['c1', 'c2'])).statusCode).toBe(201);
    // The head 张三 shares with 李四 votes differently: any co-owner may cast it (coOwnerVoting "any").
    expect((await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[1]!, zhangOn(1, '75.50'), 'b')).statusCode).toBe(201);
    expect((await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[2]!, zhangOn(2, '75.50'), ['c1'])).statusCode).toBe(201);

    const wangB = await myBallots(t, owners.wang.accessToken, meetingId);
    const zhaoB = await myBallots(t, owners.zhao.accessToken, meetingId);
    const of = (list: typeof wangB, m: number) => list.find((b) => b.motionId === motionIds[m])!.voterId;
    for (const [token, list, choices] of [
      [owners.wang.accessToken, wangB, ['agree', 'a', ['c1'], 'agree']],
      [owners.zhao.accessToken, zhaoB, ['oppose', 'b', [], 'agree']],
    ] as const) {
      for (let m = 0; m < 4; m++) {
        const res = await castBallot(t, token, meetingId, motionIds[m]!, of(list, m), choices[m] as string | string[]);
        expect(res.statusCode, res.body).toBe(201);
      }
    }

    const db = t.testDatabase.database.db;
    const versions = await db.selectFrom('ballots').select('version').where('voter_id', '=', alone.voterId).orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    const current = await db.selectFrom('current_ballots').select('version').where('voter_id', '=', alone.voterId).execute();
    expect(current).toEqual([{ version: 3 }]);
    expect((await myBallots(t, owners.zhang.accessToken, meetingId)).find((b) => b.voterId === alone.voterId)?.current).toMatchObject({
      choice: 'agree',
      version: 3,
    });
  });

  it('refuses ballots outside the scope, for someone else’s voter, from unverified accounts, and bad choices — writing nothing', async () => {
    const db = t.testDatabase.database.db;
    const count = async () => Number((await db.selectFrom('ballots').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const zhangVoter = (await myBallots(t, owners.zhang.accessToken, meetingId)).find((b) => b.motionId === motionIds[0])!.voterId;
    const wangVoter = (await myBallots(t, owners.wang.accessToken, meetingId)).find((b) => b.motionId === motionIds[3])!.voterId;

    const outsideScope = await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[3]!, zhangVoter, 'agree');
    expect(outsideScope.statusCode).toBe(403);
    expect(outsideScope.json().detail).toMatch(/electorate/);
    const notMine = await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[3]!, wangVoter, 'oppose');
    expect(notMine.statusCode).toBe(403);
    const stranger = await logIn(t, '13300000001', '192.0.2.1');
    expect((await castBallot(t, stranger.accessToken, meetingId, motionIds[3]!, wangVoter, 'oppose')).statusCode).toBe(404);
    const badChoice = await castBallot(t, owners.wang.accessToken, meetingId, motionIds[0]!, (await myBallots(t, owners.wang.accessToken, meetingId))[0]!.voterId, 'maybe');
    expect(badChoice.statusCode).toBe(400);
    expect(badChoice.json().errors[0].path).toBe('body.choice');
    const tooMany = await castBallot(
      t,
      owners.wang.accessToken,
      meetingId,
      motionIds[2]!,
      (await myBallots(t, owners.wang.accessToken, meetingId)).find((b) => b.motionId === motionIds[2])!.voterId,
      ['c1', 'c2', 'c3', 'c4'],
    );
    expect(tooMany.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('shows organisers turnout only; results exist only after close', async () => {
    const turnout = await asOrganiser('GET', `/v1/meetings/${meetingId}/turnout`);
    expect(turnout.statusCode).toBe(200);
    expect(turnout.json().items[0]).toEqual({ motionId: motionIds[0], tookPart: { area: '405.50', heads: 4 }, electorate: { area: '485.50', heads: 5 } });
    expect(JSON.stringify(turnout.json())).not.toMatch(/agree|oppose/);
    expect((await t.app.inject({ url: `/v1/meetings/${meetingId}/turnout`, headers: bearer(owners.wang.accessToken) })).statusCode).toBe(403);
    expect((await asOrganiser('GET', `/v1/meetings/${meetingId}/results`)).statusCode).toBe(409);
    expect((await asOrganiser('POST', `/v1/meetings/${meetingId}/close`)).statusCode).toBe(409);
  });

  it('at the closing instant ballots are refused; the close tallies each motion exactly as the engine does from raw units and ballots', async () => {
    clock.set(new Date(T0.getTime() + 30 * DAY));
    const wangVoter = (await myBallots(t, owners.wang.accessToken, meetingId)).find((b) => b.motionId === motionIds[0])!.voterId;
    const late = await castBallot(t, owners.wang.accessToken, meetingId, motionIds[0]!, wangVoter, 'oppose');
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/closed/);

    const closed = await asOrganiser('POST', `/v1/meetings/${meetingId}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('tallied');
    expect((await asOrganiser('POST', `/v1/meetings/${meetingId}/close`)).statusCode).toBe(200); // twice is harmless

    const results = (await asOrganiser('GET', `/v1/meetings/${meetingId}/results`)).json().items;
    expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(['passed', 'no_decision', 'decided', 'passed']);

    // The same data, raw, through the engine's other entry point.
    const db = t.testDatabase.database.db;
    for (const [i, motionId] of motionIds.entries()) {
      const view = (await asOrganiser('GET', `/v1/meetings/${meetingId}`)).json().motions[i];
      const ballots = await db
        .selectFrom('ballots')
        .innerJoin('electorate_voters', 'electorate_voters.id', 'ballots.voter_id')
        .select(['ballots.id', 'ballots.choice', 'ballots.cast_at', 'ballots.channel', 'electorate_voters.units'])
        .where('ballots.motion_id', '=', motionId)
        .execute();
      const record = parseTallyRecord({
        format: 'gongjue.tally-record',
        version: 1,
        estate: { id: p.estateA },
        motion: {
          id: motionId,
          matter: view.matter,
          kind: view.kind,
          scope: view.scope,
          ...(view.options ? { options: view.options } : {}),
          ...(view.candidates ? { candidates: view.candidates, seats: view.seats } : {}),
        },
        units: unitsAtOpening,
        ballots: ballots.map((b) => ({
          id: b.id,
          unit: b.units[0],
          choice: b.choice,
          castAt: b.cast_at.toISOString(),
          channel: b.channel,
        })),
      });
      const engine = tallyRecord(record);
      const stored = results[i];
      expect(stored.report.verdict).toEqual(engine.verdict);
      expect(stored.report.totals ?? stored.report.total).toEqual(engine.totals ?? (engine as { total?: unknown }).total);
    }
  });
});
