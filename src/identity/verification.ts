import type { Kysely } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { accountForPhone } from './accounts.ts';
import { identityKey } from './hashing.ts';
import { normaliseIdNumber } from './registry/id-number.ts';
import type { IdDocType } from './registry/types.ts';

/**
 * Binding an account to registry owners: "a vote from an identity-verified
 * owner account counts as the owner's own vote" (seed 004 §23).
 */

export const VERIFICATION_LOCK = {
  /** Failed attempts within the window that lock self-verification… */
  maxFailures: 5,
  windowMs: 15 * 60_000,
} as const;

export interface BoundOwner {
  ownerId: string;
  estateId: string;
}

/** Names compare after trimming and collapsing inner spaces; nothing else is forgiven. */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

export type SelfVerification =
  | { ok: true; owners: BoundOwner[] }
  | { ok: false; reason: 'no_match' | 'locked'; retryAfterMs?: number }
  | { ok: false; reason: 'bound_elsewhere' };

/**
 * Binds the account to every registry owner with this name and identity
 * number, in any estate. A mismatch says nothing about which field was wrong.
 * The caller commits the attempt record even when the answer is a refusal.
 */
export async function verifySelf(
  trx: Kysely<DB>,
  input: { accountId: string; name: string; idType: IdDocType; idNumber: string; hmacKey: Buffer; now: Date },
): Promise<SelfVerification> {
  const since = new Date(input.now.getTime() - VERIFICATION_LOCK.windowMs);
  // Lock the account's row so concurrent attempts are counted one after another.
  await trx.selectFrom('accounts').select('id').where('id', '=', input.accountId).forUpdate().executeTakeFirstOrThrow();
  const failures = await trx
    .selectFrom('verification_attempts')
    .select('at')
    .where('account_id', '=', input.accountId)
    .where('succeeded', '=', false)
    .where('at', '>', since)
    .orderBy('at')
    .execute();
  if (failures.length >= VERIFICATION_LOCK.maxFailures) {
    const oldest = failures[failures.length - VERIFICATION_LOCK.maxFailures]!.at;
    return { ok: false, reason: 'locked', retryAfterMs: oldest.getTime() + VERIFICATION_LOCK.windowMs - input.now.getTime() };
  }

  const number = normaliseIdNumber(input.idType, input.idNumber);
  const owners = number.ok
    ? await trx
        .selectFrom('owners')
        .select(['id', 'estate_id'])
        .where('id_key', '=', Buffer.from(identityKey(input.hmacKey, input.idType, number.value), 'hex'))
        .where('name', '=', normaliseName(input.name))
        .execute()
    : [];
  const record = (succeeded: boolean) =>
    trx.insertInto('verification_attempts').values({ account_id: input.accountId, succeeded, at: input.now }).execute();
  if (owners.length === 0) {
    await record(false);
    return { ok: false, reason: 'no_match' };
  }

  // Check every match before binding any, so a refusal never leaves half the owners bound.
  const live = await trx
    .selectFrom('owner_bindings')
    .select(['owner_id', 'account_id'])
    .where('owner_id', 'in', owners.map((o) => o.id))
    .where('revoked_at', 'is', null)
    .execute();
  if (live.some((b) => b.account_id !== input.accountId)) return { ok: false, reason: 'bound_elsewhere' };
  const alreadyMine = new Set(live.map((b) => b.owner_id));
  for (const owner of owners.filter((o) => !alreadyMine.has(o.id))) {
    const inserted = await trx
      .insertInto('owner_bindings')
      .values({ account_id: input.accountId, owner_id: owner.id, method: 'self' })
      .onConflict((oc) => oc.column('owner_id').where('revoked_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    // Another account bound this owner a moment ago: give up the whole attempt.
    if (!inserted) throw new ProblemError('conflict', 'This owner was just verified on another account');
    await appendAudit(trx, {
      chain: estateChain(owner.estate_id),
      actor: `account:${input.accountId}`,
      action: 'owner.verified',
      subject: `owner:${owner.id}`,
      data: { accountId: input.accountId, method: 'self' },
    }, input.now);
  }
  const bound: BoundOwner[] = owners.map((o) => ({ ownerId: o.id, estateId: o.estate_id }));
  await record(true);
  return { ok: true, owners: bound };
}

/**
 * Staff or committee saw the owner's document in person and bind the owner to
 * the account of the given phone. A previous binding of that owner to another
 * account is revoked: the person in front of the desk is the owner.
 */
export async function verifyInPerson(
  trx: Kysely<DB>,
  input: {
    estateId: string;
    ownerId: string;
    phone: string;
    documentType: IdDocType;
    documentNote: string | null;
    verifiedBy: string;
    now: Date;
  },
): Promise<{ accountId: string; replaced: string | null }> {
  const owner = await trx
    .selectFrom('owners')
    .select('id')
    .where('id', '=', input.ownerId)
    .where('estate_id', '=', input.estateId)
    .executeTakeFirst();
  if (!owner) throw new ProblemError('not-found', 'No such owner in this estate');
  const account = await accountForPhone(trx, input.phone);
  const previous = await trx
    .updateTable('owner_bindings')
    .set({ revoked_at: input.now })
    .where('owner_id', '=', owner.id)
    .where('revoked_at', 'is', null)
    .returning('account_id')
    .executeTakeFirst();
  const binding = await trx
    .insertInto('owner_bindings')
    .values({
      account_id: account.id,
      owner_id: owner.id,
      method: 'in_person',
      verified_by: input.verifiedBy,
      document_type: input.documentType,
      document_note: input.documentNote,
    })
    .onConflict((oc) => oc.column('owner_id').where('revoked_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!binding) throw new ProblemError('conflict', 'This owner is being verified by someone else at this moment; try again');
  const replaced = previous && previous.account_id !== account.id ? previous.account_id : null;
  await appendAudit(trx, {
    chain: estateChain(input.estateId),
    actor: `account:${input.verifiedBy}`,
    action: 'owner.verified',
    subject: `owner:${owner.id}`,
    data: { accountId: account.id, method: 'in_person', documentType: input.documentType, replacedAccountId: replaced },
  }, input.now);
  return { accountId: account.id, replaced };
}
