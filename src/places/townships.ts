import type { Kysely } from 'kysely';
import type { DB, Township } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';

/** Townships (街道/乡镇): the repository functions take the caller's connection or transaction. */

export interface TownshipView {
  id: string;
  code: string;
  name: string;
  createdAt: string;
}

const view = (t: Township): TownshipView => ({
  id: t.id,
  code: t.code,
  name: t.name,
  createdAt: t.created_at.toISOString(),
});

export async function createTownship(db: Kysely<DB>, input: { code: string; name: string }): Promise<TownshipView> {
  const row = await db
    .insertInto('townships')
    .values({ code: input.code, name: input.name })
    .onConflict((oc) => oc.column('code').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new ProblemError('conflict', `A township with code ${input.code} already exists`);
  return view(row);
}

export async function listTownships(db: Kysely<DB>, visible: 'all' | string[]): Promise<TownshipView[]> {
  if (visible !== 'all' && visible.length === 0) return [];
  let query = db.selectFrom('townships').selectAll().orderBy('code');
  if (visible !== 'all') query = query.where('id', 'in', visible);
  return (await query.execute()).map(view);
}

export async function findTownship(db: Kysely<DB>, id: string): Promise<TownshipView | undefined> {
  const row = await db.selectFrom('townships').selectAll().where('id', '=', id).executeTakeFirst();
  return row && view(row);
}
