import type { Kysely } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import { maskPhone } from '../lib/mask.ts';
import {
  claimAttempt,
  deferDelivery,
  type DueDelivery,
  lockDueDelivery,
  lockEstateSmsDay,
  markCeilingAlerted,
  recordFailed,
  recordReceipt,
  recordRetry,
  recordSent,
  sentAwaitingReceipt,
  smsAttemptedSince,
  wipeSealed,
} from './deliveries-repository.ts';
import { localDay, type QuietHours, quietHoursEnd, smsText, startOfLocalDay, startOfNextLocalDay, withAbsoluteLink } from './messages.ts';
import { notifyBodies } from './outbox.ts';
import { openSealedParams } from './seal.ts';
import { MESSAGE_KINDS, type MessageKind, type SmsOutcome, type SmsProvider } from './sms-provider.ts';

/**
 * One attempt at one SMS delivery, as webhooks are delivered: the attempt is
 * claimed in PostgreSQL first (row lock, then a lease), the provider is called
 * outside any transaction, and the outcome is recorded — sent; failed with
 * the provider's reason; or a retry with exponential backoff, failed after
 * the last attempt. A second run of the same job finds the attempt claimed or
 * done and does nothing; a worker that dies mid-attempt leaves a lease that
 * ends, and the reconciler tries again.
 *
 * Before the claim, people come first: outside a login code, nothing is sent
 * in the estate's quiet hours (deferred to their end), nor past the estate's
 * daily ceiling (deferred to the next local day; its committee and admins are
 * told once that day).
 */

export interface MessagePolicy {
  maxAttempts: number;
  /** The first retry waits this long, each later one twice as long (capped at 6 hours). */
  retryBaseMs: number;
  quietHours: QuietHours | null;
  /** SMS per estate per local day; null: no ceiling. */
  dailyCeilingPerEstate: number | null;
}

export interface MessageDeliveryDeps {
  db: Kysely<DB>;
  clock: Clock;
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  sms: SmsProvider;
  /** Opens sealed login codes (src/notifications/seal.ts). */
  sealKey: Buffer;
  publicBaseUrl: string;
  messages: MessagePolicy;
}

const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;
const REASON_MAX = 500;
const ACTOR = 'system:messages';

export function messageRetryDelayMs(attemptsMade: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attemptsMade - 1), MAX_BACKOFF_MS);
}

const isMessageKind = (kind: string): kind is MessageKind => (MESSAGE_KINDS as readonly string[]).includes(kind);

type Claim =
  | { kind: 'none' }
  | { kind: 'later'; at: Date }
  | { kind: 'attempt'; delivery: DueDelivery; attempt: number };

/** The next instant the delivery is due, when it is still queued: the job system schedules it. */
export async function deliverMessage(deps: MessageDeliveryDeps, data: { deliveryId: string }): Promise<{ at: Date } | null> {
  const now = deps.clock.now();
  const claim = await deps.db.transaction().execute(async (trx): Promise<Claim> => {
    const delivery = await lockDueDelivery(trx, data.deliveryId, now);
    if (!delivery) return { kind: 'none' }; // sent, failed, not yet due, or another worker holds it
    if (delivery.expires_at && delivery.expires_at <= now) {
      await recordFailed(trx, { id: delivery.id, provider: null, reason: 'expired before it could be sent', now });
      await wipeSealed(trx, delivery.notification_id);
      return { kind: 'none' };
    }
    if (delivery.kind !== 'login_code' && delivery.estate_id && delivery.time_zone) {
      const quietEnd = quietHoursEnd(now, delivery.time_zone, deps.messages.quietHours);
      if (quietEnd) {
        await deferDelivery(trx, delivery.id, quietEnd);
        return { kind: 'later', at: quietEnd };
      }
      const ceiling = deps.messages.dailyCeilingPerEstate;
      if (ceiling !== null) {
        const day = localDay(now, delivery.time_zone);
        await lockEstateSmsDay(trx, delivery.estate_id, day);
        if ((await smsAttemptedSince(trx, delivery.estate_id, startOfLocalDay(now, delivery.time_zone))) >= ceiling) {
          const tomorrow = startOfNextLocalDay(now, delivery.time_zone);
          await deferDelivery(trx, delivery.id, tomorrow);
          if (await markCeilingAlerted(trx, delivery.estate_id, day, now)) await alertCeiling(deps, trx, delivery.estate_id, day, ceiling, now);
          return { kind: 'later', at: tomorrow };
        }
      }
    }
    const attempt = await claimAttempt(trx, delivery.id, now, new Date(now.getTime() + LEASE_MS));
    return { kind: 'attempt', delivery, attempt };
  });
  if (claim.kind === 'none') return null;
  if (claim.kind === 'later') return { at: claim.at };
  return attempt(deps, claim.delivery, claim.attempt);
}

