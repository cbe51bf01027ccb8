import type { Kysely } from 'kysely';
import type { AssuranceLevel, DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { settingsOfEstate } from '../places/estate-settings.ts';
import { LEVEL_TITLES, reaches } from './assurance.ts';
import { phoneOfAccount } from './accounts.ts';
import { grantsForAccount } from './grants.ts';
import { liveBoundOwnersOf } from './owner-bindings-repository.ts';
import type { Grant } from './principal.ts';

/** The signed-in person as they see themselves: their phone, what they may do, which registry owners they are. */

export interface VerifiedOwner {
  ownerId: string;
  estateId: string;
  estateName: string;
  name: string;
  /** How strongly the binding was established (README "Identity assurance"). */
  level: AssuranceLevel;
  /** The level in the owner's words (LEVEL_TITLES). */
  levelWords: { zh: string; en: string };
  /** Whether the level reaches the estate's minimumAssurance now: what meetings opened from now on accept online. */
  votesOnline: boolean;
}

/** The registry owners the account is bound to now, by estate name. */
export async function verifiedOwnersOf(db: Kysely<DB>, accountId: string): Promise<VerifiedOwner[]> {
  return (await liveBoundOwnersOf(db, accountId)).map(({ estateSettings, ...owner }) => ({
    ...owner,
    levelWords: LEVEL_TITLES[owner.level],
    votesOnline: reaches(owner.level, settingsOfEstate({ settings: estateSettings }).settings.minimumAssurance),
  }));
}

/** What the account may do now and which owners it is: read again after a verification, for the fresh token. */
export async function accessOf(db: Kysely<DB>, accountId: string): Promise<{ grants: Grant[]; verifiedOwners: VerifiedOwner[] }> {
  const grants = await grantsForAccount(db, accountId);
  return { grants, verifiedOwners: await verifiedOwnersOf(db, accountId) };
}

/** The account, its grants and its owners; 401 when the account no longer exists. */
export async function accountOverview(db: Kysely<DB>, accountId: string) {
  const phone = await phoneOfAccount(db, accountId);
  if (phone === undefined) throw new ProblemError('unauthenticated', 'This account no longer exists');
  return { accountId, phone, ...(await accessOf(db, accountId)) };
}
