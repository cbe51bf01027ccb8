import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { type AttachmentMeta, findAttachment, findAttachmentMeta, insertAttachment } from './attachments-repository.ts';
import { ATTACHMENT_TYPES, type AttachmentType, fileKindOf, KIND_WORD } from './file-kind.ts';

/**
 * Files kept with an estate's records: the scan of a paper ballot, a written
 * proxy. The type is what the bytes are (file-kind.ts); the SHA-256 lets a
 * record cite exactly these bytes.
 */

export interface AttachmentView {
  id: string;
  name: string;
  contentType: AttachmentType;
  size: number;
  sha256: string;
  /** Where to download it (with the same bearer token). */
  url: string;
  createdAt: string;
}

export const attachmentUrl = (estateId: string, id: string) => `/v1/estates/${estateId}/attachments/${id}`;

export function attachmentView(row: AttachmentMeta): AttachmentView {
  return {
    id: row.id,
    name: row.name,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    url: attachmentUrl(row.estate_id, row.id),
    createdAt: row.created_at.toISOString(),
  };
}

/** Content-Types a client may send a file as; octet-stream leaves the type to the bytes. */
export const SENDABLE_TYPES = [...ATTACHMENT_TYPES, 'application/octet-stream'] as const;

/**
 * Keeps an uploaded file. Its type comes from its bytes; a client that said
 * it sends a PDF and sends a PNG is told so rather than trusted either way.
 */
export async function keepAttachment(
  trx: Transaction<DB>,
  input: { estateId: string; name: string; declaredType: string; content: Buffer; actor: string; at: Date },
): Promise<AttachmentView> {
  if (input.content.length === 0) throw new ProblemError('validation-failed', 'The file is empty', { errors: [{ path: 'body', message: 'the file is empty' }] });
  const kind = fileKindOf(input.content);
  if (kind === null) throw new ProblemError('unsupported-media-type', 'Only PDF, JPEG and PNG files are kept; by its content this file is none of them');
  if (input.declaredType !== 'application/octet-stream' && input.declaredType !== kind) {
    throw new ProblemError('unsupported-media-type', `The file is a ${KIND_WORD[kind]} by its content but was sent as ${input.declaredType}`);
  }
  const row = await insertAttachment(trx, {
    estate_id: input.estateId,
    content_type: kind,
    size: input.content.length,
    sha256: createHash('sha256').update(input.content).digest('hex'),
    name: input.name,
    content: input.content,
    uploaded_by: input.actor,
    created_at: input.at,
  });
  await appendAudit(trx, {
    chain: estateChain(input.estateId),
    actor: input.actor,
    action: 'attachment.uploaded',
    subject: `attachment:${row.id}`,
    data: { name: row.name, contentType: row.content_type, size: row.size, sha256: row.sha256 },
  }, input.at);
  return attachmentView(row);
}

export async function attachmentOf(db: Kysely<DB>, estateId: string, id: string) {
  const row = await findAttachment(db, estateId, id);
  if (!row) throw new ProblemError('not-found', 'No such attachment');
  return { ...attachmentView(row), content: row.content };
}

/** The attachment's record without its bytes: for a ballot or proxy citing it. */
export async function requireAttachment(db: Kysely<DB>, estateId: string, id: string, path: string): Promise<AttachmentView> {
  const row = await findAttachmentMeta(db, estateId, id);
  if (!row) throw new ProblemError('validation-failed', 'No such attachment in this estate', { errors: [{ path, message: 'no such attachment in this estate' }] });
  return attachmentView(row);
}
