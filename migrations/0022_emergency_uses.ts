import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Emergency use of the maintenance fund (R4.9, R7.1, 民法典 第二百八十一条,
 * issue 17): the committee files an urgent repair of one of four kinds —
 * never any other, so the path cannot stand in for a vote (R2) — with its
 * reason, amount (fen, an integer) and quotes (attachments); the township
 * acknowledges it or questions it in writing, and the committee answers.
 * Every step is an event; the estate's owners see the use in its notices,
 * flagged as spent without a vote.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('emergency_uses')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('township_id', 'uuid', (c) => c.notNull().references('townships.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('lift', 'fire_safety', 'water_supply', 'danger_to_persons')`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 200`))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(reason) between 1 and 5000`))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('awaiting_review', 'acknowledged', 'questioned')`))
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index emergency_uses_estate on emergency_uses (estate_id, filed_at)`.execute(db);
  await sql`create index emergency_uses_township on emergency_uses (township_id, status, filed_at)`.execute(db);

  await db.schema
    .createTable('emergency_use_quotes')
    .addColumn('emergency_use_id', 'uuid', (c) => c.notNull().references('emergency_uses.id'))
    .addColumn('attachment_id', 'uuid', (c) => c.notNull().references('attachments.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('emergency_use_quotes_pk', ['emergency_use_id', 'attachment_id'])
    .execute();

  await db.schema
    .createTable('emergency_use_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('emergency_use_id', 'uuid', (c) => c.notNull().references('emergency_uses.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('filed', 'acknowledged', 'questioned', 'answered')`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`create index emergency_use_events_use on emergency_use_events (emergency_use_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('emergency_use_events').execute();
  await db.schema.dropTable('emergency_use_quotes').execute();
  await db.schema.dropTable('emergency_uses').execute();
}
