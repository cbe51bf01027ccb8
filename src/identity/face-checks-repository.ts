import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, FaceCheckTable } from '../db/schema.ts';

/** Face checks started by accounts (face_checks): the rows, over the caller's connection or transaction. */

export async function insertFaceCheck(db: Kysely<DB>, row: Insertable<FaceCheckTable>): Promise<void> {
  await db.insertInto('face_checks').values(row).execute();
}

/** The account's face check, locked until the transaction ends (one completion at a time). */
export async function lockFaceCheck(trx: Transaction<DB>, accountId: string, checkId: string) {
  return trx
    .selectFrom('face_checks')
    .selectAll()
    .where('id', '=', checkId)
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
}

export async function completeFaceCheck(trx: Transaction<DB>, checkId: string, now: Date): Promise<void> {
  await trx.updateTable('face_checks').set({ completed_at: now }).where('id', '=', checkId).execute();
}

/** How many face checks the account started since then (each costs the estate a provider's fee). */
export async function faceChecksSince(db: Kysely<DB>, accountId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('face_checks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
