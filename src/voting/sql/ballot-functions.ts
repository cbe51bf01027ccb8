import type { SqlFunction } from '../../db/functions.ts';

/**
 * The database functions that accept ballots: the one home of each ballot
 * acceptance rule, for every channel (online, paper, proxy).
 *
 * How a function changes (issue 13; README.md, "Database functions"):
 * - Its current definition lives here, once. Landed migrations never change:
 *   a change is an edit here AND a new migration that applies it, as
 *   migrations/0013_ballot_rules.ts does: it names the functions it applies
 *   with the digest of their definition (`appliesFunctions`), and calls
 *   applyFunctions (src/db/functions.ts). The digest pins the version that
 *   migration applies; test/unit/sql-functions.test.ts fails while the
 *   latest migration applying a function pins another digest than its
 *   definition here has (it prints the one to pin), so the source and the
 *   databases cannot drift; test/integration/sql-functions.test.ts compares
 *   what a migrated database holds (pg_get_functiondef) with this file.
 * - On a fresh database the first migration applying a function already
 *   installs its newest definition and later ones apply it again: a body may
 *   name tables and columns a later migration adds (bodies are checked when
 *   they run), but a new signature or return type needs `drop function if
 *   exists` of the old one in the migration, before applying.
 * - The hot path (cast_session_ballots → cast_ballots) is measured by
 *   `npm run bench:vote`: keep the per-ballot rules in the inlinable SQL
 *   functions below (the planner pastes them into the caller's expression,
 *   so they cost no call), and the reads and writes set-based.
 *
 * Refusals are SQLSTATE-like codes the service maps to problems
 * (src/voting/ballot-refusals.ts): GJ400 (validation-failed), GJ401
 * (unauthenticated), GJ403 (forbidden), GJ43A (assurance-too-low), GJ404
 * (not-found), GJ409 (conflict).
 * A refusal as text is the code, a space and the message.
 */

/** The key of a meeting's ballot lock: taken shared by each ballot, exclusively by the close (src/results/closing.ts). */
const meetingBallotsLock: SqlFunction = {
  name: 'meeting_ballots_lock',
  signature: 'meeting_ballots_lock(uuid)',
  definition: `create or replace function meeting_ballots_lock(p_meeting uuid) returns bigint
    language sql immutable parallel safe as $$
      select hashtextextended('meeting-ballots:' || p_meeting::text, 0)
    $$`,
};

/** The key of a voter's lock on a motion: one voter's ballots are written one after another, so versions never collide. */
const ballotVoterLock: SqlFunction = {
  name: 'ballot_voter_lock',
  signature: 'ballot_voter_lock(uuid, uuid)',
  definition: `create or replace function ballot_voter_lock(p_motion uuid, p_voter uuid) returns bigint
    language sql immutable parallel safe as $$
      select hashtextextended(p_motion::text || ':' || p_voter::text, 0)
    $$`,
};

/**
 * Invariant 2 and R4.2: a ballot is accepted only while voting is open, and
 * none at or after the closing instant. Null when open at p_at.
 */
const votingWindowRefusal: SqlFunction = {
  name: 'voting_window_refusal',
  signature: 'voting_window_refusal(text, timestamp with time zone, timestamp with time zone)',
  definition: `create or replace function voting_window_refusal(p_status text, p_closes_at timestamptz, p_at timestamptz) returns text
    language sql stable parallel safe as $$
      select case
        when p_status = 'noticed' then 'GJ409 Voting has not opened yet'
        when p_status <> 'open' then 'GJ409 Voting is not open: the meeting is ' || p_status
        when p_at >= p_closes_at then 'GJ409 Voting closed at ' || to_char(p_closes_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      end
    $$`,
};

/**
 * The instant a voter's new version is cast at: strictly after the current
 * one's, so "the latest stands" (R4.4) is never ambiguous, even for two
 * changes within one millisecond.
 */
