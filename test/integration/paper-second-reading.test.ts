import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { type FourFlats, fourFlats } from '../factories/four-flats.ts';
import { openMeeting } from '../factories/meetings.ts';

/**
 * Issues 12 and 16 reconciled: the blind second reading of a paper ballot is its own step
 * (POST …/second-reading), and POST …/confirm takes no body once a second organiser has read the
 * paper alike; a reading in confirm's body still does both in one step. Every motion kind.
 */

const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const scan = { url: 'https://files.example/scan/1.pdf', sha256: 'b'.repeat(64) };

let t: TestApp;
let p: FourFlats['places'];
let first: { accessToken: string; accountId: string };
let second: { accessToken: string; accountId: string };
let third: { accessToken: string; accountId: string };
let otherEstate: { accessToken: string };
let meetingId: string;
let motions: { yesNo: string; options: string; election: string };

beforeAll(async () => {
  t = await createTestApp({ clock });
  const flats = await fourFlats(t, 2);
  ({ places: p, organiser: first, otherOrganiser: otherEstate } = flats);
  second = flats.committee[0]!;
  third = flats.committee[1]!;
  const opened = await openMeeting(t, clock, START, first.accessToken, p.estateA, [
    { matter: 'other_major', kind: 'yes_no', title: '加装充电桩' },
    { matter: 'property_manager', kind: 'options', title: '选聘物业服务企业', options: [{ id: 'a', label: '甲物业' }, { id: 'b', label: '乙物业' }] },
    {
      matter: 'committee_election',
      kind: 'election',
      title: '选举业主委员会委员',
      seats: 2,
      candidates: [{ id: 'c1', name: '候选人一' }, { id: 'c2', name: '候选人二' }, { id: 'c3', name: '候选人三' }],
    },
  ]);
  meetingId = opened.meetingId;
  motions = { yesNo: opened.motionIds[0]!, options: opened.motionIds[1]!, election: opened.motionIds[2]! };
});
afterAll(async () => t?.close());

const enter = async (motionId: string, registryNo: string, reading: object) => {
  const entered = await t.app.inject({
    method: 'POST',
    url: `/v1/meetings/${meetingId}/motions/${motionId}/paper-ballots`,
    headers: bearer(first.accessToken),
    payload: { registryNo, scan, ...reading },
  });
  expect(entered.statusCode, entered.body).toBe(201);
  return entered.json().id as string;
};
const readAgain = (token: string, entryId: string, reading: object) =>
  t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/paper-ballots/${entryId}/second-reading`, headers: bearer(token), payload: reading });
/** Confirm with no body at all: no payload, no Content-Type — as approve, notice and certify are called. */
const confirmBare = (token: string, entryId: string) =>
  t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/paper-ballots/${entryId}/confirm`, headers: bearer(token) });
const standing = async (motionId: string, registryNo: string) => {
  const found = await t.app.inject({ url: `/v1/meetings/${meetingId}/electorate?registryNo=${registryNo}`, headers: bearer(first.accessToken) });
  return (found.json().items[0].motions as { motionId: string; ballot: unknown; paperPending: boolean }[]).find((m) => m.motionId === motionId)!;
};

