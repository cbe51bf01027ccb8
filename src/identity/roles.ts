import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain, SYSTEM_CHAIN } from '../audit/audit-log.ts';
import type { DB, RoleName } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { maskPhone } from '../lib/mask.ts';
import { accountForPhone } from './accounts.ts';
import { revokeAllForAccount } from './refresh-tokens.ts';
import { insertRoleAssignment, liveRolesWithin, markRoleRemoved } from './roles-repository.ts';

/**
 * Appointing and removing roles. Township staff are appointed by an admin;
 * committee members and organisers of an estate by its township's staff.
 * A removal ends the person's sessions, so the access tokens that still
 * carry the role are refused from their next request
 * (src/identity/access-revocation.ts).
 */

export interface RoleAssignmentView {
  id: string;
  accountId: string;
  phone: string;
  role: RoleName;
  townshipId: string | null;
  estateId: string | null;
  grantedAt: string;
}

type Scope = { role: 'admin' } | { role: 'township_staff'; townshipId: string } | { role: 'committee' | 'organiser'; estateId: string };

const chainOf = (scope: Scope) => ('estateId' in scope ? estateChain(scope.estateId) : SYSTEM_CHAIN);

export async function appointRole(
  trx: Transaction<DB>,
  input: { phone: string; scope: Scope; actor: string; grantedBy: string | null; now: Date },
): Promise<RoleAssignmentView> {
  const account = await accountForPhone(trx, input.phone);
  const { scope } = input;
  const row = await insertRoleAssignment(trx, {
    account_id: account.id,
    role: scope.role,
    township_id: 'townshipId' in scope ? scope.townshipId : null,
    estate_id: 'estateId' in scope ? scope.estateId : null,
    granted_by: input.grantedBy,
  });
  if (!row) throw new ProblemError('conflict', 'This person already holds this role here');
  await appendAudit(trx, {
    chain: chainOf(scope),
    actor: input.actor,
    action: 'role.appointed',
    subject: `account:${account.id}`,
    data: { assignmentId: row.id, role: scope.role, townshipId: row.township_id, estateId: row.estate_id },
  }, input.now);
  return view({ ...row, phone: input.phone });
}

/** Removes a live assignment within the given scope; unknown or foreign ids are 404. */
export async function removeRole(
  trx: Transaction<DB>,
  input: { assignmentId: string; within: { townshipId: string } | { estateId: string }; actor: string; removedBy: string | null; now: Date },
): Promise<void> {
  const row = await markRoleRemoved(trx, input);
  if (!row) throw new ProblemError('not-found', 'No such role assignment here');
  await revokeAllForAccount(trx, row.account_id, input.now);
  await appendAudit(trx, {
    chain: row.estate_id ? estateChain(row.estate_id) : SYSTEM_CHAIN,
    actor: input.actor,
    action: 'role.removed',
    subject: `account:${row.account_id}`,
    data: { assignmentId: input.assignmentId, role: row.role, townshipId: row.township_id, estateId: row.estate_id },
  }, input.now);
}

export async function listRoles(db: Kysely<DB>, within: { townshipId: string } | { estateId: string }): Promise<RoleAssignmentView[]> {
  return (await liveRolesWithin(db, within)).map(view);
}

/** An estate's committee members and organisers, each phone masked (138****1234): the list is read by the committee too. */
export async function listEstateRoles(db: Kysely<DB>, estateId: string): Promise<RoleAssignmentView[]> {
  return (await listRoles(db, { estateId })).map((r) => ({ ...r, phone: maskPhone(r.phone) }));
}

function view(row: {
  id: string;
  account_id: string;
  phone: string;
  role: RoleName;
  township_id: string | null;
  estate_id: string | null;
  granted_at: Date;
}): RoleAssignmentView {
  return {
    id: row.id,
    accountId: row.account_id,
    phone: row.phone,
    role: row.role,
    townshipId: row.township_id,
    estateId: row.estate_id,
    grantedAt: row.granted_at.toISOString(),
  };
}
