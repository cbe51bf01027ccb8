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

  // An owner's online ballot in one round trip (the service's hot path): the
  // meeting's ballot lock shared and the voter's exclusive, then — reading
  // after the locks, so a close that went first is seen — the open/closed
  // check at the server's instant p_at, the electorate, the owner binding and
  // the co-owner rule (R1.4), and the new version made current. Refusals are
  // raised with SQLSTATE GJ403/GJ404/GJ409, which the service maps to HTTP.
  // The choice itself is checked by the service against the motion's terms.
  await sql`
    create function cast_online_ballot(p_meeting uuid, p_motion uuid, p_voter uuid, p_account uuid, p_choice jsonb, p_ballot uuid, p_at timestamptz)
    returns table (o_version integer, o_cast_at timestamptz, o_replaced text, o_owner uuid)
    language plpgsql as $$
    declare
      r record;
      v_owner uuid;
      v_at timestamptz;
      v_version integer;
      v_mode text;
    begin
      perform pg_advisory_xact_lock_shared(hashtextextended('meeting-ballots:' || p_meeting, 0));
      perform pg_advisory_xact_lock(hashtextextended(p_motion || ':' || p_voter, 0));
      select m.status, m.voting_closes_at, m.estate_id, mo.id as motion_id, v.id as voter_id, v.owners, v.representative, v.developer,
             coalesce((select array_agg(b.owner_id order by b.owner_id) from owner_bindings b
                       where b.account_id = p_account and b.revoked_at is null and b.owner_id = any(v.owners)), '{}') as bound,
             cb.version as current_version, coalesce(cb.personal, false) as personal, bl.channel, bl.cast_at as current_at
        into r
        from meetings m
        left join motions mo on mo.meeting_id = m.id and mo.id = p_motion
        left join electorate_voters v on v.id = p_voter and v.motion_id = mo.id
        left join current_ballots cb on cb.motion_id = mo.id and cb.voter_id = v.id
        left join ballots bl on bl.id = cb.ballot_id
       where m.id = p_meeting;
      if not found then
        raise exception 'No such meeting' using errcode = 'GJ404';
      end if;
      if r.status = 'noticed' then
        raise exception 'Voting has not opened yet' using errcode = 'GJ409';
      elsif r.status <> 'open' then
        raise exception 'Voting is not open: the meeting is %', r.status using errcode = 'GJ409';
      end if;
      if p_at >= r.voting_closes_at then
        raise exception 'Voting closed at %', to_char(r.voting_closes_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') using errcode = 'GJ409';
      end if;
      if r.motion_id is null then
        raise exception 'No such motion in this meeting' using errcode = 'GJ404';
      end if;
      if r.voter_id is null then
        raise exception 'This voter is not in the motion''s electorate (outside its scope, or not an owner when voting opened)' using errcode = 'GJ403';
      end if;
      if cardinality(r.bound) = 0 then
        raise exception 'You are not a verified owner of this voter' using errcode = 'GJ403';
      end if;
      v_owner := r.bound[1];
      if cardinality(r.owners) > 1 and not r.developer then
        select coalesce(e.settings ->> 'coOwnerVoting', 'any') into v_mode from estates e where e.id = r.estate_id;
        if v_mode = 'representative' then
          if r.representative is null then
            raise exception 'The co-owners have not designated who casts their vote (R1.4); ask the organisers to record it' using errcode = 'GJ403';
          end if;
          if not (r.representative = any(r.bound)) then
            raise exception 'Only the co-owners’ designated representative may cast this vote (R1.4)' using errcode = 'GJ403';
          end if;
          v_owner := r.representative;
        end if;
      end if;
      -- A voter's versions get strictly increasing instants: "the latest stands" is never ambiguous.
      v_at := case when r.current_at is not null and r.current_at >= p_at then r.current_at + interval '1 millisecond' else p_at end;
      if v_at >= r.voting_closes_at then
        raise exception 'Voting closed at %', to_char(r.voting_closes_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') using errcode = 'GJ409';
      end if;
      v_version := coalesce(r.current_version, 0) + 1;
      insert into ballots (id, motion_id, voter_id, version, choice, spoiled, channel, cast_by, owner_id, cast_at)
      values (p_ballot, p_motion, p_voter, v_version, p_choice, false, 'online', p_account, v_owner, v_at);
      insert into current_ballots as c (motion_id, voter_id, ballot_id, version, personal)
      values (p_motion, p_voter, p_ballot, v_version, true)
      on conflict (motion_id, voter_id) do update set ballot_id = excluded.ballot_id, version = excluded.version, personal = true;
      return query select v_version, v_at, r.channel, v_owner;
    end $$`.execute(db);

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
  await sql`drop function cast_online_ballot`.execute(db);
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
