import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { WritePlan } from './plan.ts';

/**
 * The set-based statements that write a registry import's plan (apply.ts
 * decides their order and does the COPYs): one statement each, whatever the
 * number of rows, in the caller's transaction.
 */

export async function insertBuildings(trx: Transaction<DB>, estateId: string, buildings: WritePlan['buildings']): Promise<void> {
  await sql`insert into buildings (id, estate_id, name)
    select v.id, ${estateId}::uuid, v.name from unnest(${buildings.map((b) => b.id)}::uuid[], ${buildings.map((b) => b.name)}::text[]) as v(id, name)`.execute(trx);
}

export async function insertStairs(trx: Transaction<DB>, stairs: WritePlan['stairs']): Promise<void> {
  await sql`insert into stairs (id, building_id, name)
    select * from unnest(${stairs.map((s) => s.id)}::uuid[], ${stairs.map((s) => s.buildingId)}::uuid[], ${stairs.map((s) => s.name)}::text[])`.execute(trx);
}

export async function updateOwners(trx: Transaction<DB>, list: WritePlan['ownerUpdates'], now: Date): Promise<void> {
  await sql`update owners set name = v.name, kind = v.kind, phone = v.phone, updated_at = ${now}
    from unnest(${list.map((o) => o.id)}::uuid[], ${list.map((o) => o.name)}::text[], ${list.map((o) => o.kind)}::text[], ${list.map((o) => o.phone)}::text[])
      as v(id, name, kind, phone)
    where owners.id = v.id`.execute(trx);
}

/** Units leave the registry by a mark, never a delete: past electorates and ballots still name them. */
export async function markUnitsRemoved(trx: Transaction<DB>, unitIds: string[], now: Date): Promise<void> {
  await sql`update units set removed_at = ${now}, updated_at = ${now} where id = any(${unitIds}::uuid[])`.execute(trx);
}

export async function updateUnits(trx: Transaction<DB>, list: WritePlan['changedUnits'], now: Date): Promise<void> {
  await sql`update units set building_id = v.building_id, stair_id = v.stair_id, room = v.room,
      area_hundredths = v.area, area_source = v.area_source, kind = v.kind, developer_held = v.developer_held, updated_at = ${now}
    from unnest(${list.map((u) => u.id)}::uuid[], ${list.map((u) => u.buildingId)}::uuid[], ${list.map((u) => u.stairId)}::uuid[],
      ${list.map((u) => u.room)}::text[], ${list.map((u) => u.areaHundredths)}::bigint[], ${list.map((u) => u.areaSource)}::text[],
      ${list.map((u) => u.kind)}::text[], ${list.map((u) => u.developerHeld)}::boolean[])
      as v(id, building_id, stair_id, room, area, area_source, kind, developer_held)
    where units.id = v.id`.execute(trx);
}

/** Drops the owner links of units whose owners change; the new links are copied in after. */
export async function unlinkOwners(trx: Transaction<DB>, unitIds: string[]): Promise<void> {
  await sql`delete from unit_owners where unit_id = any(${unitIds}::uuid[])`.execute(trx);
}

export async function setCertificateKeys(trx: Transaction<DB>, certificates: NonNullable<WritePlan['certificateUpdates']>): Promise<void> {
  await sql`update unit_owners set certificate_key = decode(v.key, 'hex')
    from unnest(${certificates.map((c) => c.unitId)}::uuid[], ${certificates.map((c) => c.ownerId)}::uuid[], ${certificates.map((c) => c.certificateKey)}::text[])
      as v(unit_id, owner_id, key)
    where unit_owners.unit_id = v.unit_id and unit_owners.owner_id = v.owner_id`.execute(trx);
}
