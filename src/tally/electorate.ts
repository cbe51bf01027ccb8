// R1 and R3.6: from the units of an estate, the electorate of one motion —
// who votes and with what weight. Built column-wise (typed arrays indexed
// by unit and by voter) because a large estate's record holds a million
// units and this runs inside the one-second tally budget; electorate()
// below turns the columns into Voter objects for everyone else.

import { areaHundredths, areaProblem } from './area.ts';
import { Issues, quote } from './issues.ts';
import type { Amount } from './amount.ts';
import type { Scope, Settings, SettingsInput, Unit } from './record.ts';
import { HashSlots } from './hash-slots.ts';
import { resolveSettings } from './settings.ts';
import { hashString, mix32 } from './string-hash.ts';
import { voterKey, type Voter } from './voter.ts';

/** Why a unit adds nothing to a motion's electorate. */
export const UnitStatus = { Counted: 0, OutOfScope: 1, ParkingNotCounted: 2 } as const;
export type UnitStatus = (typeof UnitStatus)[keyof typeof UnitStatus];

export interface UnitStatistics {
  /** Units in the record. */
  readonly inRecord: number;
  readonly counted: number;
  readonly outOfScope: number;
  /** Parking units inside the scope left out because countParking is false (R1.5). */
  readonly parkingNotCounted: number;
}

/**
 * The units an index was built from, as far as it still needs them: a list, or (the staged recount,
 * staged.ts) a source that gives back the few units the columns do not describe — developer-held,
 * naming a representative, owned by more than two — when asked.
 */
export interface UnitSource {
  readonly length: number;
  at(position: number): Unit | undefined;
}

export interface ElectorateIndex {
  readonly units: UnitSource;
  readonly settings: Settings;
  readonly scope: Scope;
  /** Unit ids by hash, to positions in `units`: see unitPosition(). */
  readonly unitSlots: HashSlots;
  /**
   * Per unit, three strings side by side: its id, its first owner and its
   * second (undefined for a sole owner); see unitId(), firstOwner(),
   * secondOwner(). Resolving a ballot reads all three for a unit at a random
   * place in the record: here they share a cache line, where the unit
   * object, its owner list and separate arrays would cost a miss each.
   */
  readonly unitStrings: readonly (string | undefined)[];
  /** unit position → voter index (every unit has a voter, counted or not, so ballots can be resolved). */
  readonly unitVoter: Int32Array;
  /** Voters, numbered in order of their first unit. */
  readonly voterCount: number;
  /** voter index → position of its first unit, whose owners are the voter's (R1.2). */
  readonly voterUnit: Int32Array;
  /** The developer's voter index (R1.3), or -1 when no unit is developer-held. */
  readonly developer: number;
  /**
   * voter index → counted area in hundredths (exact: see the
   * MAX_SAFE_INTEGER guard). Every counted unit has a positive area, so a
   * voter is in the electorate exactly when this is above zero.
   */
  readonly voterArea: number[];
  /** voter index → representative named on its units (R1.4), when any is. */
  readonly representatives: ReadonlyMap<number, string>;
  /** Owner ids named on developer-held units. */
  readonly developerOwners: ReadonlySet<string>;
  readonly total: Amount;
  readonly statistics: UnitStatistics;
}

/** Whether a unit counts for the motion, or why not. */
export function unitStatus(unit: Unit, settings: Pick<Settings, 'countParking'>, scope: Scope): UnitStatus {
  if (!inScope(unit, scope)) return UnitStatus.OutOfScope;
  if (!settings.countParking && unit.kind === 'parking') return UnitStatus.ParkingNotCounted;
  return UnitStatus.Counted;
}

export function inScope(unit: Unit, scope: Scope): boolean {
  switch (scope.kind) {
    case 'estate':
      return true;
    case 'building':
      return unit.building === scope.building;
    case 'stair':
      return unit.building === scope.building && unit.stair === scope.stair;
  }
}

export function describeScope(scope: Scope): string {
  switch (scope.kind) {
    case 'estate':
      return 'the whole estate';
    case 'building':
      return `building ${quote(scope.building)}`;
    case 'stair':
      return `building ${quote(scope.building)} stair ${quote(scope.stair)}`;
  }
}