const ballotInstant: SqlFunction = {
  name: 'ballot_instant',
  signature: 'ballot_instant(timestamp with time zone, timestamp with time zone)',
  definition: `create or replace function ballot_instant(p_current_at timestamptz, p_at timestamptz) returns timestamptz
    language sql stable parallel safe as $$
      select case when p_current_at >= p_at then p_current_at + interval '1 millisecond' else p_at end
    $$`,
};

/**
 * Whether one ballot is accepted, from what cast_ballots read under the
 * locks: null when it is, else the refusal. The checks, in order:
 *   the meeting exists → voting is open at this instant (invariant 2) →
 *   the motion is the meeting's → the voter is in the motion's electorate
 *   (R4.6) → the ballot speaks for one of the voter's owners: online, the
 *   account is bound to one (R4.5) at the meeting's minimum level of
 *   assurance or above (issue 14: below it, GJ43A tells the owner how to
 *   verify more strongly); by proxy, the grantor is one (R4.3); on
 *   paper, the signatory, when named, is one (R4.4) → co-owners under
 *   coOwnerVoting "representative": only their designated representative's
 *   ballot, signature or proxy (R1.4) → a proxy ballot never replaces the
 *   owner's own (R4.3) → the new version's instant is still before the close.
 * p_speaks_for: those of the voter's owners the ballot speaks for (online:
 * the account's bindings among them at the minimum level or above; paper,
 * proxy: the named owner if one of them). p_too_weak: online, the account is
 * bound to one of them, but below p_min_level. The choice itself is checked by the service against the motion's
 * frozen terms (choiceProblem, src/voting/motion-terms.ts), before this.
 */
const ballotRefusal: SqlFunction = {
  name: 'ballot_refusal',
  signature:
    'ballot_refusal(text, text, timestamp with time zone, timestamp with time zone, uuid, uuid, uuid[], boolean, text, uuid, text, uuid, boolean, timestamp with time zone)',
  definition: `create or replace function ballot_refusal(
      p_channel text, p_status text, p_closes_at timestamptz, p_at timestamptz, p_motion uuid, p_voter uuid,
      p_speaks_for uuid[], p_too_weak boolean, p_min_level text,
      p_owner uuid, p_co_owner_voting text, p_representative uuid, p_current_personal boolean, p_current_at timestamptz)
    returns text language sql stable parallel safe as $$
      select case when p_status is null then 'GJ404 No such meeting' else coalesce(
        voting_window_refusal(p_status, p_closes_at, p_at),
        case
          when p_motion is null then 'GJ404 No such motion in this meeting'
          when p_voter is null then 'GJ403 This voter is not in the motion''s electorate (outside its scope, or not an owner when voting opened)'
          when cardinality(p_speaks_for) = 0 and p_channel = 'online' and p_too_weak then 'GJ43A ' || case p_min_level
              when 'registry_factor' then 'You were verified only by name and identity number, and this meeting asks for more before you vote. '
                || 'Verify again adding the property certificate number (不动产权证书号) of your unit, or log in with the phone number the property registry holds for you, '
                || 'or use face verification, or ask your residents'' committee to verify you in person'
              when 'provider_face' then 'This meeting accepts online votes only from owners verified by face verification or in person. '
                || 'Use face verification in the app, or ask your residents'' committee to verify you in person'
              else 'This meeting accepts online votes only from owners verified in person. '
                || 'Bring your identity document to your residents'' committee or the township to be verified, then vote' end
          when cardinality(p_speaks_for) = 0 and p_channel = 'online' then 'GJ403 You are not a verified owner of this voter'
          when cardinality(p_speaks_for) = 0 and p_channel = 'proxy' then 'GJ403 The proxy’s owner is not one of this voter’s owners'
          when cardinality(p_speaks_for) = 0 and p_owner is not null then 'GJ400 signedBy must be one of the voter’s owners (an owner id from the registry)'
          when p_co_owner_voting = 'representative' and p_representative is null
            then 'GJ403 The co-owners have not designated who casts their vote (R1.4); ask the organisers to record it'
          when p_co_owner_voting = 'representative' and not coalesce(p_representative = any(p_speaks_for), false)
            then 'GJ403 Only the co-owners’ designated representative may ' || case p_channel
              when 'online' then 'cast this vote (R1.4)'
              when 'paper' then 'sign their paper ballot (R1.4): name them in signedBy'
              else 'give a proxy for their shared vote (R1.4)' end
          when p_channel = 'proxy' and p_current_personal
            then 'GJ409 The owner has voted personally on this motion; a proxy ballot cannot replace it'
        end,
        voting_window_refusal(p_status, p_closes_at, ballot_instant(p_current_at, p_at)))
      end
    $$`,
};

