// R1 and R3.6: from the units of an estate, the electorate of one motion —
// who votes and with what weight. Built column-wise (typed arrays indexed
// by unit and by voter) because a large estate's record holds a million
// units and this runs inside the one-second tally budget; electorate()
// below turns the columns into Voter objects for everyone else.

import { areaHundredths, areaProblem } from './area.ts';
import { Issues, quote } from './issues.ts';
import type { Amount } from './amount.ts';
import type { Scope, Settings, SettingsInput, Unit } from './record.ts';
import { resolveSettings } from './settings.ts';
import { StringIndex } from './string-index.ts';
import { DEVELOPER_KEY, ownersOfKey, voterKey, type Voter } from './voter.ts';

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

export interface ElectorateIndex {
  readonly units: readonly Unit[];
  readonly settings: Settings;
  readonly scope: Scope;
  /** Unit id → position in `units` (when no id is duplicated, which is an issue). */
  readonly unitIds: StringIndex;
  /** unit position → voter index (every unit has a voter, counted or not, so ballots can be resolved). */
  readonly unitVoter: Int32Array;
  readonly voterKeys: StringIndex;
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

/**
 * Indexes the units for one motion. Problems (duplicate ids, malformed
 * areas, empty owner lists, conflicting representatives) are added to
 * `issues`; the index is only meaningful when there are none.
 */
export function indexElectorate(units: readonly Unit[], settings: Settings, scope: Scope, issues: Issues): ElectorateIndex {
  const n = units.length;
  const unitIds = new StringIndex(n);
  const unitVoter = new Int32Array(n);
  const voterKeys = new StringIndex(n);
  const voterArea: number[] = [];
  const representatives = new Map<number, string>();
  const developerOwners = new Set<string>();
  // The common case, everything counts, needs no look at the unit's place or kind.
  const everythingCounts = scope.kind === 'estate' && settings.countParking;

  let everything = 0; // all units' hundredths: bounds every sum below (see the guard)
  let totalArea = 0;
  let heads = 0;
  let counted = 0;
  let outOfScope = 0;
  let parkingNotCounted = 0;

  for (let i = 0; i < n; i++) {
    const unit = units[i]!;
    const before = unitIds.size;
    unitIds.intern(unit.id);
    if (unitIds.size === before) {
      issues.add('duplicate_unit', `units[${i}].id`, `unit ${quote(unit.id)}: duplicate unit id (first at units[${firstPosition(units, unit.id)}])`);
      continue;
    }

    const area = areaHundredths(unit.area);
    if (area < 0) {
      issues.add('malformed_area', `units[${i}].area`, `unit ${quote(unit.id)}: ${areaProblem(unit.area)}`);
      continue;
    }
    if (unit.owners.length === 0) {
      issues.add('owners_empty', `units[${i}].owners`, `unit ${quote(unit.id)}: owner list is empty`);
      continue;
    }
    everything += area;

    const key = voterKey(unit);
    const voter = voterKeys.intern(key);
    if (voter === voterArea.length) voterArea.push(0);
    unitVoter[i] = voter;
    if (key === DEVELOPER_KEY) for (const owner of unit.owners) developerOwners.add(owner);
    if (unit.representative !== undefined) noteRepresentative(unit, i, voter, representatives, issues);

    const status = everythingCounts ? UnitStatus.Counted : unitStatus(unit, settings, scope);
    if (status === UnitStatus.Counted) {
      counted++;
      totalArea += area;
      if (voterArea[voter] === 0) heads++;
      voterArea[voter]! += area;
    } else if (status === UnitStatus.OutOfScope) {
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
    unitIds,
    unitVoter,
    voterKeys,
    voterArea,
    representatives,
    developerOwners,
    total: { area: BigInt(totalArea), heads: BigInt(heads) },
    statistics: { inRecord: n, counted, outOfScope, parkingNotCounted },
  };
}

function firstPosition(units: readonly Unit[], id: string): number {
  return units.findIndex((u) => u.id === id);
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
    if (unitStatus(index.units[i]!, index.settings, index.scope) !== UnitStatus.Counted) continue;
    const voter = index.unitVoter[i]!;
    let list = unitsOf[voter];
    if (list === undefined) {
      list = unitsOf[voter] = [];
      order.push(voter);
    }
    list.push(index.units[i]!.id);
  }
  return order.map((voter) => {
    const key = index.voterKeys.key(voter);
    const developer = key === DEVELOPER_KEY;
    return {
      key,
      developer,
      owners: developer ? [...index.developerOwners].sort() : [...ownersOfKey(key)],
      area: BigInt(index.voterArea[voter]!),
      units: unitsOf[voter]!,
      representative: index.representatives.get(voter) ?? null,
    };
  });
}

