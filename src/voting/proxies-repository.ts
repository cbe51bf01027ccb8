import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DB, ProxyTable } from '../db/schema.ts';

/** Written proxies: the rows. The rules (who may register, the holder's limit, bound instructions) are in paper-and-proxies.ts. */

export type ProxyRow = Selectable<ProxyTable>;

/** The meeting's estate and status, for registering a proxy. */
export async function meetingForProxy(trx: Kysely<DB>, meetingId: string) {
  return trx.selectFrom('meetings').select(['id', 'estate_id', 'status']).where('id', '=', meetingId).executeTakeFirstOrThrow();
}

/** The meeting's estate, for approving a proxy. */
export async function meetingEstate(trx: Kysely<DB>, meetingId: string) {
  return trx.selectFrom('meetings').select(['estate_id']).where('id', '=', meetingId).executeTakeFirstOrThrow();
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

/** The meeting's proxy with this id held by the account, in any state, or undefined. */
export async function heldProxy(trx: Kysely<DB>, meetingId: string, proxyId: string, holderAccountId: string): Promise<ProxyRow | undefined> {
  return trx
    .selectFrom('proxies')
    .selectAll()
    .where('id', '=', proxyId)
    .where('meeting_id', '=', meetingId)
    .where('holder_account_id', '=', holderAccountId)
    .executeTakeFirst();
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
