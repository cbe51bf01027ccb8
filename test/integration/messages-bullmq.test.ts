import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../src/notifications/messages.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { holdingAdvisoryLock, privateRedis, runningClock, serviceBackendsWaiting, waitFor, workerStarted } from '../helpers/jobs.ts';
import { type ServerProcess, startServer } from '../helpers/server-process.ts';
import { noticedMeeting } from '../factories/meetings.ts';
import { ownerNumber } from '../factories/cast.ts';
import { appointed } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 14: SMS are sent exactly once across a worker killed mid-work and a
 * Redis FLUSHALL — real worker processes (src/worker.ts) on a private Redis,
 * the development provider recording what it sends in sms_outbox. A worker
 * is caught holding deliveries by holding, from the test, the lock of the
 * estate's daily SMS count (every claim takes it before the attempt is taken).
 */

const OWNERS = 6;
let redis: Awaited<ReturnType<typeof privateRedis>>;
let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: Awaited<ReturnType<typeof appointed>>;
const processes: ServerProcess[] = [];
// Worker processes run on the system clock; the test's runs at the same speed from the same instant.
const clock = runningClock(new Date());
const phones = Array.from({ length: OWNERS }, (_, i) => `1350000${String(i).padStart(4, '0')}`);

beforeAll(async () => {
  redis = await privateRedis();
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(
    t,
    p.staffA,
    p.estateA,
    phones.map((phone, i) => ({ registryNo: `R-${i}`, building: '1栋', room: String(101 + i), area: '90.00', owners: [{ ...ownerNumber(i), phone }] })),
  );
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
});
afterAll(async () => {
  for (const w of processes) await w.stop();
  await t?.close();
  await redis?.stop();
});

function worker(): ServerProcess {
  const w = startServer(
    {
      DATABASE_URL: t.testDatabase.url,
      REDIS_URL: redis.url,
      JOBS_QUEUE_PREFIX: `test-messages-${process.pid}`,
      JOBS_INTERVAL_MS: '1000',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gongjue-worker-')),
      // Whatever the hour the test runs at; the ceiling is high, but its count is taken under a lock the test can hold.
      SMS_QUIET_HOURS: 'off',
      SMS_DAILY_CEILING_PER_ESTATE: '1000',
    },
    'src/worker.ts',
  );
  processes.push(w);
  return w;
}

const started = workerStarted;

/** Holds the lock of the estate's SMS count of today: claims wait on it, mid-transaction. */
function holdSmsCount(): Promise<pg.Client> {
  return holdingAdvisoryLock(t.testDatabase.url, 'hashtext($1)', `sms-day:${p.estateA}:${localDay(new Date(), 'Asia/Shanghai')}`);
}

async function claimsWaiting(): Promise<number> {
  return (await serviceBackendsWaiting(t)).length;
}

/** How many times each phone was sent the notice of this meeting (the development provider's record). */
async function sendsOf(title: string): Promise<Record<string, number>> {
  const rows = await t.testDatabase.database.db.selectFrom('sms_outbox').select('phone').where('body', 'like', `%${title}%`).execute();
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.phone] = (counts[r.phone] ?? 0) + 1;
  return counts;
}

async function allSent(meetingId: string): Promise<boolean> {
  const rows = await t.testDatabase.database.db
    .selectFrom('message_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .select('d.status')
    .where('n.subject_id', '=', meetingId)
    .execute();
  return rows.length === OWNERS && rows.every((r) => r.status === 'sent');
}

const once = Object.fromEntries(phones.map((phone) => [phone, 1]));

describe('SMS across a worker kill and a FLUSHALL', () => {
  it('a worker killed holding deliveries: another sends each exactly once', async () => {
    const a = worker();
    await started(a);
    const holder = await holdSmsCount();
    let meetingId: string;
    try {
      meetingId = await noticedMeeting(t, clock, organiser.accessToken, p.estateA, { title: '杀进程公告' });
      await waitFor('claims to wait for the count', async () => ((await claimsWaiting()) > 0 ? true : undefined), 30_000);
      a.child.kill('SIGKILL');
      await a.exited;
    } finally {
      await holder.end();
    }
    expect(await sendsOf('杀进程公告')).toEqual({});
    const b = worker();
    await started(b);
    await waitFor('every SMS sent', async () => allSent(meetingId), 60_000);
    expect(await sendsOf('杀进程公告')).toEqual(once);
    expect(await b.stop()).toBe(0);
  }, 120_000);

  it('FLUSHALL while deliveries are in hand and queued: each is sent exactly once', async () => {
    const w = worker();
    await started(w);
    const holder = await holdSmsCount();
    let meetingId: string;
    try {
      meetingId = await noticedMeeting(t, clock, organiser.accessToken, p.estateA, { title: '清空公告' });
      await waitFor('claims to wait for the count', async () => ((await claimsWaiting()) > 0 ? true : undefined), 30_000);
      expect(await redis.client.flushall()).toBe('OK');
    } finally {
      await holder.end();
    }
    await waitFor('every SMS sent', async () => allSent(meetingId), 60_000);
    // Long enough for a reconciliation or two after the last send: nothing more goes out.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await sendsOf('清空公告')).toEqual(once);
    expect(await w.stop()).toBe(0);
  }, 120_000);
});
