import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DB, ProxyTable } from '../db/schema.ts';

/** Written proxies: the rows. The rules (who may register, the holder's limit, bound instructions) are in paper-and-proxies.ts. */

export type ProxyRow = Selectable<ProxyTable>;

/** The meeting's estate and status, for registering a proxy. */
export async function meetingForProxy(trx: Kysely<DB>, meetingId: string) {
  return trx.selectFrom('meetings').select(['id', 'estate_id', 'status']).where('id', '=', meetingId).executeTakeFirstOrThrow();
}

/** The owner, if they are one of the estate's. */
export async function ownerOfEstate(trx: Kysely<DB>, ownerId: string, estateId: string) {
  return trx.selectFrom('owners').select('id').where('id', '=', ownerId).where('estate_id', '=', estateId).executeTakeFirst();
}

/** A new pending proxy; undefined when the grantor already has a pending or approved one for the meeting. */
export async function insertPendingProxy(
  trx: Kysely<DB>,
  proxy: {
    meetingId: string;
    grantorOwnerId: string;
    holderAccountId: string;
    /** As stored: JSON text, or null for an unbound proxy. */
    instructions: string | null;
    document: { url: string; sha256: string };
    registeredBy: string;
    registeredAt: Date;
  },
): Promise<ProxyRow | undefined> {
  return trx
    .insertInto('proxies')
    .values({
      meeting_id: proxy.meetingId,
      grantor_owner_id: proxy.grantorOwnerId,
      holder_account_id: proxy.holderAccountId,
      instructions: proxy.instructions,
      document_url: proxy.document.url,
      document_sha256: proxy.document.sha256,
      status: 'pending',
      registered_by: proxy.registeredBy,
      registered_at: proxy.registeredAt,
    })
    .onConflict((oc) => oc.columns(['meeting_id', 'grantor_owner_id']).where('status', 'in', ['pending', 'approved']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The meeting's proxy, locked `for update` until the transaction ends, or undefined. */
export async function lockProxy(trx: Transaction<DB>, meetingId: string, proxyId: string): Promise<ProxyRow | undefined> {
  return trx.selectFrom('proxies').selectAll().where('id', '=', proxyId).where('meeting_id', '=', meetingId).forUpdate().executeTakeFirst();
}

/** Serialises approvals for one holder in a meeting, until the transaction ends. */
export async function lockHolderApprovals(trx: Transaction<DB>, meetingId: string, holderAccountId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`proxy:${meetingId}:${holderAccountId}`}, 0))`.execute(trx);
}

/** How many approved proxies the holder carries in the meeting. */
export async function approvedProxiesOfHolder(trx: Kysely<DB>, meetingId: string, holderAccountId: string): Promise<number> {
  const { n } = await trx
    .selectFrom('proxies')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('meeting_id', '=', meetingId)
    .where('holder_account_id', '=', holderAccountId)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function storeProxyApproval(trx: Kysely<DB>, proxyId: string, decidedBy: string, decidedAt: Date): Promise<ProxyRow> {
  return trx
    .updateTable('proxies')
    .set({ status: 'approved', decided_by: decidedBy, decided_at: decidedAt })
    .where('id', '=', proxyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The meeting's proxy with this id held by the account, in any state, or undefined; locked
 * `for share` until the transaction ends, so a rejection or revocation (`for update`) waits
 * for a proxy ballot in flight and sees it, and a ballot after the revocation sees it revoked.
 */
export async function heldProxy(trx: Transaction<DB>, meetingId: string, proxyId: string, holderAccountId: string): Promise<ProxyRow | undefined> {
  return trx
    .selectFrom('proxies')
    .selectAll()
    .where('id', '=', proxyId)
    .where('meeting_id', '=', meetingId)
    .where('holder_account_id', '=', holderAccountId)
    .forShare()
    .executeTakeFirst();
}

/** The proxy with this id whose grantor the account is bound to now (a live binding), locked `for update`, or undefined. */
export async function lockGrantedProxy(trx: Transaction<DB>, proxyId: string, accountId: string) {
  return trx
    .selectFrom('proxies')
    .innerJoin('owner_bindings', (j) => j.onRef('owner_bindings.owner_id', '=', 'proxies.grantor_owner_id').on('owner_bindings.account_id', '=', accountId).on('owner_bindings.revoked_at', 'is', null))
    .selectAll('proxies')
    .select('owner_bindings.level as grantor_level')
    .where('proxies.id', '=', proxyId)
    .forUpdate('proxies')
    .executeTakeFirst();
}

/** The meeting of a proxy: its estate, status and the minimum assurance frozen at opening (null before). */
export async function meetingOfProxy(trx: Kysely<DB>, meetingId: string) {
  return trx.selectFrom('meetings').select(['id', 'estate_id', 'status', 'min_assurance']).where('id', '=', meetingId).executeTakeFirstOrThrow();
}

/** How many ballots were cast under the proxy, of any version, standing or replaced. */
export async function ballotsUnderProxy(trx: Kysely<DB>, proxyId: string): Promise<number> {
  const { n } = await trx
    .selectFrom('ballots')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('proxy_id', '=', proxyId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Per proxy: the ballots cast under it (every version) and how many of them stand now. */
export async function proxyBallotCounts(db: Kysely<DB>, proxyIds: readonly string[]): Promise<Map<string, { cast: number; standing: number }>> {
  if (proxyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('ballots')
    .leftJoin('current_ballots', 'current_ballots.ballot_id', 'ballots.id')
    .select((eb) => ['ballots.proxy_id', eb.fn.countAll<string>().as('cast'), eb.fn.count<string>('current_ballots.ballot_id').as('standing')])
    .where('ballots.proxy_id', 'in', [...proxyIds])
    .groupBy('ballots.proxy_id')
    .execute();
  return new Map(rows.map((r) => [r.proxy_id!, { cast: Number(r.cast), standing: Number(r.standing) }]));
}

/** Per proxy, the motions on which a ballot cast under it is the voter's standing ballot, with that ballot. */
export async function standingProxyBallots(db: Kysely<DB>, proxyIds: readonly string[]) {
  if (proxyIds.length === 0) return [];
  return db
    .selectFrom('ballots')
    .innerJoin('current_ballots', 'current_ballots.ballot_id', 'ballots.id')
    .select(['ballots.proxy_id', 'ballots.id', 'ballots.motion_id', 'ballots.voter_id', 'ballots.choice', 'ballots.spoiled', 'ballots.version', 'ballots.cast_at'])
    .where('ballots.proxy_id', 'in', [...proxyIds])
    .execute();
}

/** The end of a proxy: rejected by an organiser, or revoked by its grantor or an organiser recording a written revocation. */
export interface EndingToStore {
  status: 'rejected' | 'revoked';
  endedBy: string;
  endedAt: Date;
  reason: string | null;
  revokedByOwner: string | null;
  document: { url: string; sha256: string } | null;
}

export async function storeProxyEnding(trx: Kysely<DB>, proxyId: string, ending: EndingToStore): Promise<ProxyRow> {
  return trx
    .updateTable('proxies')
    .set({
      status: ending.status,
      ended_by: ending.endedBy,
      ended_at: ending.endedAt,
      end_reason: ending.reason,
      revoked_by_owner: ending.revokedByOwner,
      revocation_document_url: ending.document?.url ?? null,
      revocation_document_sha256: ending.document?.sha256 ?? null,
    })
    .where('id', '=', proxyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Proxies with the meeting they are for, its estate and the grantor: what the holder's and the grantor's lists and the ending's message name. */
const withMeetingAndGrantor = (db: Kysely<DB>) =>
  db
    .selectFrom('proxies')
    .innerJoin('meetings', 'meetings.id', 'proxies.meeting_id')
    .innerJoin('estates', 'estates.id', 'meetings.estate_id')
    .innerJoin('owners', 'owners.id', 'proxies.grantor_owner_id');

/** Who and what an ended proxy's message names: the estate, the meeting's title and the grantor. */
export async function proxyEndingParties(trx: Kysely<DB>, proxyId: string) {
  return withMeetingAndGrantor(trx)
    .select(['proxies.meeting_id', 'meetings.estate_id', 'estates.name as estate_name', 'meetings.title as meeting_title', 'owners.name as grantor_name', 'owners.kind as grantor_kind'])
    .where('proxies.id', '=', proxyId)
    .executeTakeFirstOrThrow();
}

/** A meeting's rejected and revoked proxies, in the order they ended, with the grantor's name and the holder's phone (to mask). */
export async function endedProxiesOfMeeting(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('proxies')
    .innerJoin('owners', 'owners.id', 'proxies.grantor_owner_id')
    .innerJoin('accounts', 'accounts.id', 'proxies.holder_account_id')
    .select([
      'proxies.id',
      'proxies.status',
      'proxies.ended_at',
      'proxies.end_reason',
      'proxies.revoked_by_owner',
      'proxies.revocation_document_sha256',
      'owners.name as grantor_name',
      'owners.kind as grantor_kind',
      'accounts.phone as holder_phone',
    ])
    .where('proxies.meeting_id', '=', meetingId)
    .where('proxies.status', 'in', ['rejected', 'revoked'])
    .orderBy('proxies.ended_at')
    .orderBy('proxies.id')
    .execute();
}

/** Proxies the account holds, of every meeting, newest first, with the meeting and estate they are for. */
export async function proxiesHeldBy(db: Kysely<DB>, holderAccountId: string) {
  return withMeetingAndGrantor(db)
    .selectAll('proxies')
    .select([
      'meetings.title as meeting_title',
      'meetings.status as meeting_status',
      'meetings.voting_opens_at',
      'meetings.voting_closes_at',
      'meetings.estate_id',
      'estates.name as estate_name',
      'estates.time_zone',
      'owners.name as grantor_name',
      'owners.kind as grantor_kind',
    ])
    .where('proxies.holder_account_id', '=', holderAccountId)
    .orderBy('proxies.registered_at', 'desc')
    .execute();
}

/** Proxies given by the owners the account is bound to now, of every meeting, newest first, with the holder's phone. */
export async function proxiesGrantedTo(db: Kysely<DB>, accountId: string) {
  return withMeetingAndGrantor(db)
    .innerJoin('owner_bindings', (j) => j.onRef('owner_bindings.owner_id', '=', 'proxies.grantor_owner_id').on('owner_bindings.account_id', '=', accountId).on('owner_bindings.revoked_at', 'is', null))
    .innerJoin('accounts', 'accounts.id', 'proxies.holder_account_id')
    .selectAll('proxies')
    .select([
      'meetings.title as meeting_title',
      'meetings.status as meeting_status',
      'meetings.voting_opens_at',
      'meetings.voting_closes_at',
      'meetings.min_assurance',
      'meetings.estate_id',
      'estates.name as estate_name',
      'estates.time_zone',
      'owners.name as grantor_name',
      'owners.kind as grantor_kind',
      'owner_bindings.level as grantor_level',
      'accounts.phone as holder_phone',
    ])
    .orderBy('proxies.registered_at', 'desc')
    .execute();
}

/** Whether the account holds a proxy for the meeting, in any state. */
export async function anyProxyHeld(db: Kysely<DB>, meetingId: string, holderAccountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('proxies')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('holder_account_id', '=', holderAccountId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The meeting's proxies in the order they were registered; only the holder's when one is named. */
export async function proxiesOf(db: Kysely<DB>, meetingId: string, holderAccountId?: string): Promise<ProxyRow[]> {
  let query = db.selectFrom('proxies').selectAll().where('meeting_id', '=', meetingId).orderBy('registered_at');
  if (holderAccountId) query = query.where('holder_account_id', '=', holderAccountId);
  return query.execute();
}

/** The motions of these meetings in their order: what a holder votes on. */
export async function motionsOfMeetings(db: Kysely<DB>, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return db.selectFrom('motions').select(['id', 'meeting_id', 'title']).where('meeting_id', 'in', [...meetingIds]).orderBy('meeting_id').orderBy('position').execute();
}

/** The standing ballot of each of these voters, by motion: which proxy (if any) it was cast under — never its choice. */
export async function standingBallotsOf(db: Kysely<DB>, voterIds: readonly string[]) {
  if (voterIds.length === 0) return [];
  return db
    .selectFrom('current_ballots')
    .innerJoin('ballots', 'ballots.id', 'current_ballots.ballot_id')
    .select(['current_ballots.motion_id', 'current_ballots.voter_id', 'ballots.proxy_id', 'ballots.channel'])
    .where('current_ballots.voter_id', 'in', [...new Set(voterIds)])
    .execute();
}
