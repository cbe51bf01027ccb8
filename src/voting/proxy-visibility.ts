import type { Kysely } from 'kysely';
import type { DB, Estate, Meeting } from '../db/schema.ts';
import { may } from '../identity/permissions.ts';
import type { Principal } from '../identity/principal.ts';
import { holdsProxyFor, listProxies, type ProxyView } from './paper-and-proxies.ts';

/**
 * Who sees a meeting's proxies. A proxy holder need own nothing in the
 * estate, yet knows the meeting: it is not hidden from them
 * (requireAccess's `orIf`). Organisers see every proxy, anyone else only
 * those they hold.
 */

/** Whether the asker holds a proxy for the meeting, in any state: a ground of access the roles cannot know. */
export function holdsProxy(db: Kysely<DB>, principal: Principal, meetingId: string): () => Promise<boolean> {
  return async () => principal.kind === 'person' && (await holdsProxyFor(db, meetingId, principal.subject));
}

export async function proxiesVisibleTo(db: Kysely<DB>, principal: Principal, { meeting, estate }: { meeting: Meeting; estate: Estate }): Promise<ProxyView[]> {
  if (may(principal, 'proxy.manage', { estateId: estate.id, townshipId: estate.township_id })) return listProxies(db, meeting);
  return principal.kind === 'person' ? listProxies(db, meeting, principal.subject) : [];
}
