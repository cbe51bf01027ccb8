import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The seals made at close, one per motion (result_seals): the rows. The logic is in seal.ts. */

export async function insertSeals(trx: Transaction<DB>, rows: Insertable<DB['result_seals']>[]): Promise<void> {
  await trx.insertInto('result_seals').values(rows).execute();
}

export async function sealRows(db: Kysely<DB>, meetingId: string) {
  return db.selectFrom('result_seals').selectAll().where('meeting_id', '=', meetingId).execute();
}
