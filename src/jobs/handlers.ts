import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { publishMeeting } from '../results/publication.ts';
import { finalizeIfDue } from '../results/objections.ts';
import { windowOf } from '../results/objections-repository.ts';
import { inLongTransaction } from '../db/transaction.ts';
import { ProblemError } from '../problems.ts';
import { closeMeeting } from '../results/closing.ts';
import { openVoting } from '../voting/meetings.ts';
import { requireMeeting } from '../voting/meetings-repository.ts';
import { remindOwnersYetToVote } from '../voting/reminders.ts';
import { deliverWebhook } from '../webhooks/deliver.ts';
import { meetingSubject } from '../webhooks/events.ts';
import { pendingDeliveriesAbout } from '../webhooks/subscriptions-repository.ts';
import { collectReceipts, deliverMessage } from '../notifications/deliver.ts';
import { queuedDeliveriesAbout } from '../notifications/deliveries-repository.ts';
import { confirmSettledBallots } from '../notifications/ballot-confirmations.ts';
import type { JobRunner } from './runner.ts';
import { confirmationsJob, deliveryJob, type Handler, type Job, type JobDeps, type JobName, meetingJob, messageJob } from './work.ts';

/**
 * The job handlers: plain functions of their dependencies and payload, so the
 * same code runs under a BullMQ worker, under the in-process runner and in a
 * test. Each re-reads the meeting under its lock and does nothing when the
 * work is already done: running one twice, or on two workers at once, is
 * harmless.
 */

const ACTOR = 'system:jobs';

/** A job may run longer than a request: closing a large meeting, an electorate snapshot. */
function jobTransaction<T>(deps: JobDeps, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return inLongTransaction(deps.db, deps.longStatementMs ?? 0, work);
}

/** Voting opens at its instant: the electorate snapshot is taken (R4.6). */
export const openVotingJob: Handler<'open-voting'> = async (deps, { meetingId }) => {
  const now = deps.clock.now();
  const meeting = await jobTransaction(deps, async (trx) => {
    const found = await requireMeeting(trx, meetingId, { lock: 'update' });
    // Opened by an organiser or cancelled meanwhile, or a timer that fired early: nothing to open now.
    if (found.status === 'noticed' && now >= found.voting_opens_at) await openVoting(trx, found, ACTOR, now);
    return requireMeeting(trx, meetingId);
  });
  if (meeting.status === 'noticed') return [meetingJob('open-voting', meetingId, meeting.voting_opens_at)];
  if (meeting.status !== 'open') return [];
  if (meeting.opened_at?.getTime() === now.getTime()) deps.log.info({ meetingId }, 'voting opened at its instant');
  // What follows from an open meeting: its reminder and its close, each at its instant.
  return [
    ...(deps.reminderLeadMs > 0 && meeting.reminded_at === null
      ? [meetingJob('remind-voters', meetingId, new Date(meeting.voting_closes_at.getTime() - deps.reminderLeadMs))]
      : []),
    meetingJob('close-voting', meetingId, meeting.voting_closes_at),
    ...(await pendingDeliveries(deps, meetingId)),
    ...(await pendingMessages(deps, meetingId)),
  ];
};

/** Voting closes at its instant; the motions are tallied by the engine; publication follows. */
export const closeVotingJob: Handler<'close-voting'> = async (deps, { meetingId }) => {
  const now = deps.clock.now();
  try {
    const outcome = await jobTransaction(deps, (trx) => closeMeeting(trx, meetingId, ACTOR, now, deps.db));
    if (outcome.closedNow && outcome.status === 'discrepancy') {
      deps.log.error({ meetingId }, 'voting closed, but the SQL totals and the recount of the sealed record disagree: the result is held, not published');
    } else if (outcome.closedNow) deps.log.info({ meetingId }, 'voting closed and tallied at its instant');
    if (outcome.status !== 'tallied') return [];
    return [meetingJob('publish-results', meetingId, now), ...(await pendingDeliveries(deps, meetingId))];
  } catch (err) {
    if (!(err instanceof ProblemError) || err.slug !== 'conflict') throw err;
    // Not open (cancelled, still a draft) or not yet due: re-read what is true now.
    const meeting = await requireMeeting(deps.db, meetingId);
    return meeting.status === 'open' ? [meetingJob('close-voting', meetingId, meeting.voting_closes_at)] : [];
  }
};

