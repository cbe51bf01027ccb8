import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB, MessageDeliveryStatus } from '../db/schema.ts';

/** SMS deliveries of messages (message_deliveries): claiming, recording, counting, re-queuing. */

export interface DueDelivery {
  id: string;
  notification_id: string;
  phone: string;
  attempts: number;
  kind: string;
  params: Record<string, string> | null;
  sealed: Buffer | null;
  expires_at: Date | null;
  estate_id: string | null;
  time_zone: string | null;
}

/** The delivery, locked, when it is queued and due; skipped when another worker holds it. */
export async function lockDueDelivery(trx: Transaction<DB>, id: string, now: Date): Promise<DueDelivery | undefined> {
  const { rows } = await sql<DueDelivery>`
    select d.id, d.notification_id, d.phone, d.attempts, n.kind, n.params, n.sealed, n.expires_at, d.estate_id, e.time_zone
    from message_deliveries d
    join notifications n on n.id = d.notification_id
    left join estates e on e.id = d.estate_id
    where d.id = ${id} and d.status = 'queued' and d.next_attempt_at <= ${now}
    for update of d skip locked`.execute(trx);
  return rows[0];
}

/** Moves the next attempt (quiet hours, the daily ceiling) without spending an attempt. */
export async function deferDelivery(trx: Kysely<DB>, id: string, at: Date): Promise<void> {
  await trx.updateTable('message_deliveries').set({ next_attempt_at: at }).where('id', '=', id).execute();
}

/** Takes the attempt: counted, and leased until `leaseEnd` (a worker that dies leaves it to be retried then). */
export async function claimAttempt(trx: Kysely<DB>, id: string, now: Date, leaseEnd: Date): Promise<number> {
  const row = await trx
    .updateTable('message_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: now, next_attempt_at: leaseEnd }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return row.attempts;
}

export async function recordSent(db: Kysely<DB>, d: { id: string; notificationId: string; provider: string; providerMessageId: string | null; now: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('message_deliveries')
      .set({ status: 'sent', sent_at: d.now, next_attempt_at: null, provider: d.provider, provider_message_id: d.providerMessageId, reason: null })
      .where('id', '=', d.id)
      .execute();
    await trx.updateTable('notifications').set({ sent_at: d.now }).where('id', '=', d.notificationId).where('sent_at', 'is', null).execute();
  });
}

export async function recordFailed(db: Kysely<DB>, d: { id: string; provider: string | null; reason: string; now: Date }): Promise<void> {
  await db
    .updateTable('message_deliveries')
    .set({ status: 'failed', failed_at: d.now, next_attempt_at: null, provider: d.provider, reason: d.reason })
    .where('id', '=', d.id)
    .execute();
}

export async function recordRetry(db: Kysely<DB>, d: { id: string; provider: string | null; reason: string; at: Date }): Promise<void> {
  await db.updateTable('message_deliveries').set({ next_attempt_at: d.at, provider: d.provider, reason: d.reason }).where('id', '=', d.id).execute();
}

/** A login code's sealed parameters are wiped once it needs them no more. */
export async function wipeSealed(db: Kysely<DB>, notificationId: string): Promise<void> {
  await db.updateTable('notifications').set({ sealed: null }).where('id', '=', notificationId).execute();
}

