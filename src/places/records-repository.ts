import type { Kysely, Selectable } from 'kysely';
import type { DB, Meeting, PetitionTable } from '../db/schema.ts';

/**
 * Records by id, each naming the estate it belongs to: what requireAccess
 * (src/identity/access.ts) reads before it authorizes. Meetings and petitions
 * are voting's aggregates, but the access check sits below voting/ (voting
 * imports identity/), so their plain lookup by id lives here, with the other
 * places. A record's estate never changes.
 */

export async function findMeeting(db: Kysely<DB>, meetingId: string): Promise<Meeting | undefined> {
  return db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();
}

export type Petition = Selectable<PetitionTable>;

export async function findPetition(db: Kysely<DB>, petitionId: string): Promise<Petition | undefined> {
  return db.selectFrom('petitions').selectAll().where('id', '=', petitionId).executeTakeFirst();
}
