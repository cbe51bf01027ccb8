import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type EventRow, insertEventsWithDeliveries, townshipsOfEstates } from './events-repository.ts';

/**
 * The events other systems may subscribe to. Each is recorded in the same
 * transaction as the change it reports (a transactional outbox), with one
 * pending delivery per matching subscription; the job system delivers them.
 */
export const EVENT_TYPES = ['meeting.noticed', 'voting.opened', 'motion.closed', 'result.published', 'result.final', 'result.certified'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface EventInput {
  type: EventType;
  estateId: string;
  meetingId: string;
  /** What the event says; JSON-safe values only (exact decimals as strings). */
  data: Record<string, unknown>;
}

/** The subject every event of a meeting carries: deliveries are found by it after the change commits. */
export const meetingSubject = (meetingId: string) => `meeting:${meetingId}`;

/**
 * Records the event and a pending delivery for every active subscription to
 * it — of the estate itself or of its township. The body is fixed now, so a
 * retry or a replay sends exactly the same bytes.
 */
export async function emitEvent(trx: Kysely<DB>, event: EventInput, at: Date): Promise<void> {
  await emitEvents(trx, [event], at);
}

/** Several events of one estate at once (a meeting's motions closing): three statements however many. */
export async function emitEvents(trx: Kysely<DB>, events: EventInput[], at: Date): Promise<void> {
  if (events.length === 0) return;
  const estateIds = [...new Set(events.map((e) => e.estateId))];
  const townships = await townshipsOfEstates(trx, estateIds);
  const rows = events.map((event): EventRow => {
    const id = randomUUID();
    const townshipId = townships.get(event.estateId);
    if (townshipId === undefined) throw new Error(`no estate ${event.estateId}`);
    const body = JSON.stringify({
      id,
      type: event.type,
      occurredAt: at.toISOString(),
      townshipId,
      estateId: event.estateId,
      meetingId: event.meetingId,
      data: event.data,
    });
    return { id, type: event.type, estate_id: event.estateId, subject: meetingSubject(event.meetingId), body, occurred_at: at, township_id: townshipId };
  });
  await insertEventsWithDeliveries(trx, rows, at);
}
