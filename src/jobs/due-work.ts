import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { anyAwaitingReceipt } from '../notifications/deliveries-repository.ts';
import { RECEIPT_WINDOW_MS } from '../notifications/deliver.ts';
import { anyMeetingToConfirm } from '../notifications/ballot-confirmations-repository.ts';
import { CONFIRMATION_WINDOW_MS } from '../notifications/ballot-confirmations.ts';
import { windowsDueFinalBy } from '../results/objections-repository.ts';
import { meetingsClosingBy, meetingsOpeningBy, meetingsToPublish, messageDeliveriesDueBy, remindersDueBy, webhookDeliveriesDueBy } from './due-work-repository.ts';
import { confirmationsJob, deliveryJob, type Job, meetingJob, messageJob, receiptsJob } from './work.ts';

/**
 * Every job that is due now or within the horizon, derived from PostgreSQL
 * alone: the source of truth for every deadline (invariant 7). Run at start
 * and every interval, it re-creates whatever Redis lost; scheduling a job that
 * already exists is harmless (deterministic keys). The horizon is longer than
 * the interval, so a deadline between two passes is still met at its instant.
 */

/** Enough for one pass; what is left is found by the next one. */
const BATCH = 20_000;

export async function dueWork(db: Kysely<DB>, now: Date, options: { horizonMs: number; reminderLeadMs: number; confirmSettleMs: number }): Promise<Job[]> {
  const until = new Date(now.getTime() + options.horizonMs);
  const [opening, closing, unpublished, reminders, deliveries, messages, awaitingReceipts, toConfirm, toFinalize] = await Promise.all([
    meetingsOpeningBy(db, until, BATCH),
    meetingsClosingBy(db, until, BATCH),
    meetingsToPublish(db, BATCH),
    options.reminderLeadMs > 0 ? remindersDueBy(db, now, until, options.reminderLeadMs, BATCH) : Promise.resolve([]),
    webhookDeliveriesDueBy(db, until, BATCH),
    messageDeliveriesDueBy(db, until, BATCH),
    anyAwaitingReceipt(db, new Date(now.getTime() - RECEIPT_WINDOW_MS)),
    // Online ballots cast since their last confirmation are found from `ballots` alone: casting writes nothing for this.
    anyMeetingToConfirm(db, now, CONFIRMATION_WINDOW_MS),
    // R7.2: preliminary results whose objection window ends by then, with nothing left unanswered.
    windowsDueFinalBy(db, until, BATCH),
  ]);
  return [
    ...opening.map((m) => meetingJob('open-voting', m.id, m.voting_opens_at)),
    ...closing.map((m) => meetingJob('close-voting', m.id, m.voting_closes_at)),
    ...unpublished.map((m) => meetingJob('publish-results', m.id, now)),
    ...toFinalize.map((w) => meetingJob('finalize-result', w.meeting_id, w.closes_at)),
    ...reminders.map((m) => meetingJob('remind-voters', m.id, new Date(m.remind_at))),
    ...deliveries.map((d) => deliveryJob(d.id, d.attempts + 1, d.next_attempt_at ?? now)),
    ...messages.map((d) => messageJob(d.id, d.next_attempt_at ?? now)),
    ...(awaitingReceipts ? [receiptsJob(now)] : []),
    ...(toConfirm ? [{ ...confirmationsJob(now, options.confirmSettleMs), runAt: now }] : []),
  ];
}
