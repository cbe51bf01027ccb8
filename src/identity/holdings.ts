import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { estateSettingsOf } from '../places/estate-settings.ts';
import { tallyUnitsOf } from '../registry/units.ts';
import { electorate, formatArea, type Unit } from '../tally/index.ts';

/**
 * What a verified owner holds in one estate and what it weighs: their units,
 * and the voters (heads, R1.2) those units belong to, with each voter's area
 * and share of the estate's totals — computed by the tally engine itself.
 */

export interface HoldingUnit {
  id: string;
  registryNo: string | undefined;
  building: string;
  stair: string | null;
  room: string | undefined;
  area: string;
  kind: Unit['kind'];
  developerHeld: boolean;
  counted: boolean;
}

export interface VoterGrouping {
  /** The owner set of this head; several of your groupings mean several heads. */
  owners: { id: string; you: boolean }[];
  developer: boolean;
  units: string[];
  area: string;
  heads: 1;
}

export interface Holdings {
  estateId: string;
  units: HoldingUnit[];
  voters: VoterGrouping[];
  estateTotal: { area: string; heads: number };
  settings: { countParking: boolean };
}

export async function holdingsOf(db: Kysely<DB>, estateId: string, ownerIds: string[]): Promise<Holdings> {
  const { settings, tally } = await estateSettingsOf(db, estateId);
  const units = await tallyUnitsOf(db, estateId);
  const mine = new Set(ownerIds);
  const voters = units.length === 0 ? { voters: [], total: { area: 0n, heads: 0n } } : electorate(units, tally);
  const counted = new Set(voters.voters.flatMap((v) => v.units));
  const myUnits = units.filter((u) => u.owners.some((o) => mine.has(o)));
  return {
    estateId,
    units: myUnits.map((u) => ({
      id: u.id,
      registryNo: u.registryNo,
      building: u.building,
      stair: u.stair ?? null,
      room: u.room,
      area: u.area,
      kind: u.kind,
      developerHeld: u.developerHeld,
      counted: counted.has(u.id),
    })),
    voters: voters.voters
      .filter((v) => v.units.some((id) => myUnits.some((u) => u.id === id)))
      .map((v) => ({
        owners: v.owners.map((id) => ({ id, you: mine.has(id) })),
        developer: v.developer,
        units: [...v.units],
        area: formatArea(v.area),
        heads: 1 as const,
      })),
    estateTotal: { area: formatArea(voters.total.area), heads: Number(voters.total.heads) },
    settings: { countParking: settings.countParking },
  };
}
