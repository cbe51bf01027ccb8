import type { Kysely, Selectable } from 'kysely';
import type { AttachmentTable, DB } from '../db/schema.ts';

/** Attachments: the rows. The rules (what a file may be, who may see it) are in attachments.ts and file-kind.ts. */

export type AttachmentMeta = Omit<Selectable<AttachmentTable>, 'content'>;
const META = ['id', 'estate_id', 'content_type', 'size', 'sha256', 'name', 'uploaded_by', 'created_at'] as const;

export async function insertAttachment(
  db: Kysely<DB>,
  row: Omit<Selectable<AttachmentTable>, 'id'>,
): Promise<AttachmentMeta> {
  return db.insertInto('attachments').values(row).returning(META).executeTakeFirstOrThrow();
}

/** The estate's attachment without its bytes, or undefined (another estate's is not there). */
export async function findAttachmentMeta(db: Kysely<DB>, estateId: string, id: string): Promise<AttachmentMeta | undefined> {
  return db.selectFrom('attachments').select(META).where('id', '=', id).where('estate_id', '=', estateId).executeTakeFirst();
}

/** The estate's attachment with its bytes, or undefined. */
export async function findAttachment(db: Kysely<DB>, estateId: string, id: string): Promise<Selectable<AttachmentTable> | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).where('estate_id', '=', estateId).executeTakeFirst();
}
