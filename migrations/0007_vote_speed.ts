import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Casting a ballot, cheaper for the database (issue 5's throughput target).
 *
 * Every ballot checked two foreign keys to `motions`, one from `ballots` and
 * one from `current_ballots`. A foreign-key check locks the referenced row
 * FOR KEY SHARE, and during a vote every ballot names the same motion row: each
 * concurrent ballot rewrote that one row's lock (a new MultiXact and a WAL
 * record per ballot) under that page's lock. The voter is named by
 * (motion, voter) instead, against a unique key of the electorate: one check of
 * the voter's own row, which also proves that the voter belongs to the motion
 * — a stronger rule than the two separate keys it replaces (the motion itself
 * is guaranteed by the electorate's own key to `motions`).
 *
 * cast_online_ballot() keeps its signature, its checks and their order; it
 * takes both locks in one statement and writes the version and the current
 * pointer in one statement (each statement of a function pays its own
 * executor start-up).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table electorate_voters add constraint electorate_voters_motion_voter unique (motion_id, id)`.execute(db);
  for (const table of ['ballots', 'current_ballots']) {
    await sql`alter table ${sql.table(table)}
      drop constraint ${sql.ref(`${table}_motion_id_fkey`)},
      drop constraint ${sql.ref(`${table}_voter_id_fkey`)},
      add constraint ${sql.ref(`${table}_voter_fkey`)} foreign key (motion_id, voter_id) references electorate_voters (motion_id, id)`.execute(db);
  }

  // As in 0003: the meeting's ballot lock shared and the voter's exclusive, then
  // — reading after the locks, so a close that went first is seen — the
  // open/closed check at p_at, the electorate, the owner binding, the co-owner
  // rule (R1.4), and the new version made current. Refusals: SQLSTATE GJ4xx.
  await sql`
    create or replace function cast_online_ballot(p_meeting uuid, p_motion uuid, p_voter uuid, p_account uuid, p_choice jsonb, p_ballot uuid, p_at timestamptz)
    returns table (o_version integer, o_cast_at timestamptz, o_replaced text, o_owner uuid)
    language plpgsql as $$
    declare
      r record;
      v_owner uuid;
      v_at timestamptz;
      v_version integer;
      v_mode text;
    begin
      perform pg_advisory_xact_lock_shared(hashtextextended('meeting-ballots:' || p_meeting, 0)),
              pg_advisory_xact_lock(hashtextextended(p_motion || ':' || p_voter, 0));
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
      with b as (
        insert into ballots (id, motion_id, voter_id, version, choice, spoiled, channel, cast_by, owner_id, cast_at)
        values (p_ballot, p_motion, p_voter, v_version, p_choice, false, 'online', p_account, v_owner, v_at)
        returning id)
      insert into current_ballots as c (motion_id, voter_id, ballot_id, version, personal)
      select p_motion, p_voter, b.id, v_version, true from b
      on conflict (motion_id, voter_id) do update set ballot_id = excluded.ballot_id, version = excluded.version, personal = true;
      return query select v_version, v_at, r.channel, v_owner;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The function's 0003 body differs only in how many statements it runs; its checks are the same.
  for (const table of ['ballots', 'current_ballots']) {
    await sql`alter table ${sql.table(table)}
      drop constraint ${sql.ref(`${table}_voter_fkey`)},
      add constraint ${sql.ref(`${table}_motion_id_fkey`)} foreign key (motion_id) references motions (id),
      add constraint ${sql.ref(`${table}_voter_id_fkey`)} foreign key (voter_id) references electorate_voters (id)`.execute(db);
  }
  await sql`alter table electorate_voters drop constraint electorate_voters_motion_voter`.execute(db);
}
