import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * What the quorum cockpit reads: the frozen electorate by place, once per
 * meeting, and then only who took part. Never a ballot's choice (R4.2).
 */

/** A voter's counted area in one stairwell unit of one building (stair '' for flats without one), per motion. */
export interface VoterPlaceRow {
  motion_id: string;
  voter_id: string;
  building: string;
  stair: string;
  area: string;
}

/** The electorate snapshot (R4.6) by place: frozen when voting opens, so read once. */
export async function electorateByPlace(db: Kysely<DB>, meetingId: string): Promise<VoterPlaceRow[]> {
  const { rows } = await sql<VoterPlaceRow>`
    select v.motion_id, v.id as voter_id, eu.building, coalesce(eu.stair, '') as stair, sum(eu.area_hundredths)::text as area
    from motions mo
    join electorate_voters v on v.motion_id = mo.id
    cross join lateral unnest(v.units) as u(unit_id)
    join electorate_units eu on eu.meeting_id = mo.meeting_id and eu.unit_id = u.unit_id
    where mo.meeting_id = ${meetingId}
    group by v.motion_id, v.id, eu.building, eu.stair`.execute(db);
  return rows;
}

/** The voters who took part so far, per motion: those with a current ballot, whatever it says. */
export async function votersWhoTookPart(db: Kysely<DB>, meetingId: string): Promise<{ motionId: string; voterIds: string[] }[]> {
  // One text per motion rather than a row per voter: thousands of rows cost the driver far more than one long string.
  const { rows } = await sql<{ motion_id: string; voters: string }>`
    select cb.motion_id, string_agg(cb.voter_id::text, ',') as voters
    from current_ballots cb join motions mo on mo.id = cb.motion_id
    where mo.meeting_id = ${meetingId}
    group by cb.motion_id`.execute(db);
  return rows.map((r) => ({ motionId: r.motion_id, voterIds: r.voters.split(',') }));
}

/**
 * How many current ballots the meeting's motions hold: it grows exactly when
 * a voter takes part in a motion (a changed ballot replaces its row, and no
 * row is ever deleted), so an unchanged count means unchanged participation.
 */
export async function participationCount(db: Kysely<DB>, meetingId: string): Promise<number> {
  const row = await sql<{ n: string }>`
    select count(*)::text as n from current_ballots cb join motions mo on mo.id = cb.motion_id where mo.meeting_id = ${meetingId}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}
