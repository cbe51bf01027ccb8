import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived signed links to a meeting's documents (issue 16). The document route needs the
 * bearer token, which a plain link does not send; an owner in WeChat's browser cannot open a
 * blob: URL in a new tab or hand it to a PDF viewer. So the app asks the service — with the token,
 * after the same access check as reading the document — for a link that works without it for a
 * few minutes: the path and expiry signed with a key derived from the installation's secret.
 * Pure: no clock, no database.
 */

/** Long enough to open the document after a tap on a slow phone; short enough that a shared link soon stops working. */
export const DOCUMENT_LINK_SECONDS = 10 * 60;

const INFO = Buffer.from('gongjue document links v1');

/** The links' key, derived from the installation's HMAC secret (never the secret itself). */
export function documentLinkKey(identityHmacKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', identityHmacKey, Buffer.alloc(0), INFO, 32));
}

function mac(key: Buffer, meetingId: string, attachmentId: string, expires: number): Buffer {
  return createHmac('sha256', key).update(`meeting-document\n${meetingId}\n${attachmentId}\n${expires}`).digest();
}

export interface DocumentLink {
  /** The path and query to open (after the service's origin). */
  path: string;
  expires: number;
}

export function signDocumentLink(key: Buffer, meetingId: string, attachmentId: string, now: Date): DocumentLink {
  const expires = Math.floor(now.getTime() / 1000) + DOCUMENT_LINK_SECONDS;
  const signature = mac(key, meetingId, attachmentId, expires).toString('base64url');
  return { path: `/v1/meetings/${meetingId}/documents/${attachmentId}/download?expires=${expires}&signature=${signature}`, expires };
}

export type LinkCheck = 'valid' | 'expired' | 'forged';

/** Whether a link's signature is the service's for this document and expiry, and whether it still holds at `now`. */
export function checkDocumentLink(key: Buffer, meetingId: string, attachmentId: string, expires: number, signature: string, now: Date): LinkCheck {
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, meetingId, attachmentId, expires);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
  return now.getTime() < expires * 1000 ? 'valid' : 'expired';
}
