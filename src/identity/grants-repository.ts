import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** An account's live role assignments and verified owner bindings (grants.ts makes them grants), oldest first. */
export async function liveRolesAndBindings(db: Kysely<DB>, accountId: string) {
  return Promise.all([
    db
      .selectFrom('role_assignments')
      .select(['role', 'township_id', 'estate_id'])
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .orderBy('granted_at')
      .execute(),
    db
      .selectFrom('owner_bindings')
      .innerJoin('owners', 'owners.id', 'owner_bindings.owner_id')
      .select(['owners.id as owner_id', 'owners.estate_id'])
      .where('owner_bindings.account_id', '=', accountId)
      .where('owner_bindings.revoked_at', 'is', null)
      .orderBy('owner_bindings.created_at')
      .execute(),
  ]);
}