describe('the second reading of a paper ballot, then a confirmation without a body', () => {
  it('confirm without a body and without a second reading: 409 paper-second-reading-required, as problem+json', async () => {
    const entryId = await enter(motions.yesNo, 'R-1', { choice: 'agree' });
    const bare = await confirmBare(second.accessToken, entryId);
    expect(bare.statusCode, bare.body).toBe(409);
    expect(bare.headers['content-type']).toContain('application/problem+json');
    expect(bare.json().type).toBe('urn:gongjue:problem:paper-second-reading-required');
    // `{}` is the same request.
    const empty = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/paper-ballots/${entryId}/confirm`, headers: bearer(second.accessToken), payload: {} });
    expect(empty.json().type).toBe('urn:gongjue:problem:paper-second-reading-required');
    expect((await standing(motions.yesNo, 'R-1')).ballot).toBeNull();
  });

  it('the organiser who entered the paper cannot read it again, nor confirm it', async () => {
    const entryId = await enter(motions.yesNo, 'R-2', { choice: 'oppose' });
    expect((await readAgain(first.accessToken, entryId, { choice: 'oppose' })).statusCode).toBe(403);
    expect((await readAgain(second.accessToken, entryId, { choice: 'oppose' })).statusCode).toBe(200);
    expect((await confirmBare(first.accessToken, entryId)).statusCode).toBe(403);
  });

  it('a yes/no paper: a second reading that differs is kept and answered; a bare confirm then refuses with the differences', async () => {
    const entryId = await enter(motions.yesNo, 'R-3', { choice: 'agree' });
    const differ = await readAgain(second.accessToken, entryId, { choice: 'abstain' });
    expect(differ.statusCode).toBe(409);
    expect(differ.json()).toMatchObject({ type: 'urn:gongjue:problem:paper-entries-differ', differences: [{ field: 'choice', first: 'agree', second: 'abstain' }] });
    const bare = await confirmBare(third.accessToken, entryId);
    expect(bare.statusCode).toBe(409);
    expect(bare.json()).toMatchObject({ type: 'urn:gongjue:problem:paper-entries-differ', differences: [{ field: 'choice' }] });
    expect((await standing(motions.yesNo, 'R-3')).ballot).toBeNull();
    // Read again, alike: answered as a match, shown on the entry, and confirmed by a third person without a body.
    const alike = await readAgain(second.accessToken, entryId, { choice: 'agree' });
    expect(alike.statusCode, alike.body).toBe(200);
    expect(alike.json()).toMatchObject({ matches: true, entry: { status: 'pending', voterUnits: ['1栋103'], check: { choice: 'agree', checkedBy: second.accountId, differences: [] } } });
    // The list says whose paper each entry is, and that this one was read alike.
    const listed = (await t.app.inject({ url: `/v1/meetings/${meetingId}/paper-ballots`, headers: bearer(third.accessToken) })).json().items.find((e: { id: string }) => e.id === entryId);
    expect(listed).toMatchObject({ voterUnits: ['1栋103'], check: { differences: [] } });
    const confirmed = await confirmBare(third.accessToken, entryId);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ entry: { status: 'confirmed' }, receipt: { channel: 'paper', version: 1 } });
    expect((await standing(motions.yesNo, 'R-3')).ballot).toMatchObject({ channel: 'paper', version: 1 });
  });

  it('an options paper, and a spoiled one: read again and confirmed by the reader', async () => {
    const chosen = await enter(motions.options, 'R-1', { choice: 'b' });
    expect((await readAgain(second.accessToken, chosen, { choice: 'a' })).json().differences).toEqual([{ field: 'choice', first: 'b', second: 'a' }]);
    expect((await readAgain(second.accessToken, chosen, { choice: 'b' })).statusCode).toBe(200);
    expect((await confirmBare(second.accessToken, chosen)).statusCode).toBe(200);
    expect((await standing(motions.options, 'R-1')).ballot).toMatchObject({ channel: 'paper' });

    const spoiled = await enter(motions.options, 'R-2', { spoiled: true });
    expect((await readAgain(second.accessToken, spoiled, { choice: 'a' })).json().differences).toEqual([{ field: 'spoiled', first: true, second: false }]);
    expect((await readAgain(second.accessToken, spoiled, { spoiled: true })).statusCode).toBe(200);
    expect((await confirmBare(second.accessToken, spoiled)).statusCode).toBe(200);
  });

  it('an election paper (up to N candidates): the same ticks in another order are the same reading', async () => {
    const entryId = await enter(motions.election, 'R-4', { choice: ['c1', 'c3'] });
    const wrong = await readAgain(second.accessToken, entryId, { choice: ['c1', 'c2'] });
    expect(wrong.json().differences).toEqual([{ field: 'choice', first: ['c1', 'c3'], second: ['c1', 'c2'] }]);
    const tooMany = await readAgain(second.accessToken, entryId, { choice: ['c1', 'c2', 'c3'] });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].path).toBe('body.choice');
    expect((await readAgain(second.accessToken, entryId, { choice: ['c3', 'c1'] })).statusCode).toBe(200);
    expect((await confirmBare(third.accessToken, entryId)).statusCode).toBe(200);
    expect((await standing(motions.election, 'R-4')).ballot).toMatchObject({ channel: 'paper', version: 1 });
    // An empty list (no candidate ticked) is a reading too: abstaining.
    const none = await enter(motions.election, 'R-3', { choice: [] });
    expect((await readAgain(second.accessToken, none, { choice: [] })).statusCode).toBe(200);
    expect((await confirmBare(second.accessToken, none)).statusCode).toBe(200);
  });

  it('the reading in confirm’s body still reads and confirms in one step', async () => {
    const entryId = await enter(motions.election, 'R-2', { choice: ['c2'] });
    const once = await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${meetingId}/paper-ballots/${entryId}/confirm`,
      headers: bearer(second.accessToken),
      payload: { choice: ['c2'], reason: '与原件一致' },
    });
    expect(once.statusCode, once.body).toBe(200);
    expect(once.json().receipt).toMatchObject({ channel: 'paper' });
  });

  it('a second reading must be a reading: a choice, or spoiled', async () => {
    const entryId = await enter(motions.yesNo, 'R-4', { choice: 'agree' });
    for (const body of [{}, { spoiled: false }, { choice: 'agree', spoiled: true }, { choice: 'maybe' }]) {
      const refused = await readAgain(second.accessToken, entryId, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    const noBody = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/paper-ballots/${entryId}/second-reading`, headers: bearer(second.accessToken) });
    expect(noBody.statusCode).toBe(400);
    expect((await confirmBare(second.accessToken, entryId)).json().type).toBe('urn:gongjue:problem:paper-second-reading-required');
    expect((await standing(motions.yesNo, 'R-4')).paperPending).toBe(true);
  });

  it('to another estate’s organiser the entry is not there (404)', async () => {
    const entryId = await enter(motions.options, 'R-3', { choice: 'a' });
    expect((await readAgain(otherEstate.accessToken, entryId, { choice: 'a' })).statusCode).toBe(404);
    expect((await confirmBare(otherEstate.accessToken, entryId)).statusCode).toBe(404);
  });

  it('the API description says so: confirm’s body is optional, second-reading’s is not', async () => {
    const document = (await t.app.inject({ url: '/openapi.json' })).json();
    const paper = (path: string) => document.paths[`/v1/meetings/{meetingId}/paper-ballots/{entryId}/${path}`].post;
    expect(paper('confirm').requestBody.required).toBe(false);
    expect(paper('reject').requestBody.required).toBe(false);
    expect(paper('second-reading').requestBody.required).toBe(true);
  });
});
