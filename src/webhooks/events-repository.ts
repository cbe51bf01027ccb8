import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The event outbox's SQL (events.ts), in the transaction of the change the events report. */

/** Each estate's township, by estate id. */
export async function townshipsOfEstates(trx: Kysely<DB>, estateIds: string[]): Promise<Map<string, string>> {
  const rows = await trx.selectFrom('estates').select(['id', 'township_id']).where('id', 'in', estateIds).execute();
  return new Map(rows.map((e) => [e.id, e.township_id]));
}

export interface EventRow {
  id: string;
  type: string;
  estate_id: string;
  township_id: string;
  subject: string;
  body: string;
  occurred_at: Date;
}

/**
 * Writes the events and one pending delivery per active subscription to each —
 * of its estate or of its township: two statements however many events.
 */
export async function insertEventsWithDeliveries(trx: Kysely<DB>, rows: EventRow[], at: Date): Promise<void> {
  await trx
    .insertInto('webhook_events')
    .values(rows.map(({ township_id: _, ...row }) => row))
    .execute();
  await sql`
    insert into webhook_deliveries (subscription_id, event_id, status, next_attempt_at, created_at)
    select s.id, e.id, 'pending', ${at}::timestamptz, ${at}::timestamptz
    from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.type)}::text[], ${rows.map((r) => r.estate_id)}::uuid[], ${rows.map((r) => r.township_id)}::uuid[])
         as e(id, type, estate_id, township_id)
    join webhook_subscriptions s
      on s.disabled_at is null and e.type = any (s.events) and (s.estate_id = e.estate_id or s.township_id = e.township_id)`.execute(trx);
}
