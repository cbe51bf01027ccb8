import type { Transaction } from 'kysely';
import type { CopyInto } from '../db/copy.ts';
import type { DB } from '../db/schema.ts';
import { LINK_COLUMNS, OWNER_COLUMNS, UNIT_COLUMNS, type WritePlan } from './plan.ts';
import {
  insertBuildings,
  insertStairs,
  markUnitsRemoved,
  setCertificateKeys,
  unlinkOwners,
  updateOwners,
  updateUnits,
} from './plan-writes-repository.ts';

/**
 * Writes a plan (plan.ts) onto the estate's buildings, stairs, owners, units
 * and links, in the caller's transaction: a handful of set-based statements
 * (plan-writes-repository.ts) and three COPYs, whatever the number of units.
 * `copyInto` bulk-loads on the connection of `trx`. The checks that the plan
 * may still be applied are the caller's (import.ts).
 */
export async function applyPlan(trx: Transaction<DB>, estateId: string, plan: WritePlan, now: Date, copyInto: CopyInto): Promise<void> {
  // Parents before children: each statement's references are checked when it ends (migration 0006).
  if (plan.buildings.length > 0) await insertBuildings(trx, estateId, plan.buildings);
  if (plan.stairs.length > 0) await insertStairs(trx, plan.stairs);
  if (plan.newOwners.length > 0) await copyInto(trx, 'owners', OWNER_COLUMNS, plan.newOwners);
  if (plan.ownerUpdates.length > 0) await updateOwners(trx, plan.ownerUpdates, now);
  if (plan.removedUnits.length > 0) await markUnitsRemoved(trx, plan.removedUnits, now);
  if (plan.changedUnits.length > 0) await updateUnits(trx, plan.changedUnits, now);
  if (plan.newUnits.length > 0) await copyInto(trx, 'units', UNIT_COLUMNS, plan.newUnits);
  if (plan.relinkedUnits.length > 0) await unlinkOwners(trx, plan.relinkedUnits);
  if (plan.newLinks.length > 0) await copyInto(trx, 'unit_owners', LINK_COLUMNS, plan.newLinks);
  // Plans stored before issue 14 have no certificate updates.
  const certificates = plan.certificateUpdates ?? [];
  if (certificates.length > 0) await setCertificateKeys(trx, certificates);
}
