import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { privateRedis, runningClock, waitFor } from '../helpers/jobs.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * The job system on real BullMQ and real Redis — a Redis server of this
 * file's own, so FLUSHALL cannot disturb anyone else — with a clock that runs
 * at real speed, because BullMQ's delays are real time.
 */

const DAY = 24 * 3_600_000;

let redis: Awaited<ReturnType<typeof privateRedis>>;
let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: { accessToken: string };
let owner: { accessToken: string };
const clock = runningClock(new Date('2026-11-22T00:00:00Z'));
const db = () => t.testDatabase.database.db;
const apps: App[] = [];

/** Another process's worth of API with BullMQ workers on the same Redis and database. */
async function workerApp(env: Record<string, string> = {}): Promise<App> {
  const { loadConfig } = await import('../../src/config.ts');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: t.testDatabase.url,
    REDIS_URL: redis.url,
    JOBS_QUEUE_PREFIX: 'jobs-test',
    ...env,
  });
  const app = await buildApp({ config, database: t.testDatabase.database, keys: t.keys, migrate: false, clock, runJobs: true });
  apps.push(app);
  return app;
}

async function stopApps() {
  await Promise.all(apps.splice(0).map((a) => a.close()));
}

beforeAll(async () => {
  redis = await privateRedis();
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] }]);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  owner = await verifiedOwner(t, zhang);
});
afterAll(async () => {
  await stopApps();
  await t?.close();
  await redis?.stop();
});

/** An open meeting whose voting closes `closesInMs` from now (real time). */
async function meetingClosingIn(closesInMs: number) {
  const closesAt = new Date(clock.now().getTime() + closesInMs);
  const start = new Date(closesAt.getTime() - 30 * DAY);
  const opened = await openMeeting(t, clock, start, organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '自动关闭' }]);
  clock.set(new Date(closesAt.getTime() - closesInMs));
  return opened;
}

const meeting = async (id: string) => db().selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const resultsOf = async (id: string) => db().selectFrom('motion_results').select('motion_id').where('meeting_id', '=', id).execute();
const closeRecords = async (id: string) =>
  db().selectFrom('audit_log').select('seq').where('action', '=', 'meeting.closed').where('subject', '=', `meeting:${id}`).execute();

describe('BullMQ workers', () => {
  it('a motion closes by itself at its instant, and its result is published', async () => {
    const { meetingId } = await meetingClosingIn(2_000);
    const voter = (await myBallots(t, owner.accessToken, meetingId))[0]!;
    expect((await castBallot(t, owner.accessToken, meetingId, voter.motionId, voter.voterId, 'agree')).statusCode).toBe(201);
    const app = await workerApp();
    expect(app.jobs.mode).toBe('bullmq');
    // Before the instant: scheduled, not closed.
    await waitFor('the close to be scheduled', async () => (await app.jobs.stats())['close-voting']!.delayed === 1);
    expect((await meeting(meetingId)).status).toBe('open');

    const published = await waitFor('publication', async () => {
      const m = await meeting(meetingId);
      return m.status === 'published' ? m : undefined;
    });
    expect(published.closed_at!.getTime()).toBeGreaterThanOrEqual(published.voting_closes_at.getTime());
    // Late ballots are refused whoever closes: the ballot path checks the instant itself.
    expect((await castBallot(t, owner.accessToken, meetingId, voter.motionId, voter.voterId, 'oppose')).statusCode).toBe(409);
    const results = (await t.app.inject({ url: `/v1/meetings/${meetingId}/results`, headers: bearer(organiser.accessToken) })).json().items;
    expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(['passed']);
    await stopApps();
  });

  it('FLUSHALL while motions are open: every motion still closes, exactly once', async () => {
    const meetings = [await meetingClosingIn(4_000), await meetingClosingIn(4_500), await meetingClosingIn(5_000)];
    const app = await workerApp({ JOBS_INTERVAL_MS: '1000' });
    await waitFor('the closes to be scheduled', async () => (await app.jobs.stats())['close-voting']!.delayed >= 3);
    expect(await redis.client.flushall()).toBe('OK');
    expect((await app.jobs.stats())['close-voting']!.delayed).toBe(0);

    for (const { meetingId } of meetings) {
      await waitFor(`meeting ${meetingId} to be published`, async () => (await meeting(meetingId)).status === 'published');
    }
    for (const { meetingId } of meetings) {
      expect(await resultsOf(meetingId)).toHaveLength(1);
      expect(await closeRecords(meetingId)).toHaveLength(1);
    }
    await stopApps();
  });

  it('two workers racing one close give one result', async () => {
    const { meetingId } = await meetingClosingIn(2_500);
    // Two worker processes' worth of runners, each with its own connections, reconciling every second.
    const [a, b] = [await workerApp({ JOBS_INTERVAL_MS: '1000', JOBS_CONCURRENCY: '8' }), await workerApp({ JOBS_INTERVAL_MS: '1000', JOBS_CONCURRENCY: '8' })];
    // And both also told to reconcile again and again around the instant.
    const kicking = setInterval(() => {
      a.jobs.kick();
      b.jobs.kick();
    }, 50);
    try {
      await waitFor('publication', async () => (await meeting(meetingId)).status === 'published');
    } finally {
      clearInterval(kicking);
    }
    expect(await resultsOf(meetingId)).toHaveLength(1);
    expect(await closeRecords(meetingId)).toHaveLength(1);
    const published = await db().selectFrom('audit_log').select('seq').where('action', '=', 'meeting.published').where('subject', '=', `meeting:${meetingId}`).execute();
    expect(published).toHaveLength(1);
    await stopApps();
  });

  it('a worker told to stop finishes the job in hand first (a slow webhook receiver)', async () => {
    let answered = 0;
    const receiver = createServer((req, res) => {
      req.resume();
      // Answers only after the worker has been told to stop.
      setTimeout(() => {
        answered += 1;
        res.end('ok');
      }, 1_500);
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/slow`;
      const sub = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: bearer(p.staffA), payload: { estateId: p.estateA, url, events: ['voting.opened'] } });
      expect(sub.statusCode).toBe(201);
      const app = await workerApp({ JOBS_INTERVAL_MS: '1000' });
      await openMeeting(t, clock, new Date(clock.now().getTime() - 16 * DAY), organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '慢接收方' }]);
      app.jobs.kick();
      await waitFor('the delivery to be in hand', async () => (await app.jobs.stats())['deliver-webhook']!.active === 1);
      await app.close();
      expect(answered).toBe(1);
      const delivery = await db().selectFrom('webhook_deliveries').select(['status', 'attempts']).where('subscription_id', '=', sub.json().subscription.id).executeTakeFirstOrThrow();
      expect(delivery).toEqual({ status: 'delivered', attempts: 1 });
      apps.splice(apps.indexOf(app), 1);
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });
});
