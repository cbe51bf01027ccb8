import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Petition } from '../places/records-repository.ts';

/** Petitions and their signatures (R3.4): the rows, over the caller's connection or transaction. */

export async function insertPetition(
  trx: Kysely<DB>,
  row: { estateId: string; purpose: Petition['purpose']; title: string; text: string; accountId: string; now: Date },
): Promise<string> {
  const { id } = await trx
    .insertInto('petitions')
    .values({ estate_id: row.estateId, purpose: row.purpose, title: row.title, text: row.text, created_by: row.accountId, created_at: row.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The petition, locked until the transaction ends: signatures are counted one signing at a time. */
export async function lockPetition(trx: Transaction<DB>, petitionId: string): Promise<Petition | undefined> {
  return trx.selectFrom('petitions').selectAll().where('id', '=', petitionId).forUpdate().executeTakeFirst();
}

/** The owners of the estate the account is verified as (bindings not revoked). */
export async function ownersBoundTo(trx: Kysely<DB>, accountId: string, estateId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('owner_bindings')
    .innerJoin('owners', 'owners.id', 'owner_bindings.owner_id')
    .select('owners.id')
    .where('owner_bindings.account_id', '=', accountId)
    .where('owner_bindings.revoked_at', 'is', null)
    .where('owners.estate_id', '=', estateId)
    .execute();
  return rows.map((o) => o.id);
}

/** Signs for each owner; an owner who signed already stays as they were. */
export async function insertSignatures(trx: Kysely<DB>, input: { petitionId: string; owners: string[]; accountId: string; now: Date }): Promise<void> {
  await trx
    .insertInto('petition_signatures')
    .values(input.owners.map((owner) => ({ petition_id: input.petitionId, owner_id: owner, account_id: input.accountId, signed_at: input.now })))
    .onConflict((oc) => oc.columns(['petition_id', 'owner_id']).doNothing())
    .execute();
}

export async function signersOf(db: Kysely<DB>, petitionId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('petition_signatures').select('owner_id').where('petition_id', '=', petitionId).execute();
  return new Set(rows.map((s) => s.owner_id));
}

/** The signers of several petitions at once, by petition. */
export async function signersOfMany(db: Kysely<DB>, petitionIds: string[]): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  if (petitionIds.length === 0) return found;
  const rows = await db.selectFrom('petition_signatures').select(['petition_id', 'owner_id']).where('petition_id', 'in', petitionIds).execute();
  for (const r of rows) found.set(r.petition_id, (found.get(r.petition_id) ?? new Set()).add(r.owner_id));
  return found;
}

/** A page of an estate's petitions, newest first, and how many there are in all. */
export async function petitionsOfEstate(db: Kysely<DB>, estateId: string, page: { limit: number; offset: number }): Promise<{ rows: Petition[]; total: number }> {
  const [rows, counted] = await Promise.all([
    db.selectFrom('petitions').selectAll().where('estate_id', '=', estateId).orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    db.selectFrom('petitions').select((eb) => eb.fn.countAll<string>().as('n')).where('estate_id', '=', estateId).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(counted.n) };
}

export async function markThresholdReached(trx: Kysely<DB>, petitionId: string, now: Date): Promise<void> {
  await trx.updateTable('petitions').set({ threshold_reached_at: now }).where('id', '=', petitionId).execute();
}
