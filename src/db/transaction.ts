import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { SET_TIMEOUTS_SQL } from './database.ts';
import type { DB } from './schema.ts';

/**
 * The one transaction boundary of a request: the route opens it, services and
 * repositories receive it. Anything thrown inside rolls everything back.
 * A function that relies on what lasts only as long as a transaction — an
 * advisory xact lock, `for update`, `for share` — takes `Transaction<DB>`,
 * never `Kysely<DB>`: handed the pool, each of its statements would be a
 * transaction of its own and the lock gone before the next, and that must
 * not compile.
 */
export function inTransaction<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

/**
 * A transaction whose statements may run, and wait for locks, up to `limitMs`
 * each (0: without limit) instead of a request's few seconds
 * (DATABASE_STATEMENT_TIMEOUT_MS): jobs (closing a large meeting, taking an
 * electorate snapshot) and registry imports. The limits end with the transaction.
 */
export function inLongTransaction<T>(db: Kysely<DB>, limitMs: number, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await trx.executeQuery(CompiledQuery.raw(SET_TIMEOUTS_SQL, [String(Math.max(0, Math.trunc(limitMs))), true]));
    return work(trx);
  });
}
