import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * The SMS confirmation of a vote (issue 15). Casting stays as it was — no
 * write is added to the cast transaction — and a job confirms an owner's
 * online ballots once their burst has settled: one message per account and
 * meeting. This table says how far each account's online ballots on each
 * meeting have been confirmed (the `cast_at` of the last ballot confirmed),
 * so the due work is re-derived from PostgreSQL alone after a restart, and a
 * burst is confirmed once however many workers run the job.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ballot_confirmations')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    // The cast_at of the last online ballot confirmed: ballots cast after it are the next burst.
    .addColumn('confirmed_through', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('messages', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('ballot_confirmations_pk', ['account_id', 'meeting_id'])
    .execute();
  await sql`create index ballot_confirmations_meeting on ballot_confirmations (meeting_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ballot_confirmations').execute();
}
