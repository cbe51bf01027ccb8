import { type Insertable, type Kysely, sql } from 'kysely';
import type { AssuranceLevel, DB } from '../db/schema.ts';

/** At most this many voter ids are read for a flag's drill-down (one voter may be several ids: one per motion). */
export const DRILL_IDS = 500;

/**
 * What anomaly flags (R7.3) are computed from, read at the close, and the flags themselves. The
 * rules that judge these figures are in anomalies.ts; nothing here is read by the tally.
 */

/** Owners of the estate bound to each of these accounts (those that voted online), with the units each owner holds (to tell co-owners apart). */
export async function bindingsOfAccounts(db: Kysely<DB>, accountIds: string[], estateId: string, openedAt: Date, closedAt: Date) {
  if (accountIds.length === 0) return [];
  const { rows } = await sql<{ account_id: string; phone: string; owner_id: string; units: string[] }>`
    select ob.account_id, a.phone, ob.owner_id, coalesce(array_agg(uo.unit_id) filter (where uo.unit_id is not null), '{}') as units
      from owner_bindings ob
      join accounts a on a.id = ob.account_id
      join owners o on o.id = ob.owner_id
      left join unit_owners uo on uo.owner_id = ob.owner_id
     where o.estate_id = ${estateId}
       and ob.created_at <= ${closedAt} and (ob.revoked_at is null or ob.revoked_at > ${openedAt})
       and ob.account_id = any(${accountIds}::uuid[])
     group by ob.account_id, a.phone, ob.owner_id`.execute(db);
  return rows;
}

/** Network addresses from which several of these accounts (those that voted online) verified their identity, or asked for a login code during the meeting. */
export async function addressesOfAccounts(db: Kysely<DB>, accountIds: string[], from: Date, to: Date, atLeast: number) {
  if (accountIds.length === 0) return [];
  const { rows } = await sql<{ ip: string; accounts: string[] }>`
    with voted as (select unnest(${accountIds}::uuid[]) as account_id),
    seen as (
      select va.ip, va.account_id from verification_attempts va where va.ip is not null and va.account_id in (select account_id from voted)
      union
      select oc.ip, a.id from otp_challenges oc join accounts a on a.phone = oc.phone
       where a.id in (select account_id from voted) and oc.created_at between ${from} and ${to}
    )
    select ip, array_agg(distinct account_id) as accounts from seen group by ip having count(distinct account_id) >= ${atLeast}`.execute(db);
  return rows;
}

/** The owners of the estate each of these accounts is bound to, for the drill-down. */
export async function ownersOfAccounts(db: Kysely<DB>, estateId: string, accountIds: string[]) {
  if (accountIds.length === 0) return [];
  const { rows } = await sql<{ account_id: string; owner_id: string }>`
    select distinct ob.account_id, ob.owner_id from owner_bindings ob join owners o on o.id = ob.owner_id
     where o.estate_id = ${estateId} and ob.account_id = any(${accountIds}::uuid[])`.execute(db);
  return rows;
}

/** Approved proxies per holder for the meeting. */
export async function proxiesPerHolder(db: Kysely<DB>, meetingId: string) {
  const { rows } = await sql<{ holder: string; phone: string; grantors: string[] }>`
    select p.holder_account_id as holder, a.phone, array_agg(p.grantor_owner_id) as grantors
      from proxies p join accounts a on a.id = p.holder_account_id
     where p.meeting_id = ${meetingId} and p.status = 'approved'
     group by p.holder_account_id, a.phone`.execute(db);
  return rows;
}

/** Every ballot cast in the meeting (all versions), and those at or after `from`, with their voters. */
export async function ballotsSince(db: Kysely<DB>, meetingId: string, from: Date) {
  const { rows } = await sql<{ total: string; late: string; voters: string[] }>`
    select count(*) as total, count(*) filter (where b.cast_at >= ${from}) as late,
           coalesce((array_agg(distinct b.voter_id) filter (where b.cast_at >= ${from}))[1:${DRILL_IDS}], '{}') as voters
      from ballots b join motions m on m.id = b.motion_id
     where m.meeting_id = ${meetingId}`.execute(db);
  return rows[0]!;
}

