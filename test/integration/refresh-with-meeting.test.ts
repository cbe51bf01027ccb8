import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { li, zhang } from '../factories/cast.ts';
import { draftMeeting, openMeeting } from '../factories/meetings.ts';
import { appointed, type Session, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';
import { openPlan } from '../helpers/meeting-plans.ts';

/**
 * POST /v1/auth/refresh { withMeeting } (issue 15): an SMS link's meeting opens on one round trip
 * less — the refresh also answers the meeting's GET /v1/meetings/{id} and …/my-ballots with the new
 * access token, exactly as those routes answer (their access checks, their problems), and a
 * meeting the person may not read changes nothing about the refresh itself.
 */

const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);

let t: TestApp;
let owner: Session;
let meetingId: string;
let otherEstateMeeting: string;
let draftId: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '100.00', owners: [zhang] }]);
  await importRegistry(t, p.staffB, p.estateB, [{ registryNo: 'R-9', building: '9栋', stair: '1单元', room: '901', area: '90.00', owners: [li] }]);
  const organiserA = await appointed(t, p.staffA, p.estateA, 'organiser');
  const organiserB = await appointed(t, p.staffB, p.estateB, 'organiser');
  owner = await verifiedOwner(t, zhang);
  meetingId = (await openMeeting(t, clock, START, organiserA.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '加装充电桩' }])).meetingId;
  otherEstateMeeting = (await openMeeting(t, clock, START, organiserB.accessToken, p.estateB, [{ matter: 'other_major', kind: 'yes_no', title: '更换门禁' }])).meetingId;
  draftId = await draftMeeting(t, organiserA.accessToken, p.estateA, openPlan(clock.now(), [{ matter: 'other_major', kind: 'yes_no', title: '草稿事项' }]));
}, 60_000);
afterAll(async () => t?.close());

/** Each refresh spends the token: the session's next one is kept here. */
let refreshToken: string | undefined;
const refresh = async (payload: Record<string, unknown>) => {
  const res = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: refreshToken ?? owner.refreshToken, ...payload } });
  if (res.statusCode === 200) refreshToken = res.json().refreshToken;
  return res;
};
const read = async (url: string, token: string) => {
  const res = await t.app.inject({ url, headers: bearer(token) });
  return { status: res.statusCode, body: res.json<unknown>() };
};

describe('POST /v1/auth/refresh with withMeeting', () => {
  it('carries the meeting and my ballots on it, as their own routes answer them with the new token', async () => {
    const res = await refresh({ withMeeting: meetingId });
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json();
    expect(answer).toMatchObject({ tokenType: 'Bearer', accountId: owner.accountId });
    expect(answer.withMeeting.meeting.status).toBe(200);
    expect(answer.withMeeting.meeting.body.motions[0].title).toBe('加装充电桩');
    expect(answer.withMeeting.myBallots.status).toBe(200);
    expect(answer.withMeeting.myBallots.body.items).toHaveLength(1);
    expect(answer.withMeeting).toEqual({
      meeting: await read(`/v1/meetings/${meetingId}`, answer.accessToken),
      myBallots: await read(`/v1/meetings/${meetingId}/my-ballots`, answer.accessToken),
    });
  });

  it('without withMeeting the answer is the session alone', async () => {
    const res = await refresh({});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).not.toHaveProperty('withMeeting');
  });

  it("another estate's meeting, or a draft, is not there (404 problems, as GET answers); the refresh itself succeeds", async () => {
    for (const id of [otherEstateMeeting, draftId]) {
      const res = await refresh({ withMeeting: id });
      expect(res.statusCode, res.body).toBe(200);
      const { withMeeting, accessToken } = res.json();
      expect(withMeeting.meeting).toMatchObject({ status: 404, body: { type: 'urn:gongjue:problem:not-found' } });
      expect(withMeeting.myBallots.status).toBe(404);
      // The same problem (its own request's id: the carried read is logged as a request of its own).
      expect(withMeeting.meeting).toEqual({ ...(await read(`/v1/meetings/${id}`, accessToken)), body: expect.objectContaining({ ...withMeeting.meeting.body, requestId: expect.any(String) }) });
      expect(JSON.stringify(withMeeting)).not.toMatch(/更换门禁|草稿事项/);
    }
  });

  it('a withMeeting that is not a meeting id: 400, and the refresh token is not spent', async () => {
    const before = refreshToken;
    const res = await refresh({ withMeeting: 'not-a-uuid' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refreshToken).toBe(before);
    expect((await refresh({})).statusCode).toBe(200);
  });

  it('a refused refresh carries no meeting', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: 'rt_unknown', withMeeting: meetingId } });
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('加装充电桩');
  });
});