/**
 * Ballots of any channel, decided and written together: one statement reads
 * what every ballot needs, ballot_refusal() decides each, one statement
 * inserts the accepted versions and one moves their current pointers
 * (invariant 1: one current ballot per (motion, voter), every version kept).
 * A refused ballot does not refuse its neighbours: each gets its own row.
 *
 * An item: { meeting, motion, voter, account, choice, ballot, at } and, for
 * the ballots organisers write, channel ("paper" | "proxy"; online when
 * absent), owner (the signatory or the proxy's grantor), spoiled, proxy,
 * paper (the entry), and check_only (decide, write nothing: a paper entry
 * is checked when entered, written when confirmed).
 *
 * Locks, taken before anything is read so a close that went first is seen:
 * the share lock on each meeting's ballots, then each voter's exclusive
 * lock, each set in ascending key order, so two batches never wait on each
 * other in a cycle. A batch names each (motion, voter) at most once (the
 * service holds a voter's second ballot for the next batch); if it did not,
 * both would get the same version and the unique key would refuse the batch.
 *
 * Hash and merge joins are off inside the function: a batch is a few dozen
 * ballots, each found by its keys, but the plan is made without knowing how
 * many, and a hash join reads every ballot of the database (measured: the
 * database's CPU per ballot rose from 0.26 to 0.81 ms under bench:vote).
 */
