import { type ExpressionBuilder, type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { DB, VerificationAttemptTable, VerificationOwnerFailureTable } from '../db/schema.ts';

/**
 * Identity verification's rows: attempts (verification_attempts), failures
 * counted per owner named (verification_owner_failures), the registry owners
 * it looks up, and the locks that count concurrent attempts one after
 * another — account row, then address, then each owner named, in that order
 * everywhere. Over the caller's transaction.
 */

/** Locks the account's row (for update), so its attempts are counted one after another; its phone (the login's). */
export async function lockAccountForVerification(trx: Transaction<DB>, accountId: string): Promise<{ phone: string }> {
  return trx.selectFrom('accounts').select('phone').where('id', '=', accountId).forUpdate().executeTakeFirstOrThrow();
}

export async function lockVerificationAddress(trx: Transaction<DB>, ip: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`verify-ip:${ip}`}))`.execute(trx);
}

export async function lockVerificationOwner(trx: Transaction<DB>, ownerId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`verify-owner:${ownerId}`}))`.execute(trx);
}

/** When the failed attempts of one account (`account_id`) or from one address (`ip`) since then were made, oldest first. */
export async function failedAttemptsSince(trx: Transaction<DB>, by: 'account_id' | 'ip', value: string, since: Date): Promise<{ at: Date }[]> {
  return trx
    .selectFrom('verification_attempts')
    .select('at')
    .where(by, '=', value)
    .where('succeeded', '=', false)
    .where('at', '>', since)
    .orderBy('at')
    .execute();
}

export async function insertVerificationAttempt(trx: Transaction<DB>, row: Insertable<VerificationAttemptTable>): Promise<void> {
  await trx.insertInto('verification_attempts').values(row).execute();
}

/**
 * Whether owner `o` holds any of the developer's units still in the registry: such an owner is the
 * developer (a large head and area, and a party to what the owners vote on), verified only in
 * person whatever kind the registry gives it. One home for the rule, used by self- and in-person verification.
 */
function holdsDeveloperUnits(eb: ExpressionBuilder<DB & { o: DB['owners'] }, 'o'>) {
  return eb
    .exists(
      eb
        .selectFrom('unit_owners as uo')
        .innerJoin('units as u', 'u.id', 'uo.unit_id')
        .select('uo.unit_id')
        .whereRef('uo.owner_id', '=', 'o.id')
        .where('u.developer_held', '=', true)
        .where('u.removed_at', 'is', null),
    )
    .as('developer');
}

/** Registry owners of this name in any estate, and whether each holds the developer's units. */
export async function registryOwnersNamed(trx: Kysely<DB>, name: string) {
  return trx
    .selectFrom('owners as o')
    .innerJoin('estates as e', 'e.id', 'o.estate_id')
    .select(['o.id', 'o.estate_id', 'o.kind', 'o.id_key', 'o.phone', 'e.name as estate_name'])
    .select(holdsDeveloperUnits)
    .where('o.name', '=', name)
    .orderBy('o.id')
    .execute();
}

/** Those of these owners for whom the registry records this property certificate (its HMAC) on a current unit. */
export async function ownersHoldingCertificate(trx: Kysely<DB>, ownerIds: string[], certificateKey: Buffer): Promise<string[]> {
  if (ownerIds.length === 0) return [];
  const rows = await trx
    .selectFrom('unit_owners as uo')
    .innerJoin('units as u', 'u.id', 'uo.unit_id')
    .select('uo.owner_id')
    .distinct()
    .where('uo.owner_id', 'in', ownerIds)
    .where('uo.certificate_key', '=', certificateKey)
    .where('u.removed_at', 'is', null)
    .execute();
  return rows.map((r) => r.owner_id);
}

/** One owner of the estate, and whether it holds the developer's units. */
export async function ownerInEstate(trx: Transaction<DB>, ownerId: string, estateId: string) {
  return trx
    .selectFrom('owners as o')
    .innerJoin('estates as e', 'e.id', 'o.estate_id')
    .select(['o.id', 'o.kind', 'o.id_type', 'o.id_key', 'o.name', 'e.name as estate_name'])
    .select(holdsDeveloperUnits)
    .where('o.id', '=', ownerId)
    .where('o.estate_id', '=', estateId)
    .executeTakeFirst();
}

/** When each failure naming these owners since then was recorded, oldest first. */
export async function ownerFailuresSince(trx: Kysely<DB>, ownerIds: string[], since: Date): Promise<{ owner_id: string; at: Date }[]> {
  return trx
    .selectFrom('verification_owner_failures')
    .select(['owner_id', 'at'])
    .where('owner_id', 'in', ownerIds)
    .where('at', '>', since)
    .orderBy('at')
    .execute();
}

export async function insertOwnerFailures(trx: Transaction<DB>, rows: Insertable<VerificationOwnerFailureTable>[]): Promise<void> {
  await trx.insertInto('verification_owner_failures').values(rows).execute();
}

/** Per owner: failures naming it since then, and from how many accounts and addresses. */
export async function ownerFailureCounts(trx: Transaction<DB>, ownerIds: string[], since: Date) {
  return trx
    .selectFrom('verification_owner_failures')
    .select((eb) => [
      'owner_id',
      eb.fn.countAll<string>().as('failures'),
      eb.fn.count<string>('account_id').distinct().as('accounts'),
      eb.fn.count<string>('ip').distinct().as('addresses'),
    ])
    .where('owner_id', 'in', ownerIds)
    .where('at', '>', since)
    .groupBy('owner_id')
    .execute();
}
