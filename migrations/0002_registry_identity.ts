import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
const now = sql`now()`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // ── Places ────────────────────────────────────────────────────────────────
  // An estate (物业管理区域) belongs to one township. `settings` holds the
  // estate's voting settings (domain.md: profile, countParking, nonVoters, …),
  // validated by the application. `registry_version` counts applied registry
  // imports, so a preview is applied only onto the registry it was computed from.
  await db.schema
    .createTable('estates')
    .addColumn('id', 'uuid', id)
    .addColumn('township_id', 'uuid', (c) => c.notNull().references('townships.id'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
    .addColumn('address', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`).check(sql`jsonb_typeof(settings) = 'object'`))
    .addColumn('registry_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('estates_township_name', ['township_id', 'name'])
    .execute();

  await db.schema
    .createTable('buildings')
    .addColumn('id', 'uuid', id)
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('buildings_estate_name', ['estate_id', 'name'])
    .execute();

  await db.schema
    .createTable('stairs')
    .addColumn('id', 'uuid', id)
    .addColumn('building_id', 'uuid', (c) => c.notNull().references('buildings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('stairs_building_name', ['building_id', 'name'])
    .execute();

  // A unit (专有部分). Area in exact hundredths of m². A unit dropped by a later
  // import is marked removed, never deleted: snapshots and audit records refer to it.
  await db.schema
    .createTable('units')
    .addColumn('id', 'uuid', id)
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('registry_no', 'text', (c) => c.notNull())
    .addColumn('building_id', 'uuid', (c) => c.notNull().references('buildings.id'))
    .addColumn('stair_id', 'uuid', (c) => c.references('stairs.id'))
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('area_hundredths', 'bigint', (c) => c.notNull().check(sql`area_hundredths > 0`))
    .addColumn('area_source', 'text', (c) => c.notNull().check(sql`area_source in ('registry', 'surveyed', 'contract')`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('residential', 'commercial', 'parking')`))
    .addColumn('developer_held', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('removed_at', 'timestamptz')
    .execute();
  await sql`create unique index units_current_registry_no on units (estate_id, registry_no) where removed_at is null`.execute(db);

  // An owner (业主) of the estate, natural person or organisation. The identity
  // number is kept only as a keyed HMAC (`id_key`); its last four characters
  // help staff tell namesakes apart.
  await db.schema
    .createTable('owners')
    .addColumn('id', 'uuid', id)
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'organisation')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_type', 'text', (c) => c.notNull())
    .addColumn('id_key', 'text', (c) => c.notNull())
    .addColumn('id_tail', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('owners_estate_id_key', ['estate_id', 'id_key'])
    .execute();

  // Co-ownership: the owners of each current unit. A re-import replaces the rows
  // of a transferred unit; the audit log keeps the history.
  await db.schema
    .createTable('unit_owners')
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('owners.id'))
    .addColumn('representative', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('unit_owners_pk', ['unit_id', 'owner_id'])
    .execute();
  await db.schema.createIndex('unit_owners_owner').on('unit_owners').column('owner_id').execute();

  // ── Accounts and verification ────────────────────────────────────────────
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'uuid', id)
    .addColumn('phone', 'text', (c) => c.notNull().unique().check(sql`phone ~ '^1[3-9][0-9]{9}$'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_login_at', 'timestamptz')
    .execute();

  // An account verified as a registry owner. One live binding per owner.
  await db.schema
    .createTable('owner_bindings')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('owners.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('self', 'in_person')`))
    .addColumn('verified_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('document_type', 'text')
    .addColumn('document_note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint(
      'owner_bindings_in_person_recorded',
      sql`method = 'self' or (verified_by is not null and document_type is not null)`,
    )
    .execute();
  await sql`create unique index owner_bindings_live on owner_bindings (owner_id) where revoked_at is null`.execute(db);
  await db.schema.createIndex('owner_bindings_account').on('owner_bindings').column('account_id').execute();

  await db.schema
    .createTable('verification_attempts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('succeeded', 'boolean', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('verification_attempts_account_at').on('verification_attempts').columns(['account_id', 'at']).execute();

  // One-time login codes, kept only as an HMAC.
  await db.schema
    .createTable('otp_challenges')
    .addColumn('id', 'uuid', id)
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consumed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('otp_challenges_phone_at').on('otp_challenges').columns(['phone', 'created_at']).execute();
  await db.schema.createIndex('otp_challenges_ip_at').on('otp_challenges').columns(['ip', 'created_at']).execute();

  // Messages for owners' phones. The development sender only writes here.
  await db.schema
    .createTable('sms_outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  // ── Roles, API clients, refresh tokens ───────────────────────────────────
  await db.schema
    .createTable('role_assignments')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'township_staff', 'committee', 'organiser')`))
    .addColumn('township_id', 'uuid', (c) => c.references('townships.id'))
    .addColumn('estate_id', 'uuid', (c) => c.references('estates.id'))
    .addColumn('granted_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'uuid', (c) => c.references('accounts.id'))
    .addCheckConstraint(
      'role_assignments_scope',
      sql`(role = 'admin' and township_id is null and estate_id is null)
       or (role = 'township_staff' and township_id is not null and estate_id is null)
       or (role in ('committee', 'organiser') and estate_id is not null and township_id is null)`,
    )
    .execute();
  await sql`create unique index role_assignments_live on role_assignments
    (account_id, role, coalesce(township_id, estate_id)) nulls not distinct where revoked_at is null`.execute(db);

  await db.schema
    .createTable('api_clients')
    .addColumn('id', 'uuid', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('access', 'text', (c) => c.notNull().check(sql`access in ('read', 'read_write')`))
    .addColumn('township_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('estate_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  // Refresh tokens rotate: each use marks the token used and issues the next of
  // its family; a used token presented again revokes the whole family.
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('family_id', 'uuid', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('refresh_tokens_account').on('refresh_tokens').column('account_id').execute();
  await db.schema.createIndex('refresh_tokens_family').on('refresh_tokens').column('family_id').execute();

  // ── Registry imports ─────────────────────────────────────────────────────
  // A validated upload waiting to be applied: the units with identity HMACs
  // (never plain numbers), gzipped JSON, and the diff against registry `base_version`.
  await db.schema
    .createTable('registry_imports')
    .addColumn('id', 'uuid', id)
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('base_version', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('csv', 'json')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('previewed', 'applied', 'superseded')`))
    .addColumn('units_gz', 'bytea', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('applied_by', 'text')
    .addColumn('applied_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('registry_imports_estate').on('registry_imports').columns(['estate_id', 'created_at']).execute();

  // ── Audit log ────────────────────────────────────────────────────────────
  // Append-only, hash-chained per chain (one per estate, one for the system):
  // each record carries the hash of the previous one. The head row is locked
  // while appending, so a chain never forks.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_log_chain_seq', ['chain', 'seq'])
    .execute();
  await db.schema
    .createTable('audit_heads')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`
    create function refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function refuse_change()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function refuse_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_heads',
    'audit_log',
    'registry_imports',
    'refresh_tokens',
    'api_clients',
    'role_assignments',
    'sms_outbox',
    'otp_challenges',
    'verification_attempts',
    'owner_bindings',
    'accounts',
    'unit_owners',
    'owners',
    'units',
    'stairs',
    'buildings',
    'estates',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function refuse_change()`.execute(db);
}
