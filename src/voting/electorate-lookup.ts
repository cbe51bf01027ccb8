import { type Kysely, sql } from 'kysely';
import type { Channel, DB, Meeting } from '../db/schema.ts';
import { maskedParts, maskName } from '../lib/mask.ts';
import { ProblemError } from '../problems.ts';
import { formatArea } from '../tally/index.ts';

/**
 * Finding a voter of a meeting (issue 12). Paper ballots and proxy ballots
 * are written for a voter (one head, R1.2) of a motion's electorate as it
 * was frozen when voting opened (R4.6); organisers find that voter here from
 * what is written on the paper — a registry number, a building, stairwell,
 * floor or room, or a name. What the lookup tells is whether, when and
 * through which channel each voter has voted, never how: no choice leaves
 * this module.
 *
 * One voter of the meeting is one owner set (or the developer, R1.3): the
 * same head in every motion, with a voter id of its own in each motion's
 * electorate, and in a building- or stairwell-scoped motion only the units in
 * that scope.
 */

export interface ElectorateQuery {
  registryNo?: string;
  building?: string;
  stair?: string;
  /** Rooms numbered floor then two digits: floor 12 is 1201…1299. */
  floor?: string;
  room?: string;
  /** A name, full or masked (张三 or 张*): matched as masked, so it tells nothing a masked list does not. */
  name?: string;
  limit: number;
  after?: string;
  /** Up to this many matching units, voters are found through the index (INDEXED_UNITS); tests set it to try both plans. */
  indexedUnits?: number;
}

export interface ElectorateUnitView {
  id: string;
  registryNo: string;
  building: string;
  stair: string | null;
  room: string;
  area: string;
  kind: 'residential' | 'commercial' | 'parking';
}

export interface ElectorateVoterView {
  owners: { id: string; name: string; kind: 'person' | 'organisation' }[];
  developer: boolean;
  /** The co-owner the co-owners chose to cast their vote (R1.4), as it stood at opening. */
  representative: string | null;
  units: ElectorateUnitView[];
  motions: {
    motionId: string;
    voterId: string;
    /** The voter's units counted on this motion (its scope). */
    unitIds: string[];
    area: string;
    /** A voter is one head (R1.2). */
    heads: 1;
    /** The standing ballot: when and how it was cast; never its choice. */
    ballot: { channel: Channel; castAt: string; version: number } | null;
    /** A paper ballot entered and waiting for a second organiser. */
    paperPending: boolean;
  }[];
}

/**
 * Where a unit is, as it stood at opening, matched by `eu` (electorate_units) columns: the one
 * home of how a floor is read from a room number — the lookup and canvassing (扫楼) both filter by it.
 */
