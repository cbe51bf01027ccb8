import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Files an estate's organisers keep with its records (issue 16): the scan of
 * a paper ballot, a written proxy (委托书). They are evidence of a vote, so
 * they live in PostgreSQL with everything else — one backup, one transaction
 * with the record that cites them — rather than in a file store that could
 * drift from it. A file is at most 10 MiB (src/attachments/file-kind.ts); its
 * SHA-256 is taken on upload so a record can cite exactly these bytes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('content_type', 'text', (c) => c.notNull().check(sql`content_type in ('application/pdf', 'image/jpeg', 'image/png')`))
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0`))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    // Who uploaded it, as the audit log names actors (account:… or client:…).
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('attachments_size_is_content', sql`octet_length(content) = size`)
    .execute();
  await sql`create index attachments_estate on attachments (estate_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attachments').execute();
}
