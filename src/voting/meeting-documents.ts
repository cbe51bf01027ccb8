import type { Kysely } from 'kysely';
import { attachmentOf } from '../attachments/attachments.ts';
import type { DB, Meeting } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { motionsOf, requireMeeting } from './meetings-repository.ts';
import { checkDocumentLink, signDocumentLink } from './document-links.ts';
import type { MotionInput } from './motion-terms.ts';

/**
 * The documents of a meeting's motions (a contract, a plan, the candidates' statements) are
 * attachments of the estate (src/attachments/), which only its organisers may fetch as such.
 * Whoever may read the meeting — its owners once the notice is out — reads a document through
 * the meeting, and only one a motion of it cites, with the very bytes it cites (its SHA-256).
 */

const DOCUMENT_PATH = /^\/v1\/meetings\/([0-9a-f-]{36})\/documents\/([0-9a-f-]{36})$/;

/** Where a motion's document is read: the path a motion cites it by (after the service's origin). */
export const meetingDocumentPath = (meetingId: string, attachmentId: string) => `/v1/meetings/${meetingId}/documents/${attachmentId}`;

function citedAttachment(url: string, meetingId: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match = DOCUMENT_PATH.exec(pathname);
  return match && match[1] === meetingId ? match[2] : undefined;
}

/** How a motion of the meeting cites this attachment ({name, url, sha256}); not found when none does. */
export async function citedDocument(db: Kysely<DB>, meeting: Meeting, attachmentId: string) {
  const motions = await motionsOf(db, meeting.id);
  const cited = motions
    .flatMap((m) => (m.terms as MotionInput).documents)
    .find((d) => citedAttachment(d.url, meeting.id) === attachmentId);
  if (!cited) throw new ProblemError('not-found', 'No such document of this meeting');
  return cited;
}

export async function meetingDocument(db: Kysely<DB>, meeting: Meeting, attachmentId: string) {
  const cited = await citedDocument(db, meeting, attachmentId);
  const file = await attachmentOf(db, meeting.estate_id, attachmentId);
  // The motion cites these bytes; anything else under that id is not its document.
  if (file.sha256 !== cited.sha256) throw new ProblemError('not-found', 'No such document of this meeting');
  return { ...file, name: cited.name };
}

/**
 * A link to a document that opens without the bearer token for a few minutes (document-links.ts),
 * for whoever may read the meeting — the caller checked that — and only for a document a motion cites.
 */
export async function issueDocumentLink(db: Kysely<DB>, key: Buffer, meeting: Meeting, attachmentId: string, now: Date) {
  await citedDocument(db, meeting, attachmentId);
  const link = signDocumentLink(key, meeting.id, attachmentId, now);
  return { path: link.path, expiresAt: new Date(link.expires * 1000).toISOString() };
}

/** The document a signed link names, while the link holds; a forged link is not there (404), an expired one says so. */
export async function documentByLink(
  db: Kysely<DB>,
  key: Buffer,
  link: { meetingId: string; attachmentId: string; expires: number; signature: string },
  now: Date,
) {
  const check = checkDocumentLink(key, link.meetingId, link.attachmentId, link.expires, link.signature, now);
  if (check === 'forged') throw new ProblemError('not-found', 'No such document link');
  if (check === 'expired') {
    throw new ProblemError('not-found', 'This link to the document has expired; open the document again from the meeting’s page', { reason: 'document-link-expired' });
  }
  return meetingDocument(db, await requireMeeting(db, link.meetingId), link.attachmentId);
}
