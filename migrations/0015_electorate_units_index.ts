import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Finding a voter by one of their units (issue 12): organisers look voters up
 * by registry number, room or name, and paper and proxy ballots may name a
 * unit instead of a voter id. Both ask "which voter of this motion holds this
 * unit?" — `units @> array[unit]`, which without an index reads every voter of
 * the motion. The owners column has had the same index since 0003.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index electorate_voters_units on electorate_voters using gin (units)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index electorate_voters_units`.execute(db);
}
