import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { asPreparedStatement } from '../db/database.ts';
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

/** Whether the client is not revoked: asked on every request of its tokens (access-revocation.ts), so sent as a prepared statement. */
export async function liveClient(db: Kysely<DB>, clientId: string): Promise<boolean> {
  const query = sql<{ live: boolean }>`select exists (select 1 from api_clients where id = ${clientId} and revoked_at is null) as live`;
  const { rows } = await db.executeQuery(asPreparedStatement('access_client_live', query.compile(db)));
  return rows[0]?.live === true;
}
