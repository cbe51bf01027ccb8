import type { Kysely } from 'kysely';
import type { DB, Estate } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { type EstateSettings, settingsFromRequest, settingsOfEstate } from './estate-settings.ts';

/** Estates (物业管理区域 / 小区): repository functions over the caller's connection or transaction. */

export interface EstateView {
  id: string;
  townshipId: string;
  name: string;
  address: string | null;
  timeZone: string;
  settings: EstateSettings;
  registryVersion: number;
  createdAt: string;
}

export const estateView = (e: Estate): EstateView => ({
  id: e.id,
  townshipId: e.township_id,
  name: e.name,
  address: e.address,
  timeZone: e.time_zone,
  settings: settingsOfEstate(e).settings,
  registryVersion: e.registry_version,
  createdAt: e.created_at.toISOString(),
});

export async function createEstate(
  trx: Kysely<DB>,
  input: { townshipId: string; name: string; address?: string | null; timeZone?: string; settings?: unknown },
): Promise<EstateView> {
  const settings = settingsFromRequest(input.settings ?? {});
  const row = await trx
    .insertInto('estates')
    .values({
      township_id: input.townshipId,
      name: input.name,
      address: input.address ?? null,
      time_zone: input.timeZone ?? 'Asia/Shanghai',
      settings: JSON.stringify(settings),
    })
    .onConflict((oc) => oc.constraint('estates_township_name').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new ProblemError('conflict', `The township already has an estate named ${input.name}`);
  return estateView(row);
}

export async function findEstate(db: Kysely<DB>, id: string): Promise<Estate | undefined> {
  return db.selectFrom('estates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The estate, or a 404 problem. Routes call this before `authorize`, to learn its township. */
export async function requireEstate(db: Kysely<DB>, id: string): Promise<Estate> {
  const estate = await findEstate(db, id);
  if (!estate) throw new ProblemError('not-found', 'No such estate');
  return estate;
}

export async function listEstates(db: Kysely<DB>, townshipId: string): Promise<EstateView[]> {
  const rows = await db.selectFrom('estates').selectAll().where('township_id', '=', townshipId).orderBy('name').execute();
  return rows.map(estateView);
}

export async function updateEstateSettings(trx: Kysely<DB>, id: string, settings: unknown): Promise<EstateView> {
  const valid = settingsFromRequest(settings);
  const row = await trx
    .updateTable('estates')
    .set({ settings: JSON.stringify(valid) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return estateView(row);
}
