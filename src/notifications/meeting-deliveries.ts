import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB, MessageDeliveryStatus } from '../db/schema.ts';
import { maskPhone } from '../lib/mask.ts';
import { meetingDeliveryCounts, requeueFailedOfMeeting } from './deliveries-repository.ts';

/**
 * What a meeting's organisers see of its messages: who was told (the owners, and everyone written to: a proxy's
 * holder is an account, not an owner), by which channel, what failed and why.
 */

const STATUSES: readonly MessageDeliveryStatus[] = ['queued', 'sent', 'delivered', 'failed'];

export async function meetingDeliveries(db: Kysely<DB>, meetingId: string) {
  const { messages, sms, failures } = await meetingDeliveryCounts(db, meetingId);
  return {
    kinds: messages.map((m) => {
      const counts = Object.fromEntries(STATUSES.map((s) => [s, Number(sms.find((r) => r.kind === m.kind && r.status === s)?.n ?? 0)])) as Record<MessageDeliveryStatus, number>;
      return { kind: m.kind, inbox: Number(m.messages), ownersNotified: Number(m.owners), recipients: Number(m.recipients), sms: counts };
    }),
    failures: failures.map((f) => ({
      deliveryId: f.id,
      kind: f.kind,
      channel: 'sms' as const,
      phone: maskPhone(f.phone),
      reason: f.reason ?? '',
      attempts: f.attempts,
      failedAt: f.failed_at?.toISOString() ?? null,
    })),
  };
}

/** Queues the meeting's failed SMS again, due now, and says so in the audit chain. */
export async function resendFailed(trx: Transaction<DB>, meeting: { id: string; estate_id: string }, actor: string, now: Date): Promise<{ requeued: number }> {
  const ids = await requeueFailedOfMeeting(trx, meeting.id, now);
  if (ids.length > 0) {
    await appendAudit(trx, { chain: estateChain(meeting.estate_id), actor, action: 'messages.resent', subject: `meeting:${meeting.id}`, data: { deliveries: ids.length } }, now);
  }
  return { requeued: ids.length };
}
