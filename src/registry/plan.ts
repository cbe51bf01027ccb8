import { gunzipSync, gzipSync } from 'node:zlib';
import { CopyRows, copyBytea, copyField } from '../db/copy.ts';
import { timeOrderedIds } from '../lib/time-ordered-ids.ts';
import { type CurrentRegistry, type ImportPreview, type RegistryDiff, type RegistryOwner, type RegistryUnit, stairKey } from './types.ts';

/**
 * What applying a preview writes, decided when the preview is made: a preview
 * applies only onto the registry version it was computed from, and only an
 * import changes the registry, so the ids read then are the ids found at
 * apply time. New rows are kept as COPY text with ids made here.
 */
export interface WritePlan {
  buildings: { id: string; name: string }[];
  stairs: { id: string; buildingId: string; name: string }[];
  /** Owners already in the estate whose name, kind or phone the file changes. */
  ownerUpdates: { id: string; name: string; kind: string; phone: string | null }[];
  /** Units that left the registry: marked removed, never deleted. */
  removedUnits: string[];
  changedUnits: {
    id: string;
    buildingId: string;
    stairId: string | null;
    room: string;
    areaHundredths: number;
    areaSource: string;
    kind: string;
    developerHeld: boolean;
  }[];
  /** Units whose owners change (transfers): their links are replaced. */
  relinkedUnits: string[];
  /** Links whose property certificate (its HMAC, hex; null: none) changes, the owners staying. */
  certificateUpdates: { unitId: string; ownerId: string; certificateKey: string | null }[];
  /** COPY text (src/db/copy.ts) of the new owners, units and links, as UTF-8, in the columns below. */
  newOwners: Uint8Array;
  newUnits: Uint8Array;
  newLinks: Uint8Array;
  counts: ImportPreview['counts'];
  /** For the audit record: who held each transferred unit before and after, by identity HMAC. */
  transfers: { registryNo: string; from: string[]; to: string[] }[];
}

/** The columns of the COPY texts, in the order `planWrites` writes their fields. */
export const OWNER_COLUMNS = ['id', 'estate_id', 'id_key', 'name', 'kind', 'id_type', 'id_tail', 'phone'] as const;
export const UNIT_COLUMNS = ['id', 'estate_id', 'registry_no', 'building_id', 'stair_id', 'room', 'area_hundredths', 'area_source', 'kind', 'developer_held'] as const;
export const LINK_COLUMNS = ['unit_id', 'owner_id', 'certificate_key'] as const;

