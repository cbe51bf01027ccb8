import type { Kysely } from 'kysely';
import type { DB, Estate } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';

/** Estates (物业管理区域 / 小区): their rows, over the caller's connection or transaction. */

/** A new estate; undefined when the township already has one of that name. */
export async function insertEstate(
  trx: Kysely<DB>,
  row: { townshipId: string; name: string; address: string | null; timeZone: string; settings: unknown },
): Promise<Estate | undefined> {
  return trx
    .insertInto('estates')
    .values({ township_id: row.townshipId, name: row.name, address: row.address, time_zone: row.timeZone, settings: JSON.stringify(row.settings) })
    .onConflict((oc) => oc.constraint('estates_township_name').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findEstate(db: Kysely<DB>, id: string): Promise<Estate | undefined> {
  return db.selectFrom('estates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The estate, or a 404 problem. */
export async function requireEstate(db: Kysely<DB>, id: string): Promise<Estate> {
  const estate = await findEstate(db, id);
  if (!estate) throw new ProblemError('not-found', 'No such estate');
  return estate;
}

export async function estatesOfTownship(db: Kysely<DB>, townshipId: string): Promise<Estate[]> {
  return db.selectFrom('estates').selectAll().where('township_id', '=', townshipId).orderBy('name').execute();
}

export async function storeEstateSettings(trx: Kysely<DB>, id: string, settings: unknown): Promise<Estate> {
  return trx.updateTable('estates').set({ settings: JSON.stringify(settings) }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** The named columns of an estate that must exist (a meeting's, a filing's): only what the caller reads. */
export async function estateColumns<C extends keyof Estate>(db: Kysely<DB>, id: string, columns: readonly C[]): Promise<Pick<Estate, C>> {
  return db.selectFrom('estates').select(columns).where('id', '=', id).executeTakeFirstOrThrow() as unknown as Promise<Pick<Estate, C>>;
}

/** The estate's name and time zone: what a message to its owners is signed and dated with. */
export async function estateNameAndTimeZone(db: Kysely<DB>, id: string): Promise<{ name: string; time_zone: string }> {
  return estateColumns(db, id, ['name', 'time_zone']);
}
