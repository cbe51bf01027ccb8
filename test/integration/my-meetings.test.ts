import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, zhang } from '../factories/cast.ts';
import { closeAndPublish, draftMeeting, noticedMeeting, openMeeting } from '../factories/meetings.ts';
import { appointed, signedIn, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * The owner app's home (GET /v1/me/meetings) and an estate's meeting list as an owner sees it: the
 * meetings of the owner's own estates, from their notice on — never a draft, never another
 * estate's — each with its phase and how many of the motions they may vote on they have voted on.
 */
const DAY = 24 * 3_600_000;
const START = new Date('2026-12-01T02:00:00Z');
const clock = manualClock(START);

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let owner: { accessToken: string };
let organiser: { accessToken: string };
const ids: Record<'published' | 'open' | 'noticed' | 'draft' | 'otherEstate', string> = { published: '', open: '', noticed: '', draft: '', otherEstate: '' };

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [
    { registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', room: '102', area: '80.00', owners: [li] },
  ]);
  await importRegistry(t, p.staffB, p.estateB, [{ registryNo: 'B-1', building: '9栋', room: '901', area: '70.00', owners: [li] }]);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  const organiserB = await appointed(t, p.staffB, p.estateB, 'organiser');
  owner = await verifiedOwner(t, zhang);

  // Long past: voted on, closed and published.
  const past = await openMeeting(t, clock, new Date(START.getTime() - 80 * DAY), organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '往届议题' }]);
  ids.published = past.meetingId;
  await closeAndPublish(t, clock, organiser.accessToken, past.meetingId, past.closesAt);
  // Open now (opened 4 days ago), two motions, one of them voted on.
  const open = await openMeeting(t, clock, new Date(START.getTime() - 20 * DAY), organiser.accessToken, p.estateA, [
    { matter: 'other_major', kind: 'yes_no', title: '增设充电桩' },
    { matter: 'other_major', kind: 'yes_no', title: '维修屋面' },
  ]);
  ids.open = open.meetingId;
  const mine = await myBallots(t, owner.accessToken, open.meetingId);
  expect((await castBallot(t, owner.accessToken, open.meetingId, open.motionIds[0]!, mine[0]!.voterId, 'agree')).statusCode).toBe(201);
  clock.set(START);
  ids.noticed = await noticedMeeting(t, clock, organiser.accessToken, p.estateA, { title: '即将开始的会议' });
  ids.draft = await draftMeeting(t, organiser.accessToken, p.estateA, { title: '还在起草的会议', votingOpensAt: new Date(START.getTime() + 40 * DAY), votingClosesAt: new Date(START.getTime() + 50 * DAY), motions: [] });
  ids.otherEstate = await noticedMeeting(t, clock, organiserB.accessToken, p.estateB, { title: '别的小区的会议' });
}, 120_000);
afterAll(async () => t?.close());

const get = (url: string, token: string) => t.app.inject({ url, headers: bearer(token) });

describe('GET /v1/me/meetings', () => {
  it('lists the meetings of the owner’s estate past their draft, newest voting first, each with its phase and the owner’s progress', async () => {
    const res = await get('/v1/me/meetings', owner.accessToken);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe(START.toISOString());
    expect(body.items.map((m: { id: string }) => m.id)).toEqual([ids.noticed, ids.open, ids.published]);
    const [noticed, open, published] = body.items;
    expect(noticed).toMatchObject({ estateId: p.estateA, estateName: '阳光花园', title: '即将开始的会议', status: 'noticed', phase: 'upcoming', resultsPublished: false, motions: 1, mayVoteOn: 0, votedOn: 0 });
    expect(noticed.local).toEqual({ timeZone: 'Asia/Shanghai', votingOpens: '2026-12-17 10:00', votingCloses: '2026-12-21 10:00' });
    expect(noticed.levelEnough).toBeNull();
    expect(open).toMatchObject({ status: 'open', phase: 'open', motions: 2, mayVoteOn: 2, votedOn: 1, levelEnough: true, votingClosesAt: new Date(START.getTime() + 10 * DAY).toISOString() });
    expect(published).toMatchObject({ status: 'published', phase: 'closed', resultsPublished: true, mayVoteOn: 1, votedOn: 0 });
  });

  it('never shows a draft or another estate’s meeting', async () => {
    const text = (await get('/v1/me/meetings', owner.accessToken)).body;
    expect(text).not.toContain(ids.draft);
    expect(text).not.toContain('还在起草的会议');
    expect(text).not.toContain(ids.otherEstate);
    expect(text).not.toContain('别的小区的会议');
  });

  it('counts a motion voted on once every voter of the owner on it has a ballot', async () => {
    const { meetingId } = { meetingId: ids.open };
    const mine = await myBallots(t, owner.accessToken, meetingId);
    const second = mine.find((b) => b.current === null)!;
    expect((await castBallot(t, owner.accessToken, meetingId, second.motionId, second.voterId, 'oppose')).statusCode).toBe(201);
    const open = (await get('/v1/me/meetings', owner.accessToken)).json().items.find((m: { id: string }) => m.id === meetingId);
    expect(open).toMatchObject({ mayVoteOn: 2, votedOn: 2 });
  });

  it('answers an empty list to a person verified nowhere, and 401 without a token', async () => {
    const nobody = await signedIn(t, '13700001234');
    const res = await get('/v1/me/meetings', nobody.accessToken);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
    expect((await t.app.inject({ url: '/v1/me/meetings' })).statusCode).toBe(401);
  });
});

