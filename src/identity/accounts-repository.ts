import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Accounts by phone (accounts.ts): the SQL, on the caller's connection or transaction. */

/** The new account's id, or undefined when the phone already has one. */
export async function insertAccountIfNew(trx: Kysely<DB>, phone: string): Promise<string | undefined> {
  const inserted = await trx.insertInto('accounts').values({ phone }).onConflict((oc) => oc.column('phone').doNothing()).returning('id').executeTakeFirst();
  return inserted?.id;
}

export async function accountIdOfPhone(trx: Kysely<DB>, phone: string): Promise<string> {
  const existing = await trx.selectFrom('accounts').select('id').where('phone', '=', phone).executeTakeFirstOrThrow();
  return existing.id;
}

export async function setLastLogin(trx: Kysely<DB>, accountId: string, now: Date): Promise<void> {
  await trx.updateTable('accounts').set({ last_login_at: now }).where('id', '=', accountId).execute();
}

export async function selectPhoneOfAccount(db: Kysely<DB>, accountId: string): Promise<string | undefined> {
  const account = await db.selectFrom('accounts').select('phone').where('id', '=', accountId).executeTakeFirst();
  return account?.phone;
}