/** Per-unit facts read in the first pass (bits of `UnitColumns.flags`). */
const DEVELOPER_HELD = 1;
const HAS_REPRESENTATIVE = 2;
const NO_OWNERS = 4;
const MANY_OWNERS = 8; // more than two: the columns hold only the first two
const DUPLICATE = 16; // set by pass 2a

/**
 * What the tables and the counts need from the units, read in one pass in
 * record order: the only pass that touches every unit object. The passes
 * after it work on these columns, and go back to a unit object only for
 * the few units that need more (the developer's, those naming a
 * representative, those with a problem to report).
 */
export interface UnitColumns {
  /** See ElectorateIndex.unitStrings. */
  readonly strings: (string | undefined)[];
  readonly idHash: Int32Array;
  readonly ownerHash: Int32Array;
  /** Hundredths of m², or -1 when malformed. */
  readonly area: number[];
  readonly status: Uint8Array;
  readonly flags: Uint8Array;
}

const PARKING = 1;
const NO_PLACE = -1;

/**
 * The first pass, one unit at a time: the columns of every motion's index, whatever its scope. A unit's
 * building and stair are kept as codes (equal codes exactly when the values are ===) and its kind as
 * whether it is parking, so that each motion's statuses come from the columns (columnsFor). The staged
 * recount reads each unit as it arrives and keeps no unit object (staged.ts); readUnits reads a list.
 */
export class UnitReader {
  readonly strings: (string | undefined)[] = [];
  readonly area: number[] = [];
  private idHash: Int32Array;
  private ownerHash: Int32Array;
  private flags: Uint8Array;
  private kind: Uint8Array;
  private building: Int32Array;
  private stair: Int32Array;
  private readonly places = new Map<unknown, number>();
  private count = 0;

  constructor(expected = 1024) {
    const n = Math.max(expected, 16);
    this.idHash = new Int32Array(n);
    this.ownerHash = new Int32Array(n);
    this.flags = new Uint8Array(n);
    this.kind = new Uint8Array(n);
    this.building = new Int32Array(n);
    this.stair = new Int32Array(n);
  }

  get length(): number {
    return this.count;
  }

  add(unit: Unit): void {
    const i = this.count++;
    if (i === this.idHash.length) this.grow();
    const id = unit.id;
    const owners = unit.owners;
    this.strings.push(id, owners[0], owners[1]);
    this.idHash[i] = hashString(id);
    this.area.push(areaHundredths(unit.area));
    let flags = unit.representative === undefined ? 0 : HAS_REPRESENTATIVE;
    if (owners.length === 0) flags |= NO_OWNERS;
    else if (unit.developerHeld) flags |= DEVELOPER_HELD; // R1.3: its owners do not make the voter
    else this.ownerHash[i] = ownerSetHash(owners);
    if (owners.length > 2) flags |= MANY_OWNERS;
    this.flags[i] = flags;
    this.kind[i] = unit.kind === 'parking' ? PARKING : 0;
    this.building[i] = this.place(unit.building);
    this.stair[i] = unit.stair === undefined ? NO_PLACE : this.place(unit.stair);
  }

  /**
   * The columns for a motion of this scope. `own`: the caller reads no other motion's columns from this
   * reader, so the id hashes and flags the index's passes write over need not be copied.
   */
  columnsFor(settings: Pick<Settings, 'countParking'>, scope: Scope, own = false): UnitColumns {
    const n = this.count;
    const status = new Uint8Array(n);
    // The common case, everything counts, needs no look at the unit's place or kind.
    if (scope.kind !== 'estate' || !settings.countParking) {
      const building = scope.kind === 'estate' ? NO_PLACE : (this.places.get(scope.building) ?? -2);
      const stair = scope.kind === 'stair' ? (this.places.get(scope.stair) ?? -2) : NO_PLACE;
      for (let i = 0; i < n; i++) {
        const inScope = scope.kind === 'estate' || (this.building[i] === building && (scope.kind === 'building' || this.stair[i] === stair));
        if (!inScope) status[i] = UnitStatus.OutOfScope;
        else if (!settings.countParking && this.kind[i] === PARKING) status[i] = UnitStatus.ParkingNotCounted;
      }
    }
    return {
      strings: this.strings,
      idHash: own ? this.idHash.subarray(0, n) : this.idHash.slice(0, n),
      ownerHash: this.ownerHash.subarray(0, n),
      area: this.area,
      status,
      flags: own ? this.flags.subarray(0, n) : this.flags.slice(0, n),
    };
  }

