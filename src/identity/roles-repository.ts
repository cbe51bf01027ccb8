import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { DB, RoleAssignmentTable } from '../db/schema.ts';

/** Role assignments (role_assignments): the rows, over the caller's connection or transaction. */

export type RoleAssignmentRow = Selectable<RoleAssignmentTable>;

/** The new assignment, or undefined when the person already holds this role here. */
export async function insertRoleAssignment(trx: Transaction<DB>, row: Insertable<RoleAssignmentTable>): Promise<RoleAssignmentRow | undefined> {
  return trx.insertInto('role_assignments').values(row).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
}

/** Marks a live assignment within the scope removed; undefined when there is none. */
export async function markRoleRemoved(
  trx: Transaction<DB>,
  input: { assignmentId: string; within: { townshipId: string } | { estateId: string }; removedBy: string | null; now: Date },
) {
  let query = trx
    .updateTable('role_assignments')
    .set({ revoked_at: input.now, revoked_by: input.removedBy })
    .where('id', '=', input.assignmentId)
    .where('revoked_at', 'is', null);
  query =
    'townshipId' in input.within
      ? query.where('township_id', '=', input.within.townshipId)
      : query.where('estate_id', '=', input.within.estateId);
  return query.returning(['account_id', 'role', 'township_id', 'estate_id']).executeTakeFirst();
}

/** Live assignments within a township or an estate, with each person's phone, oldest first. */
export async function liveRolesWithin(db: Kysely<DB>, within: { townshipId: string } | { estateId: string }) {
  let query = db
    .selectFrom('role_assignments')
    .innerJoin('accounts', 'accounts.id', 'role_assignments.account_id')
    .selectAll('role_assignments')
    .select('accounts.phone')
    .where('role_assignments.revoked_at', 'is', null)
    .orderBy('role_assignments.granted_at');
  query =
    'townshipId' in within
      ? query.where('role_assignments.township_id', '=', within.townshipId)
      : query.where('role_assignments.estate_id', '=', within.estateId);
  return query.execute();
}

/** The account of this phone when it is a live admin. */
export async function liveAdminByPhone(db: Kysely<DB>, phone: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('role_assignments')
    .innerJoin('accounts', 'accounts.id', 'role_assignments.account_id')
    .select('accounts.id')
    .where('accounts.phone', '=', phone)
    .where('role_assignments.role', '=', 'admin')
    .where('role_assignments.revoked_at', 'is', null)
    .executeTakeFirst();
}
