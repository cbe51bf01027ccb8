import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

/**
 * A database function whose current definition is kept in source (immich
 * keeps its SQL functions the same way): migrations apply it, they do not
 * hold a copy of it. How a change reaches a database is told at the top of
 * src/voting/sql/ballot-functions.ts and in README.md ("Database functions").
 */
export interface SqlFunction {
  /** The function's name, unqualified: it is created in the schema first on the search path. */
  readonly name: string;
  /** name(argument types): how PostgreSQL tells it from other functions of the name (regprocedure). */
  readonly signature: string;
  /** The `create or replace function` statement of its current version. */
  readonly definition: string;
}

/**
 * The version of a function a migration applies, pinned by a digest of its
 * definition: test/unit/sql-functions.test.ts holds the latest migration
 * that applies a function to the digest of its definition in source, so a
 * changed definition cannot land without a migration that applies it.
 */
export function functionDigest(fn: SqlFunction): string {
  return createHash('sha256').update(fn.definition).digest('hex').slice(0, 16);
}

/**
 * Creates or replaces each function, in order. Bodies are not checked against
 * the schema here (check_function_bodies off, as pg_dump restores them): on a
 * fresh database an earlier migration applies the newest definition, which
 * may name what a later migration adds; the body is checked when it runs,
 * and the tests run every one of them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function applyFunctions(db: Kysely<any>, functions: readonly SqlFunction[]): Promise<void> {
  await sql`select set_config('check_function_bodies', 'off', true)`.execute(db);
  for (const fn of functions) await sql.raw(fn.definition).execute(db);
  await sql`select set_config('check_function_bodies', 'on', true)`.execute(db);
}