  private place(value: unknown): number {
    let code = this.places.get(value);
    if (code === undefined) this.places.set(value, (code = this.places.size));
    return code;
  }

  private grow(): void {
    const wider = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.idHash = wider(this.idHash);
    this.ownerHash = wider(this.ownerHash);
    this.flags = wider(this.flags);
    this.kind = wider(this.kind);
    this.building = wider(this.building);
    this.stair = wider(this.stair);
  }
}

function readUnits(units: readonly Unit[], settings: Settings, scope: Scope): UnitColumns {
  const reader = new UnitReader(units.length);
  for (let i = 0; i < units.length; i++) reader.add(units[i]!);
  return reader.columnsFor(settings, scope, true);
}

/**
 * Indexes the units for one motion. Problems (duplicate ids, malformed
 * areas, empty owner lists, conflicting representatives) are added to
 * `issues`; the index is only meaningful when there are none.
 *
 * Three passes: read the units (readUnits); fill the two hash tables, each
 * in the order of its slots (HashSlots.slotOrder); then, in record order,
 * number the voters, report problems and count. Typed arrays are reused
 * from pass to pass: every 64 MB of them makes V8 mark the whole parsed
 * record, about half a second on a million-unit record.
 */
export function indexElectorate(units: readonly Unit[], settings: Settings, scope: Scope, issues: Issues): ElectorateIndex {
  return indexColumns(readUnits(units, settings, scope), units, settings, scope, issues);
}

