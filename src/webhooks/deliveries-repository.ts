import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A webhook delivery's attempts (deliver.ts): claimed, then its outcome recorded. */

export interface ClaimedDelivery {
  attempts: number;
  url: string;
  secret: string;
  body: string;
  type: string;
  event_id: string;
}

/**
 * Claims the next attempt of a pending delivery that is due: counts it and
 * moves its next attempt to `leaseUntil`, so no other worker takes it while
 * it runs. Undefined when it is delivered, failed, not yet due, or held.
 */
export async function claimDeliveryAttempt(db: Kysely<DB>, deliveryId: string, now: Date, leaseUntil: Date): Promise<ClaimedDelivery | undefined> {
  const claimed = await sql<ClaimedDelivery>`
    update webhook_deliveries d
    set attempts = d.attempts + 1, last_attempt_at = ${now}, next_attempt_at = ${leaseUntil}
    from webhook_subscriptions s, webhook_events e
    where d.id = ${deliveryId} and d.status = 'pending' and d.next_attempt_at <= ${now}
      and s.id = d.subscription_id and e.id = d.event_id
    returning d.attempts, s.url, s.secret, e.body, e.type, e.id as event_id`.execute(db);
  return claimed.rows[0];
}

export async function markDelivered(db: Kysely<DB>, deliveryId: string, at: Date, statusCode: number): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'delivered', delivered_at: at, next_attempt_at: null, last_status_code: statusCode, last_error: null })
    .where('id', '=', deliveryId)
    .execute();
}

/** A failed attempt: pending again until `nextAttemptAt`, or failed for good when there is none. */
export async function markAttemptFailed(
  db: Kysely<DB>,
  deliveryId: string,
  outcome: { nextAttemptAt: Date | null; statusCode: number | null; error: string },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: outcome.nextAttemptAt ? 'pending' : 'failed',
      next_attempt_at: outcome.nextAttemptAt,
      last_status_code: outcome.statusCode,
      last_error: outcome.error,
    })
    .where('id', '=', deliveryId)
    .execute();
}
