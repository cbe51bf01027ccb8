import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Canvassing (扫楼, issue 16): what organisers found at a voter's door during
 * an open meeting. One row per visit, never changed: a voter who was not at
 * home on Monday and visited on Wednesday has both rows, and the latest is
 * the voter's status. Kept as history rather than overwritten because several
 * organisers walk the same building — the list shows how many trips a door
 * took and who made them, and a dispute about pressure at the door (a
 * refusal recorded, then a visit anyway) can be answered from the rows.
 *
 * A voter of a meeting is its voter key (the developer, or one owner set,
 * R1.2): the same head in every motion of the meeting.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('canvass_visits')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('visited', 'not_home', 'refused', 'lives_elsewhere', 'paper_ballot', 'needs_help')`),
    )
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) <= 500`))
    .addColumn('set_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('set_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // The latest visit of each voter of a meeting: an index-ordered scan, newest first.
  await sql`create index canvass_visits_latest on canvass_visits (meeting_id, voter_key, set_at desc, id desc)`.execute(db);
  await sql`create trigger canvass_visits_append_only before update or delete on canvass_visits
    for each row execute function refuse_change()`.execute(db);
  await sql`create trigger canvass_visits_no_truncate before truncate on canvass_visits
    for each statement execute function refuse_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('canvass_visits').execute();
}
