import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { DB, OtpChallengeTable } from '../db/schema.ts';

/**
 * Login codes (otp_challenges) and the transaction locks that serialise their
 * requests: the rows, over the caller's transaction. Callers take the locks in
 * one order everywhere — phone, then address, then ceilings — so no deadlock.
 */

export async function lockLoginCodesOfPhone(trx: Transaction<DB>, phone: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`otp:${phone}`}))`.execute(trx);
}

export async function lockLoginCodesFromAddress(trx: Transaction<DB>, ip: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`otp-ip:${ip}`}))`.execute(trx);
}

export async function lockLoginCodeCeiling(trx: Transaction<DB>, ceiling: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`otp-ceiling:${ceiling}`}))`.execute(trx);
}

/**
 * The estates a phone belongs to (its account's verified owners, the registry
 * owners with this phone, its estate roles), each as a row with staff false,
 * and a row with estate null and staff true for each admin or township-staff role.
 */
export async function estatesAndStaffRolesOfPhone(trx: Kysely<DB>, phone: string): Promise<{ estate_id: string | null; staff: boolean }[]> {
  const rows = await sql<{ estate_id: string | null; staff: boolean }>`
    select e.estate_id, false as staff from (
      select o.estate_id from accounts a
        join owner_bindings b on b.account_id = a.id and b.revoked_at is null
        join owners o on o.id = b.owner_id
       where a.phone = ${phone}
      union
      select o.estate_id from owners o where o.phone = ${phone}
      union
      select r.estate_id from accounts a
        join role_assignments r on r.account_id = a.id and r.revoked_at is null
       where a.phone = ${phone} and r.estate_id is not null
    ) e
    union all
    select null, true from accounts a
      join role_assignments r on r.account_id = a.id and r.revoked_at is null
     where a.phone = ${phone} and r.role in ('admin', 'township_staff')
     order by 1`.execute(trx);
  return rows.rows;
}

/** How many codes were charged to a ceiling (`ceiling`) or requested from an address (`ip`) since then, and when the oldest of them was. */
export async function codesCountedSince(trx: Transaction<DB>, by: 'ceiling' | 'ip', value: string, since: Date) {
  return trx
    .selectFrom('otp_challenges')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where(by, '=', value)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
}

/** When each code to the phone since then was created, newest first. */
export async function codesToPhoneSince(trx: Transaction<DB>, phone: string, since: Date): Promise<{ created_at: Date }[]> {
  return trx
    .selectFrom('otp_challenges')
    .select('created_at')
    .where('phone', '=', phone)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertLoginCode(trx: Transaction<DB>, row: Insertable<OtpChallengeTable>): Promise<void> {
  await trx.insertInto('otp_challenges').values(row).execute();
}

/** The phone's latest unconsumed code, locked for update. */
export async function lockLatestOpenCode(trx: Transaction<DB>, phone: string) {
  return trx
    .selectFrom('otp_challenges')
    .select(['id', 'code_hash', 'expires_at', 'attempts'])
    .where('phone', '=', phone)
    .where('consumed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function markCodeConsumed(trx: Transaction<DB>, id: string, now: Date): Promise<void> {
  await trx.updateTable('otp_challenges').set({ consumed_at: now }).where('id', '=', id).execute();
}

export async function setCodeAttempts(trx: Transaction<DB>, id: string, attempts: number): Promise<void> {
  await trx.updateTable('otp_challenges').set({ attempts }).where('id', '=', id).execute();
}
