import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { type OrganisedEstates, organisedEstates } from '../factories/organised-estates.ts';
import type { Session } from '../factories/people.ts';

/**
 * What the console's meeting form asks of the service (issue 16): the rule of each matter before a
 * motion exists (GET /estates/{id}/rules), a draft's window changed after publishing refused it
 * (PATCH /meetings/{id}), a draft's motion rewritten in its place (PUT …/motions/{id}); each
 * refused to other estates (404), to owners of the estate (403, as adding a motion is), and once
 * the notice is out (409).
 */

const DAY = 24 * 3_600_000;
const T0 = new Date('2026-12-01T02:00:00Z');

let t: TestApp;
let clock: ReturnType<typeof manualClock>;
let places: OrganisedEstates['places'];
let organiser: Session;
let otherOrganiser: Session;
let owner: Session;
let strictEstate: string;

beforeAll(async () => {
  clock = manualClock(T0);
  t = await createTestApp({ clock });
  ({ places, organiser, otherOrganiser, owner } = await organisedEstates(t));
  // An estate whose rules of procedure ask more than the statute for property managers, and the lift's stairwell consent.
  strictEstate = await places.estate(places.townshipA, '金桂苑', {
    overrides: { property_manager: { approval: { num: 2, den: 3, strict: false } } },
    liftConsentTwoThirds: true,
  });
}, 60_000);
afterAll(async () => t?.close());

const get = (url: string, session: Session) => t.app.inject({ method: 'GET', url, headers: bearer(session.accessToken) });
const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, session: Session, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(session.accessToken), ...(payload && { payload }) });

async function draft(title: string, opensInDays: number, closesInDays: number): Promise<string> {
  const created = await send('POST', `/v1/estates/${places.estateA}/meetings`, organiser, {
    kind: 'regular',
    title,
    votingOpensAt: new Date(clock.now().getTime() + opensInDays * DAY).toISOString(),
    votingClosesAt: new Date(clock.now().getTime() + closesInDays * DAY).toISOString(),
  });
  expect(created.statusCode).toBe(201);
  return created.json<{ id: string }>().id;
}

