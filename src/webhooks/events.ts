import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The events other systems may subscribe to. Each is recorded in the same
 * transaction as the change it reports (a transactional outbox), with one
 * pending delivery per matching subscription; the job system delivers them.
 */
export const EVENT_TYPES = ['meeting.noticed', 'voting.opened', 'motion.closed', 'result.published', 'result.certified'] as const;
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
  const id = randomUUID();
  const estate = await trx.selectFrom('estates').select('township_id').where('id', '=', event.estateId).executeTakeFirstOrThrow();
  const body = JSON.stringify({
    id,
    type: event.type,
    occurredAt: at.toISOString(),
    townshipId: estate.township_id,
    estateId: event.estateId,
    meetingId: event.meetingId,
    data: event.data,
  });
  await trx
    .insertInto('webhook_events')
    .values({ id, type: event.type, estate_id: event.estateId, subject: meetingSubject(event.meetingId), body, occurred_at: at })
    .execute();
  await sql`
    insert into webhook_deliveries (subscription_id, event_id, status, next_attempt_at, created_at)
    select s.id, ${id}::uuid, 'pending', ${at}::timestamptz, ${at}::timestamptz
    from webhook_subscriptions s
    where s.disabled_at is null
      and ${event.type} = any (s.events)
      and (s.estate_id = ${event.estateId}::uuid or s.township_id = ${estate.township_id}::uuid)`.execute(trx);
}
