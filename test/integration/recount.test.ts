import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estateChain, firstBreak, readChain } from '../../src/audit/audit-log.ts';
import { manualClock } from '../../src/clock.ts';
import { closeVotingJob, publishResultsJob } from '../../src/jobs/handlers.ts';
import { type MotionResult, resultOf, sealOf } from '../../src/results/evidence.ts';
import { aggregateMeeting, closeStreaming } from '../../src/results/closing.ts';
import { tallyRecordsOf } from '../../src/results/records.ts';
import { hasStoredUnitLines } from '../../src/voting/electorate-lines-repository.ts';
import { sealsOf } from '../../src/results/seal.ts';
import type { Report } from '../../src/tally/index.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { type CsvUnit } from '../helpers/identity.ts';
import { testJobDeps } from '../helpers/jobs.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { ouyangNana as zhao, wang, zhangSanfeng as zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 12, "counted as recorded": at close every motion is recounted by the
 * engine from the tally record that is sealed, and compared with the totals
 * summed in SQL. A discrepancy holds the meeting: not published, the
 * township and admins told, both sets of figures in the audit chain.
 *
 * The discrepancy is injected at the seam where the two paths really part:
 * the SQL aggregate counts the ballot each `current_ballots` row points to,
 * the tally record holds every ballot version (append-only) and the engine
 * finds the standing one itself. `current_ballots` is the one mutable
 * table between them (each cast moves its pointer), so a pointer that did
 * not move — or a pointer row lost — is the fault a bug in a cast path
 * would leave. The test leaves exactly that, by SQL in its own database;
 * no ballot, unit or result is touched, and no code path is stubbed.
 */
const DAY = 24 * 3_600_000;
const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const LARGE = closeStreaming.fromVoters;


const registry: CsvUnit[] = [
  { registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '90.00', owners: [zhang] },
  { registryNo: 'R-4', building: '2栋', room: '301', area: '100.00', owners: [wang] },
  { registryNo: 'R-5', building: '2栋', room: '302', area: '80.00', owners: [zhao] },
];
const MOTIONS = [
  { matter: 'other_major', kind: 'yes_no', title: '增设充电桩' },
  { matter: 'other_major', kind: 'yes_no', title: '改建车棚' },
];

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: { accessToken: string };
let owners: Record<'zhang' | 'wang' | 'zhao', { accessToken: string }>;

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, registry);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  owners = { zhang: await verifiedOwner(t, zhang), wang: await verifiedOwner(t, wang), zhao: await verifiedOwner(t, zhao) };
}, 120_000);
afterAll(async () => t?.close());

const db = () => t.testDatabase.database.db;
const post = (url: string, token: string) => t.app.inject({ method: 'POST', url, headers: bearer(token) });
const get = (url: string, token: string) => t.app.inject({ url, headers: bearer(token) });

/** A meeting of two motions: 张三丰 agrees then changes to oppose on the first; 王五 and 欧阳娜娜 vote on both. */
async function votedMeeting(start: Date) {
  const open = await openMeeting(t, clock, start, organiser.accessToken, p.estateA, MOTIONS);
  const voter = async (token: string, m: number) => (await myBallots(t, token, open.meetingId)).find((b) => b.motionId === open.motionIds[m])!.voterId;
  const cast = async (token: string, m: number, choice: string) =>
    expect((await castBallot(t, token, open.meetingId, open.motionIds[m]!, await voter(token, m), choice)).statusCode).toBe(201);
  await cast(owners.zhang.accessToken, 0, 'agree');
  clock.advance(60_000);
  await cast(owners.zhang.accessToken, 0, 'oppose');
  await cast(owners.wang.accessToken, 0, 'agree');
  await cast(owners.zhao.accessToken, 0, 'oppose');
  for (const o of [owners.zhang, owners.wang, owners.zhao]) await cast(o.accessToken, 1, 'agree');
  return { ...open, owners, voter: (m: number) => voter(owners.zhang.accessToken, m), wangVoter: (m: number) => voter(owners.wang.accessToken, m) };
}