/** Standing ballots per channel of the estate's meetings tallied before this one closed: its usual paper share. */
export async function earlierStandingByChannel(db: Kysely<DB>, meetingId: string, estateId: string, closedBefore: Date) {
  // Motion by motion through the current ballots' motion index: joined by hash, the estate's earlier meetings had
  // every current ballot of the database read (0.35 s with 800,000 of this meeting's, and none earlier).
  const { rows } = await sql<{ paper: string; total: string }>`
    select coalesce(sum(c.paper), 0) as paper, coalesce(sum(c.total), 0) as total
      from meetings mt
      join motions m on m.meeting_id = mt.id
      cross join lateral (
        select count(*) filter (where b.channel = 'paper') as paper, count(*) as total
          from current_ballots cb join ballots b on b.id = cb.ballot_id
         where cb.motion_id = m.id) c
     where mt.estate_id = ${estateId} and mt.id <> ${meetingId}
       and mt.status in ('tallied', 'published') and mt.closed_at < ${closedBefore}`.execute(db);
  return rows[0]!;
}

/**
 * Each (account, owner) pair's first binding, for the owners of one estate. A standing online ballot's binding was
 * made after the notice, and none before, exactly when its pair's first binding was: joined by hash once, where a
 * pair of EXISTS subqueries ran twice per ballot (2.2 s of PostgreSQL's CPU for 800,000 ballots, docs/benchmarks.md).
 */
const firstBindings = (estateId: string) => sql`
  select ob.account_id, ob.owner_id, min(ob.created_at) as first_at
    from owner_bindings ob join owners o on o.id = ob.owner_id
   where o.estate_id = ${estateId}
   group by ob.account_id, ob.owner_id`;

const boundAfter = (noticedAt: Date) => sql<boolean>`coalesce(f.first_at > ${noticedAt}, false)`;

/**
 * The meeting's standing ballots, joined to their ballots once (four reads did it each: 2.3 s of PostgreSQL's CPU
 * for 800,000 ballots, docs/benchmarks.md): counted by channel and, online, by the level they were cast at and
 * whether their binding was made after the notice; with the voters of the paper ones (the first DRILL_IDS in id
 * order) and the accounts behind the online ones, on every row.
 */
export async function standingFacts(db: Kysely<DB>, meeting: { id: string; estateId: string }, noticedAt: Date) {
  const { rows } = await sql<{ channel: string; level: AssuranceLevel | null; bound_after: boolean; ballots: string; paper_voters: string[] | null; accounts: string[] | null }>`
    with standing as materialized (
      select cb.voter_id, b.channel, b.assurance_level, b.cast_by, b.channel = 'online' and ${boundAfter(noticedAt)} as bound_after
        from current_ballots cb
        join motions m on m.id = cb.motion_id
        join ballots b on b.id = cb.ballot_id
        left join (${firstBindings(meeting.estateId)}) f on b.channel = 'online' and f.account_id = b.cast_by and f.owner_id = b.owner_id
       where m.meeting_id = ${meeting.id})
    select channel, assurance_level as level, bound_after, count(*) as ballots,
           -- Each once for the whole statement, and the counts by hash: distinct aggregates in the grouped select
           -- had PostgreSQL sort the 800,000 standing ballots (0.9 s), and 800,000 accounts for each group.
           (select array_agg(voter_id order by voter_id) from (select distinct voter_id from standing where channel = 'paper' order by voter_id limit ${DRILL_IDS}) v) as paper_voters,
           (select array_agg(account_id) from (select distinct cast_by as account_id from standing where channel = 'online') a) as accounts
      from standing
     group by 1, 2, 3`.execute(db);
  return rows;
}