/** indexElectorate from the first pass's columns (UnitReader) and the units they were read from. */
export function indexColumns(columns: UnitColumns, units: UnitSource, settings: Settings, scope: Scope, issues: Issues): ElectorateIndex {
  const n = units.length;
  const { strings, idHash, ownerHash, area, status, flags } = columns;
  const unitVoter = new Int32Array(n);
  const order = unitVoter; // the order of a table pass, until pass 3 numbers the voters

  // Pass 2a: unit ids. Equal ids share a page of the table and are taken in
  // record order within it, so a duplicate meets the id's first unit.
  const unitSlots = new HashSlots(n);
  unitSlots.slotOrder(idHash, order);
  const duplicateOf = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    let first = unitSlots.first(idHash[i]!);
    while (first >= 0 && strings[first * STRINGS_PER_UNIT] !== strings[i * STRINGS_PER_UNIT]) first = unitSlots.next();
    if (first < 0) {
      unitSlots.add(i);
    } else {
      duplicateOf.set(i, first);
      flags[i]! |= DUPLICATE;
    }
  }

  // Pass 2b: owner sets (R1.2). Units whose owner sets hash alike form a
  // group, led by its first unit; pass 3 confirms each member's owners.
  const voterSlots = new HashSlots(n);
  voterSlots.slotOrder(ownerHash, order);
  const groupOf = idHash; // the id hashes are spent
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if ((flags[i]! & (DUPLICATE | NO_OWNERS | DEVELOPER_HELD)) !== 0 || area[i]! < 0) continue;
    const first = voterSlots.first(ownerHash[i]!);
    if (first >= 0) {
      groupOf[i] = first;
    } else {
      voterSlots.add(i);
      groupOf[i] = i;
    }
  }

  // Pass 3, in record order: voters numbered by their first unit, the
  // problems as a single loop over the units finds them, and the sums.
  const voterUnit = new Int32Array(n);
  let voterCount = 0;
  let developer = -1;
  let collided: Map<string, number> | undefined;
  const voterArea: number[] = [];
  const representatives = new Map<number, string>();
  const developerOwners = new Set<string>();
  let everything = 0; // all units' hundredths: bounds every sum below (see the guard)
  let totalArea = 0;
  let heads = 0;
  let counted = 0;
  let outOfScope = 0;
  let parkingNotCounted = 0;
  for (let i = 0; i < n; i++) {
    const hundredths = area[i]!;
    if ((flags[i]! & (DUPLICATE | NO_OWNERS)) !== 0 || hundredths < 0) {
      reportUnit(units.at(i)!, i, duplicateOf, issues);
      unitVoter[i] = -1;
      continue;
    }
    everything += hundredths;
    let voter: number;
    if ((flags[i]! & DEVELOPER_HELD) !== 0) {
      // R1.3: all the developer's units are one voter, whoever is named on them.
      if (developer < 0) developer = newVoter(voterUnit, voterCount++, i, voterArea);
      voter = developer;
      for (const owner of units.at(i)!.owners) developerOwners.add(owner);
    } else {
      const group = groupOf[i]!;
      if (group === i) {
        voter = newVoter(voterUnit, voterCount++, i, voterArea);
      } else if (sameOwnersAt(units, columns, group, i)) {
        voter = unitVoter[group]!;
      } else {
        // Two owner sets with one hash: rare, so a Map of their keys will do.
        collided ??= new Map();
        const key = voterKey(units.at(i)!);
        voter = collided.get(key) ?? newVoter(voterUnit, voterCount++, i, voterArea);
        collided.set(key, voter);
      }
    }
    unitVoter[i] = voter;
    if ((flags[i]! & HAS_REPRESENTATIVE) !== 0) noteRepresentative(units.at(i)!, i, voter, representatives, issues);
    const unitStatus = status[i]!;
    if (unitStatus === UnitStatus.Counted) {
      counted++;
      totalArea += hundredths;
      if (voterArea[voter] === 0) heads++;
      voterArea[voter]! += hundredths;
    } else if (unitStatus === UnitStatus.OutOfScope) {
      outOfScope++;
    } else {
      parkingNotCounted++;
    }
  }

  // Every sum here is of positive whole numbers and bounded by `everything`;
  // if `everything` is still a safe integer, no partial sum ever exceeded
  // 2^53 and all of them are exact. Past that point it cannot fall back.
  if (everything > Number.MAX_SAFE_INTEGER) {
    issues.add('too_large', 'units', `the units' areas add up to more than ${Number.MAX_SAFE_INTEGER} hundredths of m²`);
  }
  if (heads === 0 && !issues.any) {
    issues.add('empty_electorate', 'motion.scope', `no counted unit lies in the motion's scope (${describeScope(scope)})`);
  }

  return {
    units,
    settings,
    scope,
    unitSlots,
    unitStrings: strings,
    unitVoter,
    voterCount,
    voterUnit,
    developer,
    voterArea,
    representatives,
    developerOwners,
    total: { area: BigInt(totalArea), heads: BigInt(heads) },
    statistics: { inRecord: n, counted, outOfScope, parkingNotCounted },
  };
}

/** The one problem of a unit that gets no voter, in the order the checks come: id, area, owners. */
function reportUnit(unit: Unit, i: number, duplicateOf: ReadonlyMap<number, number>, issues: Issues): void {
  const first = duplicateOf.get(i);
  if (first !== undefined) {
    issues.add('duplicate_unit', `units[${i}].id`, `unit ${quote(unit.id)}: duplicate unit id (first at units[${first}])`);
  } else if (areaHundredths(unit.area) < 0) {
    issues.add('malformed_area', `units[${i}].area`, `unit ${quote(unit.id)}: ${areaProblem(unit.area)}`);
  } else {
    issues.add('owners_empty', `units[${i}].owners`, `unit ${quote(unit.id)}: owner list is empty`);
  }
}

function newVoter(voterUnit: Int32Array, voter: number, unit: number, voterArea: number[]): number {
  voterUnit[voter] = unit;
  voterArea.push(0);
  return voter;
}

/** sameOwners() for units a and b, from the columns when neither has more than two owners. */
function sameOwnersAt(units: UnitSource, columns: UnitColumns, a: number, b: number): boolean {
  if (((columns.flags[a]! | columns.flags[b]!) & MANY_OWNERS) !== 0) return sameOwners(units.at(a)!.owners, units.at(b)!.owners);
  const { strings } = columns;
  const a1 = strings[a * STRINGS_PER_UNIT + 1];
  const a2 = strings[a * STRINGS_PER_UNIT + 2];
  const b1 = strings[b * STRINGS_PER_UNIT + 1];
  const b2 = strings[b * STRINGS_PER_UNIT + 2];
  return (a1 === b1 && a2 === b2) || (a1 === b2 && a2 === b1);
}

