import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * The electorate snapshot's units as the tally record writes them (issue 12, the large close): each unit's
 * canonical JSON (docs/bundle.md), one line each, in unit id order, a few thousand units to a row. Written
 * when voting opens a large meeting, from the electorate_units rows written in the same transaction — both
 * never change after — so that its close streams these bytes instead of PostgreSQL writing a million JSON
 * texts while the meeting waits for its result. Not compressed: read back whole at every close of the
 * meeting, where decompressing would cost the time saved.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table electorate_unit_lines (
      meeting_id uuid not null references meetings (id),
      chunk integer not null,
      units integer not null check (units > 0),
      lines bytea not null,
      constraint electorate_unit_lines_pk primary key (meeting_id, chunk)
    )
  `.execute(db);
  await sql`alter table electorate_unit_lines alter column lines set storage external`.execute(db);
  await sql`create trigger electorate_unit_lines_append_only before update or delete on electorate_unit_lines
    for each row execute function refuse_change()`.execute(db);
  await sql`create trigger electorate_unit_lines_no_truncate before truncate on electorate_unit_lines
    for each statement execute function refuse_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table electorate_unit_lines`.execute(db);
}
