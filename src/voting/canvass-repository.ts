import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { CanvassStatus, DB } from '../db/schema.ts';
import { unitPlaceFilters } from './electorate-lookup-repository.ts';

/**
 * The SQL of canvassing (扫楼): which voters of an open meeting have not
 * voted, where their doors are, and what organisers found there
 * (canvass_visits, migration 0018). Names and phones leave here unmasked;
 * canvass.ts masks them before anything is answered.
 *
 * A voter of the meeting is its voter key (R1.2): the same head in every
 * motion. "Not voted": without a standing ballot on the chosen motion, or —
 * no motion chosen — on at least one motion open to it (the rule reminders
 * follow, R6.2).
 */

export interface CanvassFilter {
  motionId?: string | undefined;
  building?: string | undefined;
  stair?: string | undefined;
  floor?: string | undefined;
  /** The latest status found at the door; 'none': no visit recorded yet. */
  status?: CanvassStatus | 'none' | undefined;
}

export interface CanvassRow {
  voter_key: string;
  voter_id: string;
  developer: boolean;
  owners: string[];
  motions: number;
  voted: number;
  building: string;
  stair: string | null;
  room: string;
  status: CanvassStatus | null;
  note: string | null;
  set_by: string | null;
  set_at: Date | null;
  visits: number;
  total: string;
}

/**
 * Doors in walking order: building, stairwell, room, each shorter name first
 * so that 2栋 comes before 10栋 and room 302 before 1201.
 */
const WALKING_ORDER = sql`length(building), building, length(stair) nulls first, stair nulls first, length(room), room, voter_key`;

/** The voters of the meeting who have not voted, each placed at the first of its units that match, with its latest visit. */
function nonVoters(meetingId: string, filter: CanvassFilter): RawBuilder<CanvassRow> {
  const motion = filter.motionId === undefined ? sql`` : sql` and ev.motion_id = ${filter.motionId}`;
  const places = unitPlaceFilters(filter);
  const where = places.length === 0 ? sql`` : sql` and ${sql.join(places, sql` and `)}`;
  const status =
    filter.status === undefined ? sql`` : filter.status === 'none' ? sql` where lv.status is null` : sql` where lv.status = ${filter.status}`;
  return sql<CanvassRow>`
    with heads as materialized (
      select ev.voter_key,
             (array_agg(ev.id order by m.position))[1] as voter_id,
             bool_or(ev.developer) as developer,
             min(ev.owners) as owners,
             count(*)::int as motions,
             count(cb.voter_id)::int as voted,
             -- The voter's row on its widest motion: its units there are all its units but on motions
             -- scoped elsewhere, so its doors are found from one row instead of one per motion.
             (array_agg(ev.id order by cardinality(ev.units) desc, m.position))[1] as widest_id
      from electorate_voters ev
      join motions m on m.id = ev.motion_id
      left join current_ballots cb on cb.motion_id = ev.motion_id and cb.voter_id = ev.id
      where m.meeting_id = ${meetingId}${motion}
      group by ev.voter_key
      having count(cb.voter_id) < count(*)
    ), doors as (
      select distinct on (h.voter_key) h.voter_key, h.voter_id, h.developer, h.owners, h.motions, h.voted, eu.building, eu.stair, eu.room
      from heads h
      join electorate_voters ev on ev.id = h.widest_id
      cross join lateral unnest(ev.units) as vu(unit_id)
      join electorate_units eu on eu.meeting_id = ${meetingId} and eu.unit_id = vu.unit_id
      where true${where}
      order by h.voter_key, length(eu.building), eu.building, length(eu.stair) nulls first, eu.stair nulls first, length(eu.room), eu.room
    ), latest as (
      select distinct on (voter_key) voter_key, status, note, set_by, set_at, count(*) over (partition by voter_key)::int as visits
      from canvass_visits
      where meeting_id = ${meetingId}
      order by voter_key, set_at desc, id desc
    )
    select d.*, lv.status, lv.note, lv.set_by, lv.set_at, coalesce(lv.visits, 0) as visits, count(*) over () as total
    from doors d left join latest lv on lv.voter_key = d.voter_key${status}`;
}

/** One page of non-voters in walking order, and how many there are in all. */
export async function pageOfNonVoters(db: Kysely<DB>, meetingId: string, filter: CanvassFilter, page: { offset: number; limit: number }) {
  const { rows } = await sql<CanvassRow>`
    select * from (${nonVoters(meetingId, filter)}) nv
    order by ${WALKING_ORDER}
    offset ${page.offset} limit ${page.limit}`.execute(db);
  return rows;
}

