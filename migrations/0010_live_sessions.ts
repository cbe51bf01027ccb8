import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Access tokens are honoured only while their session lives (issue 12;
 * src/identity/access-revocation.ts): every authenticated request asks
 * whether the token's refresh-token family still has a token not revoked.
 *
 * refresh_tokens_live_family holds only tokens not revoked: a live session
 * is found at its first entry, and a revoked one is an empty probe — through
 * refresh_tokens_family it would read every row of the family, one per
 * refresh, thousands for a month-old login, on each request still sending a
 * revoked token.
 *
 * cast_session_ballots() is cast_online_ballots() with that question asked
 * in the same statement, for the ballot route, the service's hot path: a
 * statement of its own per ballot cost the database ≈ 0.15 ms of CPU per
 * ballot under bench:vote, more than half again its work per ballot.
 * Each item names its session (`session`); an item whose session has
 * ended is refused with GJ401 and never reaches cast_online_ballots, the
 * others are cast as a batch exactly as before. The check runs in the
 * statement that casts, which starts after the request arrived, so it sees
 * every revocation committed before — as strict as a lookup of its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index refresh_tokens_live_family on refresh_tokens (family_id, account_id) where revoked_at is null`.execute(db);
  await sql`
    create function cast_session_ballots(p_items jsonb)
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
            from cast_online_ballots(v_live) c;
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function cast_session_ballots(jsonb)`.execute(db);
  await sql`drop index refresh_tokens_live_family`.execute(db);
}
