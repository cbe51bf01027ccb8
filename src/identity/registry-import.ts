import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import { v7 as timeOrderedUuid } from 'uuid';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { currentUnits } from '../places/registry-units.ts';
import { identityKey } from './hashing.ts';
import { diffRegistry } from './registry/diff.ts';
import { idTail } from './registry/id-number.ts';
import { parseRegistryCsv } from './registry/parse-csv.ts';
import { parseRegistryJson } from './registry/parse-json.ts';
import type { ParsedUnit, RegistryDiff, RegistryOwner, RegistryUnit } from './registry/types.ts';

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

/** The estate's current registry, in the same form as an import. */
export async function currentRegistry(db: Kysely<DB>, estateId: string): Promise<RegistryUnit[]> {
  const [units, owners] = await Promise.all([
    currentUnits(db, estateId).execute(),
    db
      .selectFrom('unit_owners')
      .innerJoin('units', 'units.id', 'unit_owners.unit_id')
      .innerJoin('owners', 'owners.id', 'unit_owners.owner_id')
      .select(['unit_owners.unit_id', 'owners.id_key', 'owners.name', 'owners.kind', 'owners.id_type', 'owners.id_tail', 'owners.phone'])
      .where('units.estate_id', '=', estateId)
      .where('units.removed_at', 'is', null)
      .execute(),
  ]);
  const ownersOf = new Map<string, RegistryOwner[]>();
  for (const o of owners) {
    const list = ownersOf.get(o.unit_id) ?? [];
    list.push({
      idKey: o.id_key,
      name: o.name,
      kind: o.kind,
      idType: o.id_type as RegistryOwner['idType'],
      idTail: o.id_tail,
      phone: o.phone,
    });
    ownersOf.set(o.unit_id, list);
  }
  return units.map((u) => ({
    registryNo: u.registry_no,
    building: u.building,
    stair: u.stair,
    room: u.room,
    areaHundredths: Number(u.area_hundredths),
    areaSource: u.area_source,
    kind: u.kind,
    developerHeld: u.developer_held,
    owners: ownersOf.get(u.id) ?? [],
  }));
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
  const diff = diffRegistry(await currentRegistry(trx, input.estateId), input.units);
  const summary = { units: input.units.length, ...summarise(diff) };
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
      // Gzipped: a 100,000-unit preview is ~37 MB of JSON but ~3 MB stored.
      units_gz: gzipSync(JSON.stringify(input.units), { level: 1 }),
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
 */
export async function applyImport(
  trx: Kysely<DB>,
  input: { estateId: string; importId: string; actor: string; now: Date },
): Promise<ImportPreview> {
  const estate = await trx
    .selectFrom('estates')
    .select(['id', 'registry_version'])
    .where('id', '=', input.estateId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const preview = await trx
    .selectFrom('registry_imports')
    .select(['id', 'status', 'base_version', 'units_gz'])
    .where('id', '=', input.importId)
    .where('estate_id', '=', input.estateId)
    .forUpdate()
    .executeTakeFirst();
  if (!preview) throw new ProblemError('not-found', 'No such import');
  if (preview.status !== 'previewed') throw new ProblemError('conflict', `This import is ${preview.status}; upload the file again`);
  if (preview.base_version !== estate.registry_version) {
    throw new ProblemError('conflict', 'The registry changed since this preview was made; upload the file again');
  }
  const stored = gunzipSync(preview.units_gz).toString('utf8');
  const incoming = JSON.parse(stored) as RegistryUnit[];
  const diff = diffRegistry(await currentRegistry(trx, input.estateId), incoming);
  await writeRegistry(trx, input.estateId, incoming, diff, input.now);

  const version = estate.registry_version + 1;
  await trx.updateTable('estates').set({ registry_version: version }).where('id', '=', input.estateId).execute();
  await trx
    .updateTable('registry_imports')
    .set({ status: 'applied', applied_at: input.now, applied_by: input.actor })
    .where('id', '=', preview.id)
    .execute();
  const summary = summarise(diff);
  await appendAudit(trx, {
    chain: estateChain(input.estateId),
    actor: input.actor,
    action: 'registry.import.applied',
    subject: `estate:${input.estateId}`,
    data: {
      importId: preview.id,
      registryVersion: version,
      counts: summary.counts,
      // The evidence of what was imported, without any identity number: the hash of the preview as stored.
      unitsSha256: createHash('sha256').update(stored).digest('hex'),
      transfers: diff.transfers.map((t) => ({
        registryNo: t.registryNo,
        from: t.from.map((o) => o.idKey),
        to: t.to.map((o) => o.idKey),
      })),
    },
  }, input.now);
  const applied = await findImport(trx, input.estateId, preview.id);
  return applied!;
}

// One array parameter instead of one parameter per element: PostgreSQL allows at most 65,535 of those.
const anyText = (values: string[]) => sql<string>`any(${values}::text[])`;
const anyUuid = (values: string[]) => sql<string>`any(${values}::uuid[])`;

/** Writes a diff in a handful of set-based statements, whatever the number of units. */
async function writeRegistry(trx: Kysely<DB>, estateId: string, incoming: RegistryUnit[], diff: RegistryDiff, now: Date) {
  // Places: every building and stair named in the file.
  const buildingNames = [...new Set(incoming.map((u) => u.building))];
  await sql`insert into buildings (estate_id, name) select ${estateId}::uuid, unnest(${buildingNames}::text[])
    on conflict (estate_id, name) do nothing`.execute(trx);
  const buildings = await trx.selectFrom('buildings').select(['id', 'name']).where('estate_id', '=', estateId).execute();
  const buildingId = new Map(buildings.map((b) => [b.name, b.id]));
  const stairPairs = [...new Set(incoming.filter((u) => u.stair !== null).map((u) => `${buildingId.get(u.building)}\u0000${u.stair}`))].map(
    (k) => k.split('\u0000') as [string, string],
  );
  if (stairPairs.length > 0) {
    await sql`insert into stairs (building_id, name)
      select * from unnest(${stairPairs.map((p) => p[0])}::uuid[], ${stairPairs.map((p) => p[1])}::text[])
      on conflict (building_id, name) do nothing`.execute(trx);
  }
  const stairs = await trx
    .selectFrom('stairs')
    .innerJoin('buildings', 'buildings.id', 'stairs.building_id')
    .select(['stairs.id', 'stairs.building_id', 'stairs.name'])
    .where('buildings.estate_id', '=', estateId)
    .execute();
  const stairId = new Map(stairs.map((s) => [`${s.building_id}\u0000${s.name}`, s.id]));
  const placeOf = (u: RegistryUnit) => {
    const b = buildingId.get(u.building)!;
    return { building: b, stair: u.stair === null ? null : stairId.get(`${b}\u0000${u.stair}`)! };
  };

  // Owners: upsert every owner of the file by identity HMAC; names and phones follow the registry.
  const owners = new Map<string, RegistryOwner>();
  for (const u of incoming) for (const o of u.owners) owners.set(o.idKey, o);
  const list = [...owners.values()];
  // Time-ordered ids keep the primary-key index appending, not splitting pages at random.
  await sql`insert into owners (id, estate_id, id_key, name, kind, id_type, id_tail, phone)
    select v.id, ${estateId}::uuid, v.id_key, v.name, v.kind, v.id_type, v.id_tail, v.phone from unnest(
      ${list.map(() => timeOrderedUuid())}::uuid[], ${list.map((o) => o.idKey)}::text[], ${list.map((o) => o.name)}::text[], ${list.map((o) => o.kind)}::text[],
      ${list.map((o) => o.idType)}::text[], ${list.map((o) => o.idTail)}::text[], ${list.map((o) => o.phone)}::text[])
      as v(id, id_key, name, kind, id_type, id_tail, phone)
    on conflict (estate_id, id_key) do update set
      name = excluded.name, kind = excluded.kind, id_type = excluded.id_type, id_tail = excluded.id_tail,
      phone = excluded.phone, updated_at = ${now}
    where (owners.name, owners.kind, owners.phone) is distinct from (excluded.name, excluded.kind, excluded.phone)`.execute(trx);
  const ownerRows = await trx.selectFrom('owners').select(['id', 'id_key']).where('estate_id', '=', estateId).execute();
  const ownerId = new Map(ownerRows.map((o) => [o.id_key, o.id]));

  // Units that left the registry are marked removed, never deleted.
  if (diff.removed.length > 0) {
    await trx
      .updateTable('units')
      .set({ removed_at: now, updated_at: now })
      .where('estate_id', '=', estateId)
      .where('removed_at', 'is', null)
      .where('registry_no', '=', anyText(diff.removed.map((u) => u.registryNo)))
      .execute();
  }

  // Changed units: one set-based update.
  if (diff.changed.length > 0) {
    const after = diff.changed.map((c) => c.after);
    await sql`update units set building_id = v.building_id, stair_id = v.stair_id, room = v.room,
        area_hundredths = v.area, area_source = v.area_source, kind = v.kind, developer_held = v.developer_held, updated_at = ${now}
      from unnest(${after.map((u) => u.registryNo)}::text[], ${after.map((u) => placeOf(u).building)}::uuid[],
        ${after.map((u) => placeOf(u).stair)}::uuid[], ${after.map((u) => u.room)}::text[],
        ${after.map((u) => u.areaHundredths)}::bigint[], ${after.map((u) => u.areaSource)}::text[],
        ${after.map((u) => u.kind)}::text[], ${after.map((u) => u.developerHeld)}::boolean[])
        as v(registry_no, building_id, stair_id, room, area, area_source, kind, developer_held)
      where units.estate_id = ${estateId} and units.removed_at is null and units.registry_no = v.registry_no`.execute(trx);
  }

  // New units, with ids made here so their owners can be linked without a round trip.
  const added = diff.added.map((u) => ({ id: timeOrderedUuid(), unit: u }));
  if (added.length > 0) {
    await sql`insert into units (id, estate_id, registry_no, building_id, stair_id, room, area_hundredths, area_source, kind, developer_held)
      select v.id, ${estateId}::uuid, v.registry_no, v.building_id, v.stair_id, v.room, v.area, v.area_source, v.kind, v.developer_held
      from unnest(${added.map((a) => a.id)}::uuid[], ${added.map((a) => a.unit.registryNo)}::text[],
        ${added.map((a) => placeOf(a.unit).building)}::uuid[], ${added.map((a) => placeOf(a.unit).stair)}::uuid[],
        ${added.map((a) => a.unit.room)}::text[], ${added.map((a) => a.unit.areaHundredths)}::bigint[],
        ${added.map((a) => a.unit.areaSource)}::text[], ${added.map((a) => a.unit.kind)}::text[],
        ${added.map((a) => a.unit.developerHeld)}::boolean[])
        as v(id, registry_no, building_id, stair_id, room, area, area_source, kind, developer_held)`.execute(trx);
  }

  // Ownership: new units get their owners; transferred units have theirs replaced.
  const transferred = diff.transfers.map((t) => t.registryNo);
  const relinked: { unitId: string; owners: RegistryOwner[] }[] = added.map((a) => ({ unitId: a.id, owners: a.unit.owners }));
  if (transferred.length > 0) {
    const rows = await trx
      .selectFrom('units')
      .select(['id', 'registry_no'])
      .where('estate_id', '=', estateId)
      .where('removed_at', 'is', null)
      .where('registry_no', '=', anyText(transferred))
      .execute();
    const after = new Map(diff.transfers.map((t) => [t.registryNo, t.to]));
    await trx.deleteFrom('unit_owners').where('unit_id', '=', anyUuid(rows.map((r) => r.id))).execute();
    for (const r of rows) relinked.push({ unitId: r.id, owners: after.get(r.registry_no)! });
  }
  const links = relinked.flatMap((r) => r.owners.map((o) => [r.unitId, ownerId.get(o.idKey)!] as const));
  if (links.length > 0) {
    await sql`insert into unit_owners (unit_id, owner_id)
      select * from unnest(${links.map((l) => l[0])}::uuid[], ${links.map((l) => l[1])}::uuid[])`.execute(trx);
  }
}
