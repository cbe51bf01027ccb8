import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Mainland mobile numbers, normalised: spaces, dashes and a +86 prefix removed. */
export const MOBILE = /^1[3-9]\d{9}$/;

export function normalisePhone(raw: string): string {
  return raw.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

/** The account of a phone number, created on first sight. */
export async function accountForPhone(trx: Kysely<DB>, phone: string): Promise<{ id: string; created: boolean }> {
  const inserted = await trx
    .insertInto('accounts')
    .values({ phone })
    .onConflict((oc) => oc.column('phone').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await trx.selectFrom('accounts').select('id').where('phone', '=', phone).executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/** When the account last logged in. */
export async function recordLogin(trx: Kysely<DB>, accountId: string, now: Date): Promise<void> {
  await trx.updateTable('accounts').set({ last_login_at: now }).where('id', '=', accountId).execute();
}

/** The account's phone number, or undefined when the account no longer exists. */
export async function phoneOfAccount(db: Kysely<DB>, accountId: string): Promise<string | undefined> {
  const account = await db.selectFrom('accounts').select('phone').where('id', '=', accountId).executeTakeFirst();
  return account?.phone;
}
