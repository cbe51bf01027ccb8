import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { residentId } from '../helpers/identity.ts';
import { castBallot } from '../helpers/voting.ts';
import { li, wang, zhang, zhao } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * GET /v1/meetings/{id}/my-ballots as the owner app reads it (issue 15): how
 * often a ballot was changed and which channel stands, the account's level of
 * assurance against the meeting's minimum, who may cast a shared vote, and
 * whether the ballot route would accept a ballot now — which must be what the
 * ballot route then does, in either direction.
 */

const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const scan = { url: 'https://files.example/scan/1.pdf', sha256: 'b'.repeat(64) };
const chen = { name: '陈七', id: residentId('19840505', 55) };
const zhou = { name: '周八', id: residentId('19850606', 66) };

type Item = {
  motionId: string;
  voterId: string;
  current: { choice: unknown; channel: string; version: number; byYou: boolean } | null;
  changes: number;
  assurance: { required: string; level: string | null; enough: boolean };
  coOwners: { count: number; rule: string; representative: { you: boolean; name: string } | null } | null;
  cast: { allowed: boolean; refusal: { type: string; detail: string } | null };
};
type Session = { accessToken: string; accountId: string };

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: Session;
let committee: Session;
let owners: Record<'zhang' | 'wang' | 'zhao' | 'li', Session>;
let meetingId: string;
let motionIds: string[];

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [
    { registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '100.00', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', stair: '1单元', room: '102', area: '90.00', owners: [wang, zhao] },
    { registryNo: 'R-3', building: '2栋', stair: '1单元', room: '101', area: '80.00', owners: [li] },
  ]);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  committee = await appointed(t, p.staffA, p.estateA, 'committee');
  owners = { zhang: await verifiedOwner(t, zhang), wang: await verifiedOwner(t, wang), zhao: await verifiedOwner(t, zhao), li: await verifiedOwner(t, li) };
  const opened = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [
    { matter: 'other_major', kind: 'yes_no', title: '加装充电桩' },
    { matter: 'rebuild', kind: 'yes_no', title: '1栋1单元加装电梯', scope: { kind: 'stair', building: '1栋', stair: '1单元' }, liftInstallation: true },
    { matter: 'property_manager', kind: 'options', title: '选聘物业', options: [{ id: 'a', label: '甲物业' }, { id: 'b', label: '乙物业' }] },
  ]);
  meetingId = opened.meetingId;
  motionIds = opened.motionIds;
}, 60_000);
afterAll(async () => t?.close());

