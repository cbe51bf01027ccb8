import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import type { SmsProvider } from '../notifications/sms-provider.ts';
import { receiverFetch } from '../webhooks/receiver-address.ts';
import { BullmqRunner } from './bullmq-runner.ts';
import { InProcessRunner } from './in-process-runner.ts';
import { type JobRunner, noRunner } from './runner.ts';
import type { JobDeps, JobLog } from './work.ts';

export function jobDeps(config: Config, db: Kysely<DB>, clock: Clock, log: JobLog, messaging: { sms: SmsProvider; sealKey: Buffer }): JobDeps {
  return {
    db,
    clock,
    log,
    webhooks: config.jobs.webhooks,
    reminderLeadMs: config.jobs.reminderLeadMs,
    confirmSettleMs: config.jobs.confirmSettleMs,
    longStatementMs: config.databaseLongStatementMs,
    fetch: receiverFetch(config.jobs.webhooks.allowPrivate),
    sms: messaging.sms,
    sealKey: messaging.sealKey,
    publicBaseUrl: config.publicBaseUrl,
    messages: config.messages,
  };
}

/**
 * The runner a process uses: BullMQ when Redis is configured (workers here
 * unless `runWorkers` is false), the in-process runner when it is not, none
 * when jobs are off and there is no queue to hand them to.
 */
export function createRunner(config: Config, deps: JobDeps, runWorkers: boolean): JobRunner {
  // The horizon spans two intervals, so a deadline falling between two passes is scheduled before it comes.
  const common = { intervalMs: config.jobs.intervalMs, horizonMs: 2 * config.jobs.intervalMs };
  if (config.redisUrl !== undefined) {
    return new BullmqRunner(deps, { ...common, redisUrl: config.redisUrl, prefix: config.jobs.queuePrefix, concurrency: config.jobs.concurrency, lockMs: config.jobs.lockMs, stalledCheckMs: config.jobs.stalledCheckMs, runWorkers });
  }
  return runWorkers ? new InProcessRunner(deps, { ...common, concurrency: config.jobs.concurrency }) : noRunner;
}
