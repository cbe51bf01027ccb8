import { hostname } from 'node:os';
import { DelayedError, type Job as BullJob, type JobsOptions, Queue, Worker } from 'bullmq';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { Redis } from 'ioredis';
import { dueWork } from './due-work.ts';
import { runJob } from './handlers.ts';
import type { JobRunner, QueueCounts } from './runner.ts';
import { type Job, JOB_NAMES, type JobDeps, type JobName, UNAVAILABLE_RETRY_MS } from './work.ts';

/**
 * The jobs on BullMQ: one queue per kind of job, delayed jobs with
 * deterministic ids for every instant (scheduling twice is harmless), and a
 * `reconcile` queue whose job re-derives the due work from PostgreSQL and
 * enqueues it. Every worker process asks for a reconciliation at start, every
 * interval (a timer of its own, not a job in Redis: Redis may lose everything,
 * and the next reconciliation puts it all back) and after changes (kicks).
 */

const RECONCILE = 'reconcile' as const;
type QueueName = JobName | typeof RECONCILE;

export interface BullmqOptions {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  intervalMs: number;
  horizonMs: number;
  /** false: this process only enqueues (an API instance whose workers run elsewhere). */
  runWorkers: boolean;
  /**
   * A worker's hold on a job, renewed at half of it while the job runs, and how
   * often workers look for jobs whose holder died. BullMQ's 30 s + 30 s let a
   * dead worker's close wait up to a minute; a close is due at its instant.
   */
  lockMs: number;
  stalledCheckMs: number;
}

const JOB_DEFAULTS: JobsOptions = {
  // Transient failures (the database restarting) are retried; the work itself is idempotent.
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  // A completed job's id is free again at once; failed ones stay a while for the dashboard, then
  // their id frees up and the reconciler schedules the work again.
  removeOnComplete: true,
  removeOnFail: { age: 15 * 60, count: 1_000 },
};

export class BullmqRunner implements JobRunner {
  readonly mode = 'bullmq' as const;
  readonly queues: Map<QueueName, Queue>;
  private readonly connection: Redis;
  private workers: Worker[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: JobDeps,
    private readonly options: BullmqOptions,
  ) {
    // BullMQ's blocking commands need no retry limit per request; it reconnects by itself.
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    this.connection.on('error', (err: Error) => this.connectionError(err));
    this.queues = new Map(
      ([...JOB_NAMES, RECONCILE] as QueueName[]).map((name): [QueueName, Queue] => [name, new Queue(name, { connection: this.connection, prefix: options.prefix, defaultJobOptions: JOB_DEFAULTS })]),
    );
    for (const queue of this.queues.values()) queue.on('error', (err: Error) => this.connectionError(err));
  }

  async start(): Promise<void> {
    if (!this.options.runWorkers) {
      this.deps.log.info({ prefix: this.options.prefix }, 'jobs: BullMQ queues ready; workers run elsewhere');
      return;
    }
    const workerOptions = {
      connection: this.connection,
      prefix: this.options.prefix,
      concurrency: this.options.concurrency,
      lockDuration: this.options.lockMs,
      stalledInterval: this.options.stalledCheckMs,
      // Recorded on each job it takes (the dashboard's "processed by"): which process holds a job.
      name: `${hostname()}:${process.pid}`,
    };
    for (const name of JOB_NAMES) {
      this.workers.push(new Worker(name, async (job, token) => this.run(name, job, token), workerOptions));
    }
    this.workers.push(new Worker(RECONCILE, async () => this.reconcile(), { ...workerOptions, concurrency: 1 }));
    for (const worker of this.workers) {
      worker.on('failed', (job, err) => this.deps.log.error({ err, job: job?.id, queue: worker.name }, 'job failed'));
      worker.on('error', (err) => this.connectionError(err));
    }
    this.timer = setInterval(() => this.kick(), this.options.intervalMs);
    this.timer.unref();
    this.deps.log.info(
      { prefix: this.options.prefix, concurrency: this.options.concurrency, intervalMs: this.options.intervalMs },
      'jobs: BullMQ workers started',
    );
    this.kick();
  }

  /**
   * One job. While the database is away the job waits and tries again every
   * few seconds without spending its attempts: a close due during a long
   * outage runs moments after the database is back, not once a failed job's id
   * has been freed (15 minutes).
   */
  private async run(name: JobName, job: BullJob, token: string | undefined): Promise<void> {
    try {
      await this.enqueue(await runJob(this.deps, { name, data: job.data as never }));
    } catch (err) {
      if (!isDatabaseUnavailable(err) || token === undefined) throw err;
      this.deps.log.warn({ job: job.id, err: { message: (err as Error).message } }, 'jobs: the database is unavailable; the job waits and tries again');
      await job.moveToDelayed(Date.now() + UNAVAILABLE_RETRY_MS, token);
      throw new DelayedError();
    }
  }

  kick(): void {
    // Kicks within a quarter second share one reconciliation.
    const bucket = Math.floor(Date.now() / 250);
    this.queue(RECONCILE)
      .add(RECONCILE, {}, { jobId: `kick-${bucket}`, removeOnFail: true })
      .catch((err: Error) => this.deps.log.warn({ err: { message: err.message } }, 'jobs: could not ask for a reconciliation'));
  }

  async enqueue(jobs: Job[]): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const byQueue = new Map<JobName, Job[]>();
    for (const job of jobs) byQueue.set(job.name, [...(byQueue.get(job.name) ?? []), job]);
    for (const [name, list] of byQueue) {
      for (let i = 0; i < list.length; i += 1_000) {
        await this.queue(name).addBulk(
          list.slice(i, i + 1_000).map((job) => ({
            name,
            data: job.data,
            opts: { jobId: job.key, delay: Math.max(0, job.runAt.getTime() - now) },
          })),
        );
      }
    }
  }

  async reconcile(): Promise<number> {
    const jobs = await dueWork(this.deps.db, this.deps.clock.now(), { horizonMs: this.options.horizonMs, reminderLeadMs: this.deps.reminderLeadMs, confirmSettleMs: this.deps.confirmSettleMs });
    await this.enqueue(jobs);
    return jobs.length;
  }

  async stats(): Promise<Record<string, QueueCounts>> {
    const entries = await Promise.all(
      [...this.queues].map(async ([name, queue]) => {
        const c = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'prioritized');
        return [name, { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), delayed: c.delayed ?? 0, active: c.active ?? 0, failed: c.failed ?? 0 }] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    // Workers finish the job in hand before they close.
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  private lastConnectionError = '';

  /** Said once per distinct error, not once per queue and retry; /readyz reports the outage meanwhile. */
  private connectionError(err: Error): void {
    if (err.message === this.lastConnectionError) return;
    this.lastConnectionError = err.message;
    this.deps.log.warn({ err: { message: err.message } }, 'jobs: Redis connection error');
  }

  private queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }
}