/** A hash of an owner set that does not depend on the owners' order. */
export function ownerSetHash(owners: readonly string[]): number {
  let sum = owners.length;
  for (let k = 0; k < owners.length; k++) sum = (sum + hashString(owners[k]!)) | 0;
  return mix32(sum);
}

/** Whether two owner lists name the same owners (as multisets, like the sorted voter key). */
export function sameOwners(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 1) return a[0] === b[0];
  // The common co-ownership, a couple: no copies.
  if (a.length === 2) return (a[0] === b[0] && a[1] === b[1]) || (a[0] === b[1] && a[1] === b[0]);
  const x = [...a].sort();
  const y = [...b].sort();
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  return true;
}

const STRINGS_PER_UNIT = 3;

export function unitId(index: ElectorateIndex, unit: number): string {
  return index.unitStrings[unit * STRINGS_PER_UNIT]!;
}

export function firstOwner(index: ElectorateIndex, unit: number): string {
  return index.unitStrings[unit * STRINGS_PER_UNIT + 1]!;
}

/** undefined for a sole owner. */
export function secondOwner(index: ElectorateIndex, unit: number): string | undefined {
  return index.unitStrings[unit * STRINGS_PER_UNIT + 2];
}

/** The position of the unit with this id, or -1. */
export function unitPosition(index: ElectorateIndex, id: string): number {
  const slots = index.unitSlots;
  let position = slots.first(hashString(id));
  while (position >= 0 && unitId(index, position) !== id) position = slots.next();
  return position;
}

function noteRepresentative(unit: Unit, position: number, voter: number, representatives: Map<number, string>, issues: Issues): void {
  const representative = unit.representative!;
  if (!unit.owners.includes(representative)) {
    issues.add('not_an_owner', `units[${position}].representative`,
      `unit ${quote(unit.id)}: representative ${quote(representative)} is not one of its owners`);
    return;
  }
  const earlier = representatives.get(voter);
  if (earlier === undefined) representatives.set(voter, representative);
  else if (earlier !== representative) {
    issues.add('representative_conflict', `units[${position}].representative`,
      `unit ${quote(unit.id)}: names representative ${quote(representative)}, but another unit of the same owners names ${quote(earlier)}`);
  }
}

export interface Electorate {
  /** The voters of the motion's scope, in order of their first unit. */
  readonly voters: readonly Voter[];
  /** TA (hundredths of m²) and TH. */
  readonly total: Amount;
  readonly statistics: UnitStatistics;
}

/**
 * R1.1–R1.5, R3.6: the electorate of a motion with the given scope.
 * Throws TallyInputError naming the offending units.
 */
export function electorate(units: readonly Unit[], settings?: SettingsInput | Settings, scope: Scope = { kind: 'estate' }): Electorate {
  const issues = new Issues();
  const index = indexElectorate(units, resolveSettings(settings), scope, issues);
  issues.throwIfAny();
  return { voters: votersOf(index), total: index.total, statistics: index.statistics };
}

export function votersOf(index: ElectorateIndex): Voter[] {
  const unitsOf: string[][] = [];
  const order: number[] = [];
  for (let i = 0; i < index.units.length; i++) {
    const unit = index.units.at(i)!;
    if (unitStatus(unit, index.settings, index.scope) !== UnitStatus.Counted) continue;
    const voter = index.unitVoter[i]!;
    let list = unitsOf[voter];
    if (list === undefined) {
      list = unitsOf[voter] = [];
      order.push(voter);
    }
    list.push(unit.id);
  }
  return order.map((voter) => {
    const developer = voter === index.developer;
    const owners = index.units.at(index.voterUnit[voter]!)!.owners;
    return {
      key: voterKey({ developerHeld: developer, owners }),
      developer,
      owners: developer ? [...index.developerOwners].sort() : [...owners].sort(),
      area: BigInt(index.voterArea[voter]!),
      units: unitsOf[voter]!,
      representative: index.representatives.get(voter) ?? null,
    };
  });
}