async function attempt(deps: MessageDeliveryDeps, delivery: DueDelivery, attemptNo: number): Promise<{ at: Date } | null> {
  const params = delivery.sealed ? openSealedParams(deps.sealKey, delivery.phone, delivery.sealed) : delivery.params;
  const provider = deps.sms.name;
  const done = async () => {
    if (delivery.sealed) await wipeSealed(deps.db, delivery.notification_id);
  };
  if (!isMessageKind(delivery.kind) || params === null) {
    const reason = params === null ? 'the message could not be opened (sealed under another key)' : `no SMS for messages of kind ${delivery.kind}`;
    await recordFailed(deps.db, { id: delivery.id, provider, reason, now: deps.clock.now() });
    await done();
    deps.log.warn({ deliveryId: delivery.id, kind: delivery.kind }, `SMS not sent: ${reason}`);
    return null;
  }
  const full = withAbsoluteLink(params, deps.publicBaseUrl);
  let outcome: SmsOutcome;
  try {
    outcome = await deps.sms.send({ phone: delivery.phone, kind: delivery.kind, params: full, text: smsText(delivery.kind, full) });
  } catch (err) {
    // A provider that throws is treated as unavailable: the same message may succeed later.
    outcome = { status: 'failed', retryable: true, reason: (err as Error).message || 'the provider failed' };
  }
  const now = deps.clock.now();
  if (outcome.status === 'sent') {
    await recordSent(deps.db, { id: delivery.id, notificationId: delivery.notification_id, provider, providerMessageId: outcome.providerMessageId, now });
    await done();
    return null;
  }
  const reason = outcome.reason.slice(0, REASON_MAX);
  const last = !outcome.retryable || attemptNo >= deps.messages.maxAttempts;
  if (last) {
    await recordFailed(deps.db, { id: delivery.id, provider, reason, now });
    await done();
    deps.log.warn({ deliveryId: delivery.id, kind: delivery.kind, to: maskPhone(delivery.phone), attempt: attemptNo, reason }, 'SMS failed for good');
    return null;
  }
  const delay = Math.max(messageRetryDelayMs(attemptNo, deps.messages.retryBaseMs), outcome.retryAfterMs ?? 0);
  const at = new Date(now.getTime() + delay);
  await recordRetry(deps.db, { id: delivery.id, provider, reason, at });
  deps.log.warn({ deliveryId: delivery.id, kind: delivery.kind, to: maskPhone(delivery.phone), attempt: attemptNo, reason, nextAttemptAt: at }, 'SMS failed: will retry');
  return { at };
}

async function alertCeiling(deps: MessageDeliveryDeps, trx: Parameters<typeof appendAudit>[0], estateId: string, day: string, ceiling: number, now: Date): Promise<void> {
  await notifyBodies(trx, ['committee', 'admin'], {
    estateId,
    topic: 'sms.ceiling_reached',
    kind: 'sms_ceiling_reached',
    params: { day, ceiling: String(ceiling) },
    subjectId: estateId,
    body: `【短信已达上限】本小区今日（${day}）已发送 ${ceiling} 条短信，达到每日上限；其余短信将于次日发送。`,
    now,
  });
  await appendAudit(trx, { chain: estateChain(estateId), actor: ACTOR, action: 'sms.ceiling_reached', subject: `estate:${estateId}`, data: { day, ceiling } }, now);
  deps.log.warn({ estateId, day, ceiling }, 'the estate reached its daily SMS ceiling: further SMS wait for the next local day');
}

/** How long after sending a delivery report is still looked for. */
export const RECEIPT_WINDOW_MS = 24 * 3_600_000;
const RECEIPT_BATCH = 5_000;

/**
 * Asks the provider for the delivery reports of what it accepted in the last
 * day, where it offers them, and records each: delivered, or failed with the
 * provider's reason. Returns how many deliveries changed.
 */
export async function collectReceipts(deps: Pick<MessageDeliveryDeps, 'db' | 'clock' | 'sms'>): Promise<number> {
  if (!deps.sms.receipts) return 0;
  const now = deps.clock.now();
  const awaiting = await sentAwaitingReceipt(deps.db, deps.sms.name, new Date(now.getTime() - RECEIPT_WINDOW_MS), RECEIPT_BATCH);
  if (awaiting.length === 0) return 0;
  const since = awaiting[0]!.sent_at ?? now;
  const receipts = await deps.sms.receipts(since, [...new Set(awaiting.map((d) => d.phone))]);
  let changed = 0;
  for (const r of receipts) {
    changed += await recordReceipt(deps.db, { provider: deps.sms.name, providerMessageId: r.providerMessageId, delivered: r.delivered, reason: r.reason, at: r.at });
  }
  return changed;
}
