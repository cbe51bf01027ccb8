import { type Kysely, sql } from 'kysely';
import { v7 as timeOrderedUuid } from 'uuid';
import type { DB, Meeting } from '../db/schema.ts';
import { estateSettingsOf } from '../places/estate-settings.ts';
import { tallyUnitsOf } from '../registry/units.ts';
import { areaHundredths, electorate, formatArea, type Unit } from '../tally/index.ts';
import { motionOf } from './motion-terms.ts';

/**
 * The electorate snapshot (R4.6, invariant 3): when voting opens, the tally
 * engine derives each motion's voters from the registry as it stands, and
 * they are stored. Later imports change the registry, never a running vote.
 */
export async function takeSnapshot(trx: Kysely<DB>, meeting: Meeting): Promise<{ motionId: string; area: string; heads: number }[]> {
  const settings = (await estateSettingsOf(trx, meeting.estate_id)).tally;
  const units = await tallyUnitsOf(trx, meeting.estate_id);
  await keepUnits(trx, meeting.id, units);
  const motions = await trx.selectFrom('motions').select(['id', 'terms']).where('meeting_id', '=', meeting.id).orderBy('position').execute();
  const totals: { motionId: string; area: string; heads: number }[] = [];
  for (const row of motions) {
    const motion = motionOf(row);
    const { voters, total } = units.length === 0 ? { voters: [], total: { area: 0n, heads: 0n } } : electorate(units, settings, motion.scope);
    if (voters.length > 0) {
      // Owner and unit lists travel as comma-joined text: unnest() cannot carry an array per row.
      await sql`insert into electorate_voters (id, motion_id, voter_key, developer, owners, units, area_hundredths, representative)
        select v.id, ${row.id}::uuid, v.voter_key, v.developer, string_to_array(v.owners, ',')::uuid[],
               string_to_array(v.units, ',')::uuid[], v.area, v.representative
        from unnest(${voters.map(() => timeOrderedUuid())}::uuid[], ${voters.map(storedKey)}::text[],
                    ${voters.map((v) => v.developer)}::boolean[], ${voters.map((v) => v.owners.join(','))}::text[],
                    ${voters.map((v) => v.units.join(','))}::text[], ${voters.map((v) => v.area.toString())}::bigint[],
                    ${voters.map((v) => v.representative)}::uuid[])
          as v(id, voter_key, developer, owners, units, area, representative)`.execute(trx);
    }
    await trx
      .updateTable('motions')
      .set({ total_area_hundredths: total.area.toString(), total_heads: Number(total.heads) })
      .where('id', '=', row.id)
      .execute();
    totals.push({ motionId: row.id, area: formatArea(total.area), heads: Number(total.heads) });
  }
  return totals;
}

/**
 * The units themselves, as they stand now: the evidence a tally record is
 * rebuilt from after the close (src/results/), whatever the registry becomes.
 */
async function keepUnits(trx: Kysely<DB>, meetingId: string, units: readonly Unit[]): Promise<void> {
  if (units.length === 0) return;
  await sql`insert into electorate_units (meeting_id, unit_id, registry_no, building, stair, room, area_hundredths, area_source, kind, developer_held, owners, representative)
    select ${meetingId}::uuid, u.id, u.registry_no, u.building, u.stair, u.room, u.area, u.area_source, u.kind, u.developer_held,
           string_to_array(u.owners, ',')::uuid[], u.representative
    from unnest(${units.map((u) => u.id)}::uuid[], ${units.map((u) => u.registryNo ?? '')}::text[], ${units.map((u) => u.building)}::text[],
                ${units.map((u) => u.stair ?? null)}::text[], ${units.map((u) => u.room ?? '')}::text[],
                ${units.map((u) => areaHundredths(u.area).toString())}::bigint[], ${units.map((u) => u.areaSource)}::text[],
                ${units.map((u) => u.kind)}::text[], ${units.map((u) => u.developerHeld)}::boolean[],
                ${units.map((u) => u.owners.join(','))}::text[], ${units.map((u) => u.representative ?? null)}::uuid[])
      as u(id, registry_no, building, stair, room, area, area_source, kind, developer_held, owners, representative)`.execute(trx);
}

/** The engine's keys hold control characters PostgreSQL text cannot; stored: "developer" or the owner ids joined by commas. */
function storedKey(voter: { developer: boolean; owners: readonly string[] }): string {
  return voter.developer ? 'developer' : voter.owners.join(',');
}
