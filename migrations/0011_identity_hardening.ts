import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Identity hardening (issue 12).
 *
 * - Login codes are charged to a daily ceiling (`otp_challenges.ceiling`):
 *   `estate:<id>` for a phone of an estate, `unattached` for a phone of none,
 *   null for admins' and township staff's phones, which no ceiling holds.
 *   Owners' registry phones are looked up for it, hence their index.
 * - Failed self-verifications are counted per client address and per owner
 *   named (a wrong identity number for a registry name), not only per account,
 *   so guesses spread over many accounts or addresses still lock.
 * - In-person verification of an organisation or the developer records the
 *   business licence seen (the HMAC of its credit code) and the representative
 *   who came: name, document type, the HMAC of the document's number and its
 *   last four characters — never the number itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table otp_challenges add column ceiling text`.execute(db);
  await sql`create index otp_challenges_ceiling_at on otp_challenges (ceiling, created_at) where ceiling is not null`.execute(db);
  await sql`create index owners_phone on owners (phone) where phone is not null`.execute(db);

  // Self-verification finds owners by name (a wrong number still names them), in every estate.
  await sql`create index owners_name on owners (name)`.execute(db);
  await sql`alter table verification_attempts add column ip text`.execute(db);
  await sql`create index verification_attempts_ip_at on verification_attempts (ip, at) where not succeeded`.execute(db);
  await sql`
    create table verification_owner_failures (
      id bigserial primary key,
      owner_id uuid not null references owners (id),
      account_id uuid not null references accounts (id),
      ip text,
      at timestamptz not null
    )`.execute(db);
  await sql`create index verification_owner_failures_owner_at on verification_owner_failures (owner_id, at)`.execute(db);

  await sql`
    alter table owner_bindings
      add column licence_key bytea,
      add column representative_name text,
      add column representative_capacity text
        check (representative_capacity in ('legal_representative', 'authorised_agent')),
      add column representative_id_type text,
      add column representative_id_key bytea check (octet_length(representative_id_key) = 32),
      add column representative_id_tail text check (length(representative_id_tail) <= 4),
      add constraint owner_bindings_representative_complete check (
        (representative_name is null and representative_capacity is null and representative_id_type is null
          and representative_id_key is null and representative_id_tail is null)
        or (method = 'in_person' and licence_key is not null and representative_name is not null
          and representative_capacity is not null and representative_id_type is not null
          and representative_id_key is not null and representative_id_tail is not null)
      )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table owner_bindings
      drop constraint owner_bindings_representative_complete,
      drop column licence_key,
      drop column representative_name,
      drop column representative_capacity,
      drop column representative_id_type,
      drop column representative_id_key,
      drop column representative_id_tail`.execute(db);
  await sql`drop table verification_owner_failures`.execute(db);
  await sql`drop index verification_attempts_ip_at`.execute(db);
  await sql`alter table verification_attempts drop column ip`.execute(db);
  await sql`drop index owners_name`.execute(db);
  await sql`drop index owners_phone`.execute(db);
  await sql`drop index otp_challenges_ceiling_at`.execute(db);
  await sql`alter table otp_challenges drop column ceiling`.execute(db);
}