describe('a meeting whose SQL totals and recount agree', () => {
  it('closes tallied and is published, as before', async () => {
    const m = await votedMeeting(START);
    clock.set(m.closesAt);
    const closed = await post(`/v1/meetings/${m.meetingId}/close`, organiser.accessToken);
    expect(closed.json().status).toBe('tallied');
    expect(await db().selectFrom('tally_discrepancies').selectAll().where('meeting_id', '=', m.meetingId).execute()).toEqual([]);
    // A meeting of ordinary size: opening stored no unit lines (its close builds its records in memory).
    expect(await hasStoredUnitLines(db(), m.meetingId)).toBe(false);
    expect((await post(`/v1/meetings/${m.meetingId}/publish`, organiser.accessToken)).json().status).toBe('published');
    // A large electorate is counted by joins instead of key lookups: the same figures.
    const ids = m.motionIds;
    const lookups = await aggregateMeeting(db(), ids.map((id) => ({ id, total: { area: 1n, heads: 10n } })));
    const joins = await aggregateMeeting(db(), ids.map((id) => ({ id, total: { area: 1n, heads: 1_000_000n } })));
    for (const id of ids) {
      const { TH: _a, ...viaLookups } = lookups.get(id)!;
      const { TH: _b, ...viaJoins } = joins.get(id)!;
      expect(viaJoins).toEqual(viaLookups);
      expect(viaLookups.PH).toBe(3n);
    }
  });
});

