import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The in-app inbox: the messages a person may read — those to the owners
 * their account is bound to (live bindings), those to their account itself
 * (recipient 'phone' with an estate: e.g. a proxy's holder told the proxy
 * ended; a login code has no estate and is never shown), and those to the
 * bodies their roles make them part of (the committee of their estates, their
 * township, the admins) — read straight from `notifications`.
 */

export interface Reader {
  accountId: string;
  committeeOf: readonly string[];
  staffOf: readonly string[];
  admin: boolean;
}

const uuids = (ids: readonly string[]) => sql`${sql.val([...ids])}::uuid[]`;

/** The condition "message n is this reader's to read". */
const mine = (r: Reader) => sql<boolean>`(
  (n.recipient = 'owner' and n.owner_id in (select b.owner_id from owner_bindings b where b.account_id = ${r.accountId} and b.revoked_at is null))
  or (n.recipient = 'phone' and n.estate_id is not null and n.phone = (select a.phone from accounts a where a.id = ${r.accountId}))
  or (n.recipient = 'committee' and n.estate_id = any(${uuids(r.committeeOf)}))
  or (n.recipient = 'township' and n.estate_id in (select e.id from estates e where e.township_id = any(${uuids(r.staffOf)})))
  or (n.recipient = 'admin' and ${r.admin})
)`;

export interface InboxRow {
  id: string;
  estate_id: string | null;
  topic: string;
  kind: string;
  params: Record<string, string> | null;
  subject_id: string | null;
  recipient: string;
  owner_id: string | null;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

/** A page of the account's messages, newest first, older than the cursor (a message id). */
export async function inboxPage(db: Kysely<DB>, reader: Reader, before: string | null, limit: number): Promise<InboxRow[]> {
  const { rows } = await sql<InboxRow>`
    select n.id, n.estate_id, n.topic, n.kind, n.params, n.subject_id, n.recipient, n.owner_id, n.body, n.created_at, n.read_at
    from notifications n
    where ${mine(reader)} ${before === null ? sql`` : sql`and n.id < ${before}`}
    order by n.id desc
    limit ${limit}`.execute(db);
  return rows;
}

export async function unreadCount(db: Kysely<DB>, reader: Reader): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from notifications n where n.read_at is null and ${mine(reader)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Marks one of the account's messages read; false when it is not the account's (or does not exist). */
export async function markRead(db: Kysely<DB>, reader: Reader, id: string, now: Date): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    update notifications n set read_at = coalesce(n.read_at, ${now})
    where n.id = ${id} and ${mine(reader)}
    returning n.id`.execute(db);
  return rows.length > 0;
}

/** Marks all of the account's unread messages read; how many. */
export async function markAllRead(db: Kysely<DB>, reader: Reader, now: Date): Promise<number> {
  const result = await sql`update notifications n set read_at = ${now} where n.read_at is null and ${mine(reader)}`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** The owners the account is bound to, with their reminder choice (true unless they opted out). */
export async function preferencesOf(db: Kysely<DB>, accountId: string): Promise<{ owner_id: string; estate_id: string; name: string; reminders: boolean }[]> {
  const { rows } = await sql<{ owner_id: string; estate_id: string; name: string; reminders: boolean }>`
    select o.id as owner_id, o.estate_id, o.name, coalesce(p.reminders, true) as reminders
    from owner_bindings b join owners o on o.id = b.owner_id
    left join owner_message_preferences p on p.owner_id = o.id
    where b.account_id = ${accountId} and b.revoked_at is null
    order by o.estate_id, o.name, o.id`.execute(db);
  return rows;
}

export async function setReminders(db: Kysely<DB>, ownerIds: readonly string[], reminders: boolean, accountId: string, now: Date): Promise<void> {
  if (ownerIds.length === 0) return;
  await db
    .insertInto('owner_message_preferences')
    .values(ownerIds.map((owner_id) => ({ owner_id, reminders, updated_by: accountId, updated_at: now })))
    .onConflict((oc) => oc.column('owner_id').doUpdateSet({ reminders, updated_by: accountId, updated_at: now }))
    .execute();
}