/** Up to `limit` voters (electorate_voters ids) of standing online ballots cast at these levels, or bound after the notice. */
export async function standingOnlineVoters(
  db: Kysely<DB>,
  meeting: { id: string; estateId: string },
  which: { levels: AssuranceLevel[] } | { boundAfter: Date },
  limit: number,
) {
  const { rows } = await sql<{ voter_id: string }>`
    select cb.voter_id
      from current_ballots cb
      join motions m on m.id = cb.motion_id
      join ballots b on b.id = cb.ballot_id
      left join (${firstBindings(meeting.estateId)}) f on f.account_id = b.cast_by and f.owner_id = b.owner_id
     where m.meeting_id = ${meeting.id} and b.channel = 'online'
       and ${'levels' in which ? sql`b.assurance_level = any(${which.levels}::text[])` : boundAfter(which.boundAfter)}
     limit ${limit}`.execute(db);
  return rows.map((r) => r.voter_id);
}

/** Voters of the meeting (electorate_voters ids) as their units and owners, one line per voter key. */
export async function votersOf(db: Kysely<DB>, voterIds: string[]) {
  if (voterIds.length === 0) return [];
  const { rows } = await sql<{ voter_key: string; owners: string[]; units: string[] }>`
    select distinct on (voter_key) voter_key, owners, units from electorate_voters where id = any(${voterIds}::uuid[]) order by voter_key`.execute(db);
  return rows;
}

/** Owners by id, with their names and kinds (to be masked) and the rooms of their units. */
export async function ownersWithRooms(db: Kysely<DB>, ownerIds: string[]) {
  if (ownerIds.length === 0) return [];
  const { rows } = await sql<{ id: string; name: string; kind: 'person' | 'organisation'; rooms: string[] }>`
    select o.id, o.name, o.kind,
           coalesce(array_agg(bd.name || ' ' || u.room order by bd.name, u.room) filter (where u.id is not null), '{}') as rooms
      from owners o
      left join unit_owners uo on uo.owner_id = o.id
      left join units u on u.id = uo.unit_id and u.removed_at is null
      left join buildings bd on bd.id = u.building_id
     where o.id = any(${ownerIds}::uuid[])
     group by o.id`.execute(db);
  return rows;
}

/** The flags of a meeting, replaced as a whole (a close is computed once; recomputing gives the same rows). */
export async function replaceFlags(db: Kysely<DB>, meetingId: string, flags: Insertable<DB['anomaly_flags']>[]) {
  await db.deleteFrom('anomaly_flags').where('meeting_id', '=', meetingId).execute();
  if (flags.length > 0) await db.insertInto('anomaly_flags').values(flags).execute();
}

export async function flagsOfMeeting(db: Kysely<DB>, meetingId: string) {
  return db.selectFrom('anomaly_flags').selectAll().where('meeting_id', '=', meetingId).orderBy('kind').orderBy('key').execute();
}

/** The flags of a township's meetings, newest close first, paged. */
export async function flagsOfTownship(db: Kysely<DB>, townshipId: string, page: { limit: number; offset: number }) {
  const base = db
    .selectFrom('anomaly_flags')
    .innerJoin('estates', 'estates.id', 'anomaly_flags.estate_id')
    .innerJoin('meetings', 'meetings.id', 'anomaly_flags.meeting_id')
    .where('estates.township_id', '=', townshipId);
  const [items, total] = await Promise.all([
    base
      .select(['anomaly_flags.id', 'anomaly_flags.meeting_id', 'anomaly_flags.estate_id', 'estates.name as estate_name', 'meetings.title', 'anomaly_flags.kind', 'anomaly_flags.key', 'anomaly_flags.figures', 'anomaly_flags.voters', 'anomaly_flags.flagged_at'])
      .orderBy('anomaly_flags.flagged_at', 'desc')
      .orderBy('anomaly_flags.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
