import type { Kysely } from 'kysely';
import type { DB, Estate } from '../db/schema.ts';

/**
 * The one select of an estate's stored settings column. Only
 * estate-settings.ts calls it: the settings are parsed again on the way out
 * (estateSettingsOf), and nothing else reads them raw.
 */
export async function storedSettingsOf(db: Kysely<DB>, estateId: string): Promise<Pick<Estate, 'settings'>> {
  return db.selectFrom('estates').select('settings').where('id', '=', estateId).executeTakeFirstOrThrow();
}
