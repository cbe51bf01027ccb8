import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, WebhookDeliveryTable, WebhookSubscriptionTable } from '../db/schema.ts';
import type { EventType } from './events.ts';

/** Webhook subscriptions and their deliveries: the queries, and the views the API shows of their rows. */

export type Scope = { estateId: string; townshipId?: undefined } | { townshipId: string; estateId?: undefined };

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface SubscriptionView {
  id: string;
  estateId: string | null;
  townshipId: string | null;
  url: string;
  events: EventType[];
  description: string | null;
  createdAt: string;
  disabledAt: string | null;
}

export interface DeliveryView {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function subscriptionView(row: Selectable<WebhookSubscriptionTable>): SubscriptionView {
  return {
    id: row.id,
    estateId: row.estate_id,
    townshipId: row.township_id,
    url: row.url,
    events: row.events as EventType[],
    description: row.description,
    createdAt: row.created_at.toISOString(),
    disabledAt: iso(row.disabled_at),
  };
}

function deliveryView(row: Selectable<WebhookDeliveryTable> & { event_type: string }): DeliveryView {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    lastAttemptAt: iso(row.last_attempt_at),
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    deliveredAt: iso(row.delivered_at),
    createdAt: row.created_at.toISOString(),
  };
}

export async function insertSubscription(
  trx: Transaction<DB>,
  input: Scope & { url: string; secret: string; events: EventType[]; description: string | null; createdBy: string },
): Promise<Selectable<WebhookSubscriptionTable>> {
  return trx
    .insertInto('webhook_subscriptions')
    .values({
      estate_id: input.estateId ?? null,
      township_id: input.townshipId ?? null,
      url: input.url,
      secret: input.secret,
      events: input.events,
      description: input.description,
      created_by: input.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findSubscription(db: Kysely<DB>, id: string): Promise<Selectable<WebhookSubscriptionTable> | undefined> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSubscriptions(db: Kysely<DB>, scope: Scope): Promise<SubscriptionView[]> {
  let q = db.selectFrom('webhook_subscriptions').selectAll().orderBy('created_at');
  q = scope.estateId !== undefined ? q.where('estate_id', '=', scope.estateId) : q.where('township_id', '=', scope.townshipId);
  return (await q.execute()).map(subscriptionView);
}

/** Disables the subscription; undefined when it already was. */
export async function markDisabled(trx: Transaction<DB>, id: string, now: Date): Promise<Selectable<WebhookSubscriptionTable> | undefined> {
  return trx
    .updateTable('webhook_subscriptions')
    .set({ disabled_at: now })
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Ends the subscription's pending deliveries as failed, giving the reason. */
export async function failPendingDeliveries(trx: Transaction<DB>, subscriptionId: string, reason: string): Promise<void> {
  await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', next_attempt_at: null, last_error: reason })
    .where('subscription_id', '=', subscriptionId)
    .where('status', '=', 'pending')
    .execute();
}

const DELIVERY_PAGE = 200;

function deliveries(db: Kysely<DB>) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select('e.type as event_type');
}

/** The latest deliveries, newest first, of one subscription or of all, of one status or any. */
export async function listDeliveries(db: Kysely<DB>, filter: { subscriptionId?: string; status?: DeliveryStatus | undefined }): Promise<DeliveryView[]> {
  let q = deliveries(db).orderBy('d.created_at', 'desc').orderBy('d.id').limit(DELIVERY_PAGE);
  if (filter.subscriptionId !== undefined) q = q.where('d.subscription_id', '=', filter.subscriptionId);
  if (filter.status !== undefined) q = q.where('d.status', '=', filter.status);
  return (await q.execute()).map(deliveryView);
}

export async function findDelivery(db: Kysely<DB>, id: string): Promise<DeliveryView | undefined> {
  const row = await deliveries(db).where('d.id', '=', id).executeTakeFirst();
  return row && deliveryView(row);
}

/** The delivery's status and its subscription's, the delivery locked until the transaction ends. */
export async function lockDelivery(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select(['d.status', 's.disabled_at', 's.estate_id'])
    .where('d.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Puts the delivery back in line with a fresh set of attempts, the first at `now`. */
export async function requeueDelivery(trx: Transaction<DB>, id: string, now: Date): Promise<void> {
  await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, last_status_code: null })
    .where('id', '=', id)
    .execute();
}

/** How many deliveries wait for their next attempt, and how many failed for good (until an admin replays them). */
export async function deliveryCounts(db: Kysely<DB>): Promise<{ pending: number; failed: number }> {
  const counts = await db
    .selectFrom('webhook_deliveries')
    .select((e) => [
      e.fn.countAll<string>().filterWhere('status', '=', 'pending').as('pending'),
      e.fn.countAll<string>().filterWhere('status', '=', 'failed').as('failed'),
    ])
    .executeTakeFirstOrThrow();
  return { pending: Number(counts.pending), failed: Number(counts.failed) };
}

/** The deliveries still pending for events about the subject (meetingSubject). */
export async function pendingDeliveriesAbout(db: Kysely<DB>, subject: string) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .select(['d.id', 'd.attempts', 'd.next_attempt_at'])
    .where('e.subject', '=', subject)
    .where('d.status', '=', 'pending')
    .execute();
}