const castBallots: SqlFunction = {
  name: 'cast_ballots',
  signature: 'cast_ballots(jsonb)',
  definition: `create or replace function cast_ballots(p_items jsonb)
    returns table (o_item integer, o_code text, o_message text, o_version integer, o_cast_at timestamptz, o_replaced text, o_owner uuid)
    language plpgsql set enable_hashjoin = off set enable_mergejoin = off as $$
    declare
      r record;
      v_refusal text;
      a_ballot uuid[] := '{}';
      a_motion uuid[] := '{}';
      a_voter uuid[] := '{}';
      a_version integer[] := '{}';
      a_choice jsonb[] := '{}';
      a_spoiled boolean[] := '{}';
      a_channel text[] := '{}';
      a_account uuid[] := '{}';
      a_owner uuid[] := '{}';
      a_proxy uuid[] := '{}';
      a_paper uuid[] := '{}';
      a_level text[] := '{}';
      a_at timestamptz[] := '{}';
    begin
      perform pg_advisory_xact_lock_shared(k)
         from (select distinct meeting_ballots_lock((i ->> 'meeting')::uuid) as k
                 from jsonb_array_elements(p_items) i order by 1) keys;
      perform pg_advisory_xact_lock(k)
         from (select distinct ballot_voter_lock((i ->> 'motion')::uuid, (i ->> 'voter')::uuid) as k
                 from jsonb_array_elements(p_items) i order by 1) keys;
      for r in
        select i.ord::integer as item, coalesce(i.channel, 'online') as channel, i.at, i.ballot, i.account,
               coalesce(i.choice, 'null'::jsonb) as choice, coalesce(i.spoiled, false) as spoiled, i.owner, i.proxy, i.paper,
               coalesce(i.check_only, false) as check_only,
               m.status, m.voting_closes_at, mo.id as motion_id, v.id as voter_id, v.representative,
               case when coalesce(i.channel, 'online') = 'online' then coalesce(bound.owners, '{}')
                    else array(select i.owner where i.owner = any(v.owners)) end as speaks_for,
               bound.levels, coalesce(bound.weak, false) as too_weak, coalesce(m.min_assurance, 'knowledge') as min_level,
               case when cardinality(v.owners) > 1 and not v.developer
                    then (select coalesce(e.settings ->> 'coOwnerVoting', 'any') from estates e where e.id = m.estate_id) end as co_owner_voting,
               cb.version as current_version, coalesce(cb.personal, false) as current_personal, bl.channel as current_channel, bl.cast_at as current_at
          from rows from (jsonb_to_recordset(p_items)
                 as (meeting uuid, motion uuid, voter uuid, account uuid, choice jsonb, ballot uuid, at timestamptz,
                     channel text, owner uuid, spoiled boolean, proxy uuid, paper uuid, check_only boolean)) with ordinality
                 as i(meeting, motion, voter, account, choice, ballot, at, channel, owner, spoiled, proxy, paper, check_only, ord)
          left join meetings m on m.id = i.meeting
          left join motions mo on mo.meeting_id = m.id and mo.id = i.motion
          left join electorate_voters v on v.id = i.voter and v.motion_id = mo.id
          -- Online: the account's live bindings to the voter's owners at the meeting's minimum level or above
          -- (and their levels, in the same order), and whether any is below it.
          left join lateral (
            select array_agg(b.owner_id order by b.owner_id) filter (where b.strong) as owners,
                   array_agg(b.level order by b.owner_id) filter (where b.strong) as levels,
                   bool_or(not b.strong) as weak
              from (select ob.owner_id, ob.level,
                           array_position(array['knowledge', 'registry_factor', 'provider_face', 'in_person'], ob.level)
                             >= array_position(array['knowledge', 'registry_factor', 'provider_face', 'in_person'], coalesce(m.min_assurance, 'knowledge')) as strong
                      from owner_bindings ob
                     where coalesce(i.channel, 'online') = 'online' and ob.account_id = i.account
                       and ob.revoked_at is null and ob.owner_id = any(v.owners)) b) bound on true
          left join current_ballots cb on cb.motion_id = mo.id and cb.voter_id = v.id
          left join ballots bl on bl.id = cb.ballot_id
         order by i.ord
      loop
        o_item := r.item;
        v_refusal := ballot_refusal(r.channel, r.status, r.voting_closes_at, r.at, r.motion_id, r.voter_id, r.speaks_for, r.too_weak,
                                    r.min_level, r.owner, r.co_owner_voting, r.representative, r.current_personal, r.current_at);
        if v_refusal is not null then
          o_code := left(v_refusal, 5); o_message := substr(v_refusal, 7);
          o_version := null; o_cast_at := null; o_replaced := null; o_owner := null;
        else
          o_code := null; o_message := null;
          -- Whose vote this is: the co-owners' representative (R1.4), else the account's owner, the signatory or the grantor.
          o_owner := case when r.co_owner_voting = 'representative' then r.representative
                          when r.channel = 'online' then r.speaks_for[1] else r.owner end;
          o_version := coalesce(r.current_version, 0) + 1;
          o_cast_at := ballot_instant(r.current_at, r.at);
          o_replaced := r.current_channel;
          if not r.check_only then
            a_ballot := a_ballot || r.ballot;
            a_motion := a_motion || r.motion_id;
            a_voter := a_voter || r.voter_id;
            a_version := a_version || o_version;
            a_choice := a_choice || r.choice;
            a_spoiled := a_spoiled || r.spoiled;
            a_channel := a_channel || r.channel;
            a_account := a_account || r.account;
            a_owner := a_owner || o_owner;
            a_proxy := a_proxy || r.proxy;
            a_paper := a_paper || r.paper;
            -- Online: the level of the binding whose owner's vote this is; paper and proxy ballots are staff's record (null).
            a_level := a_level || case when r.channel = 'online' then r.levels[array_position(r.speaks_for, o_owner)] end;
            a_at := a_at || o_cast_at;
          end if;
        end if;
        return next;
      end loop;
      if cardinality(a_ballot) > 0 then
        insert into ballots (id, motion_id, voter_id, version, choice, spoiled, channel, cast_by, owner_id, proxy_id, paper_entry_id, assurance_level, cast_at)
        select b.id, b.motion, b.voter, b.version, b.choice, b.spoiled, b.channel, b.account, b.owner, b.proxy, b.paper, b.level, b.at
          from unnest(a_ballot, a_motion, a_voter, a_version, a_choice, a_spoiled, a_channel, a_account, a_owner, a_proxy, a_paper, a_level, a_at)
                 as b(id, motion, voter, version, choice, spoiled, channel, account, owner, proxy, paper, level, at);
        -- A proxy ballot is personal = false; it is refused above once the owner has voted personally.
        insert into current_ballots as c (motion_id, voter_id, ballot_id, version, personal)
        select b.motion, b.voter, b.id, b.version, b.channel <> 'proxy'
          from unnest(a_ballot, a_motion, a_voter, a_version, a_channel) as b(id, motion, voter, version, channel)
        on conflict (motion_id, voter_id) do update set ballot_id = excluded.ballot_id, version = excluded.version, personal = excluded.personal;
      end if;
    end $$`,
};

