import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { maskedParts } from '../lib/mask.ts';

/**
 * The SQL of finding a voter of a meeting (electorate-lookup.ts): the meeting's electorate as it
 * was frozen when voting opened (electorate_voters, electorate_units), the standing ballots and
 * pending paper entries of its voters, and the names of their owners (unmasked: the service masks).
 */

/** Where a unit is: what is written on a paper ballot or searched for at a door. */
export interface UnitPlaceQuery {
  registryNo?: string;
  building?: string;
  stair?: string;
  /** Rooms numbered floor then two digits: floor 12 is 1201…1299. */
  floor?: string;
  room?: string;
}

/** A unit's place, or its owner's name. */
export interface UnitQuery extends UnitPlaceQuery {
  /** A name, full or masked (张三 or 张*): matched as masked, so it tells nothing a masked list does not. */
  name?: string;
}

/**
 * Where a unit is, as it stood at opening, matched by `eu` (electorate_units) columns: the one
 * home of how a floor is read from a room number — the lookup and canvassing (扫楼) both filter by it.
 */
export function unitPlaceFilters(query: UnitPlaceQuery) {
  const parts = [];
  if (query.registryNo !== undefined) parts.push(sql`eu.registry_no = ${query.registryNo}`);
  if (query.building !== undefined) parts.push(sql`eu.building = ${query.building}`);
  if (query.stair !== undefined) parts.push(sql`eu.stair = ${query.stair}`);
  if (query.room !== undefined) parts.push(sql`eu.room = ${query.room}`);
  // The floor is validated as digits by the route, so it is safe inside the pattern.
  if (query.floor !== undefined) parts.push(sql`eu.room ~ ${`^${query.floor}[0-9]{2}$`}`);
  return parts;
}

/** A unit as it stood at opening, matched by `eu` columns. */
function unitFilters(query: UnitQuery, meetingId: string, estateId: string) {
  const parts = unitPlaceFilters(query);
  if (query.name !== undefined) {
    // The estate's owners whose masked name equals the query's: the same length, and the same kept
    // characters (how many are kept is maskedParts' rule, by the owner's kind).
    const sameMask = (kind: 'person' | 'organisation') => {
      const { kept, keptLength, length } = maskedParts(query.name!, kind);
      return sql`char_length(btrim(o.name)) = ${length} and left(btrim(o.name), ${keptLength}) = ${kept}`;
    };
    // A semi-join the planner can hash: a unit-by-unit array overlap with thousands of owners would not scale.
    parts.push(sql`eu.unit_id in (
      select eo.unit_id from electorate_units eo cross join lateral unnest(eo.owners) as x(owner_id)
      where eo.meeting_id = ${meetingId} and x.owner_id in (
        select o.id from owners o
        where o.estate_id = ${estateId}
          and case o.kind when 'organisation' then ${sameMask('organisation')} else ${sameMask('person')} end))`);
  }
  return parts;
}

/** The units that match, as they stood at opening; a voter is ordered by the first of them. */
function matchedUnits(meetingId: string, estateId: string, query: UnitQuery) {
  const filters = unitFilters(query, meetingId, estateId);
  const matched = sql`select eu.unit_id, eu.registry_no, eu.owners from electorate_units eu
    where eu.meeting_id = ${meetingId}${filters.length === 0 ? sql`` : sql` and ${sql.join(filters, sql` and `)}`}`;
  return { matched, filtered: filters.length > 0 };
}

/** How many units match, counted up to `cap`; null when the query names nothing (every unit matches, nothing is counted). */
export async function matchedUnitsUpTo(db: Kysely<DB>, meetingId: string, estateId: string, query: UnitQuery, cap: number): Promise<number | null> {
  const { matched, filtered } = matchedUnits(meetingId, estateId, query);
  if (!filtered) return null;
  const { rows } = await sql<{ n: string }>`select count(*) as n from (${matched} limit ${cap}) mu`.execute(db);
  return Number(rows[0]!.n);
}

/**
 * Up to `limit` voter keys of the meeting's voters holding a matching unit, each with its first
 * matching registry number, in that order, after the cursor `after` (registry number, key).
 * `throughOwners`: the voters are found among the voters of the matched units' owners, through the
 * index on owners (for a few units); otherwise one pass over every voter's units, joined by hashing.
 */
export async function matchingVoterKeys(
  db: Kysely<DB>,
  meetingId: string,
  estateId: string,
  query: UnitQuery,
  page: { throughOwners: boolean; after: [string, string] | null; limit: number },
): Promise<{ voter_key: string; first_no: string }[]> {
  const { matched } = matchedUnits(meetingId, estateId, query);
  const having = page.after === null ? sql`true` : sql`(min(mu.registry_no), ev.voter_key) > (${page.after[0]}, ${page.after[1]})`;
  const { rows } = page.throughOwners
    ? await sql<{ voter_key: string; first_no: string }>`
        with mu as materialized (${matched})
        select ev.voter_key, min(mu.registry_no) as first_no
        from mu
        join electorate_voters ev on ev.owners && mu.owners and mu.unit_id = any(ev.units)
        join motions m on m.id = ev.motion_id
        where m.meeting_id = ${meetingId}
        group by ev.voter_key
        having ${having}
        order by first_no, ev.voter_key
        limit ${page.limit}`.execute(db)
    : await sql<{ voter_key: string; first_no: string }>`
        with mu as materialized (${matched})
        select ev.voter_key, min(mu.registry_no) as first_no
        from electorate_voters ev
        join motions m on m.id = ev.motion_id
        cross join lateral unnest(ev.units) as vu(unit_id)
        join mu on mu.unit_id = vu.unit_id
        where m.meeting_id = ${meetingId}
        group by ev.voter_key
        having ${having}
        order by first_no, ev.voter_key
        limit ${page.limit}`.execute(db);
  return rows;
}