describe('an estate’s meetings as an owner sees them (regression: drafts were listed to owners)', () => {
  it('GET /v1/estates/{id}/meetings leaves drafts out for an owner, not for the organisers and staff', async () => {
    const asOwner = (await get(`/v1/estates/${p.estateA}/meetings`, owner.accessToken)).json().items.map((m: { id: string }) => m.id);
    expect(asOwner).not.toContain(ids.draft);
    expect(asOwner).toEqual(expect.arrayContaining([ids.noticed, ids.open, ids.published]));
    for (const token of [organiser.accessToken, p.staffA, p.committeeA]) {
      const items = (await get(`/v1/estates/${p.estateA}/meetings`, token)).json().items.map((m: { id: string }) => m.id);
      expect(items).toContain(ids.draft);
    }
  });

  it('GET /v1/meetings/{id} of a draft answers 404 to an owner (as a meeting that does not exist), 200 to its organiser', async () => {
    const res = await get(`/v1/meetings/${ids.draft}`, owner.accessToken);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('还在起草的会议');
    expect((await get(`/v1/meetings/${ids.draft}/my-ballots`, owner.accessToken)).statusCode).toBe(404);
    expect((await get(`/v1/meetings/${ids.draft}`, organiser.accessToken)).statusCode).toBe(200);
    expect((await get(`/v1/meetings/${ids.noticed}`, owner.accessToken)).statusCode).toBe(200);
  });
});

describe('the assurance level in words', () => {
  it('GET /v1/me and GET /v1/me/bindings give each level in an owner’s words, both languages', async () => {
    const me = (await get('/v1/me', owner.accessToken)).json();
    expect(me.verifiedOwners[0]).toMatchObject({ name: zhang.name, level: 'registry_factor', levelWords: { zh: '姓名、证件号码和登记信息', en: 'Name, identity number and registry details' } });
    expect(me.verifiedOwners[0].votesOnline).toBe(true);
    expect(me.faceVerification).toBe(false);
    const bindings = (await get('/v1/me/bindings', owner.accessToken)).json();
    expect(bindings.items[0].bindings[0].levelWords.zh).toBe('姓名、证件号码和登记信息');
  });

  it('says whether the level is enough to vote online in the estate (its minimumAssurance): name and number alone are not, by default', async () => {
    const person = await signedIn(t, '13700005678');
    const verified = await t.app.inject({ method: 'POST', url: '/v1/me/verification', headers: bearer(person.accessToken), payload: { name: li.name, idNumber: li.id } });
    expect(verified.statusCode, verified.body).toBe(200);
    const me = (await get('/v1/me', verified.json().accessToken)).json();
    const inA = me.verifiedOwners.find((o: { estateId: string }) => o.estateId === p.estateA);
    expect(inA).toMatchObject({ level: 'knowledge', levelWords: { zh: '姓名和证件号码' }, votesOnline: false });
    // The open meeting took registry_factor up when it opened: its card says so instead of asking for votes that would be refused.
    const open = (await get('/v1/me/meetings', verified.json().accessToken)).json().items.find((m: { id: string }) => m.id === ids.open);
    expect(open).toMatchObject({ mayVoteOn: 2, votedOn: 0, levelEnough: false });
  });
});

describe('the binding notice', () => {
  it('links to the owner app’s page of the phones bound (/homes), not to a page the app does not have', async () => {
    const inbox = (await get('/v1/me/messages', owner.accessToken)).json();
    const bound = inbox.messages.find((m: { kind: string }) => m.kind === 'owner_bound');
    expect(new URL(bound.link).pathname).toBe('/homes');
    expect(bound.text).toContain('我的房产');
  });
});
