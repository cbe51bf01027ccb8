import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { dueWork } from './due-work.ts';
import { runJob } from './handlers.ts';
import type { JobRunner, QueueCounts } from './runner.ts';
import { type Job, type JobDeps, UNAVAILABLE_RETRY_MS } from './work.ts';

/**
 * Runs the jobs inside this process when no Redis is configured (the embedded
 * default: one instance). Each pass derives the due work from PostgreSQL, runs
 * what is due, a few jobs at a time (and whatever follows from them), then sleeps
 * until the next job's instant or the reconcile interval, whichever is sooner.
 */
export class InProcessRunner implements JobRunner {
  readonly mode = 'in-process' as const;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private pending = new Map<string, Job>();
  private passQueued = false;
  private stopped = false;
  private lastPassFailures = 0;

  constructor(
    private readonly deps: JobDeps,
    private readonly options: { intervalMs: number; horizonMs: number; concurrency: number },
  ) {}

  async start(): Promise<void> {
    this.deps.log.info({ intervalMs: this.options.intervalMs }, 'jobs: in-process runner started (no REDIS_URL: one instance runs every job)');
    this.kick();
  }

  kick(): void {
    if (this.stopped || this.passQueued) return;
    this.passQueued = true;
    // One pass at a time: a kick during a pass runs another right after it.
    this.running = this.running.then(() => {
      this.passQueued = false;
      return this.pass();
    });
  }

  async enqueue(jobs: Job[]): Promise<void> {
    for (const job of jobs) this.pending.set(job.key, job);
    this.kick();
  }

  async stats(): Promise<Record<string, QueueCounts>> {
    const now = this.deps.clock.now().getTime();
    const waiting = [...this.pending.values()].filter((j) => j.runAt.getTime() <= now).length;
    return { 'in-process': { waiting, delayed: this.pending.size - waiting, active: 0, failed: this.lastPassFailures } };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async pass(): Promise<void> {
    if (this.stopped) return;
    clearTimeout(this.timer);
    let failures = 0;
    let atLeastMs = 0;
    try {
      const found = await dueWork(this.deps.db, this.deps.clock.now(), { horizonMs: this.options.horizonMs, reminderLeadMs: this.deps.reminderLeadMs, confirmSettleMs: this.deps.confirmSettleMs });
      for (const job of found) this.pending.set(job.key, job);
      // Up to `concurrency` jobs at once (each locks its own meeting), and whatever follows from them.
      const worker = async () => {
        for (let job = this.nextDue(); job && !this.stopped; job = this.nextDue()) {
          try {
            for (const next of await runJob(this.deps, job)) this.pending.set(next.key, next);
          } catch (err) {
            failures += 1;
            // The database away for a moment: tried again shortly, not only at the next interval's pass.
            if (isDatabaseUnavailable(err)) {
              this.pending.set(job.key, { ...job, runAt: new Date(this.deps.clock.now().getTime() + UNAVAILABLE_RETRY_MS) });
              this.deps.log.warn({ job: job.key, err: { message: (err as Error).message } }, 'jobs: the database is unavailable; the job waits and tries again');
              continue;
            }
            // Dropped, not retried in a tight loop: the next pass derives it again from the database.
            this.deps.log.error({ err, job: job.key }, 'job failed; the next pass will try again');
          }
        }
      };
      await Promise.all(Array.from({ length: this.options.concurrency }, worker));
    } catch (err) {
      failures += 1;
      this.deps.log.error({ err }, 'jobs: reconciliation failed');
      // Jobs already due would otherwise start the next pass at once, and again, while the database is away.
      if (isDatabaseUnavailable(err)) atLeastMs = UNAVAILABLE_RETRY_MS;
    }
    this.lastPassFailures = failures;
    this.scheduleNextPass(atLeastMs);
  }

  /** The earliest due job, taken out of the pending set so no other worker of this pass takes it too. */
  private nextDue(): Job | undefined {
    const now = this.deps.clock.now().getTime();
    let best: Job | undefined;
    for (const job of this.pending.values()) {
      if (job.runAt.getTime() <= now && (!best || job.runAt < best.runAt)) best = job;
    }
    if (best) this.pending.delete(best.key);
    return best;
  }

  private scheduleNextPass(atLeastMs: number): void {
    if (this.stopped) return;
    const now = this.deps.clock.now().getTime();
    let wait = this.options.intervalMs;
    for (const job of this.pending.values()) wait = Math.min(wait, Math.max(atLeastMs, job.runAt.getTime() - now));
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }
}