/** The voters (one per motion) of these voter keys, in the order of the motions. */
export async function votersOfKeys(db: Kysely<DB>, meetingId: string, voterKeys: readonly string[]) {
  return db
    .selectFrom('electorate_voters')
    .innerJoin('motions', 'motions.id', 'electorate_voters.motion_id')
    .select([
      'electorate_voters.id',
      'electorate_voters.motion_id',
      'electorate_voters.voter_key',
      'electorate_voters.developer',
      'electorate_voters.owners',
      'electorate_voters.units',
      'electorate_voters.area_hundredths',
      'electorate_voters.representative',
    ])
    .where('motions.meeting_id', '=', meetingId)
    .where('electorate_voters.voter_key', 'in', [...voterKeys])
    .orderBy('motions.position')
    .execute();
}

/** The standing ballots of these voters: when and how each was cast, never its choice. */
export async function standingBallotsOf(db: Kysely<DB>, voterIds: readonly string[]) {
  return db
    .selectFrom('current_ballots')
    .innerJoin('ballots', 'ballots.id', 'current_ballots.ballot_id')
    .select(['current_ballots.voter_id', 'ballots.channel', 'ballots.cast_at', 'ballots.version'])
    .where('current_ballots.voter_id', 'in', [...voterIds])
    .execute();
}

/** Which of these voters have a paper entry waiting for a second organiser. */
export async function pendingPaperOf(db: Kysely<DB>, voterIds: readonly string[]) {
  return db.selectFrom('paper_entries').select('voter_id').where('voter_id', 'in', [...voterIds]).where('status', '=', 'pending').execute();
}

/** The meeting's units as they stood at opening. */
export async function electorateUnitsOf(db: Kysely<DB>, meetingId: string, unitIds: readonly string[]) {
  return db
    .selectFrom('electorate_units')
    .select(['unit_id', 'registry_no', 'building', 'stair', 'room', 'area_hundredths', 'kind'])
    .where('meeting_id', '=', meetingId)
    .where('unit_id', '=', sql<string>`any(${unitIds}::uuid[])`)
    .execute();
}

/** The owners' names and kinds, unmasked. */
export async function ownerNamesOf(db: Kysely<DB>, ownerIds: readonly string[]) {
  return db
    .selectFrom('owners')
    .select(['id', 'name', 'kind'])
    .where('id', '=', sql<string>`any(${ownerIds}::uuid[])`)
    .execute();
}

/** A unit of the meeting's electorate (as at opening), by id or registry number. */
export async function electorateUnitBy(trx: Kysely<DB>, meetingId: string, ref: { unitId: string } | { registryNo: string }) {
  let unitQuery = trx.selectFrom('electorate_units').select(['unit_id', 'owners']).where('meeting_id', '=', meetingId);
  unitQuery = 'unitId' in ref ? unitQuery.where('unit_id', '=', ref.unitId) : unitQuery.where('registry_no', '=', ref.registryNo);
  return unitQuery.executeTakeFirst();
}

/** The voter of the motion that holds the unit, if the unit is in the motion's electorate. */
export async function voterHoldingUnit(trx: Kysely<DB>, motionId: string, unit: { unit_id: string; owners: string[] }) {
  return trx
    .selectFrom('electorate_voters')
    .select('id')
    .where('motion_id', '=', motionId)
    // Through the index on owners: the voter holding a unit is one of its owners' voters (R1.2).
    .where('owners', '&&', sql<string[]>`${unit.owners}::uuid[]`)
    .where('units', '@>', sql<string[]>`array[${unit.unit_id}]::uuid[]`)
    .executeTakeFirst();
}

/** The voters of the meeting that any of these owners belong to, in the order of the motions. */
export async function votersOfOwners(db: Kysely<DB>, meetingId: string, ownerIds: readonly string[]) {
  return db
    .selectFrom('electorate_voters')
    .innerJoin('motions', 'motions.id', 'electorate_voters.motion_id')
    .select(['electorate_voters.id', 'electorate_voters.motion_id', 'electorate_voters.owners', 'electorate_voters.units', 'electorate_voters.area_hundredths'])
    .where('motions.meeting_id', '=', meetingId)
    .where('electorate_voters.owners', '&&', sql<string[]>`${ownerIds}::uuid[]`)
    .orderBy('motions.position')
    .execute();
}

/** The voters' units. */
export async function unitsOfVoters(db: Kysely<DB>, voterIds: readonly string[]) {
  return db
    .selectFrom('electorate_voters')
    .select(['id', 'units'])
    .where('id', '=', sql<string>`any(${voterIds}::uuid[])`)
    .execute();
}

/** Where each of these units of the meeting is (building, stair, room), as at opening. */
export async function unitPlacesOf(db: Kysely<DB>, meetingId: string, unitIds: readonly string[]) {
  return db
    .selectFrom('electorate_units')
    .select(['unit_id', 'building', 'stair', 'room'])
    .where('meeting_id', '=', meetingId)
    .where('unit_id', '=', sql<string>`any(${unitIds}::uuid[])`)
    .execute();
}