/** Every non-voter that matches, in walking order: the walking lists. */
export async function allNonVoters(db: Kysely<DB>, meetingId: string, filter: CanvassFilter) {
  const { rows } = await sql<CanvassRow>`select * from (${nonVoters(meetingId, filter)}) nv order by ${WALKING_ORDER}`.execute(db);
  return rows;
}

/** How many non-voters there are when the page asked for is past the last (the total rides on each row otherwise). */
export async function countNonVoters(db: Kysely<DB>, meetingId: string, filter: CanvassFilter): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from (${nonVoters(meetingId, filter)}) nv`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The buildings of the meeting's electorate, for choosing one (walking order). */
export async function buildingsOf(db: Kysely<DB>, meetingId: string): Promise<string[]> {
  const { rows } = await sql<{ building: string }>`
    select building from electorate_units where meeting_id = ${meetingId}
    group by building order by length(building), building`.execute(db);
  return rows.map((r) => r.building);
}

/** The units of these voters of the meeting (as they stood at opening), in walking order. */
export async function unitsOfVoters(db: Kysely<DB>, meetingId: string, voterKeys: readonly string[]) {
  if (voterKeys.length === 0) return [];
  const { rows } = await sql<{ voter_key: string; building: string; stair: string | null; room: string }>`
    select voter_key, building, stair, room from (
      select distinct ev.voter_key, eu.building, eu.stair, eu.room
      from electorate_voters ev
      join motions m on m.id = ev.motion_id and m.meeting_id = ${meetingId}
      cross join lateral unnest(ev.units) as vu(unit_id)
      join electorate_units eu on eu.meeting_id = ${meetingId} and eu.unit_id = vu.unit_id
      where ev.voter_key = any(${sql.val([...voterKeys])}::text[])
    ) vu
    order by ${WALKING_ORDER}`.execute(db);
  return rows;
}

/** Names and registry phones of owners. */
export async function ownersByIds(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('owners')
    .select(['id', 'name', 'kind', 'phone'])
    .where('id', '=', sql<string>`any(${sql.val([...new Set(ids)])}::uuid[])`)
    .execute();
}

/** The phones of accounts (who set a status), by id. */
export async function accountPhones(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'phone'])
    .where('id', '=', sql<string>`any(${sql.val([...new Set(ids)])}::uuid[])`)
    .execute();
  return new Map(rows.map((r) => [r.id, r.phone]));
}

/** The voter key of a voter id of one of the meeting's motions; undefined when it is not the meeting's. */
export async function voterKeyOf(db: Kysely<DB>, meetingId: string, voterId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('electorate_voters')
    .innerJoin('motions', 'motions.id', 'electorate_voters.motion_id')
    .select('electorate_voters.voter_key')
    .where('electorate_voters.id', '=', voterId)
    .where('motions.meeting_id', '=', meetingId)
    .executeTakeFirst();
  return row?.voter_key;
}

/** The voter keys of voter ids of the meeting's motions (ids of other meetings are left out). */
export async function voterKeysOf(db: Kysely<DB>, meetingId: string, voterIds: readonly string[]): Promise<Map<string, string>> {
  if (voterIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('electorate_voters')
    .innerJoin('motions', 'motions.id', 'electorate_voters.motion_id')
    .select(['electorate_voters.id', 'electorate_voters.voter_key'])
    .where('electorate_voters.id', '=', sql<string>`any(${sql.val([...new Set(voterIds)])}::uuid[])`)
    .where('motions.meeting_id', '=', meetingId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.voter_key]));
}

/** Whether the owner is one of the owners of the meeting's electorate (as it stood at opening). */
export async function isOwnerInElectorate(db: Kysely<DB>, meetingId: string, ownerId: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    select exists (select 1 from electorate_voters ev join motions m on m.id = ev.motion_id
                   where m.meeting_id = ${meetingId} and ev.owners @> array[${ownerId}]::uuid[]) as found`.execute(db);
  return rows[0]?.found === true;
}

export async function insertVisit(
  db: Kysely<DB>,
  visit: { meetingId: string; voterKey: string; status: CanvassStatus; note: string | null; setBy: string; setAt: Date },
) {
  return db
    .insertInto('canvass_visits')
    .values({ meeting_id: visit.meetingId, voter_key: visit.voterKey, status: visit.status, note: visit.note, set_by: visit.setBy, set_at: visit.setAt })
    .returning(['id', 'status', 'note', 'set_by', 'set_at'])
    .executeTakeFirstOrThrow();
}

/** A voter's visits, newest first. */
export async function visitsOf(db: Kysely<DB>, meetingId: string, voterKey: string) {
  return db
    .selectFrom('canvass_visits')
    .select(['id', 'status', 'note', 'set_by', 'set_at'])
    .where('meeting_id', '=', meetingId)
    .where('voter_key', '=', voterKey)
    .orderBy('set_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
