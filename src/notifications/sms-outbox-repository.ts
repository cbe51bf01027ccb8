import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The copy of a text sent (sms.ts): the caller hands the storable form only, a login code already blanked. */
export async function insertSmsCopy(db: Kysely<DB>, copy: { phone: string; purpose: 'login_code' | 'notice'; body: string; sender: string }): Promise<void> {
  await db.insertInto('sms_outbox').values(copy).execute();
}