/** One counter of an estate's SMS per local day at a time. */
export async function lockEstateSmsDay(trx: Transaction<DB>, estateId: string, day: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`sms-day:${estateId}:${day}`}))`.execute(trx);
}

/** The estate's SMS attempted since the local day began (sent, delivered, or in hand): what counts against its ceiling. */
export async function smsAttemptedSince(trx: Kysely<DB>, estateId: string, since: Date): Promise<number> {
  const row = await trx
    .selectFrom('message_deliveries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('estate_id', '=', estateId)
    .where('last_attempt_at', '>=', since)
    .where('status', '<>', 'failed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records that the estate's ceiling was reached that day; false when it already was (the alert goes once). */
export async function markCeilingAlerted(trx: Kysely<DB>, estateId: string, day: string, now: Date): Promise<boolean> {
  const inserted = await trx
    .insertInto('sms_ceiling_alerts')
    .values({ estate_id: estateId, local_day: day, alerted_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('estate_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** A meeting's SMS, per kind and status, and its failures (for its organisers). */
export async function meetingDeliveryCounts(db: Kysely<DB>, meetingId: string) {
  // recipients: each owner, each phone written to (a proxy's holder, the residents' committee) and each body's
  // inbox (committee, township, admins) once — a message to an account or a body names no owner.
  const messages = await sql<{ kind: string; messages: string; owners: string; recipients: string }>`
    select kind, count(*) as messages, count(distinct owner_id) as owners,
           count(distinct coalesce('owner ' || owner_id::text, 'phone ' || phone, recipient)) as recipients
    from notifications where subject_id = ${meetingId} group by kind order by kind`.execute(db);
  const sms = await sql<{ kind: string; status: MessageDeliveryStatus; n: string }>`
    select n.kind, d.status, count(*) as n
    from notifications n join message_deliveries d on d.notification_id = n.id
    where n.subject_id = ${meetingId} group by n.kind, d.status`.execute(db);
  const failures = await sql<{ id: string; kind: string; phone: string; reason: string | null; attempts: number; failed_at: Date | null }>`
    select d.id, n.kind, d.phone, d.reason, d.attempts, d.failed_at
    from notifications n join message_deliveries d on d.notification_id = n.id
    where n.subject_id = ${meetingId} and d.status = 'failed'
    order by d.failed_at desc, d.id limit 1000`.execute(db);
  return { messages: messages.rows, sms: sms.rows, failures: failures.rows };
}

/** Re-queues a meeting's failed SMS, due now; their ids. */
export async function requeueFailedOfMeeting(trx: Kysely<DB>, meetingId: string, now: Date): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    update message_deliveries d
    set status = 'queued', next_attempt_at = ${now}, attempts = 0, failed_at = null
    from notifications n
    where n.id = d.notification_id and n.subject_id = ${meetingId} and d.status = 'failed' and n.kind <> 'login_code'
    returning d.id`.execute(trx);
  return rows.map((r) => r.id);
}

/** The queued SMS of the messages about a subject (a meeting): sent right after the job that wrote them. */
export async function queuedDeliveriesAbout(db: Kysely<DB>, subjectId: string) {
  return db
    .selectFrom('message_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .select(['d.id', 'd.next_attempt_at'])
    .where('n.subject_id', '=', subjectId)
    .where('d.status', '=', 'queued')
    .execute();
}

/** SMS the provider accepted since then and has not yet reported on (delivered or not). */
export async function sentAwaitingReceipt(db: Kysely<DB>, provider: string, since: Date, limit: number) {
  return db
    .selectFrom('message_deliveries')
    .select(['id', 'phone', 'provider_message_id', 'sent_at'])
    .where('status', '=', 'sent')
    .where('provider', '=', provider)
    .where('provider_message_id', 'is not', null)
    .where('sent_at', '>=', since)
    .orderBy('sent_at')
    .limit(limit)
    .execute();
}

/** Whether any SMS sent since then awaits its delivery report: the reconciler then asks for one collection. */
export async function anyAwaitingReceipt(db: Kysely<DB>, since: Date): Promise<boolean> {
  const row = await db
    .selectFrom('message_deliveries')
    .select('id')
    .where('status', '=', 'sent')
    .where('provider_message_id', 'is not', null)
    .where('sent_at', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A delivery report: the handset received it (delivered), or the provider says it never will (failed, with its reason). */
export async function recordReceipt(db: Kysely<DB>, r: { provider: string; providerMessageId: string; delivered: boolean; reason: string | null; at: Date }): Promise<number> {
  const result = await db
    .updateTable('message_deliveries')
    .set(r.delivered ? { status: 'delivered', delivered_at: r.at } : { status: 'failed', failed_at: r.at, reason: r.reason ?? 'not delivered' })
    .where('provider', '=', r.provider)
    .where('provider_message_id', '=', r.providerMessageId)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
