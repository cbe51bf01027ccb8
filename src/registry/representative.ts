import type { Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { ownerIdsOfUnit, setRepresentative } from './units-repository.ts';

/**
 * Records the co-owner the owners of a unit chose to cast their vote (R1.4),
 * for meetings whose voting opens afterwards (the snapshot reads it).
 */
export async function designateRepresentative(
  trx: Transaction<DB>,
  input: { estateId: string; unitId: string; ownerId: string; actor: string; now: Date },
): Promise<void> {
  const owners = await ownerIdsOfUnit(trx, input.estateId, input.unitId);
  if (owners.length === 0) throw new ProblemError('not-found', 'No such unit in this estate');
  if (!owners.includes(input.ownerId)) throw new ProblemError('not-found', 'That owner is not an owner of this unit');
  await setRepresentative(trx, input.unitId, input.ownerId);
  await appendAudit(trx, {
    chain: estateChain(input.estateId),
    actor: input.actor,
    action: 'unit.representative_designated',
    subject: `unit:${input.unitId}`,
    data: { ownerId: input.ownerId },
  }, input.now);
}
