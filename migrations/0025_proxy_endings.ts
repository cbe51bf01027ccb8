import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * How a written proxy (委托书, R4.3) ends (issue 16): an organiser rejects it, with the reason,
 * before the holder has used it; or it is revoked — by the grantor from the owner app
 * (revoked_by_owner), or by an organiser recording the owner's written revocation (its scan).
 * decided_by/decided_at keep the approval; these columns keep the end, so an approved proxy
 * that is later revoked still says who approved it. Ballots already cast under a revoked proxy
 * are never touched (every version is kept, invariant 1); the owner's own later ballot
 * replaces them as any later ballot does (R4.4).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table proxies
      add column ended_by uuid references accounts (id),
      add column ended_at timestamptz,
      add column end_reason text,
      add column revoked_by_owner uuid references owners (id),
      add column revocation_document_url text,
      add column revocation_document_sha256 text check (revocation_document_sha256 ~ '^[0-9a-f]{64}$'),
      add constraint proxies_end_recorded check (status not in ('rejected', 'revoked') or (ended_by is not null and ended_at is not null)) not valid,
      add constraint proxies_rejected_why check (status <> 'rejected' or end_reason is not null) not valid,
      add constraint proxies_revoked_by_whom
        check (status <> 'revoked' or revoked_by_owner is not null or revocation_document_url is not null) not valid
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table proxies
      drop constraint proxies_revoked_by_whom,
      drop constraint proxies_rejected_why,
      drop constraint proxies_end_recorded,
      drop column revocation_document_sha256,
      drop column revocation_document_url,
      drop column revoked_by_owner,
      drop column end_reason,
      drop column ended_at,
      drop column ended_by
  `.execute(db);
}
