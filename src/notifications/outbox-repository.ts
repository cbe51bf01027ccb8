import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { INBOX_ONLY_KINDS } from './messages.ts';
import type { Message, Recipient } from './outbox.ts';

/**
 * The outbox's SQL (outbox.ts): each message a row of `notifications` and, in
 * the same statement, its queued SMS deliveries, one per phone. Whose phones
 * is outbox.ts's comment; the statements that find them are here.
 */

/**
 * Inserts the messages the `rows` query yields (columns as in notifications)
 * and, in the same statement, one queued SMS delivery per phone of each.
 */
async function insertWithDeliveries(trx: Kysely<DB>, rows: RawBuilder<unknown>, committeePhone: string | null): Promise<number> {
  const result = await sql<{ messages: string }>`
    with n as (
      insert into notifications (estate_id, topic, kind, params, subject_id, expires_at, recipient, owner_id, body, created_at)
      ${rows}
      returning id, estate_id, recipient, owner_id, kind, created_at
    ), d as (
      insert into message_deliveries (notification_id, estate_id, phone, created_at, next_attempt_at)
      select n.id, n.estate_id, p.phone, n.created_at, n.created_at
      from n cross join lateral (
        select a.phone from owner_bindings b join accounts a on a.id = b.account_id
         where n.recipient = 'owner' and b.owner_id = n.owner_id and b.revoked_at is null
        union
        -- The registry phone when no phone is bound; and always for a new binding, so the owner hears
        -- of it on the phone the property registry knows, not only on the phone that was just bound.
        select o.phone from owners o
         where n.recipient = 'owner' and o.id = n.owner_id and o.phone is not null
           and (n.kind = 'owner_bound' or not exists (select 1 from owner_bindings b where b.owner_id = o.id and b.revoked_at is null))
        union
        select a.phone from role_assignments r join accounts a on a.id = r.account_id
         where n.recipient = 'committee' and r.estate_id = n.estate_id and r.role = 'committee' and r.revoked_at is null
        union
        select ${committeePhone}::text where n.recipient = 'residents_committee' and ${committeePhone}::text is not null
      ) p
      where n.kind <> all(${sql.val([...INBOX_ONLY_KINDS])}::text[])
      on conflict do nothing
      returning 1
    )
    select (select count(*) from n) as messages, (select count(*) from d) as deliveries`.execute(trx);
  return Number(result.rows[0]?.messages ?? 0);
}

const values = (m: Message) =>
  sql`${m.estateId}::uuid, ${m.topic}, ${m.kind}, ${JSON.stringify(m.params)}::jsonb, ${m.subjectId}::uuid, ${m.expiresAt ?? null}::timestamptz`;

/** One message to each of the bodies named; the residents' committee's phone is the caller's to read. */
export async function insertMessagesToBodies(
  trx: Kysely<DB>,
  recipients: readonly Exclude<Recipient, 'owner' | 'phone'>[],
  m: Message & { ownerId?: string },
  committeePhone: string | null,
): Promise<void> {
  await insertWithDeliveries(
    trx,
    sql`select ${values(m)}, r.recipient, ${m.ownerId ?? null}::uuid, ${m.body}, ${m.now}::timestamptz
        from unnest(${sql.val([...recipients])}::text[]) as r(recipient)`,
    committeePhone,
  );
}

/** One message to every owner holding a current unit of the message's estate. */
export async function insertMessagesToEstateOwners(trx: Kysely<DB>, m: Message): Promise<number> {
  return insertWithDeliveries(
    trx,
    sql`select distinct ${values(m)}, 'owner', uo.owner_id, ${m.body}, ${m.now}::timestamptz
        from unit_owners uo join units u on u.id = uo.unit_id
        where u.estate_id = ${m.estateId} and u.removed_at is null`,
    null,
  );
}

/** One message to each of these owners that belongs to the message's estate. */
export async function insertMessagesToOwners(trx: Kysely<DB>, ownerIds: readonly string[], m: Message): Promise<number> {
  return insertWithDeliveries(
    trx,
    sql`select distinct ${values(m)}, 'owner', o.id, ${m.body}, ${m.now}::timestamptz
        from owners o where o.id = any(${sql.val([...ownerIds])}::uuid[]) and o.estate_id = ${m.estateId}`,
    null,
  );
}

/** A login code's message (parameters sealed, text blanked) and its one delivery, due at once; the delivery's id. */
export async function insertLoginCode(
  trx: Kysely<DB>,
  input: { phone: string; sealed: Buffer; body: string; now: Date; expiresAt: Date },
): Promise<string> {
  const message = await trx
    .insertInto('notifications')
    .values({
      estate_id: null,
      topic: 'login.code',
      kind: 'login_code',
      params: null,
      sealed: input.sealed,
      subject_id: null,
      recipient: 'phone',
      owner_id: null,
      phone: input.phone,
      body: input.body,
      created_at: input.now,
      expires_at: input.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const delivery = await trx
    .insertInto('message_deliveries')
    .values({ notification_id: message.id, estate_id: null, phone: input.phone, created_at: input.now, next_attempt_at: input.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return delivery.id;
}

/** The owner's inbox entry and one SMS to the acting account's phone; the delivery's id, or null without a phone. */
export async function insertMessageToActingAccount(trx: Kysely<DB>, input: { ownerId: string; accountId: string; message: Message }): Promise<string | null> {
  const m = input.message;
  const { rows } = await sql<{ id: string | null }>`
    with n as (
      insert into notifications (estate_id, topic, kind, params, subject_id, expires_at, recipient, owner_id, body, created_at)
      select ${values(m)}, 'owner', ${input.ownerId}::uuid, ${m.body}, ${m.now}::timestamptz
      returning id, estate_id, created_at
    ), d as (
      insert into message_deliveries (notification_id, estate_id, phone, created_at, next_attempt_at)
      select n.id, n.estate_id, a.phone, n.created_at, n.created_at
      from n join accounts a on a.id = ${input.accountId}::uuid
      where a.phone is not null
      returning id
    )
    select (select id from d) as id`.execute(trx);
  return rows[0]?.id ?? null;
}

/**
 * A message to one account (recipient 'phone', the account's phone, with the estate): its inbox
 * entry and its one SMS; false when there is no such account. An account's phone never changes
 * (it is how the account signs in), so the message stays that account's.
 */
export async function insertMessageToAccount(trx: Kysely<DB>, accountId: string, m: Message): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    with n as (
      insert into notifications (estate_id, topic, kind, params, subject_id, expires_at, recipient, owner_id, phone, body, created_at)
      select ${values(m)}, 'phone', null, a.phone, ${m.body}, ${m.now}::timestamptz
      from accounts a where a.id = ${accountId}::uuid
      returning id, estate_id, phone, kind, created_at
    ), d as (
      insert into message_deliveries (notification_id, estate_id, phone, created_at, next_attempt_at)
      select n.id, n.estate_id, n.phone, n.created_at, n.created_at from n
      where n.kind <> all(${sql.val([...INBOX_ONLY_KINDS])}::text[])
      returning 1
    )
    select id from n`.execute(trx);
  return rows.length > 0;
}