describe('a discrepancy between the SQL totals and the recount of the sealed record', () => {
  let m: Awaited<ReturnType<typeof votedMeeting>>;

  beforeAll(async () => {
    m = await votedMeeting(new Date(START.getTime() + 40 * DAY));
    // Motion 1: 张三丰's pointer left on his first ballot (agree) although his second (oppose) stands.
    const zhangVoter = await m.voter(0);
    const first = await db().selectFrom('ballots').select(['id', 'version']).where('motion_id', '=', m.motionIds[0]!).where('voter_id', '=', zhangVoter).where('version', '=', 1).executeTakeFirstOrThrow();
    await sql`update current_ballots set ballot_id = ${first.id}, version = 1 where motion_id = ${m.motionIds[0]} and voter_id = ${zhangVoter}`.execute(db());
    // Motion 2: 王五's pointer row lost: SQL does not count a ballot the record holds.
    await sql`delete from current_ballots where motion_id = ${m.motionIds[1]} and voter_id = ${await m.wangVoter(1)}`.execute(db());
    clock.set(m.closesAt);
  });

  it('holds the meeting in status discrepancy at close, with no result stored or sealed', async () => {
    const outcome = await closeVotingJob(testJobDeps(t, clock), { meetingId: m.meetingId });
    expect(outcome).toEqual([]); // no publication follows
    const meeting = await get(`/v1/meetings/${m.meetingId}`, organiser.accessToken);
    expect(meeting.json().status).toBe('discrepancy');
    expect(meeting.json().closedAt).toBe(m.closesAt.toISOString());
    expect(await db().selectFrom('motion_results').selectAll().where('meeting_id', '=', m.meetingId).execute()).toEqual([]);
    expect(await db().selectFrom('result_seals').selectAll().where('meeting_id', '=', m.meetingId).execute()).toEqual([]);
    // Voting stays closed.
    const ballots = await myBallots(t, m.owners.zhao.accessToken, m.meetingId);
    const late = await castBallot(t, m.owners.zhao.accessToken, m.meetingId, m.motionIds[0]!, ballots[0]!.voterId, 'agree');
    expect(late.statusCode).toBe(409);
  });

  it('keeps both sets of figures per motion: the counted agree/PA/PH and the recounted ones', async () => {
    const rows = await db().selectFrom('tally_discrepancies').selectAll().where('meeting_id', '=', m.meetingId).execute();
    const byMotion = new Map(rows.map((r) => [r.motion_id, r as typeof r & { counted: MotionResult; recounted: MotionResult }]));
    const first = byMotion.get(m.motionIds[0]!)!;
    const choice = (r: MotionResult, id: string) => r.choices.find((c) => c.id === id);
    // SQL counted 张三丰's first ballot; the engine his standing second one.
    expect(choice(first.counted, 'agree')).toEqual({ id: 'agree', area: '190.00', heads: 2 });
    expect(choice(first.recounted, 'agree')).toEqual({ id: 'agree', area: '100.00', heads: 1 });
    expect(choice(first.recounted, 'oppose')).toEqual({ id: 'oppose', area: '170.00', heads: 2 });
    expect(first.counted.outcome).toBe('passed');
    expect(first.recounted.outcome).toBe('rejected');
    expect(first.differences.join('\n')).toMatch(/choices\[0\]\.area: "190\.00" vs "100\.00"/);
    const second = byMotion.get(m.motionIds[1]!)!;
    expect([second.counted.totals.PH, second.recounted.totals.PH]).toEqual([2, 3]);
    expect([second.counted.totals.PA, second.recounted.totals.PA]).toEqual(['170.00', '270.00']);
    expect(second.differences.join('\n')).toMatch(/totals\.PH: 2 vs 3/);
  });

  it('refuses publication by the organiser and by the job, with a tally-discrepancy problem', async () => {
    const refused = await post(`/v1/meetings/${m.meetingId}/publish`, organiser.accessToken);
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json().type).toBe('urn:gongjue:problem:tally-discrepancy');
    expect(refused.json().discrepancies.map((d: { motionId: string }) => d.motionId)).toEqual(m.motionIds);
    const errors: string[] = [];
    const deps = testJobDeps(t, clock, { log: { info: () => {}, warn: () => {}, error: (_o: object, msg?: string) => errors.push(msg ?? '') } });
    expect(await publishResultsJob(deps, { meetingId: m.meetingId })).toEqual([]);
    expect(errors.join('\n')).toMatch(/not published: Cannot publish the result/);
    const meeting = await db().selectFrom('meetings').select(['status', 'published_at']).where('id', '=', m.meetingId).executeTakeFirstOrThrow();
    expect(meeting).toEqual({ status: 'discrepancy', published_at: null });
    expect(await db().selectFrom('notifications').select('id').where('subject_id', '=', m.meetingId).where('topic', '=', 'result.published').execute()).toEqual([]);
    // Nor can it be shown, exported or certified.
    const results = await get(`/v1/meetings/${m.meetingId}/results`, organiser.accessToken);
    expect([results.statusCode, results.json().type]).toEqual([409, 'urn:gongjue:problem:tally-discrepancy']);
    expect(results.json().discrepancies[0].differences.length).toBeGreaterThan(0);
    // An admin sees why: each motion and where its figures differ.
    const forAdmin = await get(`/v1/meetings/${m.meetingId}/results`, p.admin);
    expect([forAdmin.statusCode, forAdmin.json().type]).toEqual([409, 'urn:gongjue:problem:tally-discrepancy']);
    expect(forAdmin.json().discrepancies[0].differences.join('\n')).toMatch(/choices\[0\]\.area: "190\.00" vs "100\.00"/);
    const bundle = await get(`/v1/meetings/${m.meetingId}/bundle`, p.staffA);
    expect([bundle.statusCode, bundle.json().type]).toEqual([409, 'urn:gongjue:problem:tally-discrepancy']);
  });

  it('tells the township and the admins', async () => {
    const sent = await db()
      .selectFrom('notifications')
      .select(['recipient', 'estate_id', 'body'])
      .where('subject_id', '=', m.meetingId)
      .where('topic', '=', 'tally.discrepancy')
      .orderBy('recipient')
      .execute();
    expect(sent.map((n) => [n.recipient, n.estate_id])).toEqual([['admin', p.estateA], ['township', p.estateA]]);
    expect(sent[0]!.body).toMatch(/2 项表决事项.*不一致/);
  });

  it('records the discrepancy with both sets of figures in the estate audit chain, which stays whole', async () => {
    const chain = await readChain(db(), estateChain(p.estateA));
    expect(firstBreak(chain)).toBeNull();
    const mine = chain.filter((r) => r.subject === `meeting:${m.meetingId}`).map((r) => r.action);
    expect(mine.slice(-2)).toEqual(['meeting.closed', 'meeting.discrepancy']);
    expect(mine).not.toContain('meeting.tallied');
    const record = chain.find((r) => r.action === 'meeting.discrepancy' && r.subject === `meeting:${m.meetingId}`)!;
    const motions = record.data.motions as { motionId: string; counted: { outcome: string }; recounted: { outcome: string }; differences: string[] }[];
    expect(motions.map((d) => d.motionId)).toEqual(m.motionIds);
    expect([motions[0]!.counted.outcome, motions[0]!.recounted.outcome]).toEqual(['passed', 'rejected']);
  });

  it('closing again changes nothing (exactly once)', async () => {
    const again = await post(`/v1/meetings/${m.meetingId}/close`, organiser.accessToken);
    expect([again.statusCode, again.json().status]).toEqual([200, 'discrepancy']);
    expect(await closeVotingJob(testJobDeps(t, clock), { meetingId: m.meetingId })).toEqual([]);
    const chain = await readChain(db(), estateChain(p.estateA));
    expect(chain.filter((r) => r.subject === `meeting:${m.meetingId}` && r.action === 'meeting.discrepancy')).toHaveLength(1);
  });
});

