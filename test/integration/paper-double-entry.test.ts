import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { zhao } from '../factories/cast.ts';
import { type FourFlats, fourFlats } from '../factories/four-flats.ts';
import { openMeeting } from '../factories/meetings.ts';

/** Paper ballots by double entry (issue 16): a second organiser types the paper again, blind, and the service compares. */

const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a photo of a ballot')]);

let t: TestApp;
let p: FourFlats['places'];
let first: { accessToken: string; accountId: string };
let second: { accessToken: string; accountId: string };
let otherEstate: { accessToken: string };
let meetingId: string;
let motionId: string;
let voters: string[];
let scanId: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const flats = await fourFlats(t, 1);
  ({ places: p, organiser: first, otherOrganiser: otherEstate } = flats);
  second = flats.committee[0]!;
  const opened = await openMeeting(t, clock, START, first.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '加装充电桩' }]);
  meetingId = opened.meetingId;
  motionId = opened.motionIds[0]!;
  const rows = await t.testDatabase.database.db.selectFrom('electorate_voters').select('id').where('motion_id', '=', motionId).execute();
  voters = rows.map((r) => r.id);
  const kept = await t.app.inject({
    method: 'POST',
    url: `/v1/estates/${p.estateA}/attachments?name=ballot.png`,
    headers: { ...bearer(first.accessToken), 'content-type': 'image/png' },
    payload: PNG,
  });
  scanId = kept.json().id;
});
afterAll(async () => t?.close());

const enter = (token: string, body: object) =>
  t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/motions/${motionId}/paper-ballots`, headers: bearer(token), payload: body });
const confirm = (token: string, entryId: string, body: object) =>
  t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/paper-ballots/${entryId}/confirm`, headers: bearer(token), payload: body });
const list = async (token: string) => (await t.app.inject({ url: `/v1/meetings/${meetingId}/paper-ballots`, headers: bearer(token) })).json().items as { id: string; choice: unknown; status: string; check: unknown; scan: { url: string; sha256: string } }[];
const turnout = async () => (await t.app.inject({ url: `/v1/meetings/${meetingId}/turnout`, headers: bearer(first.accessToken) })).json().items[0].tookPart;

describe('double entry of a paper ballot', () => {
  it('cites an attachment of the estate as its scan, by id; another estate’s attachment is not there', async () => {
    const entered = await enter(first.accessToken, { voterId: voters[0], choice: 'agree', scan: { attachmentId: scanId } });
    expect(entered.statusCode, entered.body).toBe(201);
    expect(entered.json().scan).toEqual({ url: `/v1/estates/${p.estateA}/attachments/${scanId}`, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const theirs = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateB}/attachments?name=b.png`,
      headers: { ...bearer(otherEstate.accessToken), 'content-type': 'image/png' },
      payload: PNG,
    });
    const borrowed = await enter(first.accessToken, { voterId: voters[1], choice: 'agree', scan: { attachmentId: theirs.json().id } });
    expect(borrowed.statusCode).toBe(400);
    expect(borrowed.json().errors[0].path).toBe('body.scan.attachmentId');
  });

  it('is blind: a pending entry’s choice is shown only to the organiser who typed it', async () => {
    const mine = (await list(first.accessToken)).find((e) => e.status === 'pending')!;
    const theirs = (await list(second.accessToken)).find((e) => e.id === mine.id)!;
    expect(mine.choice).toBe('agree');
    expect(theirs.choice).toBeNull();
  });

  it('the same organiser cannot confirm their own entry', async () => {
    const pending = (await list(first.accessToken)).find((e) => e.status === 'pending')!;
    expect((await confirm(first.accessToken, pending.id, { choice: 'agree' })).statusCode).toBe(403);
  });

  it('a second reading that differs is not confirmed: the differences are answered and kept, and nothing counts', async () => {
    const pending = (await list(first.accessToken)).find((e) => e.status === 'pending')!;
    const differ = await confirm(second.accessToken, pending.id, { choice: 'oppose' });
    expect(differ.statusCode).toBe(409);
    expect(differ.headers['content-type']).toContain('application/problem+json');
    expect(differ.json()).toMatchObject({
      type: 'urn:gongjue:problem:paper-entries-differ',
      differences: [{ field: 'choice', first: 'agree', second: 'oppose' }],
      entry: { id: pending.id, status: 'pending' },
    });
    expect(await turnout()).toEqual({ area: '0.00', heads: 0 });
    const kept = (await list(second.accessToken)).find((e) => e.id === pending.id)!;
    expect(kept).toMatchObject({ status: 'pending', check: { choice: 'oppose', spoiled: false, checkedBy: second.accountId, differences: [{ field: 'choice' }] } });
    // Spoiled against a choice is a difference too.
    const spoiled = await confirm(second.accessToken, pending.id, { spoiled: true });
    expect(spoiled.statusCode).toBe(409);
    expect(spoiled.json().differences).toEqual([{ field: 'spoiled', first: false, second: true }]);
  });

  it('entered again alike, it is confirmed and counts', async () => {
    const pending = (await list(first.accessToken)).find((e) => e.status === 'pending')!;
    const matched = await confirm(second.accessToken, pending.id, { choice: 'agree' });
    expect(matched.statusCode, matched.body).toBe(200);
    expect(matched.json()).toMatchObject({ entry: { status: 'confirmed', check: null }, receipt: { channel: 'paper', version: 1 } });
    expect(await turnout()).toEqual({ area: '100.00', heads: 1 });
  });

  it('a second reading is required and must be a valid choice', async () => {
    const entered = await enter(first.accessToken, { voterId: voters[1], choice: 'oppose', scan: { attachmentId: scanId } });
    // Without a reading, confirm needs one kept from POST …/second-reading (paper-second-reading.test.ts).
    expect((await confirm(second.accessToken, entered.json().id, {})).json().type).toBe('urn:gongjue:problem:paper-second-reading-required');
    const nonsense = await confirm(second.accessToken, entered.json().id, { choice: 'maybe' });
    expect(nonsense.statusCode).toBe(400);
    expect((await confirm(second.accessToken, entered.json().id, { choice: 'oppose', spoiled: true })).statusCode).toBe(400);
    expect((await list(first.accessToken)).find((e) => e.id === entered.json().id)!.status).toBe('pending');
  });

  it('to another estate’s organiser the entries are not there (404)', async () => {
    const pending = (await list(first.accessToken)).find((e) => e.status === 'pending')!;
    expect((await confirm(otherEstate.accessToken, pending.id, { choice: 'oppose' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/v1/meetings/${meetingId}/paper-ballots`, headers: bearer(otherEstate.accessToken) })).statusCode).toBe(404);
  });

  it('a written proxy cites its scan as an attachment too', async () => {
    const owner = await t.testDatabase.database.db.selectFrom('owners').select('id').where('estate_id', '=', p.estateA).where('name', '=', zhao.name).executeTakeFirstOrThrow();
    const registered = await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${meetingId}/proxies`,
      headers: bearer(first.accessToken),
      payload: { grantorOwnerId: owner.id, holderPhone: '13700001234', instructions: { [motionId]: 'agree' }, document: { attachmentId: scanId } },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json().document.url).toBe(`/v1/estates/${p.estateA}/attachments/${scanId}`);
  });
});
