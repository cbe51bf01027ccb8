import type { Kysely } from 'kysely';
import type { DB, Meeting } from '../db/schema.ts';
import { estateSettingsOf } from '../places/estate-settings.ts';
import { tallyUnitsOf } from '../registry/units.ts';
import { electorate, formatArea } from '../tally/index.ts';
import { copyOutOf } from '../db/database.ts';
import { storeUnitLines } from './electorate-lines-repository.ts';
import { insertElectorateUnits, insertElectorateVoters, motionsToSnapshot, storeMotionTotals } from './electorate-repository.ts';
import { motionOf } from './motion-terms.ts';

/**
 * The electorate snapshot (R4.6, invariant 3): when voting opens, the tally
 * engine derives each motion's voters from the registry as it stands, and
 * they are stored. Later imports change the registry, never a running vote.
 */
export async function takeSnapshot(trx: Kysely<DB>, meeting: Meeting): Promise<{ motionId: string; area: string; heads: number }[]> {
  const settings = (await estateSettingsOf(trx, meeting.estate_id)).tally;
  const units = await tallyUnitsOf(trx, meeting.estate_id);
  // The units themselves are kept too: the evidence a tally record is rebuilt from after the close.
  if (units.length > 0) await insertElectorateUnits(trx, meeting.id, units);
  const motions = await motionsToSnapshot(trx, meeting.id);
  const totals: { motionId: string; area: string; heads: number }[] = [];
  for (const row of motions) {
    const motion = motionOf(row);
    const { voters, total } = units.length === 0 ? { voters: [], total: { area: 0n, heads: 0n } } : electorate(units, settings, motion.scope);
    if (voters.length > 0) await insertElectorateVoters(trx, row.id, voters);
    await storeMotionTotals(trx, row.id, total);
    totals.push({ motionId: row.id, area: formatArea(total.area), heads: Number(total.heads) });
  }
  // A large meeting's units as the tally record writes them, once: its close streams these bytes (src/results/streamed-records.ts).
  const voters = totals.reduce((sum, t) => sum + BigInt(t.heads), 0n);
  if (units.length > 0 && voters >= largeMeeting.fromVoters && (await copyOutOf(trx)) !== null) await storeUnitLines(trx, meeting.id);
  return totals;
}

/**
 * From this many voters in a meeting's motions together, a meeting is large: opening writes its units' lines
 * (electorate_unit_lines) and, on PostgreSQL, its close streams its records instead of building them in memory
 * (src/results/closing.ts). Exported so that tests can make small meetings large.
 */
export const largeMeeting = { fromVoters: 50_000n };
