import type { RegistryDiff, RegistryOwner, RegistryUnit, UnitField } from './types.ts';

/**
 * What an import would change in an estate's registry. Units are matched by
 * registry number, owners by `idKey` (the HMAC of their identity number), so
 * the comparison never needs a plain identity number. Every list is sorted
 * (by registry number, then idKey) so the same two registries always give
 * the same diff, whatever order the file listed them in.
 */

const UNIT_FIELDS: readonly UnitField[] = ['building', 'stair', 'room', 'areaHundredths', 'areaSource', 'kind', 'developerHeld'];
const OWNER_FIELDS = ['name', 'kind', 'phone'] as const;

/** Both sides must list each registry number at most once (the parsers and the database guarantee it). */
export function diffRegistry(current: RegistryUnit[], incoming: RegistryUnit[]): RegistryDiff {
  const before = byRegistryNo(current, 'current');
  const after = byRegistryNo(incoming, 'incoming');
  const diff: RegistryDiff = { added: [], removed: [], changed: [], transfers: [], ownerUpdates: [], certificates: [], unchanged: 0 };

  for (const [registryNo, was] of before) {
    const is = after.get(registryNo);
    if (is === undefined) {
      diff.removed.push(was);
      continue;
    }
    const fields = differing(was, is, UNIT_FIELDS);
    const transferred = !sameOwners(was.owners, is.owners);
    if (fields.length > 0) diff.changed.push({ registryNo, fields, before: was, after: is });
    if (transferred) diff.transfers.push({ registryNo, from: sortedOwners(was.owners), to: sortedOwners(is.owners) });
    else if (certificatesDiffer(was.owners, is.owners)) {
      diff.certificates.push({ registryNo, owners: is.owners.map((o) => ({ idKey: o.idKey, certificateKey: o.certificateKey })) });
    }
    if (fields.length === 0 && !transferred) diff.unchanged++;
  }
  for (const [registryNo, is] of after) if (!before.has(registryNo)) diff.added.push(is);

  diff.ownerUpdates = ownerUpdates(current, incoming);
  diff.added.sort((a, b) => compare(a.registryNo, b.registryNo));
  diff.removed.sort((a, b) => compare(a.registryNo, b.registryNo));
  diff.changed.sort((a, b) => compare(a.registryNo, b.registryNo));
  diff.transfers.sort((a, b) => compare(a.registryNo, b.registryNo));
  diff.certificates.sort((a, b) => compare(a.registryNo, b.registryNo));
  return diff;
}

function byRegistryNo(units: RegistryUnit[], side: string): Map<string, RegistryUnit> {
  const map = new Map<string, RegistryUnit>();
  for (const unit of units) {
    const size = map.size;
    // One hash operation per unit, not two: a repeat leaves the size unchanged.
    if (map.set(unit.registryNo, unit).size === size) {
      throw new Error(`diffRegistry: registry number ${unit.registryNo} appears twice in the ${side} registry`);
    }
  }
  return map;
}

/** Same set of idKeys, in any order. Units have a handful of owners, so pairwise search beats building Sets. */
function sameOwners(a: RegistryOwner[], b: RegistryOwner[]): boolean {
  if (a.length !== b.length) return false;
  for (const owner of a) {
    let found = false;
    for (const other of b) {
      if (other.idKey === owner.idKey) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/** The same owners (sameOwners held): whether any owner's certificate for the unit differs. */
function certificatesDiffer(a: RegistryOwner[], b: RegistryOwner[]): boolean {
  for (const owner of a) {
    for (const other of b) if (other.idKey === owner.idKey && other.certificateKey !== owner.certificateKey) return true;
  }
  return false;
}

function sortedOwners(owners: RegistryOwner[]): RegistryOwner[] {
  return [...owners].sort((a, b) => compare(a.idKey, b.idKey));
}

/** Owners present on both sides whose own details changed, each reported once however many units they hold. */
function ownerUpdates(current: RegistryUnit[], incoming: RegistryUnit[]): RegistryDiff['ownerUpdates'] {
  const was = ownersById(current);
  // Only changed owners are remembered: a second Map of every incoming owner would cost as much as the rest of the diff.
  const reported = new Set<string>();
  const updates: RegistryDiff['ownerUpdates'] = [];
  for (const unit of incoming) {
    for (const is of unit.owners) {
      const before = was.get(is.idKey);
      if (before === undefined || reported.has(is.idKey)) continue;
      const fields = differing(before, is, OWNER_FIELDS);
      if (fields.length === 0) continue;
      reported.add(is.idKey);
      updates.push({ idKey: is.idKey, fields, before, after: is });
    }
  }
  return updates.sort((a, b) => compare(a.idKey, b.idKey));
}

/** An owner's details as first met; one file cannot name an owner twice differently (the parsers refuse it). */
function ownersById(units: RegistryUnit[]): Map<string, RegistryOwner> {
  const map = new Map<string, RegistryOwner>();
  for (const unit of units) {
    for (const owner of unit.owners) if (!map.has(owner.idKey)) map.set(owner.idKey, owner);
  }
  return map;
}

/** The fields whose values differ, in the order given. */
function differing<T, F extends keyof T>(a: T, b: T, fields: readonly F[]): F[] {
  let found: F[] | undefined;
  for (const field of fields) if (a[field] !== b[field]) (found ??= []).push(field);
  return found ?? [];
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
