import type { Kysely } from 'kysely';
import type { DB, Township } from '../db/schema.ts';

/** Townships (街道/乡镇): the SQL, on the caller's connection or transaction. */

/** The new township, or undefined when its code is taken (the service says so). */
export async function insertTownship(db: Kysely<DB>, input: { code: string; name: string }): Promise<Township | undefined> {
  return db
    .insertInto('townships')
    .values({ code: input.code, name: input.name })
    .onConflict((oc) => oc.column('code').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Every township, or only those of `ids`, by code. */
export async function selectTownships(db: Kysely<DB>, ids: 'all' | string[]): Promise<Township[]> {
  let query = db.selectFrom('townships').selectAll().orderBy('code');
  if (ids !== 'all') query = query.where('id', 'in', ids);
  return query.execute();
}

export async function selectTownship(db: Kysely<DB>, id: string): Promise<Township | undefined> {
  return db.selectFrom('townships').selectAll().where('id', '=', id).executeTakeFirst();
}
