import { type Kysely, sql } from 'kysely';
import { applyFunctions } from '../src/db/functions.ts';
import { BALLOT_FUNCTIONS } from '../src/voting/sql/ballot-functions.ts';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Identity assurance (issue 14). Every binding of an account to an owner says
 * how it was established, strongest first: `in_person`, `provider_face`,
 * `registry_factor` (name and identity number plus the registry's phone or
 * property certificate number: `factor` says which), `knowledge` (name and
 * identity number only). Bindings made before this migration: self-bindings
 * are `knowledge`, in-person ones `in_person`.
 *
 * - unit_owners.certificate_key: the HMAC of the property certificate number
 *   (不动产权证书号) the registry records for that owner of that unit.
 * - face_checks: a face check started for an account, with the name and the
 *   HMAC of the identity number it must match; the outcome is read from the
 *   provider, server to server.
 * - meetings.min_assurance: the estate's lowest level that may vote, frozen
 *   when voting opens (like the electorate). Meetings already open or past
 *   opened under the old rule: `knowledge`.
 * - ballots.assurance_level: the level of the binding that cast an online
 *   ballot (null for paper and proxy ballots, which staff record).
 * - ballot_refusal gains the "binding too weak" refusal (GJ43A); cast_ballots
 *   decides by level and records it.
 */
export const appliesFunctions: Readonly<Record<string, string>> = {
  ballot_refusal: 'fc5375f9af5efaee',
  cast_ballots: '097df6ff6eda0b41',
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table owner_bindings
      drop constraint owner_bindings_method_check,
      add constraint owner_bindings_method_check check (method in ('self', 'in_person', 'face')),
      drop constraint owner_bindings_in_person_recorded,
      add constraint owner_bindings_in_person_recorded check (method <> 'in_person' or (verified_by is not null and document_type is not null)),
      add column level text,
      add column factor text check (factor in ('phone', 'property_certificate')),
      add column face_provider text,
      add column face_reference text`.execute(db);
  await sql`update owner_bindings set level = case method when 'in_person' then 'in_person' else 'knowledge' end`.execute(db);
  await sql`
    alter table owner_bindings
      alter column level set not null,
      add constraint owner_bindings_level check (level in ('knowledge', 'registry_factor', 'provider_face', 'in_person')),
      add constraint owner_bindings_level_established check (
        case level
          when 'in_person' then method = 'in_person'
          when 'provider_face' then method = 'face' and face_provider is not null
          when 'registry_factor' then method = 'self' and factor is not null
          else method = 'self' and factor is null
        end)`.execute(db);

  await sql`alter table unit_owners add column certificate_key bytea check (octet_length(certificate_key) = 32)`.execute(db);

  await sql`
    create table face_checks (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts (id),
      provider text not null,
      token text not null,
      name text not null,
      id_key bytea not null check (octet_length(id_key) = 32),
      created_at timestamptz not null,
      completed_at timestamptz,
      unique (provider, token)
    )`.execute(db);
  await sql`create index face_checks_account on face_checks (account_id, created_at)`.execute(db);

  await sql`
    alter table meetings add column min_assurance text
      check (min_assurance in ('knowledge', 'registry_factor', 'provider_face', 'in_person'))`.execute(db);
  await sql`update meetings set min_assurance = 'knowledge' where status not in ('draft', 'noticed', 'cancelled')`.execute(db);
  await sql`
    alter table ballots add column assurance_level text
      check (assurance_level in ('knowledge', 'registry_factor', 'provider_face', 'in_person'))`.execute(db);

  // A new argument: the old signature goes first (README, "Migrations and database functions").
  await sql`drop function if exists ballot_refusal(text, text, timestamptz, timestamptz, uuid, uuid, uuid[], uuid, text, uuid, boolean, timestamptz)`.execute(db);
  await applyFunctions(db, BALLOT_FUNCTIONS.filter((f) => f.name in appliesFunctions));
}

/** Not undone: ballot_refusal's earlier definition is history in 0013, not kept as source. Restore a backup. */
export async function down(): Promise<void> {
  throw new Error('migration 0015_identity_assurance cannot be undone: restore a backup taken before it');
}
