import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
const now = sql`now()`;

/**
 * What the job system needs to re-derive every piece of due work from
 * PostgreSQL alone: reminders sent, events that happened, the webhook
 * subscriptions they go to, and each delivery with its retry state.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // When owners who had not voted were reminded; null until then (the reminder is sent once).
  await db.schema.alterTable('meetings').addColumn('reminded_at', 'timestamptz').execute();
  // The reconciler's questions, each answered from a small partial index.
  await sql`create index meetings_opening on meetings (voting_opens_at) where status = 'noticed'`.execute(db);
  await sql`create index meetings_unpublished on meetings (tallied_at) where status = 'tallied'`.execute(db);

  // Another system's subscription to an estate's or a township's events.
  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('id', 'uuid', id)
    .addColumn('township_id', 'uuid', (c) => c.references('townships.id'))
    .addColumn('estate_id', 'uuid', (c) => c.references('estates.id'))
    .addColumn('url', 'text', (c) => c.notNull().check(sql`url ~ '^https?://' and length(url) <= 2000`))
    // The receiver verifies our HMAC with it, so we must keep it; it is shown once and never logged.
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('events', sql`text[]`, (c) => c.notNull().check(sql`cardinality(events) > 0`))
    .addColumn('description', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('disabled_at', 'timestamptz')
    .addCheckConstraint('webhook_subscriptions_one_scope', sql`(township_id is null) <> (estate_id is null)`)
    .execute();
  await db.schema.createIndex('webhook_subscriptions_township').on('webhook_subscriptions').column('township_id').execute();
  await db.schema.createIndex('webhook_subscriptions_estate').on('webhook_subscriptions').column('estate_id').execute();

  // Something that happened, as it is sent: the body is fixed when the event is recorded.
  await db.schema
    .createTable('webhook_events')
    .addColumn('id', 'uuid', id)
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // A meeting's events, to send their deliveries as soon as the change commits.
  await db.schema.createIndex('webhook_events_subject').on('webhook_events').column('subject').execute();

  // One event to one subscription, with its retry state.
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'uuid', id)
    .addColumn('subscription_id', 'uuid', (c) => c.notNull().references('webhook_subscriptions.id'))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('webhook_events.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('webhook_deliveries_once', ['subscription_id', 'event_id'])
    .execute();
  await sql`create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending'`.execute(db);
  await sql`create index webhook_deliveries_failed on webhook_deliveries (subscription_id, last_attempt_at) where status = 'failed'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhook_events').execute();
  await db.schema.dropTable('webhook_subscriptions').execute();
  await sql`drop index meetings_unpublished`.execute(db);
  await sql`drop index meetings_opening`.execute(db);
  await db.schema.alterTable('meetings').dropColumn('reminded_at').execute();
}
