import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { formatArea, type Unit } from '../tally/index.ts';

/**
 * The estate's current units in the tally engine's form: unit and owner ids
 * are our UUIDs, buildings and stairs their names. What the engine derives
 * from these (voters, areas, heads) is what an owner is shown and, once
 * voting opens, what the snapshot freezes.
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

export async function tallyUnitsOf(db: Kysely<DB>, estateId: string): Promise<Unit[]> {
  const [units, links] = await Promise.all([
    currentUnits(db, estateId).execute(),
    db
      .selectFrom('unit_owners')
      .innerJoin('units', 'units.id', 'unit_owners.unit_id')
      .select(['unit_owners.unit_id', 'unit_owners.owner_id', 'unit_owners.representative'])
      .where('units.estate_id', '=', estateId)
      .where('units.removed_at', 'is', null)
      .execute(),
  ]);
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
