import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { formatArea, type Unit } from '../tally/index.ts';
import { type CurrentRegistry, type RegistryOwner, stairKey } from './types.ts';
import { buildingsOfEstate, currentLinks, currentUnitRows, ownersOfEstate, stairsOfEstate } from './units-repository.ts';

/** An estate's current registry as the rest of the system takes it: the tally engine's units, and the registry an import is compared with. The rows are read in units-repository.ts. */

/**
 * The estate's current units in the tally engine's form: unit and owner ids
 * are our UUIDs, buildings and stairs their names. What the engine derives
 * from these (voters, areas, heads) is what an owner is shown and, once
 * voting opens, what the snapshot freezes.
 */
export async function tallyUnitsOf(db: Kysely<DB>, estateId: string): Promise<Unit[]> {
  const [units, links] = await Promise.all([currentUnitRows(db, estateId), currentLinks(db, estateId)]);
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
    currentUnitRows(db, estateId),
    currentLinks(db, estateId),
    ownersOfEstate(db, estateId),
    buildingsOfEstate(db, estateId),
    stairsOfEstate(db, estateId),
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