async function mine(token: string, meeting = meetingId): Promise<{ minAssurance: string; level: string | null; items: Item[] }> {
  const res = await t.app.inject({ url: `/v1/meetings/${meeting}/my-ballots`, headers: bearer(token) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const validChoice = (motionIndex: number) => (motionIndex === 2 ? 'a' : 'agree');

/**
 * The refusal-consistency check: for each item my-ballots lists, a cast is
 * accepted exactly when it said `allowed`, and a refusal has the problem type
 * it named. Casts for real (a changed vote where accepted).
 */
async function expectCastAgrees(token: string, meeting = meetingId, motions = motionIds) {
  const { items } = await mine(token, meeting);
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    const res = await castBallot(t, token, meeting, item.motionId, item.voterId, validChoice(motions.indexOf(item.motionId)));
    if (item.cast.allowed) expect(res.statusCode, res.body).toBe(201);
    else {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.json().type).toBe(`urn:gongjue:problem:${item.cast.refusal!.type}`);
    }
  }
}

describe('the rule in plain words', () => {
  it('each motion carries its rule as one sentence, written from the rule applied', async () => {
    const meeting = (await t.app.inject({ url: `/v1/meetings/${meetingId}`, headers: bearer(owners.zhang.accessToken) })).json();
    const words = meeting.motions.map((m: { rule: { words: { zh: string; en: string } } }) => m.rule.words);
    expect(words[0].zh).toBe('参与表决的面积和人数都要达到三分之二，同意的面积和人数都要过半数');
    expect(words[1].zh).toBe('参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到四分之三');
    expect(words[2].zh).toBe('参与表决的面积和人数都要达到三分之二，选择同一选项的面积和人数都要过半数');
    expect(words[0].en).toMatch(/^Owners with at least 2\/3 of the area/);
  });
});

describe('changes and the channel that stands', () => {
  it('counts the ballots after the first, of any channel, and shows a later paper ballot as the one that stands', async () => {
    const before = (await mine(owners.zhang.accessToken)).items[0]!;
    expect(before).toMatchObject({ motionId: motionIds[0], current: null, changes: 0 });
    for (const choice of ['agree', 'oppose', 'agree']) {
      expect((await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[0]!, before.voterId, choice)).statusCode).toBe(201);
    }
    const online = (await mine(owners.zhang.accessToken)).items[0]!;
    expect(online).toMatchObject({ changes: 2, current: { choice: 'agree', channel: 'online', version: 3, byYou: true } });

    const entered = await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${meetingId}/motions/${motionIds[0]}/paper-ballots`,
      headers: bearer(organiser.accessToken),
      payload: { voterId: before.voterId, choice: 'oppose', scan },
    });
    expect(entered.statusCode, entered.body).toBe(201);
    const confirmed = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/paper-ballots/${entered.json().id}/confirm`, headers: bearer(committee.accessToken), payload: { choice: 'oppose' } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const paper = (await mine(owners.zhang.accessToken)).items[0]!;
    expect(paper).toMatchObject({ changes: 3, current: { choice: 'oppose', channel: 'paper', version: 4, byYou: false } });
  });
});

describe('assurance, said before the owner tries', () => {
  it('a binding below the meeting’s minimum: not enough, not allowed (assurance-too-low), and the cast is refused the same way', async () => {
    const db = t.testDatabase.database.db;
    await db.updateTable('owner_bindings').set({ level: 'knowledge', factor: null }).where('account_id', '=', owners.li.accountId).execute();
    const weak = await mine(owners.li.accessToken);
    expect(weak).toMatchObject({ minAssurance: 'registry_factor', level: 'knowledge' });
    for (const item of weak.items) {
      expect(item.assurance).toEqual({ required: 'registry_factor', level: 'knowledge', enough: false });
      expect(item.cast).toMatchObject({ allowed: false, refusal: { type: 'assurance-too-low' } });
    }
    await expectCastAgrees(owners.li.accessToken);

    await db.updateTable('owner_bindings').set({ level: 'registry_factor', factor: 'phone' }).where('account_id', '=', owners.li.accountId).execute();
    const strong = await mine(owners.li.accessToken);
    expect(strong.items.every((i) => i.assurance.enough && i.cast.allowed && i.cast.refusal === null)).toBe(true);
    await expectCastAgrees(owners.li.accessToken);
  });

  it('outside a motion’s scope there is no item: li (2栋) is not in the 1栋1单元 lift motion', async () => {
    const { items } = await mine(owners.li.accessToken);
    expect(items.map((i) => i.motionId)).toEqual([motionIds[0], motionIds[2]]);
    const zhangs = await mine(owners.zhang.accessToken);
    expect(zhangs.items.map((i) => i.motionId)).toEqual(motionIds);
  });
});

