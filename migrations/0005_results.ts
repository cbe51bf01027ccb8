import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/** Rows of these tables are evidence: written once, never changed (refuse_change() is from 0002). */
async function appendOnly(db: Kysely<unknown>, table: string) {
  await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
    for each row execute function refuse_change()`.execute(db);
  await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
    for each statement execute function refuse_change()`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // When the result notice (公告) went up (R4.7); the status is then 'published'.
  await db.schema.alterTable('meetings').addColumn('published_at', 'timestamptz').execute();

  // Every unit of the estate as it stood when voting opened (R4.6), with its
  // owners: the tally record's units. The electorate_voters rows only keep
  // each voter's summed area, and the registry moves on after opening.
  await db.schema
    .createTable('electorate_units')
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('registry_no', 'text', (c) => c.notNull())
    .addColumn('building', 'text', (c) => c.notNull())
    .addColumn('stair', 'text')
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('area_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('area_source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('developer_held', 'boolean', (c) => c.notNull())
    .addColumn('owners', sql`uuid[]`, (c) => c.notNull())
    .addColumn('representative', 'uuid')
    .addPrimaryKeyConstraint('electorate_units_pk', ['meeting_id', 'unit_id'])
    .execute();
  await appendOnly(db, 'electorate_units');
  // Meetings opened before this migration: the registry as it is now is the best evidence left.
  await sql`
    insert into electorate_units (meeting_id, unit_id, registry_no, building, stair, room, area_hundredths, area_source, kind, developer_held, owners, representative)
    select m.id, u.id, u.registry_no, b.name, s.name, u.room, u.area_hundredths, u.area_source, u.kind, u.developer_held,
           coalesce((select array_agg(uo.owner_id order by uo.owner_id) from unit_owners uo where uo.unit_id = u.id), '{}'),
           (select uo.owner_id from unit_owners uo where uo.unit_id = u.id and uo.representative limit 1)
    from meetings m
    join units u on u.estate_id = m.estate_id and u.removed_at is null
    join buildings b on b.id = u.building_id
    left join stairs s on s.id = u.stair_id
    where m.status in ('open', 'closed', 'tallied', 'published')`.execute(db);

  // What the close sealed for each motion (docs/bundle.md): the settings it
  // was counted under, digests of its units and of every ballot version, of
  // the whole tally record and of the result. The same figures go into the
  // estate's audit chain in the 'meeting.tallied' record.
  await db.schema
    .createTable('result_seals')
    .addColumn('motion_id', 'uuid', (c) => c.primaryKey().references('motions.id'))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    .addColumn('units_count', 'integer', (c) => c.notNull())
    .addColumn('units_sha256', 'text', (c) => c.notNull())
    .addColumn('ballots_count', 'integer', (c) => c.notNull())
    .addColumn('ballots_head', 'text', (c) => c.notNull())
    .addColumn('record_sha256', 'text', (c) => c.notNull())
    .addColumn('result_sha256', 'text', (c) => c.notNull())
    .addColumn('sealed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('result_seals_meeting').on('result_seals').column('meeting_id').execute();
  await appendOnly(db, 'result_seals');

  // The township's filing (备案) of a meeting's result (R4.8): one row per
  // meeting, its current state; how it got there is in filing_events.
  await db.schema
    .createTable('filings')
    .addColumn('meeting_id', 'uuid', (c) => c.primaryKey().references('meetings.id'))
    .addColumn('estate_id', 'uuid', (c) => c.notNull().references('estates.id'))
    .addColumn('township_id', 'uuid', (c) => c.notNull().references('townships.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('awaiting_review', 'returned', 'certified', 'correction_ordered', 'revoked')`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('certified_at', 'timestamptz')
    .addColumn('certified_by', 'text')
    .addColumn('payload', 'jsonb')
    .addColumn('signature', 'text')
    .addColumn('key_id', 'text')
    .addColumn('public_key', 'text')
    .addCheckConstraint('filings_signed', sql`(certified_at is null) = (signature is null)`)
    .execute();
  await db.schema.createIndex('filings_township').on('filings').columns(['township_id', 'status']).execute();

  await db.schema
    .createTable('filing_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('certified', 'returned', 'resubmitted', 'correction_ordered', 'revoked')`),
    )
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reference', 'text')
    .execute();
  await db.schema.createIndex('filing_events_meeting').on('filing_events').columns(['meeting_id', 'id']).execute();
  await appendOnly(db, 'filing_events');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['filing_events', 'filings', 'result_seals', 'electorate_units']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('meetings').dropColumn('published_at').execute();
}
