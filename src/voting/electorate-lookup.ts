import type { Kysely } from 'kysely';
import type { Channel, DB, Meeting } from '../db/schema.ts';
import { maskName } from '../lib/mask.ts';
import { ProblemError } from '../problems.ts';
import { formatArea } from '../tally/index.ts';
import {
  electorateUnitBy,
  electorateUnitsOf,
  matchedUnitsUpTo,
  matchingVoterKeys,
  ownerNamesOf,
  pendingPaperOf,
  standingBallotsOf,
  type UnitQuery,
  unitPlacesOf,
  unitsOfVoters,
  voterHoldingUnit,
  votersOfKeys,
  votersOfOwners,
} from './electorate-lookup-repository.ts';

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

/** What is written on the paper (a unit's place or its owner's name, UnitQuery), and the page. */
export interface ElectorateQuery extends UnitQuery {
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
  const after = query.after === undefined ? null : decodeCursor(query.after);
  const indexedUnits = query.indexedUnits ?? INDEXED_UNITS;
  const matched = await matchedUnitsUpTo(db, meeting.id, meeting.estate_id, query, indexedUnits + 1);
  // A few units: their voters are among the voters of their owners (R1.2: a voter's owners are its
  // units' owners; the developer's, all of the developer's), found through the index on owners.
  // Many (a building, or no filter): one pass over every voter's units, joined by hashing.
  const few = matched !== null && matched <= indexedUnits;
  const keys = await matchingVoterKeys(db, meeting.id, meeting.estate_id, query, { throughOwners: few, after, limit: query.limit + 1 });
  const page = keys.slice(0, query.limit);
  const last = page.at(-1);
  const next = keys.length > query.limit && last ? encodeCursor(last.first_no, last.voter_key) : null;
  if (page.length === 0) return { items: [], next: null };

  const voters = await votersOfKeys(db, meeting.id, page.map((k) => k.voter_key));
  const voterIds = voters.map((v) => v.id);
  const [ballots, pending, units, owners] = await Promise.all([
    standingBallotsOf(db, voterIds),
    pendingPaperOf(db, voterIds),
    electorateUnitsOf(db, meeting.id, [...new Set(voters.flatMap((v) => v.units))]),
    ownerNamesOf(db, [...new Set(voters.flatMap((v) => v.owners))]),
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
  const unit = await electorateUnitBy(trx, meetingId, ref);
  if (!unit) {
    throw new ProblemError('not-found', `No unit ${'unitId' in ref ? 'with this id' : `with registry number ${ref.registryNo}`} in this meeting’s electorate (as it stood when voting opened)`);
  }
  const voter = await voterHoldingUnit(trx, motionId, unit);
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
  const rows = await votersOfOwners(db, meetingId, [...new Set(grantorOwnerIds)]);
  const units = rows.length ? await unitPlacesOf(db, meetingId, [...new Set(rows.flatMap((r) => r.units))]) : [];
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
  const voters = await unitsOfVoters(db, ids);
  const units = await unitPlacesOf(db, meetingId, [...new Set(voters.flatMap((v) => v.units))]);
  const place = new Map(units.map((u) => [u.unit_id, [u.building, u.stair, u.room].filter((s) => s !== null && s !== '').join('')]));
  return new Map(voters.map((v) => [v.id, v.units.map((u) => place.get(u) ?? u)]));
}
