import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type Kysely, sql, type Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import { type CopyInto, CopyRows, copyBytea, copyField } from '../db/copy.ts';
import type { DB } from '../db/schema.ts';
import { timeOrderedIds } from '../lib/time-ordered-ids.ts';
import { ProblemError } from '../problems.ts';
import { currentUnits } from './units.ts';
import { identityKey } from './identity-key.ts';
import { diffRegistry } from './diff.ts';
import { idTail } from './id-number.ts';
import { parseRegistryCsv } from './parse-csv.ts';
import { parseRegistryJson } from './parse-json.ts';
import type { ParsedUnit, RegistryDiff, RegistryOwner, RegistryUnit } from './types.ts';

/**
 * Importing an estate's registry extract: validate the whole file (any error
 * imports nothing), replace identity numbers by their HMAC, compute the diff
 * against the current registry and keep it as a preview; applying the preview
 * later writes everything in one transaction, only onto the registry version
 * it was computed from.
 */

/** How many entries of each diff list a preview shows; the counts are always complete. */
export const PREVIEW_LIST_LIMIT = 200;

export interface OwnerSummary {
  name: string;
  kind: RegistryOwner['kind'];
  idType: RegistryOwner['idType'];
  idTail: string;
}

export interface ImportPreview {
  id: string;
  estateId: string;
  status: 'previewed' | 'applied' | 'superseded';
  baseVersion: number;
  format: 'csv' | 'json';
  units: number;
  counts: { added: number; removed: number; changed: number; transfers: number; ownerUpdates: number; unchanged: number };
  diff: {
    added: string[];
    removed: string[];
    changed: { registryNo: string; fields: string[] }[];
    transfers: { registryNo: string; from: OwnerSummary[]; to: OwnerSummary[] }[];
    truncated: boolean;
  };
  createdAt: string;
  appliedAt: string | null;
}

/** Parses and checks a file; throws a 422 problem listing every bad row. */
export function parseRegistryFile(format: 'csv' | 'json', content: string | object): ParsedUnit[] {
  let result;
  if (format === 'csv') {
    if (typeof content !== 'string') throw new ProblemError('unsupported-media-type', 'Send a CSV registry as text/csv');
    result = parseRegistryCsv(content);
  } else {
    let value: unknown = content;
    if (typeof content === 'string') {
      try {
        value = JSON.parse(content);
      } catch {
        throw new ProblemError('malformed-request', 'The body is not valid JSON');
      }
    }
    result = parseRegistryJson(value);
  }
  if (!result.ok) {
    throw new ProblemError('invalid-file', `${result.errors.length} error(s) in the file; nothing was imported`, {
      errors: result.errors.map((e) => ({
        line: e.line,
        ...(e.field === undefined ? {} : { field: e.field }),
        message: e.message,
      })),
    });
  }
  return result.units;
}

/** Replaces identity numbers by their keyed HMAC: from here on, no plain number exists. */
export function toRegistryUnits(units: ParsedUnit[], hmacKey: Buffer): RegistryUnit[] {
  return units.map((u) => ({
    registryNo: u.registryNo,
    building: u.building,
    stair: u.stair,
    room: u.room,
    areaHundredths: u.areaHundredths,
    areaSource: u.areaSource,
    kind: u.kind,
    developerHeld: u.developerHeld,
    owners: u.owners.map((o) => ({
      idKey: identityKey(hmacKey, o.idType, o.idNumber),
      name: o.name,
      kind: o.kind,
      idType: o.idType,
      idTail: idTail(o.idNumber),
      phone: o.phone,
    })),
  }));
}

/** The registry as it stands, with the database ids an import writes against. */
interface CurrentRegistry {
  units: RegistryUnit[];
  /** Registry number → id of each current unit. */
  unitIds: Map<string, string>;
  /** idKey → every owner row of the estate, whether or not it still holds a unit. */
  owners: Map<string, { id: string; owner: RegistryOwner }>;
  /** Building name → id. */
  buildings: Map<string, string>;
  /** Building id and stair name → id. */
  stairs: Map<string, string>;
}

