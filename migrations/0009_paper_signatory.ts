import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Who signed a paper ballot (R1.4, R4.4). Under coOwnerVoting
 * "representative" only the co-owners' designated representative casts
 * their shared vote, on paper as online; the organiser entering the ballot
 * now names the owner who signed it, and it becomes the ballot's owner.
 * Entries made before this column existed keep it empty (the tally record
 * then names the voter's representative, as it did).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table paper_entries add column signed_by uuid references owners (id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table paper_entries drop column signed_by`.execute(db);
}