/** The tallied result becomes the meeting's public notice (R4.7), and subscribers hear of it. */
export const publishResultsJob: Handler<'publish-results'> = async (deps, { meetingId }) => {
  const now = deps.clock.now();
  const status = await jobTransaction(deps, async (trx) => {
    const meeting = await requireMeeting(trx, meetingId);
    // Only a tallied meeting is published; one already published (by an organiser, another worker) is left alone.
    // One held for a discrepancy is refused by publishMeeting, and retrying cannot change that: logged below, not thrown.
    if (meeting.status === 'discrepancy') {
      try {
        await publishMeeting(trx, meetingId, ACTOR, now);
      } catch (err) {
        if (err instanceof ProblemError && err.slug === 'tally-discrepancy') return err;
        throw err;
      }
    }
    if (meeting.status !== 'tallied') return meeting.status;
    return (await publishMeeting(trx, meetingId, ACTOR, now)).published ? 'published now' : 'published';
  });
  if (status instanceof ProblemError) {
    deps.log.error({ meetingId, discrepancies: status.extensions.discrepancies }, `not published: ${status.detail}`);
    return [];
  }
  if (status !== 'published now') return [];
  deps.log.info({ meetingId }, 'results published');
  // R7.2: a result published under an objection window becomes final at its end (re-derived from PostgreSQL by the reconciler too).
  const window = await windowOf(deps.db, meetingId);
  return [
    ...(window ? [meetingJob('finalize-result', meetingId, window.closes_at)] : []),
    ...(await pendingDeliveries(deps, meetingId)),
    ...(await pendingMessages(deps, meetingId)),
  ];
};

/**
 * R7.2: at the end of its objection window a preliminary result becomes final, when every
 * objection is answered; one still unanswered then becomes final with its last answer (answerObjection).
 */
export const finalizeResultJob: Handler<'finalize-result'> = async (deps, { meetingId }) => {
  const now = deps.clock.now();
  const outcome = await jobTransaction(deps, (trx) => finalizeIfDue(trx, meetingId, ACTOR, now));
  if (outcome === 'finalized now') {
    deps.log.info({ meetingId }, 'the objection window ended: the result is final');
    // The result.final deliveries and the owners' SMS it queued: sent at once.
    return [...(await pendingDeliveries(deps, meetingId)), ...(await pendingMessages(deps, meetingId))];
  }
  if (outcome === 'preliminary') {
    // A timer that fired early: again at the window's end.
    const window = await windowOf(deps.db, meetingId);
    return window ? [meetingJob('finalize-result', meetingId, window.closes_at)] : [];
  }
  return [];
};

/**
 * Owners who have not yet voted on every motion they may vote on are reminded
 * once, a configurable time before voting closes, through the notification
 * outbox (the same sender as every other message to owners).
 */
export const remindVotersJob: Handler<'remind-voters'> = async (deps, { meetingId }) => {
  const now = deps.clock.now();
  const reminded = await jobTransaction(deps, (trx) => remindOwnersYetToVote(trx, meetingId, ACTOR, now));
  if (reminded === null) return [];
  deps.log.info({ meetingId, owners: reminded }, 'owners who had not voted were reminded');
  return pendingMessages(deps, meetingId);
};

export const deliverWebhookJob: Handler<'deliver-webhook'> = async (deps, data) => {
  const retry = await deliverWebhook(deps, data);
  return retry ? [deliveryJob(data.deliveryId, retry.attempt, retry.at)] : [];
};

