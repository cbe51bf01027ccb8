import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import type { MessagePolicy } from '../notifications/deliver.ts';
import type { SmsProvider } from '../notifications/sms-provider.ts';
import type { WebhookPolicy } from '../webhooks/deliver.ts';

/**
 * The units of work the job system runs. A job names its handler, carries a
 * deterministic key (so scheduling it twice is harmless: BullMQ keeps one job
 * per id, the in-process runner one per key) and the instant it is due.
 * Every job can be re-derived from PostgreSQL (src/jobs/due-work.ts).
 */
export type Job =
  | { name: 'open-voting'; key: string; runAt: Date; data: { meetingId: string } }
  | { name: 'close-voting'; key: string; runAt: Date; data: { meetingId: string } }
  | { name: 'publish-results'; key: string; runAt: Date; data: { meetingId: string } }
  | { name: 'finalize-result'; key: string; runAt: Date; data: { meetingId: string } }
  | { name: 'remind-voters'; key: string; runAt: Date; data: { meetingId: string } }
  | { name: 'deliver-webhook'; key: string; runAt: Date; data: { deliveryId: string } }
  | { name: 'deliver-message'; key: string; runAt: Date; data: { deliveryId: string } }
  | { name: 'collect-sms-receipts'; key: string; runAt: Date; data: Record<string, never> }
  | { name: 'confirm-ballots'; key: string; runAt: Date; data: Record<string, never> };

export type JobName = Job['name'];

/** How often a job tries again while the database is unavailable (without spending its attempts). */
export const UNAVAILABLE_RETRY_MS = 2_000;
export const JOB_NAMES: readonly JobName[] = ['open-voting', 'close-voting', 'publish-results', 'finalize-result', 'remind-voters', 'deliver-webhook', 'deliver-message', 'collect-sms-receipts', 'confirm-ballots'];
export type JobData<N extends JobName> = Extract<Job, { name: N }>['data'];

type MeetingJobName = Exclude<JobName, 'deliver-webhook' | 'deliver-message' | 'collect-sms-receipts' | 'confirm-ballots'>;

/** A meeting's job: one per meeting and kind, whenever and however often it is scheduled. */
export function meetingJob(name: MeetingJobName, meetingId: string, runAt: Date): Job {
  return { name, key: `${name}-${meetingId}`, runAt, data: { meetingId } };
}

/** One attempt of one delivery: a retry is a new attempt, hence a new key. */
export function deliveryJob(deliveryId: string, attempt: number, runAt: Date): Job {
  return { name: 'deliver-webhook', key: `deliver-webhook-${deliveryId}-${attempt}`, runAt, data: { deliveryId } };
}

/**
 * One SMS delivery due at an instant: the key names the instant, so a
 * delivery deferred (quiet hours, the ceiling, a retry, a lease that ended)
 * is a new job, and the same instant scheduled twice is one.
 */
export function messageJob(deliveryId: string, runAt: Date): Job {
  return { name: 'deliver-message', key: `deliver-message-${deliveryId}-${runAt.getTime()}`, runAt, data: { deliveryId } };
}

/** Delivery reports are collected at most once in each such slot, while SMS await them. */
export const RECEIPT_SLOT_MS = 5 * 60_000;

export function receiptsJob(now: Date): Job {
  const slot = Math.floor(now.getTime() / RECEIPT_SLOT_MS);
  return { name: 'collect-sms-receipts', key: `collect-sms-receipts-${slot}`, runAt: now, data: {} };
}

/**
 * Vote confirmations are looked for once in each slot of the settle time:
 * the key names the slot its instant falls in (rounded up), so the follow-ups
 * of passes run twice, and the reconciler's, converge on one job per slot.
 */
export function confirmationsJob(at: Date, settleMs: number): Job {
  const slot = Math.ceil(at.getTime() / settleMs);
  return { name: 'confirm-ballots', key: `confirm-ballots-${slot}`, runAt: new Date(slot * settleMs), data: {} };
}

export interface JobLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What every handler may use. Handlers are plain functions of these and their job's data. */
export interface JobDeps {
  db: Kysely<DB>;
  clock: Clock;
  log: JobLog;
  webhooks: WebhookPolicy;
  /** How long before voting closes owners who have not voted are reminded; 0: never. */
  reminderLeadMs: number;
  /** An owner's online ballots are confirmed by SMS once none has followed for this long. */
  confirmSettleMs: number;
  /** Statement and lock limit of a job's transaction (DATABASE_LONG_STATEMENT_TIMEOUT_MS); absent or 0: none. */
  longStatementMs?: number;
  fetch: typeof fetch;
  /** SMS: the provider, the key that opens sealed login codes, links' base, and the rules of delivery. */
  sms: SmsProvider;
  sealKey: Buffer;
  publicBaseUrl: string;
  messages: MessagePolicy;
}

/** A handler does its work and returns the jobs that follow from it (e.g. publishing after closing). */
export type Handler<N extends JobName> = (deps: JobDeps, data: JobData<N>) => Promise<Job[]>;