/** The plan that turns `current` into `incoming`, given their diff. Adds the buildings and stairs it creates to `current`. */
export function planWrites(
  estateId: string,
  current: CurrentRegistry,
  incoming: RegistryUnit[],
  diff: RegistryDiff,
  counts: ImportPreview['counts'],
): WritePlan {
  const plan: WritePlan = {
    buildings: [],
    stairs: [],
    ownerUpdates: [],
    removedUnits: diff.removed.map((u) => current.unitIds.get(u.registryNo)!),
    changedUnits: [],
    relinkedUnits: [],
    certificateUpdates: [],
    newOwners: Buffer.alloc(0),
    newUnits: Buffer.alloc(0),
    newLinks: Buffer.alloc(0),
    counts,
    transfers: diff.transfers.map((t) => ({ registryNo: t.registryNo, from: t.from.map((o) => o.idKey), to: t.to.map((o) => o.idKey) })),
  };
  const timeOrderedUuid = timeOrderedIds();
  const placeOf = (u: RegistryUnit) => {
    let building = current.buildings.get(u.building);
    if (building === undefined) {
      building = timeOrderedUuid();
      current.buildings.set(u.building, building);
      plan.buildings.push({ id: building, name: u.building });
    }
    if (u.stair === null) return { building, stair: null };
    const key = stairKey(building, u.stair);
    let stair = current.stairs.get(key);
    if (stair === undefined) {
      stair = timeOrderedUuid();
      current.stairs.set(key, stair);
      plan.stairs.push({ id: stair, buildingId: building, name: u.stair });
    }
    return { building, stair };
  };

  // Owners: matched by identity HMAC; names and phones follow the registry.
  const ownerIds = new Map<string, string>();
  const owners = new CopyRows();
  for (const unit of incoming) {
    for (const o of unit.owners) {
      if (ownerIds.has(o.idKey)) continue;
      const known = current.owners.get(o.idKey);
      if (known === undefined) {
        const id = timeOrderedUuid();
        ownerIds.set(o.idKey, id);
        owners.add(`${id}\t${estateId}\t${copyBytea(o.idKey)}\t${copyField(o.name)}\t${o.kind}\t${o.idType}\t${copyField(o.idTail)}\t${copyField(o.phone)}\n`);
        continue;
      }
      ownerIds.set(o.idKey, known.id);
      const was = known.owner;
      if (was.name !== o.name || was.kind !== o.kind || was.phone !== o.phone) {
        plan.ownerUpdates.push({ id: known.id, name: o.name, kind: o.kind, phone: o.phone });
      }
    }
  }
  plan.newOwners = owners.bytes();

  for (const { after } of diff.changed) {
    const place = placeOf(after);
    plan.changedUnits.push({
      id: current.unitIds.get(after.registryNo)!,
      buildingId: place.building,
      stairId: place.stair,
      room: after.room,
      areaHundredths: after.areaHundredths,
      areaSource: after.areaSource,
      kind: after.kind,
      developerHeld: after.developerHeld,
    });
  }

  const units = new CopyRows();
  const links = new CopyRows();
  const link = (unitId: string, unitOwners: RegistryOwner[]) => {
    for (const o of unitOwners) links.add(`${unitId}\t${ownerIds.get(o.idKey)!}\t${o.certificateKey === null ? '\\N' : copyBytea(o.certificateKey)}\n`);
  };
  for (const u of diff.added) {
    const id = timeOrderedUuid();
    const place = placeOf(u);
    units.add(
      `${id}\t${estateId}\t${copyField(u.registryNo)}\t${place.building}\t${place.stair ?? '\\N'}\t${copyField(u.room)}\t` +
      `${u.areaHundredths}\t${u.areaSource}\t${u.kind}\t${u.developerHeld ? 't' : 'f'}\n`,
    );
    link(id, u.owners);
  }
  for (const t of diff.transfers) {
    const id = current.unitIds.get(t.registryNo)!;
    plan.relinkedUnits.push(id);
    link(id, t.to);
  }
  for (const c of diff.certificates) {
    const unitId = current.unitIds.get(c.registryNo)!;
    for (const o of c.owners) plan.certificateUpdates.push({ unitId, ownerId: ownerIds.get(o.idKey)!, certificateKey: o.certificateKey });
  }
  plan.newUnits = units.bytes();
  plan.newLinks = links.bytes();
  return plan;
}

/**
 * Stored as one line of JSON followed by the three COPY texts as they are
 * (JSON-escaping 30 MB of tabs and newlines would cost more than the rest),
 * gzipped: a 100,000-unit plan is ~34 MB of text, ~12 MB stored. Applying
 * sends the texts on as the bytes they were stored as, never decoded.
 */
export function encodePlan(plan: WritePlan): Buffer {
  const { newOwners, newUnits, newLinks, ...rest } = plan;
  const sections = [newOwners, newUnits, newLinks];
  const head = Buffer.from(`${JSON.stringify({ ...rest, byteLengths: sections.map((b) => b.byteLength) })}\n`);
  return gzipSync(Buffer.concat([head, ...sections]), { level: 1 });
}

/** The plan as `encodePlan` stored it, and the stored bytes themselves (their hash is the audit's evidence). */
export function decodePlan(gz: Uint8Array): { plan: WritePlan; stored: Buffer } {
  const stored = gunzipSync(gz);
  const end = stored.indexOf(0x0a);
  const { byteLengths, ...rest } = JSON.parse(stored.toString('utf8', 0, end)) as Omit<WritePlan, 'newOwners' | 'newUnits' | 'newLinks'> & {
    byteLengths: [number, number, number];
  };
  const [owners, units] = byteLengths;
  const body = end + 1;
  return {
    plan: {
      ...rest,
      newOwners: stored.subarray(body, body + owners),
      newUnits: stored.subarray(body + owners, body + owners + units),
      newLinks: stored.subarray(body + owners + units),
    },
    stored,
  };
}
