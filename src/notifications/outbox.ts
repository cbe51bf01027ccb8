import { type Kysely, sql } from 'kysely';
import type { DB, NotificationTable } from '../db/schema.ts';

/**
 * The message outbox: every message the service owes someone is first a row
 * of `notifications`, written in the transaction of the change it reports, so
 * a message exists exactly when its cause was committed. Delivery reads these
 * rows (SMS, inbox); nothing else writes them.
 */

export type Recipient = NotificationTable['recipient'];

export interface Message {
  estateId: string;
  /** What happened, e.g. `meeting.noticed`, `result.published`. */
  topic: string;
  /** The meeting, petition or owner the message is about. */
  subjectId: string;
  body: string;
  now: Date;
}

/** One message to each of the estate's bodies named (committee, township, …); `ownerId` when it concerns one owner. */
export async function notifyBodies(trx: Kysely<DB>, recipients: readonly Exclude<Recipient, 'owner'>[], m: Message & { ownerId?: string }): Promise<void> {
  await trx
    .insertInto('notifications')
    .values(
      recipients.map((recipient) => ({
        estate_id: m.estateId,
        topic: m.topic,
        subject_id: m.subjectId,
        recipient,
        owner_id: m.ownerId ?? null,
        body: m.body,
        created_at: m.now,
      })),
    )
    .execute();
}

/** One message to every owner holding a current unit of the estate: set-based, whatever the estate's size. */
export async function notifyOwners(trx: Kysely<DB>, m: Message): Promise<void> {
  await sql`
    insert into notifications (estate_id, topic, subject_id, recipient, owner_id, body, created_at)
    select distinct ${m.estateId}::uuid, ${m.topic}, ${m.subjectId}::uuid, 'owner', uo.owner_id, ${m.body}, ${m.now}::timestamptz
    from unit_owners uo join units u on u.id = uo.unit_id
    where u.estate_id = ${m.estateId} and u.removed_at is null`.execute(trx);
}

/** One message to one owner (e.g. `owner_bound`: a new phone was bound to them), delivered by SMS and the inbox. */
export async function notifyOwner(trx: Kysely<DB>, m: Message & { ownerId: string }): Promise<void> {
  await trx
    .insertInto('notifications')
    .values({ estate_id: m.estateId, topic: m.topic, subject_id: m.subjectId, recipient: 'owner', owner_id: m.ownerId, body: m.body, created_at: m.now })
    .execute();
}
