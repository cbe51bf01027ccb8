import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { privateRedis, runningClock, waitFor } from '../helpers/jobs.ts';
import { type ServerProcess, startServer } from '../helpers/server-process.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';
import { zhang } from '../factories/cast.ts';

const DAY = 24 * 3_600_000;
let redis: Awaited<ReturnType<typeof privateRedis>>;
let t: TestApp;
const processes: ServerProcess[] = [];
// The worker process runs on the system clock; the test's clock is the same, so instants agree.
const clock = runningClock(new Date());

beforeAll(async () => {
  redis = await privateRedis();
  t = await createTestApp({ clock });
});
afterAll(async () => {
  for (const p of processes) await p.stop();
  await t?.close();
  await redis?.stop();
});

describe('npm run worker', () => {
  it('runs the jobs without the API: a meeting due in a few seconds closes and is published; SIGTERM exits 0', async () => {
    const p = await twoTownships(t);
    await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] }]);
    const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
    const closesAt = Date.now() + 4_000;
    const { meetingId } = await openMeeting(t, clock, new Date(closesAt - 30 * DAY), organiser.accessToken, p.estateA, [
      { matter: 'other_major', kind: 'yes_no', title: '工作进程' },
    ]);

    const worker = startServer({ DATABASE_URL: t.testDatabase.url, REDIS_URL: redis.url, LOG_LEVEL: 'info' }, 'src/worker.ts');
    processes.push(worker);
    const published = await waitFor(
      'publication by the worker',
      async () => {
        if (worker.child.exitCode !== null) throw new Error(`worker exited:\n${worker.output()}`);
        const m = await t.testDatabase.database.db.selectFrom('meetings').select(['status', 'closed_at', 'voting_closes_at']).where('id', '=', meetingId).executeTakeFirstOrThrow();
        return m.status === 'published' ? m : undefined;
      },
      30_000,
    );
    expect(published.closed_at!.getTime()).toBeGreaterThanOrEqual(published.voting_closes_at.getTime());
    expect(worker.output()).toContain('BullMQ workers started');
    expect(await worker.stop()).toBe(0);
    expect(worker.output()).toContain('finishing the jobs in hand');
  });

  it('refuses to start without REDIS_URL, saying why (exit 78)', async () => {
    const worker = startServer({ DATABASE_URL: t.testDatabase.url }, 'src/worker.ts');
    processes.push(worker);
    expect(await worker.exited).toBe(78);
    expect(worker.output()).toContain('REDIS_URL: required by the worker');
  });
});
