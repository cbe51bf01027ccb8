import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import { claimDeliveryAttempt, markAttemptFailed, markDelivered } from './deliveries-repository.ts';
import { PrivateReceiverError } from './receiver-address.ts';
import { SIGNATURE_HEADER, signPayload } from './signing.ts';

/**
 * One attempt at one delivery. The attempt is claimed in the database first
 * (so two workers never post the same attempt), the POST happens outside any
 * transaction, and the outcome is recorded: delivered; or a retry scheduled
 * with exponential backoff; or, after the last attempt, failed — waiting in
 * the failed list for an admin to replay. A worker that dies mid-attempt
 * leaves a lease that expires, and the reconciler tries again: delivery is
 * at least once, and receivers deduplicate by the `Gongjue-Delivery` id.
 */

const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;
const ERROR_TEXT_MAX = 500;

export function retryDelayMs(attemptsMade: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attemptsMade - 1), MAX_BACKOFF_MS);
}

export interface WebhookPolicy {
  maxAttempts: number;
  /** The first retry waits this long; each later one twice as long as the one before (capped at 6 hours). */
  retryBaseMs: number;
  timeoutMs: number;
}

/** What a delivery attempt uses; the job system's dependencies include these. */
export interface DeliveryDeps {
  db: Kysely<DB>;
  clock: Clock;
  log: { warn(obj: object, msg?: string): void };
  webhooks: WebhookPolicy;
  fetch: typeof fetch;
}

/** The next attempt, when one is due: the job system schedules it. */
export interface Retry {
  attempt: number;
  at: Date;
}

export async function deliverWebhook(deps: DeliveryDeps, data: { deliveryId: string }): Promise<Retry | null> {
  const now = deps.clock.now();
  const delivery = await claimDeliveryAttempt(deps.db, data.deliveryId, now, new Date(now.getTime() + LEASE_MS));
  if (!delivery) return null; // delivered, failed, not yet due, or another worker holds this attempt.

  const outcome = await post(deps, delivery, data.deliveryId);
  if (outcome.ok) {
    await markDelivered(deps.db, data.deliveryId, deps.clock.now(), outcome.statusCode);
    return null;
  }
  const lastAttempt = delivery.attempts >= deps.webhooks.maxAttempts;
  const nextAt = lastAttempt ? null : new Date(deps.clock.now().getTime() + retryDelayMs(delivery.attempts, deps.webhooks.retryBaseMs));
  await markAttemptFailed(deps.db, data.deliveryId, { nextAttemptAt: nextAt, statusCode: outcome.statusCode, error: outcome.error.slice(0, ERROR_TEXT_MAX) });
  deps.log.warn(
    { deliveryId: data.deliveryId, attempt: delivery.attempts, statusCode: outcome.statusCode, error: outcome.error, nextAttemptAt: nextAt },
    lastAttempt ? 'webhook delivery failed for good: waiting for an admin to replay it' : 'webhook delivery failed: will retry',
  );
  return nextAt ? { attempt: delivery.attempts + 1, at: nextAt } : null;
}

type Outcome = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

async function post(deps: DeliveryDeps, delivery: { url: string; secret: string; body: string; type: string }, deliveryId: string): Promise<Outcome> {
  try {
    const res = await deps.fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Gongjue-Webhooks/1',
        'gongjue-event': delivery.type,
        'gongjue-delivery': deliveryId,
        [SIGNATURE_HEADER]: signPayload(delivery.secret, delivery.body, deps.clock.now()),
      },
      body: delivery.body,
      // A receiver that moved must be re-registered: following redirects would send signed events to wherever it points.
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.webhooks.timeoutMs),
    });
    // The receiver's answer is not needed; reading it frees the connection.
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, statusCode: res.status };
    return { ok: false, statusCode: res.status, error: `the receiver answered ${res.status}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const reason =
      e.name === 'TimeoutError'
        ? `no answer within ${deps.webhooks.timeoutMs} ms`
        : e.cause instanceof PrivateReceiverError
          ? `refused: ${e.cause.message} (receivers must be on the public internet)`
          : (e.cause?.code ?? e.message);
    return { ok: false, statusCode: null, error: reason };
  }
}
