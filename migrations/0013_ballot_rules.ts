import { type Kysely, sql } from 'kysely';
import { applyFunctions } from '../src/db/functions.ts';
import { BALLOT_FUNCTIONS } from '../src/voting/sql/ballot-functions.ts';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * One home per ballot rule (issue 13). Online ballots were decided in
 * plpgsql (cast_online_ballots, 0008), paper and proxy ballots in TypeScript,
 * and cast_online_ballot (0003, 0007) was no longer called. From here the
 * definitions live once in src/voting/sql/ballot-functions.ts, and every
 * channel goes through cast_ballots(): ballot_refusal() decides each ballot,
 * voting_window_refusal() is also the service's check that voting is open
 * (requireOpen), meeting_ballots_lock() is also the close's lock key.
 *
 * This migration applies the versions named below (name → digest of the
 * definition, src/db/functions.ts); a later change to one of them is applied
 * by a later migration, never by editing this one (the top of
 * src/voting/sql/ballot-functions.ts says how).
 */
export const appliesFunctions: Readonly<Record<string, string>> = {
  meeting_ballots_lock: '90d69e22013bf425',
  ballot_voter_lock: '1782d0393fadf0be',
  voting_window_refusal: '084f2906fdf09149',
  ballot_instant: '7f094a532d5186eb',
  ballot_refusal: '05062cb902307be8',
  cast_ballots: '590950df4937f72b',
  cast_session_ballots: 'eec2fb1ef685f144',
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop function cast_online_ballot(uuid, uuid, uuid, uuid, jsonb, uuid, timestamptz)`.execute(db);
  await applyFunctions(db, BALLOT_FUNCTIONS.filter((f) => f.name in appliesFunctions));
  // cast_session_ballots called it; it now calls cast_ballots.
  await sql`drop function cast_online_ballots(jsonb)`.execute(db);
}

/**
 * Not undone: the earlier definitions are history in 0003–0010, not kept as
 * source, and bringing back a copy of them would be a second home of every
 * rule. Restore a backup taken before this migration instead.
 */
export async function down(): Promise<void> {
  throw new Error('migration 0013_ballot_rules cannot be undone: restore a backup taken before it');
}
