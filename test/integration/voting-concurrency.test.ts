import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { BallotBatches, type OnlineBallot } from '../../src/voting/ballot-batches.ts';
import { openSession } from '../../src/identity/sessions.ts';
import { castBallot } from '../helpers/voting.ts';
import { appointed, boundCrowd } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';

/**
 * Concurrency on the real PostgreSQL: many voters at once, one voter changing
 * the ballot many times at once, and ballots fired across the closing instant.
 * The clock runs in real time from a settable starting point, so requests in
 * flight really do straddle the deadline.
 */
const DAY = 24 * 3_600_000;
const T0 = new Date('2026-11-22T00:00:00Z').getTime();
let offset = T0 - Date.now();
const clock: Clock = { now: () => new Date(Date.now() + offset) };
const setNow = (ms: number) => {
  offset = ms - Date.now();
};

const VOTERS = 200;
let t: TestApp;
let meetingId: string;
let motionId: string;
let closesAt: number;
let organiserHeaders: Record<string, string>;
let checkerHeaders: Record<string, string>;
const voters: { token: string; voterId: string; accountId: string; sessionId: string }[] = [];

beforeAll(async () => {
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  const { owners, accounts } = await boundCrowd(t, p.staffA, p.estateA, VOTERS, '166');
  const db = t.testDatabase.database.db;

  const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  const headers = bearer(organiser.accessToken);
  organiserHeaders = headers;
  checkerHeaders = bearer((await appointed(t, p.staffA, p.estateA, 'organiser')).accessToken);
  const meeting = await t.app.inject({
    method: 'POST',
    url: `/v1/estates/${p.estateA}/meetings`,
    headers,
    payload: { kind: 'regular', title: '并发测试', votingOpensAt: new Date(T0 + 16 * DAY).toISOString(), votingClosesAt: new Date(T0 + 30 * DAY).toISOString() },
  });
  meetingId = meeting.json().id;
  closesAt = T0 + 30 * DAY;
  await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/motions`, headers, payload: { matter: 'other_major', kind: 'yes_no', title: '并发' } });
  expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/notice`, headers })).statusCode).toBe(200);
  setNow(T0 + 16 * DAY);
  const opened = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/open`, headers });
  motionId = opened.json().motions[0].id;

  const electorate = await db.selectFrom('electorate_voters').select(['id', 'owners']).where('motion_id', '=', motionId).execute();
  const voterOf = new Map(electorate.map((v) => [v.owners[0], v.id]));
  for (const [i, o] of owners.entries()) {
    const { sessionId } = await openSession(db, accounts[i]!.id, new Date());
    const token = t.app.issueAccessToken({ subject: accounts[i]!.id, kind: 'person', grants: [{ role: 'owner', estateId: p.estateA, ownerId: o.id }], session: sessionId });
    voters.push({ token, voterId: voterOf.get(o.id)!, accountId: accounts[i]!.id, sessionId });
  }
}, 120_000);
afterAll(async () => t?.close());

describe('ballots under concurrency', () => {
  it('200 distinct voters voting at once: every ballot accepted, one current ballot each', async () => {
    const results = await Promise.all(voters.map((v, i) => castBallot(t, v.token, meetingId, motionId, v.voterId, i % 3 === 0 ? 'oppose' : 'agree')));
    expect(results.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
    const db = t.testDatabase.database.db;
    const current = await db.selectFrom('current_ballots').select(['voter_id', 'version']).where('motion_id', '=', motionId).execute();
    expect(current).toHaveLength(VOTERS);
    expect(new Set(current.map((c) => c.voter_id)).size).toBe(VOTERS);
    expect(current.every((c) => c.version === 1)).toBe(true);
  });

  it('one voter changing the ballot 50 times at once: 50 versions kept, exactly one current — the last', async () => {
    const v = voters[7]!;
    const choices = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 'oppose' : 'abstain'));
    const results = await Promise.all(choices.map((c) => castBallot(t, v.token, meetingId, motionId, v.voterId, c)));
    expect(results.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
    const db = t.testDatabase.database.db;
    const versions = await db.selectFrom('ballots').select(['id', 'version', 'cast_at', 'choice']).where('voter_id', '=', v.voterId).orderBy('version').execute();
    expect(versions.map((b) => b.version)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    // Instants strictly increase with the version, so the latest is never ambiguous.
    for (let i = 1; i < versions.length; i++) expect(versions[i]!.cast_at.getTime()).toBeGreaterThan(versions[i - 1]!.cast_at.getTime());
    const current = await db.selectFrom('current_ballots').select(['ballot_id', 'version']).where('voter_id', '=', v.voterId).execute();
    expect(current).toEqual([{ ballot_id: versions[50]!.id, version: 51 }]);
    // Each receipt names its own version, and the last one answered is the current ballot.
    const byVersion = new Map(results.map((r) => [r.json().version, r.json().ballotId]));
    expect(byVersion.get(51)).toBe(versions[50]!.id);
  });

  it('ballots received together go to the database as one batch; a refused one refuses none of its neighbours', async () => {
    const db = t.testDatabase.database.db;
    // One batch at a time: the first ballot goes alone, the next ones wait for it and go together.
    const batches = new BallotBatches(db, { inFlight: 1, maxBatch: 64 });
    const at = clock.now();
    const ballot = (i: number, over: Partial<OnlineBallot> = {}): OnlineBallot => ({
      meetingId, motionId, voterId: voters[i]!.voterId, accountId: voters[i]!.accountId, session: voters[i]!.sessionId, choice: 'agree', ballotId: randomUUID(), at, ...over,
    });
    const sent = [
      ballot(20),
      ballot(21),
      ballot(22, { voterId: randomUUID() }), // not in the electorate
      ballot(23, { accountId: voters[24]!.accountId, session: voters[24]!.sessionId }), // someone else's voter
      ballot(24),
      ballot(21, { choice: 'oppose' }), // the same voter again: waits for a later batch
      ballot(25, { at: new Date(closesAt) }), // at the closing instant
      ballot(26, { session: randomUUID() }), // from a session that has ended (or never was)
    ];
    const outcomes = await Promise.all(sent.map((b) => batches.cast(b)));
    expect(outcomes.map((o) => o.code)).toEqual([null, null, 'GJ403', 'GJ403', null, null, 'GJ409', 'GJ401']);
    expect(outcomes[2]!.message).toMatch(/electorate/);
    expect(outcomes[3]!.message).toMatch(/not a verified owner/);
    expect(outcomes[6]!.message).toMatch(/closed/);
    expect(outcomes[7]!.message).toMatch(/session .* has ended/);
    expect(batches.statistics).toMatchObject({ batches: 3, ballots: 8, waiting: 0, sending: 0 });

    const written = await db.selectFrom('ballots').select(['id', 'voter_id', 'version', 'choice']).where('id', 'in', sent.map((b) => b.ballotId)).execute();
    expect(new Set(written.map((w) => w.id))).toEqual(new Set([sent[0], sent[1], sent[4], sent[5]].map((b) => b!.ballotId)));
    const voter21 = written.filter((w) => w.voter_id === voters[21]!.voterId).sort((a, b) => a.version - b.version);
    expect(voter21.map((w) => [w.version - voter21[0]!.version, w.choice])).toEqual([[0, 'agree'], [1, 'oppose']]);
    const current = await db.selectFrom('current_ballots').select('ballot_id').where('voter_id', '=', voters[21]!.voterId).executeTakeFirst();
    expect(current?.ballot_id).toBe(sent[5]!.ballotId);
  });

  it('a batch that fails as a whole is retried ballot by ballot: only the faulty ballot fails', async () => {
    const db = t.testDatabase.database.db;
    const batches = new BallotBatches(db, { inFlight: 1, maxBatch: 64 });
    const at = clock.now();
    const existing = await db.selectFrom('ballots').select('id').where('motion_id', '=', motionId).limit(1).executeTakeFirstOrThrow();
    const ballot = (i: number, ballotId: string = randomUUID()): OnlineBallot => ({
      meetingId, motionId, voterId: voters[i]!.voterId, accountId: voters[i]!.accountId, session: voters[i]!.sessionId, choice: 'abstain', ballotId, at,
    });
    // The third reuses a ballot id: its insert breaks the unique key, and with it the batch's statement.
    const sent = [ballot(30), ballot(31), ballot(32, existing.id), ballot(33)];
    const outcomes = await Promise.allSettled(sent.map((b) => batches.cast(b)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
    expect(batches.statistics.batches).toBe(2);
    const written = await db.selectFrom('ballots').select('id').where('id', 'in', [sent[0]!, sent[1]!, sent[3]!].map((b) => b.ballotId)).execute();
    expect(written).toHaveLength(3);
    const voter32 = await db.selectFrom('ballots').select('id').where('voter_id', '=', voters[32]!.voterId).where('choice', '=', sql<string>`'"abstain"'::jsonb`).execute();
    expect(voter32).toEqual([]);
  });

  it('online ballots and paper ballots of one voter at once: one version each, in order, one current — the two paths share the voter’s lock', async () => {
    const v = voters[40]!;
    const db = t.testDatabase.database.db;
    const scan = { url: 'https://files.example/scan/v40.pdf', sha256: 'd'.repeat(64) };
    const entries: string[] = [];
    for (let i = 0; i < 10; i++) {
      const entered = await t.app.inject({
        method: 'POST',
        url: `/v1/meetings/${meetingId}/motions/${motionId}/paper-ballots`,
        headers: organiserHeaders,
        payload: { voterId: v.voterId, choice: i % 2 ? 'agree' : 'oppose', scan },
      });
      expect(entered.statusCode).toBe(201);
      entries.push(entered.json().id);
    }
    const before = (await db.selectFrom('ballots').select('id').where('voter_id', '=', v.voterId).execute()).length;
    const online = Array.from({ length: 20 }, (_, i) => castBallot(t, v.token, meetingId, motionId, v.voterId, i % 2 ? 'abstain' : 'agree'));
    const paper = entries.map((id, i) =>
      t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/paper-ballots/${id}/confirm`, headers: checkerHeaders, payload: { choice: i % 2 ? 'agree' : 'oppose' } }),
    );
    const answers = await Promise.all([...online, ...paper]);
    expect(answers.map((r) => r.statusCode).filter((s) => s !== 201 && s !== 200)).toEqual([]);

    const versions = await db.selectFrom('ballots').select(['id', 'version', 'cast_at', 'channel']).where('voter_id', '=', v.voterId).orderBy('version').execute();
    const total = before + 30;
    expect(versions.map((b) => b.version)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(versions.filter((b) => b.channel === 'paper')).toHaveLength(10);
    for (let i = 1; i < versions.length; i++) expect(versions[i]!.cast_at.getTime()).toBeGreaterThan(versions[i - 1]!.cast_at.getTime());
    const current = await db.selectFrom('current_ballots').select(['ballot_id', 'version']).where('voter_id', '=', v.voterId).execute();
    expect(current).toEqual([{ ballot_id: versions[total - 1]!.id, version: total }]);
  });

  it('ballots fired across the closing instant: none accepted at or after it, and the close counts exactly the accepted ones', async () => {
    setNow(closesAt - 400);
    const fired: Promise<{ status: number; castAt?: string; sentAt: number }>[] = [];
    const started = Date.now();
    let i = 0;
    while (Date.now() - started < 800) {
      const v = voters[i % VOTERS]!;
      const sentAt = clock.now().getTime();
      fired.push(castBallot(t, v.token, meetingId, motionId, v.voterId, i % 2 ? 'agree' : 'oppose').then((r) => ({ status: r.statusCode, castAt: r.json().castAt, sentAt })));
      i++;
      await new Promise((r) => setTimeout(r, 5));
    }
    const outcomes = await Promise.all(fired);
    const accepted = outcomes.filter((o) => o.status === 201);
    const refused = outcomes.filter((o) => o.status !== 201);
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((o) => o.status === 409)).toBe(true);
    expect(accepted.every((o) => new Date(o.castAt!).getTime() < closesAt)).toBe(true);
    // Everything sent after the deadline was refused.
    expect(outcomes.filter((o) => o.sentAt >= closesAt).every((o) => o.status === 409)).toBe(true);

    const db = t.testDatabase.database.db;
    const late = await db.selectFrom('ballots').select('id').where('motion_id', '=', motionId).where('cast_at', '>=', new Date(closesAt)).execute();
    expect(late).toEqual([]);

    const closed = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/close`, headers: organiserHeaders });
    expect(closed.json().status).toBe('tallied');
    const results = (await t.app.inject({ url: `/v1/meetings/${meetingId}/results`, headers: organiserHeaders })).json().items;
    const current = await db.selectFrom('current_ballots').select('voter_id').where('motion_id', '=', motionId).execute();
    expect(results[0].report.totals.PH).toBe(current.length);
  });
});

describe('lock keys', () => {
  it('name the same lock whatever the case of the id, in the service and in the database function', async () => {
    const { meetingLockKey } = await import('../../src/voting/ballots-repository.ts');
    const { sql } = await import('kysely');
    const id = '0190F5C2-AAAA-7BBB-8CCC-DDDDDDDDDDDD';
    const db = t.testDatabase.database.db;
    const fromService = await sql<{ k: string }>`select ${meetingLockKey(id)} as k`.execute(db);
    const fromFunction = await sql<{ k: string }>`select hashtextextended('meeting-ballots:' || ${id.toLowerCase()}::uuid, 0) as k`.execute(db);
    expect(fromService.rows[0]?.k).toBe(fromFunction.rows[0]?.k);
  });
});
