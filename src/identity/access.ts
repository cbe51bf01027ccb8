import type { Kysely } from 'kysely';
import type { DB, Estate, Meeting } from '../db/schema.ts';
import { requireEstate } from '../places/estates-repository.ts';
import { findMeeting, findPetition, type Petition } from '../places/records-repository.ts';
import { findTownship, type TownshipView } from '../places/townships.ts';
import { ProblemError } from '../problems.ts';
import { type Action, authorize, may, type Target } from './permissions.ts';
import type { Principal } from './principal.ts';

/**
 * The one "load the record, then authorize" of the API. A route (or a job
 * acting for someone) names who asks, what they want to do and the record it
 * is about; requireAccess loads the record, finds its estate and township,
 * asks the permission rules (permissions.ts) and answers what it loaded, so
 * the service it hands over to need not load it again.
 *
 *   const { meeting, estate } = await requireAccess(db, { principal: request.user, action: 'meeting.read', meeting: id });
 *   const { estate } = await requireAccess(db, { principal: request.user, action: 'registry.import', estate: id });
 *   const { township } = await requireAccess(db, { principal: request.user, action: 'township.read', township: id });
 *   await requireAccess(db, { principal: request.user, action: 'api_client.manage' });   // an action about no record
 *
 * Answers, as the routes always have:
 * - no such record: 404 `not-found` ("No such meeting", "No such estate", …);
 * - a record of an estate or township the asker may not even read: 404
 *   `not-found`, its existence kept hidden (authorize);
 * - one they may read but not act on: 403 `forbidden`.
 * A township is authorized by its id first, then looked up: whoever may not
 * see it learns nothing, whoever may learns whether it exists.
 *
 * `place` authorizes on an estate or township already known without loading
 * anything (a township's list, where an unknown id is simply empty; the
 * ballot route, whose meeting's place comes from a cache). `orIf` is a
 * ground of access the roles cannot know — a proxy holder need own nothing in
 * the estate — asked only when the roles refuse.
 */
export type AccessRequest = {
  principal: Principal;
  action: Action;
  orIf?: () => Promise<boolean>;
} & (
  | { township: string }
  | { estate: string }
  | { meeting: string }
  | { petition: string }
  | { place: Target }
  | { [K in 'township' | 'estate' | 'meeting' | 'petition' | 'place']?: never }
);

export type Access<R> = R extends { township: string }
  ? { township: TownshipView }
  : R extends { estate: string }
    ? { estate: Estate }
    : R extends { meeting: string }
      ? { meeting: Meeting; estate: Estate }
      : R extends { petition: string }
        ? { petition: Petition; estate: Estate }
        : Record<string, never>;

const placeOf = (estate: Estate): Target => ({ estateId: estate.id, townshipId: estate.township_id });

export async function requireAccess<R extends AccessRequest>(db: Kysely<DB>, request: R): Promise<Access<R>> {
  const allow = async (target: Target, hidden?: string) => {
    if (request.orIf === undefined) return authorize(request.principal, request.action, target);
    if (may(request.principal, request.action, target) || (await request.orIf())) return;
    try {
      authorize(request.principal, request.action, target);
    } catch (refusal) {
      // Refused on both grounds: a record the asker may not read is not there, as when it does not exist.
      const hide = refusal instanceof ProblemError && refusal.slug === 'not-found' && hidden !== undefined;
      throw hide ? new ProblemError('not-found', hidden) : refusal;
    }
  };
  if ('township' in request && request.township !== undefined) {
    await allow({ townshipId: request.township });
    const township = await findTownship(db, request.township);
    if (!township) throw new ProblemError('not-found', 'No such township');
    return { township } as Access<R>;
  }
  if ('estate' in request && request.estate !== undefined) {
    const estate = await requireEstate(db, request.estate);
    await allow(placeOf(estate));
    return { estate } as Access<R>;
  }
  /** A record found (or not) by its id, with its estate, once the asker may act there. */
  const inEstate = async <T extends { estate_id: string }>(record: T | undefined, missing: string) => {
    if (!record) throw new ProblemError('not-found', missing);
    const estate = await requireEstate(db, record.estate_id);
    await allow(placeOf(estate), missing);
    return { record, estate };
  };
  if ('meeting' in request && request.meeting !== undefined) {
    const { record: meeting, estate } = await inEstate(await findMeeting(db, request.meeting), 'No such meeting');
    return { meeting, estate } as Access<R>;
  }
  if ('petition' in request && request.petition !== undefined) {
    const { record: petition, estate } = await inEstate(await findPetition(db, request.petition), 'No such petition');
    return { petition, estate } as Access<R>;
  }
  await allow('place' in request && request.place !== undefined ? request.place : {});
  return {} as Access<R>;
}
