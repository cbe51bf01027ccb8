// R1.2: a voter (表决权人) is one head. All units the developer still holds
// are one voter; otherwise two units belong to the same voter exactly when
// their sets of owners are identical (P alone on A, and P with Q on B, are
// two voters). The voter key encodes that identity as a string; the tally
// itself compares owner lists (electorate.ts) and builds keys only for reports.

import type { Unit } from './record.ts';

/** The developer's key; no owner id can produce it, since ids hold no control characters. */
export const DEVELOPER_KEY = '\u0000developer';
/** U+001F (unit separator) cannot occur in an id, so joined keys are unambiguous. */
const SEPARATOR = '\u001f';

export function voterKey(unit: Pick<Unit, 'developerHeld' | 'owners'>): string {
  if (unit.developerHeld) return DEVELOPER_KEY;
  return [...unit.owners].sort().join(SEPARATOR);
}

export interface Voter {
  /** Stable identity: the developer, or the sorted owner set. */
  readonly key: string;
  readonly developer: boolean;
  /** Sorted owner ids. For the developer: every owner id named on its units. */
  readonly owners: readonly string[];
  /** Sum of the voter's counted units' areas, hundredths of m². */
  readonly area: bigint;
  /** The counted units, in record order. */
  readonly units: readonly string[];
  /** R1.4: the co-owner designated to cast the vote, if any. */
  readonly representative: string | null;
}
