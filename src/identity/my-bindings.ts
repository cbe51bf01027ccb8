import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { AssuranceLevel, DB } from '../db/schema.ts';
import { maskPhone } from '../lib/mask.ts';
import { ProblemError } from '../problems.ts';
import { LEVEL_TITLES } from './assurance.ts';
import { bindingsOfMyOwners, revokeBindingOfAccount } from './owner-bindings-repository.ts';
import { markTokensRevoked } from './refresh-tokens-repository.ts';

/**
 * An owner sees and ends their bindings (issue 14): for each owner the
 * account is bound to, every phone that was ever bound to that owner (masked),
 * since when, until when, at which level — so a binding made by someone
 * else with a copy of their identity card shows.
 */

export interface OwnerBindings {
  ownerId: string;
  estateId: string;
  estateName: string;
  name: string;
  bindings: {
    id: string;
    phone: string;
    you: boolean;
    method: 'self' | 'in_person' | 'face';
    level: AssuranceLevel;
    levelWords: { zh: string; en: string };
    factor: 'phone' | 'property_certificate' | null;
    since: string;
    endedAt: string | null;
  }[];
}

export async function myBindings(db: Kysely<DB>, accountId: string): Promise<OwnerBindings[]> {
  const rows = await bindingsOfMyOwners(db, accountId);
  const owners = new Map<string, OwnerBindings>();
  for (const r of rows) {
    let owner = owners.get(r.owner_id);
    if (owner === undefined) {
      owner = { ownerId: r.owner_id, estateId: r.estate_id, estateName: r.estate_name, name: r.owner_name, bindings: [] };
      owners.set(r.owner_id, owner);
    }
    owner.bindings.push({
      id: r.id,
      phone: maskPhone(r.phone),
      you: r.account_id === accountId,
      method: r.method,
      level: r.level,
      levelWords: LEVEL_TITLES[r.level],
      factor: r.factor,
      since: r.created_at.toISOString(),
      endedAt: r.revoked_at?.toISOString() ?? null,
    });
  }
  return [...owners.values()];
}

/**
 * Ends the account's binding to the owner (audited `owner.binding_ended`).
 * Every session of the account ends with it: an access token carries the
 * owner's grant until it expires, and none may act for the owner after this
 * (ballots already check the binding itself). The person logs in again.
 */
export async function endMyBinding(trx: Transaction<DB>, input: { accountId: string; ownerId: string; now: Date }): Promise<{ endedAt: string }> {
  const ended = await revokeBindingOfAccount(trx, input.accountId, input.ownerId, input.now);
  if (!ended) throw new ProblemError('not-found', 'You are not bound to this owner');
  await markTokensRevoked(trx, 'account_id', input.accountId, input.now);
  await appendAudit(trx, {
    chain: estateChain(ended.estate_id),
    actor: `account:${input.accountId}`,
    action: 'owner.binding_ended',
    subject: `owner:${input.ownerId}`,
    data: { accountId: input.accountId, bindingId: ended.id, level: ended.level, sessionsEnded: true },
  }, input.now);
  return { endedAt: input.now.toISOString() };
}
