import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { inboxPage, markAllRead, markRead, preferencesOf, type Reader, setReminders, unreadCount } from './inbox-repository.ts';

export type { Reader } from './inbox-repository.ts';
import { absoluteLink } from './messages.ts';

/** The inbox and the message preferences of a signed-in person. */

export interface InboxMessage {
  id: string;
  kind: string;
  topic: string;
  recipient: string;
  estateId: string | null;
  subjectId: string | null;
  ownerId: string | null;
  text: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export const INBOX_PAGE_MAX = 100;

export async function inboxOf(db: Kysely<DB>, reader: Reader, page: { cursor?: string | undefined; limit: number }, publicBaseUrl: string) {
  const rows = await inboxPage(db, reader, page.cursor ?? null, page.limit + 1);
  const shown = rows.slice(0, page.limit);
  const messages: InboxMessage[] = shown.map((r) => ({
    id: r.id,
    kind: r.kind,
    topic: r.topic,
    recipient: r.recipient,
    estateId: r.estate_id,
    subjectId: r.subject_id,
    ownerId: r.owner_id,
    text: r.body,
    link: r.params?.link ? absoluteLink(r.params.link, publicBaseUrl) : null,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  }));
  return { messages, nextCursor: rows.length > page.limit ? shown[shown.length - 1]!.id : null, unreadCount: await unreadCount(db, reader) };
}

/** Marks one message read; someone else's message is not found. */
export async function readMessage(db: Kysely<DB>, reader: Reader, id: string, now: Date) {
  if (!/^[1-9]\d{0,17}$/.test(id) || !(await markRead(db, reader, id, now))) throw new ProblemError('not-found', 'No such message');
  return { unreadCount: await unreadCount(db, reader) };
}

export async function readAllMessages(db: Kysely<DB>, reader: Reader, now: Date) {
  const marked = await markAllRead(db, reader, now);
  return { marked, unreadCount: 0 };
}

/** Each owner the account is bound to: reminders by choice; the legal notice (and every other message) always. */
export async function messagePreferencesOf(db: Kysely<DB>, accountId: string) {
  const rows = await preferencesOf(db, accountId);
  return { owners: rows.map((r) => ({ ownerId: r.owner_id, estateId: r.estate_id, name: r.name, reminders: r.reminders, legalNotice: true as const })) };
}

/** Sets reminders on or off for one owner the account is bound to, or for all of them. */
export async function setMessagePreferences(db: Kysely<DB>, accountId: string, input: { ownerId?: string | undefined; reminders: boolean }, now: Date) {
  const owners = await preferencesOf(db, accountId);
  const chosen = input.ownerId === undefined ? owners : owners.filter((o) => o.owner_id === input.ownerId);
  if (chosen.length === 0 && input.ownerId !== undefined) throw new ProblemError('not-found', 'No such owner among those this account is verified as');
  await setReminders(db, chosen.map((o) => o.owner_id), input.reminders, accountId, now);
  return messagePreferencesOf(db, accountId);
}
