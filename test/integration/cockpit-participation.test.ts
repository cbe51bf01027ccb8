import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { type CsvUnit, registryCsv, uscc } from '../helpers/identity.ts';
import { importRegistry, twoTownships } from '../helpers/places.ts';
import { appointed, castBallot, myBallots, openMeeting, verifiedOwner } from '../helpers/voting.ts';
import { li, wang, zhang, zhao } from '../factories/cast.ts';

/**
 * GET /v1/meetings/{id}/participation — the quorum cockpit's figures, against
 * a small estate computed by hand (below), for the whole estate and for a
 * stairwell-scoped motion; who may read them; and that no choice shows.
 */

const T0 = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(T0);
const developer = { name: '阳光地产有限公司', id: uscc('91350100M00010001'), idType: 'uscc' };

// Voters of an estate-wide motion (R1.2; parking not counted, R1.5):
//   {张三}      R-1 90.00 + R-2 60.00 = 150.00   1栋 1单元
//   {张三,李四}  R-3 75.50                        1栋 2单元
//   {王五}      R-4 100.00                       2栋 (no stairwell)
//   {赵六}      R-5 80.00                        2栋
//   developer  S-1 40.00 + S-2 40.00 = 80.00    2栋
// TH = 5, TA = 485.50. Quorum ≥ 2/3: heads ⌈10/3⌉ = 4, area ⌈2·48550/3⌉ = 32367 hundredths = 323.67.
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
let organiser: { accessToken: string };
let owners: Record<'zhang' | 'wang' | 'zhao', { accessToken: string }>;
let meetingId: string;
let motionIds: string[];

const participation = (token: string, id = meetingId) => t.app.inject({ url: `/v1/meetings/${id}/participation`, headers: bearer(token) });

async function vote(owner: { accessToken: string }, motionId: string, choice: string, voterOwners?: number) {
  const mine = (await myBallots(t, owner.accessToken, meetingId)).filter((b) => b.motionId === motionId && (voterOwners === undefined || b.owners.length === voterOwners));
  expect(mine).toHaveLength(1);
  const res = await castBallot(t, owner.accessToken, meetingId, motionId, mine[0]!.voterId, choice);
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, registryCsv(registry));
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  owners = { zhang: await verifiedOwner(t, zhang), wang: await verifiedOwner(t, wang), zhao: await verifiedOwner(t, zhao) };
  ({ meetingId, motionIds } = await openMeeting(t, clock, T0, organiser.accessToken, p.estateA, [
    { matter: 'management_covenant', kind: 'yes_no', title: '修订管理规约' },
    { matter: 'rebuild', kind: 'yes_no', title: '1栋2单元加装电梯', scope: { kind: 'stair', building: '1栋', stair: '2单元' }, liftInstallation: true },
  ]));
}, 60_000);
afterAll(async () => t?.close());

