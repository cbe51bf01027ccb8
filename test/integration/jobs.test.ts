import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { closeVotingJob } from '../../src/jobs/handlers.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { runDueJobs, testJobDeps, waitFor } from '../helpers/jobs.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, zhang } from '../factories/cast.ts';
import { noticedMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/** The meeting's jobs among those that ran (the SMS of its messages run beside them: test/integration/messages.test.ts). */
const meetingJobs = (keys: string[]) => keys.filter((k) => !k.startsWith('deliver-message-') && !k.startsWith('collect-sms-receipts-') && !k.startsWith('confirm-ballots-'));

const DAY = 24 * 3_600_000;
const T0 = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(T0);

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: { accessToken: string };
let owner: { accessToken: string };
let secondOwner: { accessToken: string };
const deps = () => testJobDeps(t, clock);
const db = () => t.testDatabase.database.db;

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(
    t,
    p.staffA,
    p.estateA,
    [
      { registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] },
      { registryNo: 'R-2', building: '1栋', room: '102', area: '80.00', owners: [li] },
    ],
  );
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  owner = await verifiedOwner(t, zhang);
  secondOwner = await verifiedOwner(t, li);
});
afterAll(async () => t?.close());

const noticed = (opensInDays: number, closesInDays: number) => noticedMeeting(t, clock, organiser.accessToken, p.estateA, { opensInDays, closesInDays });

const meeting = async (id: string) => db().selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('jobs derived from the database alone (handlers run as the in-process runner runs them)', () => {
  it('voting opens at its instant (not before), closes and is tallied at its instant, then the result is published', async () => {
    const id = await noticed(16, 20);
    clock.advance(16 * DAY - 1);
    expect(meetingJobs(await runDueJobs(deps()))).toEqual([]);
    expect((await meeting(id)).status).toBe('noticed');
    clock.advance(1);
    expect(meetingJobs(await runDueJobs(deps()))).toEqual([`open-voting-${id}`]);
    expect((await meeting(id)).status).toBe('open');

    for (const o of [owner, secondOwner]) {
      const voter = (await myBallots(t, o.accessToken, id))[0]!;
      expect((await castBallot(t, o.accessToken, id, voter.motionId, voter.voterId, 'agree')).statusCode).toBe(201);
    }

    clock.advance(4 * DAY - 1);
    // A day before the close the reminder is due (not the close).
    expect(meetingJobs(await runDueJobs(deps()))).toEqual([`remind-voters-${id}`]);
    clock.advance(1);
    expect(meetingJobs(await runDueJobs(deps()))).toEqual([`close-voting-${id}`, `publish-results-${id}`]);
    const closed = await meeting(id);
    expect(closed.status).toBe('published');
    expect(closed.closed_at!.getTime()).toBe(closed.voting_closes_at.getTime());
    const results = (await t.app.inject({ url: `/v1/meetings/${id}/results`, headers: bearer(organiser.accessToken) })).json().items;
    expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(['passed']);
    // Nothing is left to do, and running again changes nothing.
    expect(meetingJobs(await runDueJobs(deps()))).toEqual([]);
  });

  it('two closers racing for the same meeting give one result, and each asks for publication', async () => {
    const id = await noticed(16, 20);
    clock.advance(16 * DAY);
    await runDueJobs(deps());
    clock.advance(4 * DAY);
    const [a, b] = await Promise.all([closeVotingJob(deps(), { meetingId: id }), closeVotingJob(deps(), { meetingId: id })]);
    expect(a.map((j) => j.key)).toContain(`publish-results-${id}`);
    expect(b.map((j) => j.key)).toContain(`publish-results-${id}`);
    expect(await db().selectFrom('motion_results').select('motion_id').where('meeting_id', '=', id).execute()).toHaveLength(1);
    const closes = await db().selectFrom('audit_log').select('seq').where('action', '=', 'meeting.closed').where('subject', '=', `meeting:${id}`).execute();
    expect(closes).toHaveLength(1);
  });

  it('a close that fires early (a timer ahead of the clock) closes nothing and is rescheduled for the instant', async () => {
    const id = await noticed(16, 20);
    clock.advance(16 * DAY);
    await runDueJobs(deps());
    clock.advance(4 * DAY - 1000);
    const next = await closeVotingJob(deps(), { meetingId: id });
    expect(next.map((j) => [j.key, j.runAt.toISOString()])).toEqual([[`close-voting-${id}`, (await meeting(id)).voting_closes_at.toISOString()]]);
    expect((await meeting(id)).status).toBe('open');
    clock.advance(1000);
    await runDueJobs(deps());
  });

  it('reminds, once, exactly the owners who have not voted, through the notification outbox', async () => {
    const id = await noticed(16, 20);
    clock.advance(16 * DAY);
    await runDueJobs(deps());
    const voter = (await myBallots(t, owner.accessToken, id))[0]!;
    expect((await castBallot(t, owner.accessToken, id, voter.motionId, voter.voterId, 'oppose')).statusCode).toBe(201);
    clock.advance(3 * DAY);
    expect(meetingJobs(await runDueJobs(deps()))).toEqual([`remind-voters-${id}`]);
    expect(meetingJobs(await runDueJobs(deps()))).toEqual([]);
    const reminders = await db()
      .selectFrom('notifications')
      .innerJoin('owners', 'owners.id', 'notifications.owner_id')
      .select(['owners.name', 'notifications.body'])
      .where('topic', '=', 'meeting.reminder')
      .where('subject_id', '=', id)
      .execute();
    expect(reminders.map((r) => r.name)).toEqual([li.name]);
    expect(reminders[0]!.body).toContain('截止');
    clock.advance(DAY);
    await runDueJobs(deps());
  });

  it('a cancelled meeting is neither opened nor closed', async () => {
    const id = await noticed(16, 20);
    const cancelled = await t.app.inject({ method: 'POST', url: `/v1/meetings/${id}/cancel`, headers: bearer(organiser.accessToken), payload: { reason: '改期' } });
    expect(cancelled.statusCode).toBe(200);
    clock.advance(20 * DAY);
    expect(meetingJobs(await runDueJobs(deps()))).toEqual([]);
    expect((await meeting(id)).status).toBe('cancelled');
  });

  it('the in-process runner (no Redis configured) opens, closes and publishes by itself', async () => {
    const id = await noticed(16, 20);
    clock.advance(20 * DAY);
    const { buildApp } = await import('../../src/app.ts');
    expect(t.app.config.redisUrl).toBeUndefined();
    const second = await buildApp({ config: t.app.config, database: t.testDatabase.database, keys: t.keys, migrate: false, clock, runJobs: true });
    try {
      expect(second.jobs.mode).toBe('in-process');
      await waitFor('publication', async () => (await meeting(id)).status === 'published');
      expect(await db().selectFrom('motion_results').select('motion_id').where('meeting_id', '=', id).execute()).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
