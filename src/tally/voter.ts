// R1.2: a voter (表决权人) is one head. All units the developer still holds
// are one voter; otherwise two units belong to the same voter exactly when
// their sets of owners are identical (P alone on A, and P with Q on B, are
// two voters). The voter key encodes that identity as a string.

import type { Unit } from './record.ts';

/** The developer's key; no owner id can produce it, since ids hold no control characters. */
export const DEVELOPER_KEY = '\u0000developer';
/** U+001F (unit separator) cannot occur in an id, so joined keys are unambiguous. */
const SEPARATOR = '\u001f';

export function voterKey(unit: Pick<Unit, 'developerHeld' | 'owners'>): string {
  if (unit.developerHeld) return DEVELOPER_KEY;
  const owners = unit.owners;
  if (owners.length === 1) return owners[0]!;
  if (owners.length === 2) {
    // The common co-ownership, a couple: no array copy on the hot path.
    const a = owners[0]!;
    const b = owners[1]!;
    return a < b ? a + SEPARATOR + b : b + SEPARATOR + a;
  }
  return [...owners].sort().join(SEPARATOR);
}

/** Whether a (non-developer) voter key stands for several co-owners. */
export function isCoOwned(key: string): boolean {
  return key.includes(SEPARATOR);
}

/** Whether `owner` is one of the co-owners a key stands for, without splitting the key. */
export function keyHasOwner(key: string, owner: string): boolean {
  if (owner.length === 0) return false;
  for (let at = key.indexOf(owner); at >= 0; at = key.indexOf(owner, at + 1)) {
    const end = at + owner.length;
    const startsPart = at === 0 || key.charCodeAt(at - 1) === 0x1f;
    const endsPart = end === key.length || key.charCodeAt(end) === 0x1f;
    if (startsPart && endsPart) return true;
  }
  return false;
}

/** The owners a voter key stands for (not for the developer, whose owners are its units'). */
export function ownersOfKey(key: string): readonly string[] {
  return key.split(SEPARATOR);
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