describe('the close of a large meeting, which streams its records (forced here for three units)', () => {
  beforeAll(() => {
    closeStreaming.fromVoters = 0n;
  });
  afterAll(() => {
    closeStreaming.fromVoters = LARGE;
  });

  it('seals the digests the records built in memory give, as `gongjue verify` recomputes them, and publishes', async () => {
    const m = await votedMeeting(new Date(START.getTime() + 80 * DAY));
    // Opening stored the units as the record's lines: the close streams them instead of having PostgreSQL write them.
    expect(await hasStoredUnitLines(db(), m.meetingId)).toBe(true);
    clock.set(m.closesAt);
    const closed = await post(`/v1/meetings/${m.meetingId}/close`, organiser.accessToken);
    expect(closed.json().status).toBe('tallied');
    const meeting = await db().selectFrom('meetings').selectAll().where('id', '=', m.meetingId).executeTakeFirstOrThrow();
    const seals = await sealsOf(db(), m.meetingId);
    const records = await tallyRecordsOf(db(), meeting, (id) => seals.get(id)!.settings);
    const reports = await db().selectFrom('motion_results').select(['motion_id', 'report']).where('meeting_id', '=', m.meetingId).execute();
    expect(records).toHaveLength(2);
    for (const { motionId, record } of records) {
      const report = reports.find((r) => r.motion_id === motionId)!.report as Report;
      const { settings: _, ...sealed } = seals.get(motionId)!;
      expect(sealed).toEqual(sealOf(motionId, record, resultOf(report)));
      expect(sealed.ballots.count).toBe(motionId === m.motionIds[0] ? 4 : 3);
    }
    expect((await post(`/v1/meetings/${m.meetingId}/publish`, organiser.accessToken)).json().status).toBe('published');
  });

  it('opened without its units stored (before migration 0024), has PostgreSQL write them at close: the same seals', async () => {
    closeStreaming.fromVoters = LARGE;
    const m = await votedMeeting(new Date(START.getTime() + 100 * DAY));
    closeStreaming.fromVoters = 0n;
    expect(await hasStoredUnitLines(db(), m.meetingId)).toBe(false);
    clock.set(m.closesAt);
    expect((await post(`/v1/meetings/${m.meetingId}/close`, organiser.accessToken)).json().status).toBe('tallied');
    const meeting = await db().selectFrom('meetings').selectAll().where('id', '=', m.meetingId).executeTakeFirstOrThrow();
    const seals = await sealsOf(db(), m.meetingId);
    const records = await tallyRecordsOf(db(), meeting, (id) => seals.get(id)!.settings);
    const reports = await db().selectFrom('motion_results').select(['motion_id', 'report']).where('meeting_id', '=', m.meetingId).execute();
    for (const { motionId, record } of records) {
      const report = reports.find((r) => r.motion_id === motionId)!.report as Report;
      const { settings: _, ...sealed } = seals.get(motionId)!;
      expect(sealed).toEqual(sealOf(motionId, record, resultOf(report)));
    }
  });

  it('stores the anomaly flags it looked for while the engine recounted', async () => {
    const m = await votedMeeting(new Date(START.getTime() + 110 * DAY));
    const { settings } = await db().selectFrom('estates').select('settings').where('id', '=', p.estateA).executeTakeFirstOrThrow();
    try {
      // Raised after the ballots were cast: every standing online ballot is now below the estate's minimum.
      await db().updateTable('estates').set({ settings: JSON.stringify({ ...settings, minimumAssurance: 'in_person' }) }).where('id', '=', p.estateA).execute();
      clock.set(m.closesAt);
      expect((await post(`/v1/meetings/${m.meetingId}/close`, organiser.accessToken)).json().status).toBe('tallied');
    } finally {
      await db().updateTable('estates').set({ settings: JSON.stringify(settings) }).where('id', '=', p.estateA).execute();
    }
    const flags = await db().selectFrom('anomaly_flags').select(['kind', 'figures']).where('meeting_id', '=', m.meetingId).execute();
    expect(flags).toEqual([{ kind: 'low_assurance', figures: { below: 6, online: 6, required: 'in_person', percent: 100 } }]);
  });

  it('fails whole when the recount thread cannot read the record: the meeting stays open, nothing stored; it closes once the record reads', async () => {
    const m = await votedMeeting(new Date(START.getTime() + 115 * DAY));
    const stored = await db().selectFrom('electorate_unit_lines').select(['chunk', 'lines']).where('meeting_id', '=', m.meetingId).execute();
    expect(stored.length).toBeGreaterThan(0);
    const rewrite = async (lines: Buffer) => {
      // The table is append-only; the test alone unlocks it to damage, then restore, its own meeting's lines.
      await sql`alter table electorate_unit_lines disable trigger electorate_unit_lines_append_only`.execute(db());
      await sql`update electorate_unit_lines set lines = ${lines} where meeting_id = ${m.meetingId} and chunk = ${stored[0]!.chunk}`.execute(db());
      await sql`alter table electorate_unit_lines enable trigger electorate_unit_lines_append_only`.execute(db());
    };
    const original = Buffer.from(stored[0]!.lines);
    await rewrite(Buffer.concat([Buffer.from('{"broken":'), original.subarray(1)]));
    clock.set(m.closesAt);
    await expect(closeVotingJob(testJobDeps(t, clock), { meetingId: m.meetingId })).rejects.toThrow(/recount thread/);
    expect((await db().selectFrom('meetings').select('status').where('id', '=', m.meetingId).executeTakeFirstOrThrow()).status).toBe('open');
    expect(await db().selectFrom('motion_results').selectAll().where('meeting_id', '=', m.meetingId).execute()).toEqual([]);
    expect(await db().selectFrom('anomaly_flags').selectAll().where('meeting_id', '=', m.meetingId).execute()).toEqual([]);
    await rewrite(original);
    await closeVotingJob(testJobDeps(t, clock), { meetingId: m.meetingId });
    expect((await db().selectFrom('meetings').select('status').where('id', '=', m.meetingId).executeTakeFirstOrThrow()).status).toBe('tallied');
  });

  it('holds the meeting on the same discrepancy, with the same figures', async () => {
    const m = await votedMeeting(new Date(START.getTime() + 120 * DAY));
    expect(await hasStoredUnitLines(db(), m.meetingId)).toBe(true);
    const zhangVoter = await m.voter(0);
    const first = await db().selectFrom('ballots').select(['id']).where('motion_id', '=', m.motionIds[0]!).where('voter_id', '=', zhangVoter).where('version', '=', 1).executeTakeFirstOrThrow();
    await sql`update current_ballots set ballot_id = ${first.id}, version = 1 where motion_id = ${m.motionIds[0]} and voter_id = ${zhangVoter}`.execute(db());
    clock.set(m.closesAt);
    expect(await closeVotingJob(testJobDeps(t, clock), { meetingId: m.meetingId })).toEqual([]);
    expect((await get(`/v1/meetings/${m.meetingId}`, organiser.accessToken)).json().status).toBe('discrepancy');
    expect(await db().selectFrom('result_seals').selectAll().where('meeting_id', '=', m.meetingId).execute()).toEqual([]);
    const rows = await db().selectFrom('tally_discrepancies').selectAll().where('meeting_id', '=', m.meetingId).execute();
    expect(rows.map((r) => r.motion_id)).toEqual([m.motionIds[0]]);
    const found = rows[0] as (typeof rows)[number] & { counted: MotionResult; recounted: MotionResult };
    expect(found.counted.choices.find((c) => c.id === 'agree')).toEqual({ id: 'agree', area: '190.00', heads: 2 });
    expect(found.recounted.choices.find((c) => c.id === 'agree')).toEqual({ id: 'agree', area: '100.00', heads: 1 });
    expect(found.differences.join('\n')).toMatch(/choices\[0\]\.area: "190\.00" vs "100\.00"/);
    // Flags are stored for a tallied meeting only.
    expect(await db().selectFrom('anomaly_flags').selectAll().where('meeting_id', '=', m.meetingId).execute()).toEqual([]);
  });
});
