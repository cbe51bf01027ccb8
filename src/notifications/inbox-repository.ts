import { type Kysely, type RawBuilder, sql } from 'kysely';
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

/** Narrows the reader's messages: older than a cursor (a message id), unread only, or one message. */
interface Narrowing {
  before?: string | null;
  unread?: boolean;
  id?: string;
}

/**
 * The ids of the reader's messages — those to the owners the account is bound to (live bindings),
 * to the account's own phone within an estate, to the committee of their estates, to their
 * townships, to the admins — one select per way a message can be theirs (a message has one
 * recipient, so no id comes twice), each answered by an index of its own (migrations 0014, 0026).
 * One condition OR-ed over every way walked the whole table newest first instead (400 ms at
 * 800,000 messages). With `newest`, each select stops at that many, newest first.
 */
function myMessageIds(r: Reader, narrowing: Narrowing, newest?: number) {
  const narrowed = sql.join(
    [
      ...(narrowing.before ? [sql`n.id < ${narrowing.before}`] : []),
      ...(narrowing.unread ? [sql`n.read_at is null`] : []),
      ...(narrowing.id !== undefined ? [sql`n.id = ${narrowing.id}`] : []),
      sql`true`,
    ],
    sql` and `,
  );
  const select = (theirs: RawBuilder<unknown>) =>
    sql`(select n.id from notifications n where ${theirs} and ${narrowed}${newest === undefined ? sql`` : sql` order by n.id desc limit ${newest}`})`;
  const ways = [
    select(sql`n.recipient = 'owner' and n.owner_id in (select b.owner_id from owner_bindings b where b.account_id = ${r.accountId} and b.revoked_at is null)`),
    // A message to the account's phone is shown only with an estate: a login code has none and is never shown.
    select(sql`n.recipient = 'phone' and n.estate_id is not null and n.phone = (select a.phone from accounts a where a.id = ${r.accountId})`),
  ];
  if (r.committeeOf.length > 0) ways.push(select(sql`n.recipient = 'committee' and n.estate_id = any(${uuids(r.committeeOf)})`));
  if (r.staffOf.length > 0) ways.push(select(sql`n.recipient = 'township' and n.estate_id in (select e.id from estates e where e.township_id = any(${uuids(r.staffOf)}))`));
  if (r.admin) ways.push(select(sql`n.recipient = 'admin'`));
  return sql`select id from (${sql.join(ways, sql` union all `)}) mine`;
}

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
    where n.id in (${myMessageIds(reader, { before }, limit)})
    order by n.id desc
    limit ${limit}`.execute(db);
  return rows;
}

export async function unreadCount(db: Kysely<DB>, reader: Reader): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from (${myMessageIds(reader, { unread: true })}) unread`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Marks one of the account's messages read; false when it is not the account's (or does not exist). */
export async function markRead(db: Kysely<DB>, reader: Reader, id: string, now: Date): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    update notifications n set read_at = coalesce(n.read_at, ${now})
    where n.id in (${myMessageIds(reader, { id })})
    returning n.id`.execute(db);
  return rows.length > 0;
}

/** Marks all of the account's unread messages read; how many. */
export async function markAllRead(db: Kysely<DB>, reader: Reader, now: Date): Promise<number> {
  const result = await sql`update notifications n set read_at = ${now} where n.id in (${myMessageIds(reader, { unread: true })})`.execute(db);
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
