import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { appendAudit, estateChain, SYSTEM_CHAIN } from '../audit/audit-log.ts';
import type { DB, WebhookDeliveryTable, WebhookSubscriptionTable } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import type { EventType } from './events.ts';

/** Subscriptions of other systems to an estate's or a township's events, and their deliveries. */

export type Scope = { estateId: string; townshipId?: undefined } | { townshipId: string; estateId?: undefined };

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
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function subscriptionView(row: Selectable<WebhookSubscriptionTable>): SubscriptionView {
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

const chainOf = (s: { estate_id: string | null }) => (s.estate_id ? estateChain(s.estate_id) : SYSTEM_CHAIN);

export async function createSubscription(
  trx: Transaction<DB>,
  input: Scope & { url: string; events: EventType[]; description?: string | undefined },
  actor: string,
  now: Date,
): Promise<{ subscription: SubscriptionView; secret: string }> {
  // 32 random bytes: the receiver's key for checking our signatures.
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const row = await trx
    .insertInto('webhook_subscriptions')
    .values({
      estate_id: input.estateId ?? null,
      township_id: input.townshipId ?? null,
      url: input.url,
      secret,
      events: [...new Set(input.events)],
      description: input.description ?? null,
      created_by: actor,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, {
    chain: chainOf(row),
    actor,
    action: 'webhook.subscribed',
    subject: `webhook:${row.id}`,
    // The secret never enters the audit log; the URL may name the receiver's host, which is not secret.
    data: { estateId: row.estate_id, townshipId: row.township_id, url: row.url, events: row.events },
  }, now);
  return { subscription: subscriptionView(row), secret };
}

export async function findSubscription(db: Kysely<DB>, id: string): Promise<Selectable<WebhookSubscriptionTable> | undefined> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export { subscriptionView };

export async function listSubscriptions(db: Kysely<DB>, scope: Scope): Promise<SubscriptionView[]> {
  let q = db.selectFrom('webhook_subscriptions').selectAll().orderBy('created_at');
  q = scope.estateId !== undefined ? q.where('estate_id', '=', scope.estateId) : q.where('township_id', '=', scope.townshipId);
  return (await q.execute()).map(subscriptionView);
}

export async function disableSubscription(trx: Transaction<DB>, id: string, actor: string, now: Date): Promise<SubscriptionView> {
  const row = await trx
    .updateTable('webhook_subscriptions')
    .set({ disabled_at: now })
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new ProblemError('conflict', 'The subscription is already disabled');
  // Nothing more goes to a receiver that was unsubscribed, retries included.
  await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', next_attempt_at: null, last_error: 'the subscription was disabled' })
    .where('subscription_id', '=', id)
    .where('status', '=', 'pending')
    .execute();
  await appendAudit(trx, { chain: chainOf(row), actor, action: 'webhook.disabled', subject: `webhook:${id}`, data: {} }, now);
  return subscriptionView(row);
}

const DELIVERY_PAGE = 200;

export async function listDeliveries(
  db: Kysely<DB>,
  filter: { subscriptionId?: string; status?: 'pending' | 'delivered' | 'failed' },
): Promise<DeliveryView[]> {
  let q = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select('e.type as event_type')
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .limit(DELIVERY_PAGE);
  if (filter.subscriptionId !== undefined) q = q.where('d.subscription_id', '=', filter.subscriptionId);
  if (filter.status !== undefined) q = q.where('d.status', '=', filter.status);
  return (await q.execute()).map(deliveryView);
}

/**
 * Puts a failed delivery back in line: a fresh set of attempts, starting now.
 * Only failed ones: a pending delivery is still being retried, a delivered one arrived.
 */
export async function replayDelivery(trx: Transaction<DB>, deliveryId: string, actor: string, now: Date): Promise<DeliveryView> {
  const current = await trx
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select(['d.status', 's.disabled_at', 's.estate_id'])
    .where('d.id', '=', deliveryId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw new ProblemError('not-found', 'No such delivery');
  if (current.status !== 'failed') throw new ProblemError('conflict', `Only failed deliveries are replayed; this one is ${current.status}`);
  if (current.disabled_at !== null) throw new ProblemError('conflict', 'The subscription is disabled');
  await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, last_status_code: null })
    .where('id', '=', deliveryId)
    .execute();
  await appendAudit(trx, { chain: chainOf(current), actor, action: 'webhook.delivery.replayed', subject: `webhook-delivery:${deliveryId}`, data: {} }, now);
  const [view] = await listDeliveriesById(trx, deliveryId);
  return view!;
}

async function listDeliveriesById(db: Kysely<DB>, id: string): Promise<DeliveryView[]> {
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select('e.type as event_type')
    .where('d.id', '=', id)
    .execute();
  return rows.map(deliveryView);
}
