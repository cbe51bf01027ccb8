import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Paper ballots by double entry (issue 16): the organiser who confirms an
 * entry types the paper's choices again without seeing the first entry's,
 * and the service compares the two. A disagreement is not confirmed; the
 * last check that disagreed is kept on the entry — who, when, what they
 * read — so the console can show the difference until it is resolved (the
 * check typed again, or the entry rejected and entered anew).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table paper_entries
      add column check_choice jsonb,
      add column check_spoiled boolean,
      add column checked_by uuid references accounts (id),
      add column checked_at timestamptz,
      add constraint paper_entries_check_whole check (
        (checked_by is null) = (checked_at is null) and (checked_by is null) = (check_spoiled is null)
      )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table paper_entries
      drop constraint paper_entries_check_whole,
      drop column check_choice,
      drop column check_spoiled,
      drop column checked_by,
      drop column checked_at
  `.execute(db);
}
