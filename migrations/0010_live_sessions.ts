import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Every authenticated request asks whether its access token's session (a
 * refresh-token family) still lives (src/identity/access-revocation.ts).
 * Through refresh_tokens_family that probe would read every row of a
 * revoked family — one per refresh, thousands for a month-old login — on
 * each request still sending its token; this index holds only tokens not
 * revoked, so a live session is found at its first entry and a revoked one
 * is an empty probe.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index refresh_tokens_live_family on refresh_tokens (family_id, account_id) where revoked_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index refresh_tokens_live_family`.execute(db);
}
