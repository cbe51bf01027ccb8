import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The units and owners repository: the queries over an estate's units,
 * owners and their links (the writes of an import are in apply.ts; what is
 * made of the rows, in units.ts).
 */

/** The estate's current (not removed) units with their building and stair names, ordered by registry number. */
export function currentUnits(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .leftJoin('stairs', 'stairs.id', 'units.stair_id')
    .select([
      'units.id',
      'units.registry_no',
      'buildings.name as building',
      'stairs.name as stair',
      'units.room',
      'units.area_hundredths',
      'units.area_source',
      'units.kind',
      'units.developer_held',
    ])
    .where('units.estate_id', '=', estateId)
    .where('units.removed_at', 'is', null)
    .orderBy('units.registry_no');
}

/** The estate's current units, ordered by registry number. */
export function currentUnitRows(db: Kysely<DB>, estateId: string) {
  return currentUnits(db, estateId).execute();
}

/** The links of the estate's current units to their owners. */
export function currentLinks(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('unit_owners')
    .innerJoin('units', 'units.id', 'unit_owners.unit_id')
    .select(['unit_owners.unit_id', 'unit_owners.owner_id', 'unit_owners.representative', 'unit_owners.certificate_key'])
    .where('units.estate_id', '=', estateId)
    .where('units.removed_at', 'is', null)
    .execute();
}

/** The estate's owners as the registry holds them (identity keys, never numbers). */
export function ownersOfEstate(db: Kysely<DB>, estateId: string) {
  return db.selectFrom('owners').select(['id', 'id_key', 'name', 'kind', 'id_type', 'id_tail', 'phone']).where('estate_id', '=', estateId).execute();
}

export function buildingsOfEstate(db: Kysely<DB>, estateId: string) {
  return db.selectFrom('buildings').select(['id', 'name']).where('estate_id', '=', estateId).execute();
}

export function stairsOfEstate(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('stairs')
    .innerJoin('buildings', 'buildings.id', 'stairs.building_id')
    .select(['stairs.id', 'stairs.building_id', 'stairs.name'])
    .where('buildings.estate_id', '=', estateId)
    .execute();
}

/** Which of the estate's current units a listing shows. */
export interface UnitFilter {
  building?: string | undefined;
  stair?: string | undefined;
  /** A room number, or its beginning ("1" finds 101, 102 …). */
  room?: string | undefined;
  /** Only units with at least one owner not bound to an account. */
  unverified?: boolean | undefined;
}

function filtered(db: Kysely<DB>, estateId: string, filter: UnitFilter) {
  let query = currentUnits(db, estateId);
  if (filter.building !== undefined) query = query.where('buildings.name', '=', filter.building);
  if (filter.stair !== undefined) query = query.where('stairs.name', '=', filter.stair);
  if (filter.room !== undefined) {
    // A prefix, with LIKE's own characters taken literally.
    query = query.where('units.room', 'like', `${filter.room.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (filter.unverified === true) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('unit_owners as uo')
          .select('uo.owner_id')
          .whereRef('uo.unit_id', '=', 'units.id')
          .where((inner) =>
            inner.not(inner.exists(inner.selectFrom('owner_bindings as b').select('b.id').whereRef('b.owner_id', '=', 'uo.owner_id').where('b.revoked_at', 'is', null))),
          ),
      ),
    );
  }
  return query;
}

/** Up to `limit` current units after registry number `after` that pass the filter. */
export function pageOfUnits(db: Kysely<DB>, estateId: string, page: UnitFilter & { limit: number; after?: string | undefined }) {
  let query = filtered(db, estateId, page).limit(page.limit);
  if (page.after !== undefined) query = query.where('units.registry_no', '>', page.after);
  return query.execute();
}

/** How many current units pass the filter. */
export async function countUnits(db: Kysely<DB>, estateId: string, filter: UnitFilter): Promise<number> {
  const row = await db
    .selectFrom(filtered(db, estateId, filter).clearOrderBy().as('u'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The names of the estate's buildings that hold current units, with their stairs. */
export async function buildingsWithUnits(db: Kysely<DB>, estateId: string): Promise<{ building: string; stair: string | null }[]> {
  return db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .leftJoin('stairs', 'stairs.id', 'units.stair_id')
    .select(['buildings.name as building', 'stairs.name as stair'])
    .distinct()
    .where('units.estate_id', '=', estateId)
    .where('units.removed_at', 'is', null)
    .orderBy('buildings.name')
    .orderBy('stairs.name')
    .execute();
}

/** The owners of these units, by name, each with their live binding to an account (null when none). */
export async function ownersOfUnits(db: Kysely<DB>, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('unit_owners')
    .innerJoin('owners', 'owners.id', 'unit_owners.owner_id')
    .leftJoin('owner_bindings', (join) => join.onRef('owner_bindings.owner_id', '=', 'owners.id').on('owner_bindings.revoked_at', 'is', null))
    .select([
      'unit_owners.unit_id',
      'unit_owners.representative',
      'owners.id',
      'owners.name',
      'owners.kind',
      'owners.id_tail',
      'owners.phone',
      'owner_bindings.id as binding',
      'owner_bindings.level as assurance',
      // Holds any of the developer's units still in the registry: the developer, verified only in person (R5.2; as verification-repository.ts).
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('unit_owners as held')
              .innerJoin('units as held_unit', 'held_unit.id', 'held.unit_id')
              .select('held.unit_id')
              .whereRef('held.owner_id', '=', 'owners.id')
              .where('held_unit.developer_held', '=', true)
              .where('held_unit.removed_at', 'is', null),
          )
          .as('developer'),
    ])
    .where('unit_owners.unit_id', 'in', unitIds)
    .orderBy('owners.name')
    .execute();
}

/** The owner ids of a current unit of the estate; empty when the estate has no such unit. */
export async function ownerIdsOfUnit(db: Kysely<DB>, estateId: string, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('unit_owners')
    .innerJoin('units', 'units.id', 'unit_owners.unit_id')
    .select('unit_owners.owner_id')
    .where('unit_owners.unit_id', '=', unitId)
    .where('units.estate_id', '=', estateId)
    .where('units.removed_at', 'is', null)
    .execute();
  return rows.map((r) => r.owner_id);
}

/** Makes `ownerId` the unit's one representative and its other owners not. */
export async function setRepresentative(db: Kysely<DB>, unitId: string, ownerId: string): Promise<void> {
  await db
    .updateTable('unit_owners')
    .set({ representative: sql<boolean>`owner_id = ${ownerId}` })
    .where('unit_id', '=', unitId)
    .execute();
}
