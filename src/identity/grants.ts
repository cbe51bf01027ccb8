import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { liveRolesAndBindings } from './grants-repository.ts';
import type { Grant } from './principal.ts';

/**
 * What an account may do now: its live role assignments and its verified
 * owner bindings. Read at login and at each refresh. A removed role ends
 * the person's sessions, so it stops at once (src/identity/access-revocation.ts);
 * a revoked binding stops within one access-token lifetime (ballots check
 * bindings in the database anyway).
 */
export async function grantsForAccount(db: Kysely<DB>, accountId: string): Promise<Grant[]> {
  const [roles, bindings] = await liveRolesAndBindings(db, accountId);
  const grants: Grant[] = [];
  for (const r of roles) {
    if (r.role === 'admin') grants.push({ role: 'admin' });
    else if (r.role === 'township_staff' && r.township_id) grants.push({ role: 'township_staff', townshipId: r.township_id });
    else if ((r.role === 'committee' || r.role === 'organiser') && r.estate_id) grants.push({ role: r.role, estateId: r.estate_id });
  }
  for (const b of bindings) grants.push({ role: 'owner', estateId: b.estate_id, ownerId: b.owner_id });
  return grants;
}
