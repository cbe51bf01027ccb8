import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * The inbox reads each kind of reader's messages through an index of its own
 * (src/notifications/inbox-repository.ts): the owners' (notifications_owner_inbox) and the
 * bodies' (notifications_body_inbox) exist; these two cover the rest — messages to one
 * account's phone within an estate (a proxy's holder told it ended; never a login code, which
 * has no estate) and messages to the admins. Without them the inbox walked every message of
 * the service newest first (400 ms at 800,000 messages, linear in the table: docs/benchmarks.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index notifications_phone_inbox on notifications (phone, id desc) where recipient = 'phone' and estate_id is not null`.execute(db);
  await sql`create index notifications_admin_inbox on notifications (id desc) where recipient = 'admin'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index notifications_admin_inbox`.execute(db);
  await sql`drop index notifications_phone_inbox`.execute(db);
}
