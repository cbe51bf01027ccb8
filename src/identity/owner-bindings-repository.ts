import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { AssuranceLevel, DB, OwnerBindingTable } from '../db/schema.ts';

/** Bindings of accounts to registry owners (owner_bindings): the rows, over the caller's connection or transaction. */

/** The owners the account is bound to now, with their estate's name, by estate name. */
export async function liveBoundOwnersOf(db: Kysely<DB>, accountId: string) {
  return db
    .selectFrom('owner_bindings')
    .innerJoin('owners', 'owners.id', 'owner_bindings.owner_id')
    .innerJoin('estates', 'estates.id', 'owners.estate_id')
    .select(['owners.id as ownerId', 'owners.estate_id as estateId', 'estates.name as estateName', 'estates.settings as estateSettings', 'owners.name', 'owner_bindings.level'])
    .where('owner_bindings.account_id', '=', accountId)
    .where('owner_bindings.revoked_at', 'is', null)
    .orderBy('estates.name')
    .execute();
}

/** The live bindings of these owners, to whichever account, and how strongly each was established. */
export async function liveBindingsOfOwners(
  trx: Transaction<DB>,
  ownerIds: string[],
): Promise<{ id: string; owner_id: string; account_id: string; level: AssuranceLevel; factor: 'phone' | 'property_certificate' | null }[]> {
  if (ownerIds.length === 0) return [];
  return trx
    .selectFrom('owner_bindings')
    .select(['id', 'owner_id', 'account_id', 'level', 'factor'])
    .where('owner_id', 'in', ownerIds)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Inserts a live binding; undefined when the owner already has one (another
 * account bound it a moment ago): the partial unique index on live bindings decides.
 */
export async function insertLiveBinding(trx: Transaction<DB>, row: Insertable<OwnerBindingTable>): Promise<{ id: string } | undefined> {
  return trx
    .insertInto('owner_bindings')
    .values(row)
    .onConflict((oc) => oc.column('owner_id').where('revoked_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Raises a live binding's level (and records how), the same account keeping it. */
export async function raiseBinding(
  trx: Transaction<DB>,
  bindingId: string,
  change: Pick<Updateable<OwnerBindingTable>, 'level' | 'method' | 'factor' | 'face_provider' | 'face_reference'>,
): Promise<void> {
  await trx.updateTable('owner_bindings').set(change).where('id', '=', bindingId).where('revoked_at', 'is', null).execute();
}

/** Revokes the owner's live binding, if any, and says to which account it was. */
export async function revokeLiveBinding(trx: Transaction<DB>, ownerId: string, now: Date): Promise<{ account_id: string } | undefined> {
  return trx
    .updateTable('owner_bindings')
    .set({ revoked_at: now })
    .where('owner_id', '=', ownerId)
    .where('revoked_at', 'is', null)
    .returning('account_id')
    .executeTakeFirst();
}

/** Revokes this account's live binding to the owner; undefined when it has none. */
export async function revokeBindingOfAccount(
  trx: Transaction<DB>,
  accountId: string,
  ownerId: string,
  now: Date,
): Promise<{ id: string; level: AssuranceLevel; estate_id: string } | undefined> {
  return trx
    .updateTable('owner_bindings')
    .set({ revoked_at: now })
    .from('owners')
    .whereRef('owners.id', '=', 'owner_bindings.owner_id')
    .where('owner_bindings.account_id', '=', accountId)
    .where('owner_bindings.owner_id', '=', ownerId)
    .where('owner_bindings.revoked_at', 'is', null)
    .returning(['owner_bindings.id', 'owner_bindings.level', 'owners.estate_id'])
    .executeTakeFirst();
}

/**
 * Every binding, live or ended, of the owners this account is bound to now:
 * the phones each owner was bound to, since when, at which level.
 */
export async function bindingsOfMyOwners(db: Kysely<DB>, accountId: string) {
  return db
    .selectFrom('owner_bindings as b')
    .innerJoin('accounts as a', 'a.id', 'b.account_id')
    .innerJoin('owners as o', 'o.id', 'b.owner_id')
    .innerJoin('estates as e', 'e.id', 'o.estate_id')
    .select([
      'b.id',
      'b.owner_id',
      'o.name as owner_name',
      'o.estate_id',
      'e.name as estate_name',
      'a.id as account_id',
      'a.phone',
      'b.method',
      'b.level',
      'b.factor',
      'b.created_at',
      'b.revoked_at',
    ])
    .where('b.owner_id', 'in', (eb) =>
      eb.selectFrom('owner_bindings as mine').select('mine.owner_id').where('mine.account_id', '=', accountId).where('mine.revoked_at', 'is', null),
    )
    .orderBy('e.name')
    .orderBy('o.name')
    .orderBy('b.created_at', 'desc')
    .execute();
}
