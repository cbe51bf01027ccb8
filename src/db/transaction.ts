import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/**
 * The one transaction boundary of a request: the route opens it, services and
 * repositories receive it. Anything thrown inside rolls everything back.
 */
export function inTransaction<T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