const stairKey = (buildingId: string, name: string) => `${buildingId}\u0000${name}`;
const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** The estate's current registry, in the same form as an import, and the ids of its rows. */
async function readCurrentRegistry(db: Kysely<DB>, estateId: string): Promise<CurrentRegistry> {
  const [units, links, owners, buildings, stairs] = await Promise.all([
    currentUnits(db, estateId).execute(),
    db
      .selectFrom('unit_owners')
      .innerJoin('units', 'units.id', 'unit_owners.unit_id')
      .select(['unit_owners.unit_id', 'unit_owners.owner_id'])
      .where('units.estate_id', '=', estateId)
      .where('units.removed_at', 'is', null)
      .execute(),
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
    };
    ownerById.set(o.id, owner);
    ownerByKey.set(owner.idKey, { id: o.id, owner });
  }
  const ownersOf = new Map<string, RegistryOwner[]>();
  for (const l of links) {
    const list = ownersOf.get(l.unit_id);
    if (list === undefined) ownersOf.set(l.unit_id, [ownerById.get(l.owner_id)!]);
    else list.push(ownerById.get(l.owner_id)!);
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

/**
 * What applying a preview writes, decided when the preview is made: a preview
 * applies only onto the registry version it was computed from, and only an
 * import changes the registry, so the ids read then are the ids found at
 * apply time. New rows are kept as COPY text with ids made here.
 */
interface WritePlan {
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
  /** COPY text (src/db/copy.ts) of the new owners, units and links, as UTF-8. */
  newOwners: Uint8Array;
  newUnits: Uint8Array;
  newLinks: Uint8Array;
  counts: ImportPreview['counts'];
  /** For the audit record: who held each transferred unit before and after, by identity HMAC. */
  transfers: { registryNo: string; from: string[]; to: string[] }[];
}

const OWNER_COLUMNS = ['id', 'estate_id', 'id_key', 'name', 'kind', 'id_type', 'id_tail', 'phone'] as const;
const UNIT_COLUMNS = ['id', 'estate_id', 'registry_no', 'building_id', 'stair_id', 'room', 'area_hundredths', 'area_source', 'kind', 'developer_held'] as const;
const LINK_COLUMNS = ['unit_id', 'owner_id'] as const;

/**
 * Stored as one line of JSON followed by the three COPY texts as they are
 * (JSON-escaping 30 MB of tabs and newlines would cost more than the rest),
 * gzipped: a 100,000-unit plan is ~34 MB of text, ~12 MB stored. Applying
 * sends the texts on as the bytes they were stored as, never decoded.
 */
function encodePlan(plan: WritePlan): Buffer {
  const { newOwners, newUnits, newLinks, ...rest } = plan;
  const sections = [newOwners, newUnits, newLinks];
  const head = Buffer.from(`${JSON.stringify({ ...rest, byteLengths: sections.map((b) => b.byteLength) })}\n`);
  return gzipSync(Buffer.concat([head, ...sections]), { level: 1 });
}

function decodePlan(gz: Uint8Array): { plan: WritePlan; stored: Buffer } {
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

function planWrites(
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
    for (const o of unitOwners) links.add(`${unitId}\t${ownerIds.get(o.idKey)!}\n`);
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
  plan.newUnits = units.bytes();
  plan.newLinks = links.bytes();
  return plan;
}

const ownerSummary = (o: RegistryOwner): OwnerSummary => ({ name: o.name, kind: o.kind, idType: o.idType, idTail: o.idTail });

function summarise(diff: RegistryDiff) {
  const limit = PREVIEW_LIST_LIMIT;
  const counts = {
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    transfers: diff.transfers.length,
    ownerUpdates: diff.ownerUpdates.length,
    unchanged: diff.unchanged,
  };
  return {
    counts,
    diff: {
      added: diff.added.slice(0, limit).map((u) => u.registryNo),
      removed: diff.removed.slice(0, limit).map((u) => u.registryNo),
      changed: diff.changed.slice(0, limit).map((c) => ({ registryNo: c.registryNo, fields: c.fields })),
      transfers: diff.transfers
        .slice(0, limit)
        .map((t) => ({ registryNo: t.registryNo, from: t.from.map(ownerSummary), to: t.to.map(ownerSummary) })),
      truncated: [counts.added, counts.removed, counts.changed, counts.transfers].some((n) => n > limit),
    },
  };
}

type Summary = ReturnType<typeof summarise>;

export async function previewImport(
  trx: Kysely<DB>,
  input: { estateId: string; registryVersion: number; format: 'csv' | 'json'; units: RegistryUnit[]; createdBy: string; now: Date },
): Promise<ImportPreview> {
  const current = await readCurrentRegistry(trx, input.estateId);
  const diff = diffRegistry(current.units, input.units);
  const summary = { units: input.units.length, ...summarise(diff) };
  const plan = planWrites(input.estateId, current, input.units, diff, summary.counts);
  // Only the newest preview of an estate may be applied.
  await trx
    .updateTable('registry_imports')
    .set({ status: 'superseded' })
    .where('estate_id', '=', input.estateId)
    .where('status', '=', 'previewed')
    .execute();
  const row = await trx
    .insertInto('registry_imports')
    .values({
      estate_id: input.estateId,
      base_version: input.registryVersion,
      format: input.format,
      status: 'previewed',
      plan_gz: encodePlan(plan),
      summary: JSON.stringify(summary),
      created_by: input.createdBy,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    estateId: input.estateId,
    status: 'previewed',
    baseVersion: input.registryVersion,
    format: input.format,
    ...summary,
    createdAt: row.created_at.toISOString(),
    appliedAt: null,
  };
}

export async function findImport(db: Kysely<DB>, estateId: string, importId: string): Promise<ImportPreview | undefined> {
  const row = await db
    .selectFrom('registry_imports')
    .select(['id', 'estate_id', 'status', 'base_version', 'format', 'summary', 'created_at', 'applied_at'])
    .where('id', '=', importId)
    .where('estate_id', '=', estateId)
    .executeTakeFirst();
  if (!row) return undefined;
  const summary = row.summary as Summary & { units: number };
  return {
    id: row.id,
    estateId: row.estate_id,
    status: row.status,
    baseVersion: row.base_version,
    format: row.format,
    ...summary,
    createdAt: row.created_at.toISOString(),
    appliedAt: row.applied_at?.toISOString() ?? null,
  };
}

/**
 * Applies a preview atomically. Refused when it is not the newest preview or
 * when the registry changed since it was computed (another import applied).
 * `copyInto` bulk-loads the new rows on the connection of `trx`.
 */
export async function applyImport(
  trx: Transaction<DB>,
  input: { estateId: string; importId: string; actor: string; now: Date },
  copyInto: CopyInto,
): Promise<ImportPreview> {
  const estate = await trx
    .selectFrom('estates')
    .select(['id', 'registry_version'])
    .where('id', '=', input.estateId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const preview = await trx
    .selectFrom('registry_imports')
    .select(['id', 'status', 'base_version', 'plan_gz'])
    .where('id', '=', input.importId)
    .where('estate_id', '=', input.estateId)
    .forUpdate()
    .executeTakeFirst();
  if (!preview) throw new ProblemError('not-found', 'No such import');
  if (preview.status !== 'previewed') throw new ProblemError('conflict', `This import is ${preview.status}; upload the file again`);
  if (preview.base_version !== estate.registry_version) {
    throw new ProblemError('conflict', 'The registry changed since this preview was made; upload the file again');
  }
  const { plan, stored } = decodePlan(preview.plan_gz);
  await writePlan(trx, input.estateId, plan, input.now, copyInto);

  const version = estate.registry_version + 1;
  await trx.updateTable('estates').set({ registry_version: version }).where('id', '=', input.estateId).execute();
  await trx
    .updateTable('registry_imports')
    .set({ status: 'applied', applied_at: input.now, applied_by: input.actor })
    .where('id', '=', preview.id)
    .execute();
  await appendAudit(trx, {
    chain: estateChain(input.estateId),
    actor: input.actor,
    action: 'registry.import.applied',
    subject: `estate:${input.estateId}`,
    data: {
      importId: preview.id,
      registryVersion: version,
      counts: plan.counts,
      // The evidence of what was written, without any identity number: the hash of the plan as stored.
      planSha256: createHash('sha256').update(stored).digest('hex'),
      transfers: plan.transfers,
    },
  }, input.now);
  const applied = await findImport(trx, input.estateId, preview.id);
  return applied!;
}

/** Writes a plan in a handful of set-based statements and three COPYs, whatever the number of units. */
async function writePlan(trx: Kysely<DB>, estateId: string, plan: WritePlan, now: Date, copyInto: CopyInto) {
  // Parents before children: each statement's references are checked when it ends (migration 0006).
  if (plan.buildings.length > 0) {
    await sql`insert into buildings (id, estate_id, name)
      select v.id, ${estateId}::uuid, v.name from unnest(${plan.buildings.map((b) => b.id)}::uuid[], ${plan.buildings.map((b) => b.name)}::text[]) as v(id, name)`.execute(trx);
  }
  if (plan.stairs.length > 0) {
    await sql`insert into stairs (id, building_id, name)
      select * from unnest(${plan.stairs.map((s) => s.id)}::uuid[], ${plan.stairs.map((s) => s.buildingId)}::uuid[], ${plan.stairs.map((s) => s.name)}::text[])`.execute(trx);
  }
  if (plan.newOwners.length > 0) await copyInto(trx, 'owners', OWNER_COLUMNS, plan.newOwners);
  if (plan.ownerUpdates.length > 0) {
    const list = plan.ownerUpdates;
    await sql`update owners set name = v.name, kind = v.kind, phone = v.phone, updated_at = ${now}
      from unnest(${list.map((o) => o.id)}::uuid[], ${list.map((o) => o.name)}::text[], ${list.map((o) => o.kind)}::text[], ${list.map((o) => o.phone)}::text[])
        as v(id, name, kind, phone)
      where owners.id = v.id`.execute(trx);
  }
  if (plan.removedUnits.length > 0) {
    await sql`update units set removed_at = ${now}, updated_at = ${now} where id = any(${plan.removedUnits}::uuid[])`.execute(trx);
  }
  if (plan.changedUnits.length > 0) {
    const list = plan.changedUnits;
    await sql`update units set building_id = v.building_id, stair_id = v.stair_id, room = v.room,
        area_hundredths = v.area, area_source = v.area_source, kind = v.kind, developer_held = v.developer_held, updated_at = ${now}
      from unnest(${list.map((u) => u.id)}::uuid[], ${list.map((u) => u.buildingId)}::uuid[], ${list.map((u) => u.stairId)}::uuid[],
        ${list.map((u) => u.room)}::text[], ${list.map((u) => u.areaHundredths)}::bigint[], ${list.map((u) => u.areaSource)}::text[],
        ${list.map((u) => u.kind)}::text[], ${list.map((u) => u.developerHeld)}::boolean[])
        as v(id, building_id, stair_id, room, area, area_source, kind, developer_held)
      where units.id = v.id`.execute(trx);
  }
  if (plan.newUnits.length > 0) await copyInto(trx, 'units', UNIT_COLUMNS, plan.newUnits);
  if (plan.relinkedUnits.length > 0) {
    await sql`delete from unit_owners where unit_id = any(${plan.relinkedUnits}::uuid[])`.execute(trx);
  }
  if (plan.newLinks.length > 0) await copyInto(trx, 'unit_owners', LINK_COLUMNS, plan.newLinks);
}
