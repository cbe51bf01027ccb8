import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
const now = sql`now()`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // A meeting of the owners' assembly (业主大会会议), regular or temporary.
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'uuid', id)
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('regular', 'temporary')`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 200`))
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'noticed', 'open', 'closed', 'tallied', 'published', 'cancelled')`),
    )
    .addColumn('voting_opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('voting_closes_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('noticed_at', 'timestamptz')
    .addColumn('opened_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('tallied_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addCheckConstraint('meetings_window', sql`voting_closes_at > voting_opens_at`)
    .execute();
  await db.schema.createIndex('meetings_estate').on('meetings').columns(['estate_id', 'created_at']).execute();
  await sql`create index meetings_due on meetings (voting_closes_at) where status in ('noticed', 'open')`.execute(db);

  // A motion (表决事项): frozen when the notice is published (R3.5). The terms
  // are the tally engine's motion (kind, options or candidates and seats,
  // scope); the electorate totals are filled in when voting opens.
  await db.schema
    .createTable('motions')
    .addColumn('id', 'uuid', id)
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('matter', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('yes_no', 'options', 'election')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('terms', 'jsonb', (c) => c.notNull())
    .addColumn('documents', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('total_area_hundredths', 'bigint')
    .addColumn('total_heads', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('motions_meeting_position', ['meeting_id', 'position'])
    .execute();

  // The electorate snapshot (R4.6): taken when voting opens, one row per
  // voter (head) of each motion's scope, as the tally engine derived it.
  await db.schema
    .createTable('electorate_voters')
    .addColumn('id', 'uuid', id)
    .addColumn('motion_id', 'uuid', (c) => c.notNull().references('motions.id'))
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('developer', 'boolean', (c) => c.notNull())
    .addColumn('owners', sql`uuid[]`, (c) => c.notNull())
    .addColumn('units', sql`uuid[]`, (c) => c.notNull())
    .addColumn('area_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('representative', 'uuid')
    .addUniqueConstraint('electorate_voters_motion_key', ['motion_id', 'voter_key'])
    .execute();
  await sql`create index electorate_voters_owners on electorate_voters using gin (owners)`.execute(db);

  // Every version of every ballot, never updated or deleted.
  await db.schema
    .createTable('ballots')
    .addColumn('id', 'uuid', id)
    .addColumn('motion_id', 'uuid', (c) => c.notNull().references('motions.id'))
    .addColumn('voter_id', 'uuid', (c) => c.notNull().references('electorate_voters.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('choice', 'jsonb', (c) => c.notNull())
    .addColumn('spoiled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('online', 'paper', 'proxy')`))
    .addColumn('cast_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('owner_id', 'uuid', (c) => c.references('owners.id'))
    .addColumn('proxy_id', 'uuid')
    .addColumn('paper_entry_id', 'uuid')
    .addColumn('cast_at', 'timestamptz', (c) => c.notNull())
    .addColumn('receipt', 'text', (c) => c.notNull())
    .addUniqueConstraint('ballots_voter_version', ['motion_id', 'voter_id', 'version'])
    .execute();
  await sql`create trigger ballots_append_only before update or delete on ballots
    for each row execute function refuse_change()`.execute(db);
  await sql`create trigger ballots_no_truncate before truncate on ballots
    for each statement execute function refuse_change()`.execute(db);

  // The one current ballot of each voter on each motion (invariant 1). Its row
  // lock serialises a voter's concurrent changes.
  await db.schema
    .createTable('current_ballots')
    .addColumn('motion_id', 'uuid', (c) => c.notNull().references('motions.id'))
    .addColumn('voter_id', 'uuid', (c) => c.notNull().references('electorate_voters.id'))
    .addColumn('ballot_id', 'uuid', (c) => c.notNull().references('ballots.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('personal', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('current_ballots_pk', ['motion_id', 'voter_id'])
    .execute();

  // A signed paper ballot entered by one organiser; it counts once a second
  // organiser confirms it (R4.4).
  await db.schema
    .createTable('paper_entries')
    .addColumn('id', 'uuid', id)
    .addColumn('motion_id', 'uuid', (c) => c.notNull().references('motions.id'))
    .addColumn('voter_id', 'uuid', (c) => c.notNull().references('electorate_voters.id'))
    .addColumn('choice', 'jsonb', (c) => c.notNull())
    .addColumn('spoiled', 'boolean', (c) => c.notNull())
    .addColumn('scan_url', 'text', (c) => c.notNull())
    .addColumn('scan_sha256', 'text', (c) => c.notNull().check(sql`scan_sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('entered_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('entered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'confirmed', 'rejected')`))
    .addColumn('decided_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('ballot_id', 'uuid', (c) => c.references('ballots.id'))
    .addCheckConstraint('paper_entries_two_people', sql`decided_by is null or decided_by <> entered_by`)
    .execute();

  // A written proxy (委托书) for one meeting: the holder votes for the grantor (R4.3).
  await db.schema
    .createTable('proxies')
    .addColumn('id', 'uuid', id)
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    .addColumn('grantor_owner_id', 'uuid', (c) => c.notNull().references('owners.id'))
    .addColumn('holder_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('instructions', 'jsonb')
    .addColumn('document_url', 'text', (c) => c.notNull())
    .addColumn('document_sha256', 'text', (c) => c.notNull().check(sql`document_sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'revoked')`))
    .addColumn('registered_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('decided_at', 'timestamptz')
    .execute();
  await sql`create unique index proxies_live on proxies (meeting_id, grantor_owner_id) where status in ('pending', 'approved')`.execute(db);

  // Replies to retried requests (Idempotency-Key), per account.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['account_id', 'key'])
    .execute();

  // A motion's result as the tally engine decided it at close.
  await db.schema
    .createTable('motion_results')
    .addColumn('motion_id', 'uuid', (c) => c.primaryKey().references('motions.id'))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    .addColumn('totals', 'jsonb', (c) => c.notNull())
    .addColumn('report', 'jsonb', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // Petitions (R3.4): for a temporary meeting, or before a vote on adding parking.
  await db.schema
    .createTable('petitions')
    .addColumn('id', 'uuid', id)
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('temporary_meeting', 'parking_expansion')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('threshold_reached_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('petition_signatures')
    .addColumn('petition_id', 'uuid', (c) => c.notNull().references('petitions.id'))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('owners.id'))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('signed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('petition_signatures_pk', ['petition_id', 'owner_id'])
    .execute();

  // Messages to owners, the residents' committee, the committee and the
  // township. A sender delivers them; the development one only keeps them.
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'uuid')
    .addColumn('recipient', 'text', (c) =>
      c.notNull().check(sql`recipient in ('owner', 'residents_committee', 'committee', 'township')`),
    )
    .addColumn('owner_id', 'uuid', (c) => c.references('owners.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('notifications_estate_topic').on('notifications').columns(['estate_id', 'topic']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'notifications',
    'petition_signatures',
    'petitions',
    'motion_results',
    'idempotency_keys',
    'proxies',
    'paper_entries',
    'current_ballots',
    'ballots',
    'electorate_voters',
    'motions',
    'meetings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
