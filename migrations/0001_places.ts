import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A township (街道办事处 / 乡镇人民政府): guides its estates' assemblies and
  // files (备案) their results. `code` is the administrative division code.
  await db.schema
    .createTable('townships')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique().check(sql`code ~ '^[0-9]{9}([0-9]{3})?$'`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('townships').execute();
}
