import type { Kysely } from 'kysely';
import type { DB, NotificationTable } from '../db/schema.ts';
import { residentsCommitteePhoneOf } from '../places/estate-settings.ts';
import type { AnyMessageKind } from './messages.ts';
import {
  insertLoginCode,
  insertMessagesToBodies,
  insertMessagesToEstateOwners,
  insertMessagesToOwners,
  insertMessageToAccount,
  insertMessageToActingAccount,
} from './outbox-repository.ts';

/**
 * The message outbox: every message the service owes someone is first a row
 * of `notifications`, written in the transaction of the change it reports, so
 * a message exists exactly when its cause was committed. The same statement
 * writes its SMS deliveries (`message_deliveries`, one per phone), which the
 * `deliver-message` job sends; the row itself is the in-app inbox entry.
 *
 * Whose phones: an owner's — the phones of the accounts bound to the owner,
 * else the owner's phone in the registry; the residents' committee's — the
 * estate's setting; the committee's — its members' phones; the township and
 * the admins read their inbox (no SMS); a person known only by their account
 * (a proxy's holder, who may own nothing) — the account's phone, and the
 * inbox of that account.
 */

export type Recipient = NotificationTable['recipient'];

export interface Message {
  estateId: string;
  /** What happened, e.g. `meeting.noticed`, `result.published`. */
  topic: string;
  /** Which message (and SMS template). */
  kind: AnyMessageKind;
  /** The template's parameters (TEMPLATE_PARAMS); a link is a path, `/meetings/<id>`. */
  params: Record<string, string>;
  /** The meeting, petition or owner the message is about. */
  subjectId: string;
  /** The inbox text. */
  body: string;
  now: Date;
  /** Not worth sending after this instant (a reminder once voting has closed): its SMS then fails as expired. */
  expiresAt?: Date;
}

/** One message to each of the estate's bodies named (committee, township, …); `ownerId` when it concerns one owner. */
export async function notifyBodies(trx: Kysely<DB>, recipients: readonly Exclude<Recipient, 'owner' | 'phone'>[], m: Message & { ownerId?: string }): Promise<void> {
  const committeePhone = recipients.includes('residents_committee') ? await residentsCommitteePhoneOf(trx, m.estateId) : null;
  await insertMessagesToBodies(trx, recipients, m, committeePhone);
}

/** One message to every owner holding a current unit of the estate: set-based, whatever the estate's size. */
export async function notifyOwners(trx: Kysely<DB>, m: Message): Promise<number> {
  return insertMessagesToEstateOwners(trx, m);
}

/** One message to each of these owners (of the message's estate). */
export async function notifyOwnersByIds(trx: Kysely<DB>, ownerIds: readonly string[], m: Message): Promise<number> {
  if (ownerIds.length === 0) return 0;
  return insertMessagesToOwners(trx, ownerIds, m);
}

/** One message to one owner: what other code calls to tell an owner something (e.g. a new phone bound to them). */
export async function notifyOwner(trx: Kysely<DB>, ownerId: string, m: Message): Promise<void> {
  await notifyOwnersByIds(trx, [ownerId], m);
}

/**
 * A login code for a phone: the message with its parameters sealed and its
 * text blanked, and its one delivery, due at once. Returns the delivery's id,
 * which the caller sends right after commit.
 */
export async function queueLoginCode(
  trx: Kysely<DB>,
  input: { phone: string; sealed: Buffer; body: string; now: Date; expiresAt: Date },
): Promise<string> {
  return insertLoginCode(trx, input);
}

/**
 * One message to the person who acted as an owner: the owner's inbox entry,
 * and one SMS to the phone of the account that acted — not to every phone
 * bound to the owner (a co-owner's or a relative's bound account did not
 * vote, and a confirmation to them would read as someone else's vote).
 * Returns the delivery's id, or null when the account has no phone.
 */
export async function notifyActingAccount(trx: Kysely<DB>, input: { ownerId: string; accountId: string; message: Message }): Promise<string | null> {
  return insertMessageToActingAccount(trx, input);
}

/**
 * One message to one account, whoever it is bound to: its inbox entry (read by that account
 * alone) and one SMS to its phone. For a person who acts for others without being an owner of
 * the estate, e.g. a proxy's holder told that the proxy ended.
 */
export async function notifyAccount(trx: Kysely<DB>, accountId: string, m: Message): Promise<void> {
  if (!(await insertMessageToAccount(trx, accountId, m))) throw new Error(`no account ${accountId} to tell`);
}