describe('co-owners (R1.4)', () => {
  it('under "any", each co-owner may cast the shared vote, and the cast agrees', async () => {
    for (const who of [owners.wang, owners.zhao]) {
      const { items } = await mine(who.accessToken);
      const shared = items.find((i) => i.motionId === motionIds[0])!;
      expect(shared.coOwners).toEqual({ count: 2, rule: 'any', representative: null });
      expect(shared.cast).toEqual({ allowed: true, refusal: null });
    }
    await expectCastAgrees(owners.wang.accessToken);
    // Zhao sees Wang's ballot on their shared vote, not as their own.
    const zhaos = (await mine(owners.zhao.accessToken)).items.find((i) => i.motionId === motionIds[0])!;
    expect(zhaos.current).toMatchObject({ channel: 'online', byYou: false });
  });

  it('under "representative": only the designated co-owner may cast; the other sees who may, masked; the cast agrees', async () => {
    const estate = await p.estate(p.townshipA, '代表小区', { coOwnerVoting: 'representative' });
    const staff = p.staffA;
    await importRegistry(t, staff, estate, [
      { registryNo: 'S-1', building: '1栋', room: '101', area: '100.00', owners: [chen, zhou] },
      { registryNo: 'S-2', building: '1栋', room: '102', area: '90.00', owners: [zhou] },
    ]);
    const db = t.testDatabase.database.db;
    const unit = await db.selectFrom('units').select('id').where('estate_id', '=', estate).where('registry_no', '=', 'S-1').executeTakeFirstOrThrow();
    const chenOwner = await db.selectFrom('owners').select('id').where('estate_id', '=', estate).where('name', '=', chen.name).executeTakeFirstOrThrow();
    const people = { chen: await verifiedOwner(t, chen), zhou: await verifiedOwner(t, zhou) };
    const org = await appointed(t, staff, estate, 'organiser');

    // Before anyone is designated: nobody may cast the shared vote.
    const undesignated = await openMeeting(t, clock, clock.now(), org.accessToken, estate, [{ matter: 'other_major', kind: 'yes_no', title: '未指定代表' }]);
    for (const who of [people.chen, people.zhou]) {
      const shared = (await mine(who.accessToken, undesignated.meetingId)).items.find((i) => i.coOwners !== null)!;
      expect(shared.coOwners).toEqual({ count: 2, rule: 'representative', representative: null });
      expect(shared.cast).toMatchObject({ allowed: false, refusal: { type: 'forbidden' } });
      await expectCastAgrees(who.accessToken, undesignated.meetingId, undesignated.motionIds);
    }

    const designated = await t.app.inject({ method: 'PUT', url: `/v1/estates/${estate}/units/${unit.id}/representative`, headers: bearer(staff), payload: { ownerId: chenOwner.id } });
    expect(designated.statusCode, designated.body).toBe(200);
    const opened = await openMeeting(t, clock, clock.now(), org.accessToken, estate, [{ matter: 'other_major', kind: 'yes_no', title: '已指定代表' }]);
    const chens = (await mine(people.chen.accessToken, opened.meetingId)).items.find((i) => i.coOwners !== null)!;
    expect(chens.coOwners).toEqual({ count: 2, rule: 'representative', representative: { you: true, name: '陈七' } });
    expect(chens.cast).toEqual({ allowed: true, refusal: null });
    const zhous = await mine(people.zhou.accessToken, opened.meetingId);
    const shared = zhous.items.find((i) => i.coOwners !== null)!;
    expect(shared.coOwners).toEqual({ count: 2, rule: 'representative', representative: { you: false, name: '陈*' } });
    expect(shared.cast).toMatchObject({ allowed: false, refusal: { type: 'forbidden' } });
    // Zhou's own unit is theirs alone: allowed.
    expect(zhous.items.find((i) => i.coOwners === null)!.cast.allowed).toBe(true);
    await expectCastAgrees(people.zhou.accessToken, opened.meetingId, opened.motionIds);
    await expectCastAgrees(people.chen.accessToken, opened.meetingId, opened.motionIds);
  });
});

describe('the voting window', () => {
  it('after the close nothing is allowed, the refusal is the close, and casting is refused the same way', async () => {
    const { closesAt } = await t.testDatabase.database.db.selectFrom('meetings').select('voting_closes_at as closesAt').where('id', '=', meetingId).executeTakeFirstOrThrow();
    clock.set(new Date(closesAt.getTime() + 1000));
    const { items } = await mine(owners.zhang.accessToken);
    expect(items.every((i) => !i.cast.allowed && i.cast.refusal?.type === 'conflict' && /Voting closed/.test(i.cast.refusal.detail))).toBe(true);
    await expectCastAgrees(owners.zhang.accessToken);
  });
});
