import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { formatArea, type Unit } from '../tally/index.ts';
import { type CurrentRegistry, type RegistryOwner, stairKey } from './types.ts';

/**
 * The units and owners repository: the queries over an estate's units,
 * owners and their links (the writes of an import are in apply.ts).
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

/** The links of the estate's current units to their owners. */
function currentLinks(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('unit_owners')
    .innerJoin('units', 'units.id', 'unit_owners.unit_id')
    .select(['unit_owners.unit_id', 'unit_owners.owner_id', 'unit_owners.representative', 'unit_owners.certificate_key'])
    .where('units.estate_id', '=', estateId)
    .where('units.removed_at', 'is', null);
}

/**
 * The estate's current units in the tally engine's form: unit and owner ids
 * are our UUIDs, buildings and stairs their names. What the engine derives
 * from these (voters, areas, heads) is what an owner is shown and, once
 * voting opens, what the snapshot freezes.
 */
export async function tallyUnitsOf(db: Kysely<DB>, estateId: string): Promise<Unit[]> {
  const [units, links] = await Promise.all([currentUnits(db, estateId).execute(), currentLinks(db, estateId).execute()]);
  const owners = new Map<string, string[]>();
  const representative = new Map<string, string>();
  for (const l of links) {
    owners.set(l.unit_id, [...(owners.get(l.unit_id) ?? []), l.owner_id]);
    if (l.representative) representative.set(l.unit_id, l.owner_id);
  }
  return units.map((u) => ({
    id: u.id,
    registryNo: u.registry_no,
    building: u.building,
    ...(u.stair === null ? {} : { stair: u.stair }),
    room: u.room,
    area: formatArea(BigInt(u.area_hundredths)),
    areaSource: u.area_source,
    kind: u.kind,
    developerHeld: u.developer_held,
    owners: (owners.get(u.id) ?? []).sort(),
    ...(representative.has(u.id) ? { representative: representative.get(u.id)! } : {}),
  }));
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** The estate's current registry, in the same form as an import, and the ids of its rows. */
export async function readCurrentRegistry(db: Kysely<DB>, estateId: string): Promise<CurrentRegistry> {
  const [units, links, owners, buildings, stairs] = await Promise.all([
    currentUnits(db, estateId).execute(),
    currentLinks(db, estateId).execute(),
    db
      .selectFrom('owners')
      .select(['id', 'id_key', 'name', 'kind', 'id_type', 'id_tail', 'phone'])
      .where('estate_id', '=', estateId)
      .execute(),
    db.selectFrom('buildings').select(['id', 'name']).where('estate_id', '=', estateId).execute(),
    db
      .selectFrom('stairs')
      .innerJoin('buildings', 'buildings.id', 'stairs.building_id')
      .select(['stairs.id', 'stairs.building_id', 'stairs.name'])
      .where('buildings.estate_id', '=', estateId)
      .execute(),
  ]);
  const ownerById = new Map<string, RegistryOwner>();
  const ownerByKey = new Map<string, { id: string; owner: RegistryOwner }>();
  for (const o of owners) {
    const owner: RegistryOwner = {
      idKey: hex(o.id_key),
      name: o.name,
      kind: o.kind,
      idType: o.id_type as RegistryOwner['idType'],
      idTail: o.id_tail,
      phone: o.phone,
      certificateKey: null,
    };
    ownerById.set(o.id, owner);
    ownerByKey.set(owner.idKey, { id: o.id, owner });
  }
  const ownersOf = new Map<string, RegistryOwner[]>();
  for (const l of links) {
    const shared = ownerById.get(l.owner_id)!;
    // The certificate is this link's: an owner's one object is shared by its units only while it has none.
    const owner = l.certificate_key === null ? shared : { ...shared, certificateKey: hex(l.certificate_key) };
    const list = ownersOf.get(l.unit_id);
    if (list === undefined) ownersOf.set(l.unit_id, [owner]);
    else list.push(owner);
  }
  return {
    units: units.map((u) => ({
      registryNo: u.registry_no,
      building: u.building,
      stair: u.stair,
      room: u.room,
      areaHundredths: Number(u.area_hundredths),
      areaSource: u.area_source,
      kind: u.kind,
      developerHeld: u.developer_held,
      owners: ownersOf.get(u.id) ?? [],
    })),
    unitIds: new Map(units.map((u) => [u.registry_no, u.id])),
    owners: ownerByKey,
    buildings: new Map(buildings.map((b) => [b.name, b.id])),
    stairs: new Map(stairs.map((s) => [stairKey(s.building_id, s.name), s.id])),
  };
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
