// Builders for small records in tests. Defaults make a valid residential
// unit and an online ballot; tests override only what they are about.

import {
  parseTallyRecord,
  tallyRecord,
  TallyInputError,
  type Report,
  type TallyRecord,
  type TallyRecordInput,
} from '../../src/tally/index.ts';

export type UnitInput = TallyRecordInput['units'][number];
export type BallotInput = TallyRecordInput['ballots'][number];

export function unit(id: string, area: string, owners: string[], extra: Partial<UnitInput> = {}): UnitInput {
  return { id, building: '1', area, areaSource: 'registry', kind: 'residential', developerHeld: false, owners, ...extra };
}

export function developerUnit(id: string, area: string, extra: Partial<UnitInput> = {}): UnitInput {
  return unit(id, area, ['developer'], { developerHeld: true, ...extra });
}

let ballotCount = 0;
/** A ballot; `minute` orders ballots of one voter (later minute = later instant). */
export function ballot(unitId: string, choice: BallotInput['choice'], minute = 0, extra: Partial<BallotInput> = {}): BallotInput {
  ballotCount++;
  const hh = String(9 + Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return { id: `b${ballotCount}`, unit: unitId, choice, castAt: `2024-05-02T${hh}:${mm}:00+08:00`, channel: 'online', ...extra };
}

export function record(
  units: UnitInput[],
  ballots: BallotInput[],
  motion: Partial<TallyRecordInput['motion']> = {},
  settings: TallyRecordInput['settings'] = {},
): TallyRecordInput {
  return {
    format: 'gongjue.tally-record',
    version: 1,
    estate: { id: 'estate-test' },
    settings,
    motion: { id: 'motion-test', kind: 'yes_no', matter: 'property_manager', ...motion } as TallyRecordInput['motion'],
    units,
    ballots,
  };
}

export function tally(input: unknown): Report {
  return tallyRecord(parseTallyRecord(input));
}

export function parse(input: unknown): TallyRecord {
  return parseTallyRecord(input);
}

/** The issues a record is refused with (fails the test if it is accepted). */
export function issuesOf(input: unknown): { code: string; path: string; message: string }[] {
  try {
    tally(input);
  } catch (error) {
    if (error instanceof TallyInputError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the record to be refused');
}

/** n units of `area` each, one owner each: u1…un owned by o1…on. */
export function flats(n: number, area = '100.00', from = 1): UnitInput[] {
  return Array.from({ length: n }, (_, k) => unit(`u${from + k}`, area, [`o${from + k}`]));
}
