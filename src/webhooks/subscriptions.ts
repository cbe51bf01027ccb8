import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { appendAudit, estateChain, SYSTEM_CHAIN } from '../audit/audit-log.ts';
import type { DB, WebhookSubscriptionTable } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import type { EventType } from './events.ts';
import {
  deliveryCounts as countDeliveries,
  type DeliveryStatus,
  type DeliveryView,
  failPendingDeliveries,
  findDelivery,
  findSubscription as selectSubscription,
  insertSubscription,
  listDeliveries as selectDeliveries,
  listSubscriptions as selectSubscriptions,
  lockDelivery,
  markDisabled,
  requeueDelivery,
  type Scope,
  type SubscriptionView,
  subscriptionView,
} from './subscriptions-repository.ts';

/** Subscribing other systems to an estate's or a township's events, unsubscribing them, replaying a delivery: each audited. */

const chainOf = (s: { estate_id: string | null }) => (s.estate_id ? estateChain(s.estate_id) : SYSTEM_CHAIN);

export async function createSubscription(
  trx: Transaction<DB>,
  input: Scope & { url: string; events: EventType[]; description?: string | undefined },
  actor: string,
  now: Date,
): Promise<{ subscription: SubscriptionView; secret: string }> {
  // 32 random bytes: the receiver's key for checking our signatures.
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const row = await insertSubscription(trx, {
    ...input,
    secret,
    events: [...new Set(input.events)],
    description: input.description ?? null,
    createdBy: actor,
  });
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

export async function disableSubscription(trx: Transaction<DB>, id: string, actor: string, now: Date): Promise<SubscriptionView> {
  const row = await markDisabled(trx, id, now);
  if (!row) throw new ProblemError('conflict', 'The subscription is already disabled');
  // Nothing more goes to a receiver that was unsubscribed, retries included.
  await failPendingDeliveries(trx, id, 'the subscription was disabled');
  await appendAudit(trx, { chain: chainOf(row), actor, action: 'webhook.disabled', subject: `webhook:${id}`, data: {} }, now);
  return subscriptionView(row);
}

/**
 * Puts a failed delivery back in line: a fresh set of attempts, starting now.
 * Only failed ones: a pending delivery is still being retried, a delivered one arrived.
 */
export async function replayDelivery(trx: Transaction<DB>, deliveryId: string, actor: string, now: Date): Promise<DeliveryView> {
  const current = await lockDelivery(trx, deliveryId);
  if (!current) throw new ProblemError('not-found', 'No such delivery');
  if (current.status !== 'failed') throw new ProblemError('conflict', `Only failed deliveries are replayed; this one is ${current.status}`);
  if (current.disabled_at !== null) throw new ProblemError('conflict', 'The subscription is disabled');
  await requeueDelivery(trx, deliveryId, now);
  await appendAudit(trx, { chain: chainOf(current), actor, action: 'webhook.delivery.replayed', subject: `webhook-delivery:${deliveryId}`, data: {} }, now);
  return (await findDelivery(trx, deliveryId))!;
}

/*
 * The reads the webhook routes and the readiness check answer with. Each is a
 * repository read with no logic around it today; they pass through here so a
 * route calls a service and never a repository (docs/architecture.md).
 */

export type { Scope, SubscriptionView } from './subscriptions-repository.ts';
export { subscriptionView };

/** One subscription, whatever its scope: the route authorizes on its estate or township. */
export async function findSubscription(db: Kysely<DB>, id: string): Promise<Selectable<WebhookSubscriptionTable> | undefined> {
  return selectSubscription(db, id);
}

/** An estate's or a township's subscriptions, oldest first. */
export async function listSubscriptions(db: Kysely<DB>, scope: Scope): Promise<SubscriptionView[]> {
  return selectSubscriptions(db, scope);
}

/** The latest deliveries, of one subscription or of all (the failed list), newest first. */
export async function listDeliveries(db: Kysely<DB>, filter: { subscriptionId?: string; status?: DeliveryStatus | undefined }): Promise<DeliveryView[]> {
  return selectDeliveries(db, filter);
}

/** How many deliveries wait and how many failed for good, for the readiness check's figures. */
export async function deliveryCounts(db: Kysely<DB>): Promise<{ pending: number; failed: number }> {
  return countDeliveries(db);
}
