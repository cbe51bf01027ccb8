import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import pg from 'pg';
import type { Clock } from '../../src/clock.ts';
import { dueWork } from '../../src/jobs/due-work.ts';
import { runJob } from '../../src/jobs/handlers.ts';
import type { Job, JobDeps } from '../../src/jobs/work.ts';
import type { TestApp } from './app.ts';

export const quietLog = { info: () => {}, warn: () => {}, error: () => {} };

export function testJobDeps(t: TestApp, clock: Clock, overrides: Partial<JobDeps> = {}): JobDeps {
  return {
    db: t.testDatabase.database.db,
    clock,
    log: quietLog,
    webhooks: { maxAttempts: 3, retryBaseMs: 60_000, timeoutMs: 2_000 },
    reminderLeadMs: 24 * 3_600_000,
    confirmSettleMs: t.app.config.jobs.confirmSettleMs,
    fetch: globalThis.fetch,
    sms: t.app.sms,
    sealKey: t.app.jobDeps.sealKey,
    publicBaseUrl: t.app.config.publicBaseUrl,
    messages: t.app.config.messages,
    ...overrides,
  };
}

/**
 * One reconciliation and everything due now, with what follows from it, run
 * to the end in this process: the in-process runner's pass, made observable.
 * Returns the keys of the jobs that ran, in order.
 */
export async function runDueJobs(deps: JobDeps): Promise<string[]> {
  const pending = new Map<string, Job>();
  for (const job of await dueWork(deps.db, deps.clock.now(), { horizonMs: 0, reminderLeadMs: deps.reminderLeadMs, confirmSettleMs: deps.confirmSettleMs })) pending.set(job.key, job);
  const ran: string[] = [];
  for (;;) {
    const now = deps.clock.now().getTime();
    const job = [...pending.values()].find((j) => j.runAt.getTime() <= now);
    if (!job) return ran;
    pending.delete(job.key);
    ran.push(job.key);
    for (const next of await runJob(deps, job)) pending.set(next.key, next);
  }
}

/** A clock that runs at real speed from a chosen instant: BullMQ's delays are real time, the meeting's instants are the clock's. */
export function runningClock(at: Date): Clock & { set(at: Date): void } {
  let offset = at.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    set: (to: Date) => {
      offset = to.getTime() - Date.now();
    },
  };
}

/** A Redis server of this test's own, so FLUSHALL here cannot disturb other tests or sessions. */
export async function privateRedis(): Promise<{ url: string; client: Redis; stop(): Promise<void> }> {
  for (let tries = 0; tries < 5; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
    client.on('error', () => {}); // refusals while the server starts are expected
    for (let i = 0; i < 50; i++) {
      if (child.exitCode !== null) break;
      try {
        await client.connect();
        await client.ping();
        return {
          url: `redis://127.0.0.1:${port}`,
          client,
          stop: async () => {
            client.disconnect();
            child.kill('SIGTERM');
            await new Promise((r) => child.once('exit', r));
          },
        };
      } catch {
        client.disconnect();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    child.kill('SIGKILL');
  }
  throw new Error('could not start a private redis-server');
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Until a worker process (src/worker.ts) has started its BullMQ workers; fails at once, with its output, if it exits. */
export async function workerStarted(w: { child: ChildProcess; output(): string }): Promise<void> {
  await waitFor('the worker to start', async () => {
    if (w.child.exitCode !== null) throw new Error(`worker exited:\n${w.output()}`);
    return w.output().includes('BullMQ workers started');
  }, 30_000);
}

/**
 * Takes an advisory lock from a connection of the test's own, so the service's work that needs it
 * waits mid-transaction until the returned client is ended. `key` is the SQL of the lock's key, `$1` its parameter.
 */
export async function holdingAdvisoryLock(databaseUrl: string, key: string, parameter: string): Promise<pg.Client> {
  const holder = new pg.Client({ connectionString: databaseUrl, application_name: 'gongjue-test-holder' });
  await holder.connect();
  await holder.query(`select pg_advisory_lock(${key})`, [parameter]);
  return holder;
}

/** The service's backends in this test's database that wait for a lock: its work caught mid-way. */
export async function serviceBackendsWaiting(t: TestApp): Promise<number[]> {
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity
    where datname = ${t.testDatabase.name} and application_name = 'gongjue' and wait_event_type = 'Lock'`.execute(t.testDatabase.database.db);
  return rows.map((r) => r.pid);
}
