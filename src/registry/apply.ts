import { sql, type Transaction } from 'kysely';
import type { CopyInto } from '../db/copy.ts';
import type { DB } from '../db/schema.ts';
import { LINK_COLUMNS, OWNER_COLUMNS, UNIT_COLUMNS, type WritePlan } from './plan.ts';

/**
 * Writes a plan (plan.ts) onto the estate's buildings, stairs, owners, units
 * and links, in the caller's transaction: a handful of set-based statements
 * and three COPYs, whatever the number of units. `copyInto` bulk-loads on the
 * connection of `trx`. The checks that the plan may still be applied are the
 * caller's (import.ts).
 */
export async function applyPlan(trx: Transaction<DB>, estateId: string, plan: WritePlan, now: Date, copyInto: CopyInto): Promise<void> {
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
  // Plans stored before issue 14 have no certificate updates.
  const certificates = plan.certificateUpdates ?? [];
  if (certificates.length > 0) {
    await sql`update unit_owners set certificate_key = decode(v.key, 'hex')
      from unnest(${certificates.map((c) => c.unitId)}::uuid[], ${certificates.map((c) => c.ownerId)}::uuid[], ${certificates.map((c) => c.certificateKey)}::text[])
        as v(unit_id, owner_id, key)
      where unit_owners.unit_id = v.unit_id and unit_owners.owner_id = v.owner_id`.execute(trx);
  }
}
