import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Messages that reach people (issue 14). A `notifications` row stays the
 * message itself — its kind, its template parameters, its Chinese text — and
 * is the in-app inbox entry (read_at per row). Each SMS it owes is a row of
 * `message_deliveries`, one per phone, claimed and sent by the
 * `deliver-message` job. A login code is a message to a phone (recipient
 * 'phone', no estate): its parameters are kept only sealed (AES-256-GCM) and
 * wiped once the code is sent, failed or expired.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notifications alter column estate_id drop not null`.execute(db);
  await sql`alter table notifications
    add column kind text,
    add column params jsonb,
    add column sealed bytea,
    add column phone text,
    add column expires_at timestamptz,
    add column read_at timestamptz`.execute(db);
  await sql`alter table notifications drop constraint notifications_recipient_check`.execute(db);
  await sql`alter table notifications add constraint notifications_recipient_check
    check (recipient in ('owner', 'residents_committee', 'committee', 'township', 'admin', 'phone'))`.execute(db);
  await sql`alter table notifications add constraint notifications_phone_has_phone
    check ((recipient = 'phone') = (phone is not null) and (recipient = 'phone' or estate_id is not null))`.execute(db);
  // Messages written before this migration: their kind from their topic.
  await sql`update notifications set kind = case topic
      when 'meeting.noticed' then 'meeting_noticed'
      when 'meeting.reminder' then 'voting_reminder'
      when 'result.published' then 'results_published'
      when 'petition.threshold_reached' then 'petition_threshold'
      when 'owner.verification_locked' then 'verification_locked'
      when 'tally.discrepancy' then 'tally_discrepancy'
      else topic end`.execute(db);
  await sql`alter table notifications alter column kind set not null`.execute(db);
  // The inbox: an owner's messages, and a body's messages of an estate, newest first.
  await sql`create index notifications_owner_inbox on notifications (owner_id, id desc) where owner_id is not null`.execute(db);
  await sql`create index notifications_body_inbox on notifications (estate_id, recipient, id desc)`.execute(db);
  await sql`create index notifications_subject on notifications (subject_id, kind)`.execute(db);

  await db.schema
    .createTable('message_deliveries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('notification_id', 'bigint', (c) => c.notNull().references('notifications.id'))
    // The estate whose daily ceiling and quiet hours apply; null for a login code.
    .addColumn('estate_id', 'uuid', (c) => c.references('estates.id'))
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('sms').check(sql`channel in ('sms')`))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status in ('queued', 'sent', 'delivered', 'failed')`))
    .addColumn('reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // While queued: when the next attempt is due, or when the lease of the attempt in hand ends.
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('provider', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addUniqueConstraint('message_deliveries_once', ['notification_id', 'channel', 'phone'])
    .execute();
  await sql`create index message_deliveries_due on message_deliveries (next_attempt_at) where status = 'queued'`.execute(db);
  await sql`create index message_deliveries_estate_sent on message_deliveries (estate_id, sent_at) where sent_at is not null`.execute(db);

  // An owner's choice to receive no reminders (the legal notice cannot be refused).
  await db.schema
    .createTable('owner_message_preferences')
    .addColumn('owner_id', 'uuid', (c) => c.primaryKey().references('owners.id'))
    .addColumn('reminders', 'boolean', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // The estate's daily SMS ceiling was reached on that local day: its committee and admins were told, once.
  await db.schema
    .createTable('sms_ceiling_alerts')
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('local_day', 'date', (c) => c.notNull())
    .addColumn('alerted_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('sms_ceiling_alerts_pk', ['estate_id', 'local_day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sms_ceiling_alerts').execute();
  await db.schema.dropTable('owner_message_preferences').execute();
  await db.schema.dropTable('message_deliveries').execute();
  await sql`drop index notifications_owner_inbox`.execute(db);
  await sql`drop index notifications_body_inbox`.execute(db);
  await sql`drop index notifications_subject`.execute(db);
  await sql`delete from notifications where recipient = 'phone'`.execute(db);
  await sql`alter table notifications drop constraint notifications_phone_has_phone`.execute(db);
  await sql`alter table notifications drop constraint notifications_recipient_check`.execute(db);
  await sql`alter table notifications add constraint notifications_recipient_check
    check (recipient in ('owner', 'residents_committee', 'committee', 'township', 'admin'))`.execute(db);
  await sql`alter table notifications drop column kind, drop column params, drop column sealed, drop column phone, drop column expires_at, drop column read_at`.execute(db);
  await sql`alter table notifications alter column estate_id set not null`.execute(db);
}
