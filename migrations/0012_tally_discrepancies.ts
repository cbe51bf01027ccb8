import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Counted as recorded (issue 12): at close every motion is counted twice —
 * summed in SQL, and recounted by the tally engine from the very tally
 * record that is sealed. When the two disagree the meeting is held in the
 * new status 'discrepancy' (closed, ballots frozen, no result, never
 * published), each differing motion's two sets of figures are kept here,
 * and the township and the admins are told.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table meetings drop constraint meetings_status_check`.execute(db);
  await sql`alter table meetings add constraint meetings_status_check
    check (status in ('draft', 'noticed', 'open', 'closed', 'tallied', 'published', 'cancelled', 'discrepancy'))`.execute(db);
  await sql`alter table notifications drop constraint notifications_recipient_check`.execute(db);
  await sql`alter table notifications add constraint notifications_recipient_check
    check (recipient in ('owner', 'residents_committee', 'committee', 'township', 'admin'))`.execute(db);

  await db.schema
    .createTable('tally_discrepancies')
    .addColumn('motion_id', 'uuid', (c) => c.primaryKey().references('motions.id'))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    // The result as the close's SQL aggregate and decide() gave it (the form sealed as a motion's result).
    .addColumn('counted', 'jsonb', (c) => c.notNull())
    // The engine's recount of the tally record, in the same form; or { error: [...] } when the record is not valid.
    .addColumn('recounted', 'jsonb', (c) => c.notNull())
    .addColumn('differences', sql`text[]`, (c) => c.notNull())
    .addColumn('detected_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tally_discrepancies_meeting').on('tally_discrepancies').column('meeting_id').execute();
  // Evidence: written once, never changed (refuse_change() is from 0002).
  await sql`create trigger tally_discrepancies_append_only before update or delete on tally_discrepancies
    for each row execute function refuse_change()`.execute(db);
  await sql`create trigger tally_discrepancies_no_truncate before truncate on tally_discrepancies
    for each statement execute function refuse_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tally_discrepancies').execute();
  await sql`alter table notifications drop constraint notifications_recipient_check`.execute(db);
  await sql`alter table notifications add constraint notifications_recipient_check
    check (recipient in ('owner', 'residents_committee', 'committee', 'township'))`.execute(db);
  await sql`alter table meetings drop constraint meetings_status_check`.execute(db);
  await sql`alter table meetings add constraint meetings_status_check
    check (status in ('draft', 'noticed', 'open', 'closed', 'tallied', 'published', 'cancelled'))`.execute(db);
}