describe('GET /estates/{estateId}/rules', () => {
  it('answers the nine matters in the statute’s order with the rule a saved motion shows', async () => {
    const res = await get(`/v1/estates/${places.estateA}/rules`, organiser);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { matterTitle: { item: number }; matter: string; test: string; words: { zh: string }; statute: { zh: string } }[] }>().items;
    expect(items.map((r) => r.matterTitle.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(items.map((r) => r.test)).toEqual(['ordinary', 'ordinary', 'ordinary', 'ordinary', 'ordinary', 'special', 'special', 'special', 'ordinary']);
    expect(items.find((r) => r.matter === 'rebuild')!.words.zh).toBe('参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到四分之三');
    expect(items[0]!.statute.zh).toContain('第二百七十八条');

    // The same words as the motion, once saved.
    const meetingId = await draft('规则一致', 16, 30);
    const added = await send('POST', `/v1/meetings/${meetingId}/motions`, organiser, { matter: 'rebuild', kind: 'yes_no', title: '改建' });
    const saved = added.json<{ motions: { rule: unknown }[] }>().motions[0]!.rule;
    const asked = items.find((r) => r.matter === 'rebuild')!;
    expect(asked.matterTitle.item).toBe(7);
    expect(asked).toEqual(saved);
  });

  it('speaks of the kind asked and applies the estate’s stricter settings and the lift consent', async () => {
    const staffA = { accessToken: places.staffA } as Session;
    const options = await get(`/v1/estates/${strictEstate}/rules?matter=property_manager&kind=options`, staffA);
    expect(options.statusCode).toBe(200);
    const [rule] = options.json<{ items: { approval: string; words: { zh: string } }[] }>().items;
    expect(rule!.approval).toBe('≥ 2/3');
    expect(rule!.words.zh).toBe('参与表决的面积和人数都要达到三分之二，选择同一选项的面积和人数都要达到三分之二');

    const lift = await get(`/v1/estates/${strictEstate}/rules?matter=rebuild&liftInstallation=true`, staffA);
    expect(lift.json<{ items: { liftConsent: string | null; words: { zh: string } }[] }>().items[0]).toMatchObject({
      liftConsent: '≥ 2/3',
      words: { zh: expect.stringContaining('加装电梯还要本单元三分之二以上的业主同意') },
    });
    const election = await get(`/v1/estates/${places.estateA}/rules?matter=committee_election&kind=election`, organiser);
    expect(election.json<{ items: { words: { zh: string } }[] }>().items[0]!.words.zh).toContain('每位当选人得到的面积和人数都要过半数');
  });

  it('refuses bad questions with a problem, other estates as not found, owners as forbidden', async () => {
    const bad = await get(`/v1/estates/${places.estateA}/rules?matter=parking`, organiser);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await get(`/v1/estates/${places.estateA}/rules?kind=petition`, organiser)).statusCode).toBe(400);
    expect((await get(`/v1/estates/${places.estateA}/rules`, otherOrganiser)).statusCode).toBe(404);
    expect((await get(`/v1/estates/${places.estateA}/rules`, owner)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/v1/estates/${places.estateA}/rules` })).statusCode).toBe(401);
  });
});

describe('PATCH /meetings/{meetingId}', () => {
  it('moves a draft’s window after the notice was refused as too early, then the notice goes out', async () => {
    const meetingId = await draft('通知期不足', 3, 10);
    await send('POST', `/v1/meetings/${meetingId}/motions`, organiser, { matter: 'other_major', kind: 'yes_no', title: '议题' });
    const refused = await send('POST', `/v1/meetings/${meetingId}/notice`, organiser);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ detail: string }>().detail).toContain('at least 15 days');
    // The reason and its figures, for a console to say in its own words.
    expect(refused.json()).toMatchObject({ reason: 'notice-too-short', noticeDays: 15, earliestOpeningLocal: '2026-12-16 10:00', timeZone: 'Asia/Shanghai' });

    const opens = new Date(T0.getTime() + 16 * DAY).toISOString();
    const closes = new Date(T0.getTime() + 23 * DAY).toISOString();
    const changed = await send('PATCH', `/v1/meetings/${meetingId}`, organiser, { votingOpensAt: opens, votingClosesAt: closes, title: '通知期足够' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ title: '通知期足够', votingOpensAt: opens, votingClosesAt: closes, status: 'draft' });
    const audit = await t.testDatabase.database.db.selectFrom('audit_log').select('subject').where('action', '=', 'meeting.changed').execute();
    expect(audit).toEqual([{ subject: `meeting:${meetingId}` }]);

    expect((await send('POST', `/v1/meetings/${meetingId}/notice`, organiser)).statusCode).toBe(200);
    // What owners were told stays as told.
    const late = await send('PATCH', `/v1/meetings/${meetingId}`, organiser, { title: '改名' });
    expect(late.statusCode).toBe(409);
    expect((await get(`/v1/meetings/${meetingId}`, organiser)).json()).toMatchObject({ title: '通知期足够' });
  });

  it('refuses a window that closes before it opens, unknown fields, other estates and owners, changing nothing', async () => {
    const meetingId = await draft('不变', 16, 30);
    const before = (await get(`/v1/meetings/${meetingId}`, organiser)).json();
    const backwards = await send('PATCH', `/v1/meetings/${meetingId}`, organiser, { votingClosesAt: new Date(T0.getTime() + DAY).toISOString() });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.votingClosesAt');
    expect((await send('PATCH', `/v1/meetings/${meetingId}`, organiser, { status: 'open' })).statusCode).toBe(400);
    expect((await send('PATCH', `/v1/meetings/${meetingId}`, organiser, { votingOpensAt: 'tomorrow' })).statusCode).toBe(400);
    expect((await send('PATCH', `/v1/meetings/${meetingId}`, otherOrganiser, { title: '他人' })).statusCode).toBe(404);
    expect((await send('PATCH', `/v1/meetings/${meetingId}`, owner, { title: '业主' })).statusCode).toBe(403);
    expect((await get(`/v1/meetings/${meetingId}`, organiser)).json()).toEqual(before);
  });
});

describe('GET /meetings/{meetingId}/documents/{attachmentId}', () => {
  const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
  const upload = async (name: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${places.estateA}/attachments?name=${encodeURIComponent(name)}`,
      headers: { ...bearer(organiser.accessToken), 'content-type': 'application/pdf' },
      payload: PDF,
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; sha256: string }>();
  };

  it('gives a document a motion cites to the meeting’s readers once noticed, and nothing else', async () => {
    const meetingId = await draft('有材料的会议', 16, 30);
    const cited = await upload('物业合同.pdf');
    const other = await upload('扫描件.pdf');
    const url = (id: string) => `http://localhost/v1/meetings/${meetingId}/documents/${id}`;
    const added = await send('POST', `/v1/meetings/${meetingId}/motions`, organiser, {
      matter: 'property_manager',
      kind: 'yes_no',
      title: '续聘',
      documents: [{ name: '物业服务合同（草案）.pdf', url: url(cited.id), sha256: cited.sha256 }],
    });
    expect(added.statusCode).toBe(201);
    const path = `/v1/meetings/${meetingId}/documents/${cited.id}`;

    // The organisers read it in the draft; owners do not see drafts.
    const seen = await get(path, organiser);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('application/pdf');
    expect(seen.headers['x-content-sha256']).toBe(cited.sha256);
    expect(seen.rawPayload.equals(PDF)).toBe(true);
    expect((await get(path, owner)).statusCode).toBe(404);

    expect((await send('POST', `/v1/meetings/${meetingId}/notice`, organiser)).statusCode).toBe(200);
    const read = await get(path, owner);
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-disposition']).toContain(encodeURIComponent('物业服务合同（草案）.pdf'));
    // An attachment of the estate no motion cites, another estate's organiser, an unknown id: not there.
    expect((await get(`/v1/meetings/${meetingId}/documents/${other.id}`, owner)).statusCode).toBe(404);
    expect((await get(`/v1/meetings/${meetingId}/documents/${other.id}`, organiser)).statusCode).toBe(404);
    expect((await get(path, otherOrganiser)).statusCode).toBe(404);
    expect((await get(`/v1/meetings/${meetingId}/documents/00000000-0000-4000-8000-000000000000`, owner)).statusCode).toBe(404);
    expect((await get(`/v1/meetings/${meetingId}/documents/not-a-uuid`, owner)).statusCode).toBe(400);
  });

  it('refuses bytes other than those the motion cites', async () => {
    const meetingId = await draft('材料不符', 16, 30);
    const kept = await upload('方案.pdf');
    await send('POST', `/v1/meetings/${meetingId}/motions`, organiser, {
      matter: 'other_major',
      kind: 'yes_no',
      title: '方案',
      documents: [{ name: '方案.pdf', url: `http://localhost/v1/meetings/${meetingId}/documents/${kept.id}`, sha256: 'a'.repeat(64) }],
    });
    expect((await get(`/v1/meetings/${meetingId}/documents/${kept.id}`, organiser)).statusCode).toBe(404);
  });
});

describe('PUT /meetings/{meetingId}/motions/{motionId}', () => {
  it('rewrites a draft motion in its place: another kind, scope and rule', async () => {
    const meetingId = await draft('改写议题', 16, 30);
    await send('POST', `/v1/meetings/${meetingId}/motions`, organiser, { matter: 'other_major', kind: 'yes_no', title: '第一项' });
    const second = await send('POST', `/v1/meetings/${meetingId}/motions`, organiser, { matter: 'other_major', kind: 'yes_no', title: '第二项' });
    const motions = second.json<{ motions: { id: string }[] }>().motions;
    const target = motions[0]!.id;
    const rewritten = await send('PUT', `/v1/meetings/${meetingId}/motions/${target}`, organiser, {
      matter: 'rebuild',
      kind: 'yes_no',
      title: '1栋1单元加装电梯',
      scope: { kind: 'stair', building: '1栋', stair: '1单元' },
      liftInstallation: true,
    });
    expect(rewritten.statusCode).toBe(200);
    const after = rewritten.json<{ motions: { id: string; position: number; title: string; scope: unknown; rule: { test: string } }[] }>().motions;
    expect(after.map((m) => [m.id, m.title])).toEqual([
      [target, '1栋1单元加装电梯'],
      [motions[1]!.id, '第二项'],
    ]);
    expect(after[0]).toMatchObject({ position: 1, scope: { kind: 'stair', building: '1栋', stair: '1单元' }, rule: { test: 'special' } });
    const audit = await t.testDatabase.database.db.selectFrom('audit_log').select('subject').where('action', '=', 'motion.changed').execute();
    expect(audit).toEqual([{ subject: `motion:${target}` }]);
  });

  it('refuses a scope outside the registry, a motion of another meeting, other estates, owners, and a noticed meeting', async () => {
    const meetingId = await draft('拒绝改写', 16, 30);
    const added = await send('POST', `/v1/meetings/${meetingId}/motions`, organiser, { matter: 'other_major', kind: 'yes_no', title: '原文' });
    const motionId = added.json<{ motions: { id: string }[] }>().motions[0]!.id;
    const body = { matter: 'other_major', kind: 'yes_no', title: '新文' };

    const noStair = await send('PUT', `/v1/meetings/${meetingId}/motions/${motionId}`, organiser, { ...body, scope: { kind: 'stair', building: '1栋', stair: '9单元' } });
    expect(noStair.statusCode).toBe(400);
    expect(noStair.json<{ errors: { message: string }[] }>().errors[0]!.message).toContain('9单元');
    expect((await send('PUT', `/v1/meetings/${meetingId}/motions/${motionId}`, organiser, { ...body, kind: 'election' })).statusCode).toBe(400);
    const elsewhere = await draft('别的会议', 16, 30);
    expect((await send('PUT', `/v1/meetings/${elsewhere}/motions/${motionId}`, organiser, body)).statusCode).toBe(404);
    expect((await send('PUT', `/v1/meetings/${meetingId}/motions/${motionId}`, otherOrganiser, body)).statusCode).toBe(404);
    expect((await send('PUT', `/v1/meetings/${meetingId}/motions/${motionId}`, owner, body)).statusCode).toBe(403);
    expect((await get(`/v1/meetings/${meetingId}`, organiser)).json<{ motions: { title: string }[] }>().motions.map((m) => m.title)).toEqual(['原文']);

    expect((await send('POST', `/v1/meetings/${meetingId}/notice`, organiser)).statusCode).toBe(200);
    const frozen = await send('PUT', `/v1/meetings/${meetingId}/motions/${motionId}`, organiser, body);
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json<{ detail: string }>().detail).toContain('frozen');
  });
});