export function unitPlaceFilters(query: Pick<ElectorateQuery, 'registryNo' | 'building' | 'stair' | 'floor' | 'room'>) {
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
function unitFilters(query: ElectorateQuery, meetingId: string, estateId: string) {
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

const CURSOR = /^[A-Za-z0-9_-]+$/;

/** Up to this many matching units, their voters are found through the index on electorate_voters.owners. */
const INDEXED_UNITS = 200;

function encodeCursor(firstNo: string, key: string): string {
  return Buffer.from(JSON.stringify([firstNo, key])).toString('base64url');
}

function decodeCursor(after: string): [string, string] {
  try {
    if (!CURSOR.test(after)) throw new Error('not base64url');
    const value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string];
  } catch {
    // Answered below.
  }
  const message = 'not a cursor this lookup gave (use `next` from the previous page)';
  throw new ProblemError('validation-failed', `query.after: ${message}`, { errors: [{ path: 'query.after', message }] });
}

/** A page of the meeting's voters holding a unit that matches, in the order of their first matching registry number. */
export async function findVoters(db: Kysely<DB>, meeting: Meeting, query: ElectorateQuery): Promise<{ items: ElectorateVoterView[]; next: string | null }> {
  if (meeting.status === 'draft' || meeting.status === 'noticed' || meeting.status === 'cancelled') {
    throw new ProblemError('conflict', `The electorate is taken when voting opens; this meeting is ${meeting.status}`, { status: meeting.status });
  }
  const filters = unitFilters(query, meeting.id, meeting.estate_id);
  // The units that match, as they stood at opening; a voter is ordered by the first of them.
  const matched = sql`select eu.unit_id, eu.registry_no, eu.owners from electorate_units eu
    where eu.meeting_id = ${meeting.id}${filters.length === 0 ? sql`` : sql` and ${sql.join(filters, sql` and `)}`}`;
  const after = query.after === undefined ? null : decodeCursor(query.after);
  const having = after === null ? sql`true` : sql`(min(mu.registry_no), ev.voter_key) > (${after[0]}, ${after[1]})`;
  let few = false;
  if (filters.length > 0) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from (${matched} limit ${(query.indexedUnits ?? INDEXED_UNITS) + 1}) mu`.execute(db);
    few = Number(rows[0]!.n) <= (query.indexedUnits ?? INDEXED_UNITS);
  }
  // A few units: their voters are among the voters of their owners (R1.2: a voter's owners are its
  // units' owners; the developer's, all of the developer's), found through the index on owners.
  // Many (a building, or no filter): one pass over every voter's units, joined by hashing.
  const { rows: keys } = few
    ? await sql<{ voter_key: string; first_no: string }>`
        with mu as materialized (${matched})
        select ev.voter_key, min(mu.registry_no) as first_no
        from mu
        join electorate_voters ev on ev.owners && mu.owners and mu.unit_id = any(ev.units)
        join motions m on m.id = ev.motion_id
        where m.meeting_id = ${meeting.id}
        group by ev.voter_key
        having ${having}
        order by first_no, ev.voter_key
        limit ${query.limit + 1}`.execute(db)
    : await sql<{ voter_key: string; first_no: string }>`
        with mu as materialized (${matched})
        select ev.voter_key, min(mu.registry_no) as first_no
        from electorate_voters ev
        join motions m on m.id = ev.motion_id
        cross join lateral unnest(ev.units) as vu(unit_id)
        join mu on mu.unit_id = vu.unit_id
        where m.meeting_id = ${meeting.id}
        group by ev.voter_key
        having ${having}
        order by first_no, ev.voter_key
        limit ${query.limit + 1}`.execute(db);
  const page = keys.slice(0, query.limit);
  const last = page.at(-1);
  const next = keys.length > query.limit && last ? encodeCursor(last.first_no, last.voter_key) : null;
  if (page.length === 0) return { items: [], next: null };

  const voters = await db
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
    .where('motions.meeting_id', '=', meeting.id)
    .where('electorate_voters.voter_key', 'in', page.map((k) => k.voter_key))
    .orderBy('motions.position')
    .execute();
  const voterIds = voters.map((v) => v.id);
  const [ballots, pending, units, owners] = await Promise.all([
    db
      .selectFrom('current_ballots')
      .innerJoin('ballots', 'ballots.id', 'current_ballots.ballot_id')
      .select(['current_ballots.voter_id', 'ballots.channel', 'ballots.cast_at', 'ballots.version'])
      .where('current_ballots.voter_id', 'in', voterIds)
      .execute(),
    db.selectFrom('paper_entries').select('voter_id').where('voter_id', 'in', voterIds).where('status', '=', 'pending').execute(),
    db
      .selectFrom('electorate_units')
      .select(['unit_id', 'registry_no', 'building', 'stair', 'room', 'area_hundredths', 'kind'])
      .where('meeting_id', '=', meeting.id)
      .where('unit_id', '=', sql<string>`any(${[...new Set(voters.flatMap((v) => v.units))]}::uuid[])`)
      .execute(),
    db
      .selectFrom('owners')
      .select(['id', 'name', 'kind'])
      .where('id', '=', sql<string>`any(${[...new Set(voters.flatMap((v) => v.owners))]}::uuid[])`)
      .execute(),
  ]);
  const ballotOf = new Map(ballots.map((b) => [b.voter_id, b]));
  const pendingOf = new Set(pending.map((p) => p.voter_id));
  const unitOf = new Map(units.map((u) => [u.unit_id, u]));
  const ownerOf = new Map(owners.map((o) => [o.id, o]));

  const items = page.map(({ voter_key }): ElectorateVoterView => {
    const rows = voters.filter((v) => v.voter_key === voter_key);
    const head = rows[0]!;
    const unitIds = [...new Set(rows.flatMap((r) => r.units))];
    return {
      owners: head.owners.map((id) => {
        const owner = ownerOf.get(id);
        return { id, name: owner ? maskName(owner.name, owner.kind) : '*', kind: owner?.kind ?? 'person' };
      }),
      developer: head.developer,
      representative: head.representative,
      units: unitIds
        .map((id) => unitOf.get(id))
        .filter((u) => u !== undefined)
        .sort((a, b) => (a.registry_no < b.registry_no ? -1 : a.registry_no > b.registry_no ? 1 : 0))
        .map((u) => ({
          id: u.unit_id,
          registryNo: u.registry_no,
          building: u.building,
          stair: u.stair,
          room: u.room,
          area: formatArea(BigInt(u.area_hundredths)),
          kind: u.kind,
        })),
      motions: rows.map((r) => {
        const ballot = ballotOf.get(r.id);
        return {
          motionId: r.motion_id,
          voterId: r.id,
          unitIds: r.units,
          area: formatArea(BigInt(r.area_hundredths)),
          heads: 1 as const,
          ballot: ballot ? { channel: ballot.channel, castAt: ballot.cast_at.toISOString(), version: ballot.version } : null,
          paperPending: pendingOf.has(r.id),
        };
      }),
    };
  });
  return { items, next };
}

/** How a paper or proxy ballot names its voter: the voter id, or one of the voter's units. */
export type VoterRef = { voterId: string } | { unitId: string } | { registryNo: string };

/**
 * The voter of a motion a ballot is for. A unit names the voter that holds
 * it in this motion's electorate: a unit the meeting's electorate never had
 * is not found; one outside the motion's scope (or not counted, R1.1) is
 * refused as a voter outside the electorate is.
 */
export async function resolveVoter(trx: Kysely<DB>, meetingId: string, motionId: string, ref: VoterRef): Promise<string> {
  if ('voterId' in ref) return ref.voterId;
  let unitQuery = trx.selectFrom('electorate_units').select(['unit_id', 'owners']).where('meeting_id', '=', meetingId);
  unitQuery = 'unitId' in ref ? unitQuery.where('unit_id', '=', ref.unitId) : unitQuery.where('registry_no', '=', ref.registryNo);
  const unit = await unitQuery.executeTakeFirst();
  if (!unit) {
    throw new ProblemError('not-found', `No unit ${'unitId' in ref ? 'with this id' : `with registry number ${ref.registryNo}`} in this meeting’s electorate (as it stood when voting opened)`);
  }
  const voter = await trx
    .selectFrom('electorate_voters')
    .select('id')
    .where('motion_id', '=', motionId)
    // Through the index on owners: the voter holding a unit is one of its owners' voters (R1.2).
    .where('owners', '&&', sql<string[]>`${unit.owners}::uuid[]`)
    .where('units', '@>', sql<string[]>`array[${unit.unit_id}]::uuid[]`)
    .executeTakeFirst();
  if (!voter) throw new ProblemError('forbidden', "This unit is not in the motion's electorate (outside its scope, or not counted)");
  return voter.id;
}

/** Per proxy, the voters its grantor belongs to on each motion: what the holder casts for. */
export async function grantorVoters(
  db: Kysely<DB>,
  meetingId: string,
  grantorOwnerIds: readonly string[],
): Promise<Map<string, { motionId: string; voterId: string; units: string[]; area: string }[]>> {
  const result = new Map<string, { motionId: string; voterId: string; units: string[]; area: string }[]>();
  if (grantorOwnerIds.length === 0) return result;
  const rows = await db
    .selectFrom('electorate_voters')
    .innerJoin('motions', 'motions.id', 'electorate_voters.motion_id')
    .select(['electorate_voters.id', 'electorate_voters.motion_id', 'electorate_voters.owners', 'electorate_voters.units', 'electorate_voters.area_hundredths'])
    .where('motions.meeting_id', '=', meetingId)
    .where('electorate_voters.owners', '&&', sql<string[]>`${[...new Set(grantorOwnerIds)]}::uuid[]`)
    .orderBy('motions.position')
    .execute();
  const units = rows.length
    ? await db
        .selectFrom('electorate_units')
        .select(['unit_id', 'building', 'stair', 'room'])
        .where('meeting_id', '=', meetingId)
        .where('unit_id', '=', sql<string>`any(${[...new Set(rows.flatMap((r) => r.units))]}::uuid[])`)
        .execute()
    : [];
  const place = new Map(units.map((u) => [u.unit_id, [u.building, u.stair, u.room].filter((s) => s !== null && s !== '').join(' ')]));
  for (const owner of new Set(grantorOwnerIds)) {
    result.set(
      owner,
      rows
        .filter((r) => r.owners.includes(owner))
        .map((r) => ({ motionId: r.motion_id, voterId: r.id, units: r.units.map((u) => place.get(u) ?? u), area: formatArea(BigInt(r.area_hundredths)) })),
    );
  }
  return result;
}

/** The places (building stair room) of each voter's units, as at opening: how a paper ballot entry names its voter to people. */
export async function voterPlaces(db: Kysely<DB>, meetingId: string, voterIds: readonly string[]): Promise<Map<string, string[]>> {
  const ids = [...new Set(voterIds)];
  if (ids.length === 0) return new Map();
  const voters = await db
    .selectFrom('electorate_voters')
    .select(['id', 'units'])
    .where('id', '=', sql<string>`any(${ids}::uuid[])`)
    .execute();
  const units = await db
    .selectFrom('electorate_units')
    .select(['unit_id', 'building', 'stair', 'room'])
    .where('meeting_id', '=', meetingId)
    .where('unit_id', '=', sql<string>`any(${[...new Set(voters.flatMap((v) => v.units))]}::uuid[])`)
    .execute();
  const place = new Map(units.map((u) => [u.unit_id, [u.building, u.stair, u.room].filter((s) => s !== null && s !== '').join('')]));
  return new Map(voters.map((v) => [v.id, v.units.map((u) => place.get(u) ?? u)]));
}