/**
 * The ballot route's call: cast_ballots() with the question whether each
 * ballot's session still lives asked in the same statement (issue 12;
 * src/identity/access-revocation.ts) — a statement of its own per ballot cost
 * the database ≈ 0.15 ms of CPU per ballot under bench:vote. Each item names
 * its session (\`session\`); an item whose session has ended is refused with
 * GJ401 and never reaches cast_ballots, the others are cast as a batch. The
 * check runs in the statement that casts, which starts after the request
 * arrived, so it sees every revocation committed before.
 */
const castSessionBallots: SqlFunction = {
  name: 'cast_session_ballots',
  signature: 'cast_session_ballots(jsonb)',
  definition: `create or replace function cast_session_ballots(p_items jsonb)
    returns table (o_item integer, o_code text, o_message text, o_version integer, o_cast_at timestamptz, o_replaced text, o_owner uuid)
    language plpgsql as $$
    declare
      v_live jsonb;
      v_positions integer[];
      v_ended integer[];
    begin
      -- One pass: the items whose session lives, in their order, where each stood in p_items, and the others.
      select coalesce(jsonb_agg(s.item order by s.ord) filter (where s.live), '[]'::jsonb),
             coalesce(array_agg(s.ord order by s.ord) filter (where s.live), '{}'),
             coalesce(array_agg(s.ord) filter (where not s.live), '{}')
        into v_live, v_positions, v_ended
        from (select i.item, i.ord::integer as ord,
                     exists (select 1 from refresh_tokens r
                              where r.family_id = (i.item ->> 'session')::uuid
                                and r.account_id = (i.item ->> 'account')::uuid
                                and r.revoked_at is null) as live
                from jsonb_array_elements(p_items) with ordinality as i(item, ord)) s;
      if cardinality(v_ended) > 0 then
        return query
          select e, 'GJ401'::text, 'The session of this access token has ended; log in again'::text,
                 null::integer, null::timestamptz, null::text, null::uuid
            from unnest(v_ended) as e;
      end if;
      if cardinality(v_positions) > 0 then
        return query
          select v_positions[c.o_item], c.o_code, c.o_message, c.o_version, c.o_cast_at, c.o_replaced, c.o_owner
            from cast_ballots(v_live) c;
      end if;
    end $$`,
};

/** Every ballot function, in the order they are applied (a function after those its SQL body names). */
export const BALLOT_FUNCTIONS: readonly SqlFunction[] = [
  meetingBallotsLock,
  ballotVoterLock,
  votingWindowRefusal,
  ballotInstant,
  ballotRefusal,
  castBallots,
  castSessionBallots,
];
