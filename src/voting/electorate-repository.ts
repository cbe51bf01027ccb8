import { type Kysely, sql } from 'kysely';
import { v7 as timeOrderedUuid } from 'uuid';
import type { DB } from '../db/schema.ts';
import { areaHundredths, type Unit } from '../tally/index.ts';

/** The electorate snapshot's rows (electorate_voters, electorate_units, the motions' totals). The logic is in snapshot.ts. */

/** A voter as the tally engine derives it, ready to store. */
export interface SnapshotVoter {
  developer: boolean;
  owners: readonly string[];
  units: readonly string[];
  area: bigint;
  representative: string | null;
}

/** The meeting's motions with their terms, in order. */
export async function motionsToSnapshot(trx: Kysely<DB>, meetingId: string) {
  return trx.selectFrom('motions').select(['id', 'terms']).where('meeting_id', '=', meetingId).orderBy('position').execute();
}

export async function insertElectorateVoters(trx: Kysely<DB>, motionId: string, voters: readonly SnapshotVoter[]): Promise<void> {
  // Owner and unit lists travel as comma-joined text: unnest() cannot carry an array per row.
  await sql`insert into electorate_voters (id, motion_id, voter_key, developer, owners, units, area_hundredths, representative)
        select v.id, ${motionId}::uuid, v.voter_key, v.developer, string_to_array(v.owners, ',')::uuid[],
               string_to_array(v.units, ',')::uuid[], v.area, v.representative
        from unnest(${voters.map(() => timeOrderedUuid())}::uuid[], ${voters.map(storedKey)}::text[],
                    ${voters.map((v) => v.developer)}::boolean[], ${voters.map((v) => v.owners.join(','))}::text[],
                    ${voters.map((v) => v.units.join(','))}::text[], ${voters.map((v) => v.area.toString())}::bigint[],
                    ${voters.map((v) => v.representative)}::uuid[])
          as v(id, voter_key, developer, owners, units, area, representative)`.execute(trx);
}

/** The engine's keys hold control characters PostgreSQL text cannot; stored: "developer" or the owner ids joined by commas. */
function storedKey(voter: { developer: boolean; owners: readonly string[] }): string {
  return voter.developer ? 'developer' : voter.owners.join(',');
}

export async function storeMotionTotals(trx: Kysely<DB>, motionId: string, total: { area: bigint; heads: bigint }): Promise<void> {
  await trx
    .updateTable('motions')
    .set({ total_area_hundredths: total.area.toString(), total_heads: Number(total.heads) })
    .where('id', '=', motionId)
    .execute();
}

/**
 * The units themselves, as they stand now: the evidence a tally record is
 * rebuilt from after the close (src/results/), whatever the registry becomes.
 * Written in unit id order, the order the close reads them in (records.ts): the rows then lie in the table
 * as the index lists them, and the close of a million-unit meeting reads the table front to back instead of
 * one random page per unit (≈ 3 s of PostgreSQL's CPU; docs/benchmarks.md).
 */
export async function insertElectorateUnits(trx: Kysely<DB>, meetingId: string, units: readonly Unit[]): Promise<void> {
  await sql`insert into electorate_units (meeting_id, unit_id, registry_no, building, stair, room, area_hundredths, area_source, kind, developer_held, owners, representative)
    select ${meetingId}::uuid, u.id, u.registry_no, u.building, u.stair, u.room, u.area, u.area_source, u.kind, u.developer_held,
           string_to_array(u.owners, ',')::uuid[], u.representative
    from unnest(${units.map((u) => u.id)}::uuid[], ${units.map((u) => u.registryNo ?? '')}::text[], ${units.map((u) => u.building)}::text[],
                ${units.map((u) => u.stair ?? null)}::text[], ${units.map((u) => u.room ?? '')}::text[],
                ${units.map((u) => areaHundredths(u.area).toString())}::bigint[], ${units.map((u) => u.areaSource)}::text[],
                ${units.map((u) => u.kind)}::text[], ${units.map((u) => u.developerHeld)}::boolean[],
                ${units.map((u) => u.owners.join(','))}::text[], ${units.map((u) => u.representative ?? null)}::uuid[])
      as u(id, registry_no, building, stair, room, area, area_source, kind, developer_held, owners, representative)
    order by u.id`.execute(trx);
}
