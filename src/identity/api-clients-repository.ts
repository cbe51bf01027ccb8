import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ApiClientTable, DB } from '../db/schema.ts';

/** Registered systems (api_clients): the rows, over the caller's connection or transaction. */

export type ApiClientRow = Selectable<ApiClientTable>;

export async function insertApiClient(trx: Kysely<DB>, row: Insertable<ApiClientTable>): Promise<ApiClientRow> {
  return trx.insertInto('api_clients').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function allApiClients(db: Kysely<DB>): Promise<ApiClientRow[]> {
  return db.selectFrom('api_clients').selectAll().orderBy('created_at').execute();
}

/** Whether a client not yet revoked was revoked now. */
export async function markApiClientRevoked(trx: Kysely<DB>, id: string, now: Date): Promise<boolean> {
  const res = await trx.updateTable('api_clients').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** A client that is not revoked. */
export async function findActiveApiClient(db: Kysely<DB>, id: string): Promise<ApiClientRow | undefined> {
  return db.selectFrom('api_clients').selectAll().where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
}
