import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { accountIdOfPhone, insertAccountIfNew, selectPhoneOfAccount, setLastLogin } from './accounts-repository.ts';

/** Mainland mobile numbers, normalised: spaces, dashes and a +86 prefix removed. */
export const MOBILE = /^1[3-9]\d{9}$/;

export function normalisePhone(raw: string): string {
  return raw.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

/** The account of a phone number, created on first sight. */
export async function accountForPhone(trx: Kysely<DB>, phone: string): Promise<{ id: string; created: boolean }> {
  // Insert first, then read: two first logins of one phone at once make one account.
  const inserted = await insertAccountIfNew(trx, phone);
  if (inserted) return { id: inserted, created: true };
  return { id: await accountIdOfPhone(trx, phone), created: false };
}

/** When the account last logged in. */
export async function recordLogin(trx: Kysely<DB>, accountId: string, now: Date): Promise<void> {
  await setLastLogin(trx, accountId, now);
}

/** The account's phone number, or undefined when the account no longer exists. */
export async function phoneOfAccount(db: Kysely<DB>, accountId: string): Promise<string | undefined> {
  return selectPhoneOfAccount(db, accountId);
}