/** One SMS delivery; a retry or a deferral (quiet hours, the ceiling) is scheduled at its instant. */
export const deliverMessageJob: Handler<'deliver-message'> = async (deps, data) => {
  const next = await deliverMessage(deps, data);
  return next ? [messageJob(data.deliveryId, next.at)] : [];
};

/** Delivery reports of the SMS sent in the last day, where the provider gives them. */
export const collectReceiptsJob: Handler<'collect-sms-receipts'> = async (deps) => {
  const changed = await collectReceipts(deps);
  if (changed > 0) deps.log.info({ deliveries: changed }, 'SMS delivery reports recorded');
  return [];
};

/**
 * Owners' settled bursts of online ballots, each confirmed by one SMS to the
 * phone that voted; then the next look, while meetings are open or just closed.
 */
export const confirmBallotsJob: Handler<'confirm-ballots'> = async (deps) => {
  const now = deps.clock.now();
  const pass = await confirmSettledBallots(deps.db, now, deps.confirmSettleMs);
  if (pass.deliveryIds.length > 0) deps.log.info({ confirmations: pass.deliveryIds.length }, 'votes confirmed by SMS');
  return [...pass.deliveryIds.map((id) => messageJob(id, now)), ...(pass.nextAt ? [confirmationsJob(pass.nextAt, deps.confirmSettleMs)] : [])];
};

/**
 * Sends one delivery now, in this process, right after the change that queued
 * it committed (a login code must arrive at once); a retry goes to the job
 * system. The claim makes this and a job of the same delivery send it once.
 */
export async function sendMessageNow(deps: JobDeps, runner: Pick<JobRunner, 'enqueue' | 'kick'>, deliveryId: string): Promise<void> {
  try {
    const next = await deliverMessage(deps, { deliveryId });
    if (next) await runner.enqueue([messageJob(deliveryId, next.at)]);
  } catch (err) {
    // Queued in PostgreSQL all the same: the reconciler finds it.
    deps.log.warn({ deliveryId, err: { message: (err as Error).message } }, 'a message could not be sent at once: left to the job system');
    runner.kick();
  }
}

/** The SMS a meeting's messages left queued: sent as soon as the change that wrote them commits. */
async function pendingMessages(deps: JobDeps, meetingId: string): Promise<Job[]> {
  const rows = await queuedDeliveriesAbout(deps.db, meetingId);
  return rows.map((r) => messageJob(r.id, r.next_attempt_at ?? deps.clock.now()));
}

/** The deliveries a meeting's events left pending: sent at once after the change commits. */
async function pendingDeliveries(deps: JobDeps, meetingId: string): Promise<Job[]> {
  const rows = await pendingDeliveriesAbout(deps.db, meetingSubject(meetingId));
  return rows.map((r) => deliveryJob(r.id, r.attempts + 1, r.next_attempt_at ?? deps.clock.now()));
}

const HANDLERS: { [N in JobName]: Handler<N> } = {
  'open-voting': openVotingJob,
  'close-voting': closeVotingJob,
  'publish-results': publishResultsJob,
  'finalize-result': finalizeResultJob,
  'remind-voters': remindVotersJob,
  'deliver-webhook': deliverWebhookJob,
  'deliver-message': deliverMessageJob,
  'collect-sms-receipts': collectReceiptsJob,
  'confirm-ballots': confirmBallotsJob,
};

/** Runs one job by name: what both runners call. */
export async function runJob(deps: JobDeps, job: Pick<Job, 'name' | 'data'>): Promise<Job[]> {
  const handler = HANDLERS[job.name] as Handler<JobName>;
  try {
    return await handler(deps, job.data);
  } catch (err) {
    // A job about something that is not in this database (a queue shared by mistake): retrying cannot help.
    if (err instanceof ProblemError && err.slug === 'not-found') {
      deps.log.warn({ job: job.name, data: job.data }, 'job about something this database does not hold: dropped');
      return [];
    }
    throw err;
  }
}