describe('participation of an open meeting', () => {
  it('starts at nothing, with the whole quorum missing', async () => {
    const res = await participation(organiser.accessToken);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ meetingId, status: 'open', ballots: 0 });
    const [estateWide] = body.motions;
    expect(estateWide).toMatchObject({
      electorate: { heads: 5, area: '485.50' },
      tookPart: { heads: 0, area: '0.00' },
      percent: { heads: '0.00', area: '0.00' },
      quorum: { threshold: '≥ 2/3', needed: { heads: 4, area: '323.67' }, missing: { heads: 4, area: '323.67' }, met: false },
      thresholdWords: { zh: '达到三分之二', en: 'at least 2/3' },
    });
    expect(estateWide.words.zh).toBe('参与表决：面积和人数都需达到三分之二（还差 4 户、323.67 ㎡）');
  });

  it('counts who took part, by area and heads, per building and stairwell — exactly', async () => {
    await vote(owners.zhang, motionIds[0]!, 'oppose', 1);
    await vote(owners.wang, motionIds[0]!, 'agree');
    const body = (await participation(organiser.accessToken)).json();
    expect(body.ballots).toBe(2);
    const [estateWide] = body.motions;
    expect(estateWide).toMatchObject({
      motionId: motionIds[0],
      scope: { kind: 'estate' },
      electorate: { heads: 5, area: '485.50' },
      tookPart: { heads: 2, area: '250.00' },
      percent: { heads: '40.00', area: '51.49' },
      quorum: { needed: { heads: 4, area: '323.67' }, missing: { heads: 2, area: '73.67' }, areaMet: false, headsMet: false, met: false },
    });
    expect(estateWide.words).toEqual({
      zh: '参与表决：面积和人数都需达到三分之二（还差 2 户、73.67 ㎡）',
      en: 'Participation: at least 2/3 of the area and of the owners must take part (2 owners and 73.67 m² still missing)',
    });
    // 1栋: {张三} 150.00 took part, {张三,李四} 75.50 not: needs 2 heads, ⌈2·22550/3⌉ = 150.34.
    // 2栋: 王五 100.00 took part of 260.00 (王五, 赵六, the developer): needs 2 heads, ⌈2·26000/3⌉ = 173.34.
    expect(estateWide.buildings.map((b: { building: string }) => b.building)).toEqual(['1栋', '2栋']);
    const [one, two] = estateWide.buildings;
    expect(one).toMatchObject({
      electorate: { heads: 2, area: '225.50' },
      tookPart: { heads: 1, area: '150.00' },
      quorum: { needed: { heads: 2, area: '150.34' }, missing: { heads: 1, area: '0.34' }, met: false },
    });
    expect(one.stairs).toEqual([
      expect.objectContaining({ stair: '1单元', electorate: { heads: 1, area: '150.00' }, tookPart: { heads: 1, area: '150.00' }, quorum: expect.objectContaining({ missing: { heads: 0, area: '0.00' }, met: true }) }),
      expect.objectContaining({ stair: '2单元', electorate: { heads: 1, area: '75.50' }, tookPart: { heads: 0, area: '0.00' }, quorum: expect.objectContaining({ missing: { heads: 1, area: '50.34' }, met: false }) }),
    ]);
    expect(two).toMatchObject({
      electorate: { heads: 3, area: '260.00' },
      tookPart: { heads: 1, area: '100.00' },
      percent: { heads: '33.33', area: '38.46' },
      quorum: { needed: { heads: 2, area: '173.34' }, missing: { heads: 1, area: '73.34' } },
      stairs: [expect.objectContaining({ stair: '', electorate: { heads: 3, area: '260.00' } })],
    });
  });

  it('keeps a scoped motion within its scope', async () => {
    await vote(owners.zhang, motionIds[1]!, 'agree');
    const body = (await participation(organiser.accessToken)).json();
    const lift = body.motions[1];
    expect(lift).toMatchObject({
      motionId: motionIds[1],
      scope: { kind: 'stair', building: '1栋', stair: '2单元' },
      electorate: { heads: 1, area: '75.50' },
      tookPart: { heads: 1, area: '75.50' },
      percent: { heads: '100.00', area: '100.00' },
      quorum: { missing: { heads: 0, area: '0.00' }, met: true },
    });
    expect(lift.words.zh).toBe('参与表决：面积和人数都需达到三分之二，已达到（1 户、75.50 ㎡）');
    expect(lift.buildings).toHaveLength(1);
    expect(lift.buildings[0]).toMatchObject({ building: '1栋', stairs: [expect.objectContaining({ stair: '2单元' })] });
    // The estate-wide motion did not move.
    expect(body.motions[0].tookPart).toEqual({ heads: 2, area: '250.00' });
  });

  it('reaches the quorum when enough take part, and then misses nothing', async () => {
    await vote(owners.zhao, motionIds[0]!, 'abstain');
    let estateWide = (await participation(organiser.accessToken)).json().motions[0];
    // 3 heads, 330.00 ㎡: the area is there (≥ 323.67), one head is not (needs 4).
    expect(estateWide.quorum).toMatchObject({ missing: { heads: 1, area: '0.00' }, areaMet: true, headsMet: false, met: false });
    expect(estateWide.words.zh).toBe('参与表决：面积和人数都需达到三分之二（还差 1 户）');
    await vote(owners.zhang, motionIds[0]!, 'agree', 2);
    estateWide = (await participation(organiser.accessToken)).json().motions[0];
    expect(estateWide.tookPart).toEqual({ heads: 4, area: '405.50' });
    expect(estateWide.quorum).toMatchObject({ missing: { heads: 0, area: '0.00' }, met: true });
  });

  it('never shows a choice', async () => {
    const text = (await participation(organiser.accessToken)).body;
    for (const word of ['agree', 'oppose', 'abstain', 'choice', 'receipt']) expect(text).not.toContain(word);
  });

  it('answers the committee and the township staff of the estate', async () => {
    expect((await participation(p.committeeA)).statusCode).toBe(200);
    expect((await participation(p.staffA)).statusCode).toBe(200);
  });

  it('is not there for people of other estates (404), refused to an owner (403), and checks its input', async () => {
    const otherOrganiser = await appointed(t, p.staffB, p.estateB, 'organiser');
    for (const token of [p.staffB, otherOrganiser.accessToken]) {
      const res = await participation(token);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await participation(owners.zhao.accessToken)).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/v1/meetings/${meetingId}/participation` })).statusCode).toBe(401);
    expect((await participation(organiser.accessToken, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const bad = await participation(organiser.accessToken, 'not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});
