import type { Kysely } from 'kysely';
import type { DB, Township } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { insertTownship, selectTownship, selectTownships } from './townships-repository.ts';

/** Townships (街道/乡镇): the service, on the caller's connection or transaction; the SQL is in townships-repository.ts. */

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
  const row = await insertTownship(db, input);
  if (!row) throw new ProblemError('conflict', `A township with code ${input.code} already exists`);
  return view(row);
}

export async function listTownships(db: Kysely<DB>, visible: 'all' | string[]): Promise<TownshipView[]> {
  // An empty list of visible townships sees none; `where id in ()` is not SQL.
  if (visible !== 'all' && visible.length === 0) return [];
  return (await selectTownships(db, visible)).map(view);
}

export async function findTownship(db: Kysely<DB>, id: string): Promise<TownshipView | undefined> {
  const row = await selectTownship(db, id);
  return row && view(row);
}
