import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, OwnerBindingTable } from '../db/schema.ts';

/** Bindings of accounts to registry owners (owner_bindings): the rows, over the caller's connection or transaction. */

/** The owners the account is bound to now, with their estate's name, by estate name. */
export async function liveBoundOwnersOf(db: Kysely<DB>, accountId: string) {
  return db
    .selectFrom('owner_bindings')
    .innerJoin('owners', 'owners.id', 'owner_bindings.owner_id')
    .innerJoin('estates', 'estates.id', 'owners.estate_id')
    .select(['owners.id as ownerId', 'owners.estate_id as estateId', 'estates.name as estateName', 'owners.name'])
    .where('owner_bindings.account_id', '=', accountId)
    .where('owner_bindings.revoked_at', 'is', null)
    .orderBy('estates.name')
    .execute();
}

/** The live bindings of these owners, to whichever account. */
export async function liveBindingsOfOwners(trx: Transaction<DB>, ownerIds: string[]): Promise<{ owner_id: string; account_id: string }[]> {
  return trx
    .selectFrom('owner_bindings')
    .select(['owner_id', 'account_id'])
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
