import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * The objection window (询异公示, R7.2, issue 17). When an estate sets
 * `objectionDays`, publishing a result opens a window of that many days
 * (frozen on the meeting: later changes of the setting do not move it).
 * During it an owner may object to how their own ballot was recorded; the
 * committee answers each objection in writing. The result becomes final —
 * and may be certified — only once the window has ended and every objection
 * is answered: `final_at` is set then, by the job the reconciler derives from
 * `closes_at` (or by the last answer, when it comes after the window).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('objection_windows')
    .addColumn('meeting_id', 'uuid', (c) => c.primaryKey().references('meetings.id'))
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('days', 'integer', (c) => c.notNull().check(sql`days between 1 and 60`))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz', (c) => c.notNull())
    .addColumn('final_at', 'timestamptz')
    .addCheckConstraint('objection_windows_order', sql`closes_at > opened_at and (final_at is null or final_at >= closes_at)`)
    .execute();
  // The reconciler's question: which windows still wait to become final.
  await sql`create index objection_windows_pending on objection_windows (closes_at) where final_at is null`.execute(db);

  await db.schema
    .createTable('objections')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('objection_windows.meeting_id'))
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('motion_id', 'uuid', (c) => c.notNull().references('motions.id'))
    .addColumn('voter_id', 'uuid', (c) => c.notNull().references('electorate_voters.id'))
    // The standing ballot the owner saw in the notice; null when none of theirs was recorded.
    .addColumn('ballot_id', 'uuid', (c) => c.references('ballots.id'))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('owners.id'))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('text', 'text', (c) => c.notNull().check(sql`length(text) between 1 and 2000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.check(sql`length(answer) between 1 and 5000`))
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'timestamptz')
    .addCheckConstraint('objections_answer_whole', sql`(answer is null) = (answered_by is null) and (answer is null) = (answered_at is null)`)
    .execute();
  await sql`create index objections_meeting on objections (meeting_id, created_at)`.execute(db);
  await sql`create index objections_unanswered on objections (meeting_id) where answer is null`.execute(db);
  await sql`create index objections_estate on objections (estate_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('objections').execute();
  await db.schema.dropTable('objection_windows').execute();
}
