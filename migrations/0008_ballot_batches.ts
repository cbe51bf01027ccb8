import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Online ballots cast in batches (issue 5's throughput target).
 *
 * cast_online_ballot() ran its checks and writes as separate statements for
 * every ballot, each paying executor start-up, and every ballot was its own
 * transaction: under load most of the database's time per ballot was that
 * overhead, not the checks. cast_online_ballots() takes the ballots the
 * service has received in the meantime (src/voting/ballot-batches.ts) and
 * decides them together: one statement reads what every ballot needs, one
 * inserts the accepted versions, one moves their current pointers, one
 * commit. The checks, their order and their refusals are cast_online_ballot's,
 * answered per ballot instead of raised, so one refused ballot does not
 * refuse its neighbours:
 *
 *   meeting exists (GJ404) → voting has opened and not closed (GJ409) →
 *   cast before the closing instant (GJ409) → motion in the meeting (GJ404) →
 *   voter in the motion's electorate (GJ403) → the account is bound to one of
 *   the voter's owners (GJ403) → for co-owners under coOwnerVoting
 *   "representative", the account is the designated representative (GJ403).
 *
 * Locks — the same keys as cast_online_ballot's and the service's (ids cast
 * to uuid, so the case of an id never changes its lock) — taken before
 * anything is read, so a close that went first is seen:
 * the share lock on each meeting's ballots, then each voter's exclusive lock,
 * each set in ascending key order, so two batches never wait on each other in
 * a cycle. A batch names each (motion, voter) at most once (the service
 * holds a voter's second ballot for the next batch); if it did not, both
 * would get the same version and the unique key would refuse the batch.
 *
 * Hash and merge joins are off inside the function: a batch is a few dozen
 * ballots, each found by its keys, but the plan is made without knowing how
 * many, and a hash join reads every ballot of the database (measured: the
 * database's CPU per ballot rose from 0.26 to 0.81 ms under bench:vote).
 *
 * cast_online_ballot() stays for a batch of one written by hand (psql);
 * the service no longer calls it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function cast_online_ballots(p_items jsonb)
    returns table (o_item integer, o_code text, o_message text, o_version integer, o_cast_at timestamptz, o_replaced text, o_owner uuid)
    language plpgsql set enable_hashjoin = off set enable_mergejoin = off as $$
    declare
      r record;
      v_owner uuid;
      v_at timestamptz;
      v_version integer;
      v_late boolean;
      a_ballot uuid[] := '{}';
      a_motion uuid[] := '{}';
      a_voter uuid[] := '{}';
      a_version integer[] := '{}';
      a_choice jsonb[] := '{}';
      a_account uuid[] := '{}';
      a_owner uuid[] := '{}';
      a_at timestamptz[] := '{}';
    begin
      perform pg_advisory_xact_lock_shared(k)
         from (select distinct hashtextextended('meeting-ballots:' || (i ->> 'meeting')::uuid, 0) as k
                 from jsonb_array_elements(p_items) i order by 1) keys;
      perform pg_advisory_xact_lock(k)
         from (select distinct hashtextextended((i ->> 'motion')::uuid || ':' || (i ->> 'voter')::uuid, 0) as k
                 from jsonb_array_elements(p_items) i order by 1) keys;
      for r in
        select i.ord::integer as item, i.at, i.ballot, i.motion as asked_motion, i.voter as asked_voter, i.account, i.choice,
               m.id as meeting_id, m.status, m.voting_closes_at, mo.id as motion_id, v.id as voter_id, v.owners, v.representative, v.developer,
               coalesce((select array_agg(b.owner_id order by b.owner_id) from owner_bindings b
                         where b.account_id = i.account and b.revoked_at is null and b.owner_id = any(v.owners)), '{}') as bound,
               case when cardinality(v.owners) > 1 and not v.developer
                    then (select coalesce(e.settings ->> 'coOwnerVoting', 'any') from estates e where e.id = m.estate_id) end as co_owner_voting,
               cb.version as current_version, bl.channel, bl.cast_at as current_at
          from rows from (jsonb_to_recordset(p_items)
                 as (meeting uuid, motion uuid, voter uuid, account uuid, choice jsonb, ballot uuid, at timestamptz)) with ordinality
                 as i(meeting, motion, voter, account, choice, ballot, at, ord)
          left join meetings m on m.id = i.meeting
          left join motions mo on mo.meeting_id = m.id and mo.id = i.motion
          left join electorate_voters v on v.id = i.voter and v.motion_id = mo.id
          left join current_ballots cb on cb.motion_id = mo.id and cb.voter_id = v.id
          left join ballots bl on bl.id = cb.ballot_id
         order by i.ord
      loop
        o_item := r.item;
        o_version := null; o_cast_at := null; o_replaced := null; o_owner := null;
        o_code := null; o_message := null; v_late := false;
        if r.meeting_id is null then
          o_code := 'GJ404'; o_message := 'No such meeting';
        elsif r.status = 'noticed' then
          o_code := 'GJ409'; o_message := 'Voting has not opened yet';
        elsif r.status <> 'open' then
          o_code := 'GJ409'; o_message := 'Voting is not open: the meeting is ' || r.status;
        elsif r.at >= r.voting_closes_at then
          v_late := true;
        elsif r.motion_id is null then
          o_code := 'GJ404'; o_message := 'No such motion in this meeting';
        elsif r.voter_id is null then
          o_code := 'GJ403'; o_message := 'This voter is not in the motion''s electorate (outside its scope, or not an owner when voting opened)';
        elsif cardinality(r.bound) = 0 then
          o_code := 'GJ403'; o_message := 'You are not a verified owner of this voter';
        elsif r.co_owner_voting = 'representative' and r.representative is null then
          o_code := 'GJ403'; o_message := 'The co-owners have not designated who casts their vote (R1.4); ask the organisers to record it';
        elsif r.co_owner_voting = 'representative' and not (r.representative = any(r.bound)) then
          o_code := 'GJ403'; o_message := 'Only the co-owners’ designated representative may cast this vote (R1.4)';
        end if;
        if o_code is null and not v_late then
          v_owner := case when r.co_owner_voting = 'representative' then r.representative else r.bound[1] end;
          -- A voter's versions get strictly increasing instants: "the latest stands" is never ambiguous.
          v_at := case when r.current_at is not null and r.current_at >= r.at then r.current_at + interval '1 millisecond' else r.at end;
          if v_at >= r.voting_closes_at then
            v_late := true;
          else
            v_version := coalesce(r.current_version, 0) + 1;
            a_ballot := a_ballot || r.ballot;
            a_motion := a_motion || r.motion_id;
            a_voter := a_voter || r.voter_id;
            a_version := a_version || v_version;
            a_choice := a_choice || r.choice;
            a_account := a_account || r.account;
            a_owner := a_owner || v_owner;
            a_at := a_at || v_at;
            o_version := v_version; o_cast_at := v_at; o_replaced := r.channel; o_owner := v_owner;
          end if;
        end if;
        if v_late then
          o_code := 'GJ409';
          o_message := 'Voting closed at ' || to_char(r.voting_closes_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
        end if;
        return next;
      end loop;
      if cardinality(a_ballot) > 0 then
        insert into ballots (id, motion_id, voter_id, version, choice, spoiled, channel, cast_by, owner_id, cast_at)
        select b.id, b.motion, b.voter, b.version, b.choice, false, 'online', b.account, b.owner, b.at
          from unnest(a_ballot, a_motion, a_voter, a_version, a_choice, a_account, a_owner, a_at)
                 as b(id, motion, voter, version, choice, account, owner, at);
        insert into current_ballots as c (motion_id, voter_id, ballot_id, version, personal)
        select b.motion, b.voter, b.id, b.version, true
          from unnest(a_ballot, a_motion, a_voter, a_version) as b(id, motion, voter, version)
        on conflict (motion_id, voter_id) do update set ballot_id = excluded.ballot_id, version = excluded.version, personal = true;
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function cast_online_ballots(jsonb)`.execute(db);
}
