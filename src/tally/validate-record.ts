// parseTallyRecord(): from untrusted JSON to a TallyRecord, or a
// TallyInputError whose messages name the offending unit or ballot.
//
// The envelope (settings, motion, meeting) is small and checked with the
// zod schema. Units and ballots — up to a million of each — are checked by
// the hand-written loops below: on the benchmark record (a million units,
// 800,000 ballots) zod takes about 3 s and these about 0.75 s.
// test/tally/validate-record.test.ts holds them to exactly the zod
// UnitSchema and BallotSchema on generated good and bad input.

import { z } from 'zod';
import { areaHundredths, areaProblem } from './area.ts';
import { readInstant, type Instant } from './instant.ts';
import { Issues, quote, TallyInputError } from './issues.ts';
import { motionIssues } from './motion.ts';
import {
  ID_PATTERN,
  TallyRecordSchema,
  type Ballot,
  type TallyRecord,
  type Unit,
} from './record.ts';
import { overrideIssues } from './rule.ts';
import { StringIndex } from './string-index.ts';
import { votingWindow, type VotingWindow } from './window.ts';
import { zodIssues } from './zod-issues.ts';

const EnvelopeSchema = TallyRecordSchema.extend({
  units: z.array(z.unknown()),
  ballots: z.array(z.unknown()),
});

const UNIT_KEYS: ReadonlySet<string> = new Set(Object.keys(TallyRecordSchema.shape.units.element.shape));
const BALLOT_KEYS: ReadonlySet<string> = new Set(Object.keys(TallyRecordSchema.shape.ballots.element.shape));

function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a message names an element: by its id when it has a usable one. */
function subject(noun: string, list: string, i: number, element: Record<string, unknown>): string {
  return isId(element.id) ? `${noun} ${quote(element.id)}` : `${list}[${i}]`;
}

// The checks below run once per unit and per ballot, a million times:
// no closures (tsx wraps each in a naming helper), no Sets, and messages
// built only when something is wrong.

function malformed(issues: Issues, path: string, field: string, value: Record<string, unknown>, noun: string, list: string, i: number, what: string): void {
  issues.add('malformed', `${path}.${field}`, `${subject(noun, list, i, value)}: ${field} ${what}`);
}

const ID_RULE = 'must be a printable id of 1–128 characters';

function distinctIds(ids: readonly string[]): boolean {
  for (let a = 1; a < ids.length; a++) for (let b = 0; b < a; b++) if (ids[a] === ids[b]) return false;
  return true;
}

/** Checks one unit exactly as UnitSchema does; adds its problems to `issues`. */
export function checkUnit(value: unknown, i: number, issues: Issues): void {
  if (!isRecordObject(value)) {
    issues.add('malformed', `units[${i}]`, `units[${i}]: a unit must be an object`);
    return;
  }
  const path = `units[${i}]`;
  for (const key in value) if (!UNIT_KEYS.has(key)) malformed(issues, path, key, value, 'unit', 'units', i, 'is not a field of a unit');
  if (!isId(value.id)) malformed(issues, path, 'id', value, 'unit', 'units', i, ID_RULE);
  if (value.registryNo !== undefined && !isId(value.registryNo)) malformed(issues, path, 'registryNo', value, 'unit', 'units', i, ID_RULE);
  if (value.stair !== undefined && !isId(value.stair)) malformed(issues, path, 'stair', value, 'unit', 'units', i, ID_RULE);
  if (value.room !== undefined && !isId(value.room)) malformed(issues, path, 'room', value, 'unit', 'units', i, ID_RULE);
  if (!isId(value.building)) malformed(issues, path, 'building', value, 'unit', 'units', i, ID_RULE);
  if (typeof value.area !== 'string' || areaHundredths(value.area) < 0) {
    issues.add('malformed_area', `${path}.area`, `${subject('unit', 'units', i, value)}: malformed ${areaProblem(value.area)}`);
  }
  const source = value.areaSource;
  if (source !== 'registry' && source !== 'surveyed' && source !== 'contract') {
    malformed(issues, path, 'areaSource', value, 'unit', 'units', i, 'must be registry, surveyed or contract');
  }
  const kind = value.kind;
  if (kind !== 'residential' && kind !== 'commercial' && kind !== 'parking') {
    malformed(issues, path, 'kind', value, 'unit', 'units', i, 'must be residential, commercial or parking');
  }
  if (typeof value.developerHeld !== 'boolean') malformed(issues, path, 'developerHeld', value, 'unit', 'units', i, 'must be true or false');
  const owners = value.owners;
  if (!Array.isArray(owners)) {
    malformed(issues, path, 'owners', value, 'unit', 'units', i, 'must be a list of owner ids');
  } else if (owners.length === 0) {
    issues.add('owners_empty', `${path}.owners`, `${subject('unit', 'units', i, value)}: owner list is empty`);
  } else {
    let ids = true;
    for (let k = 0; k < owners.length; k++) if (!isId(owners[k])) ids = false;
    if (owners.length > 100) malformed(issues, path, 'owners', value, 'unit', 'units', i, 'lists more than 100 owners');
    if (!ids) malformed(issues, path, 'owners', value, 'unit', 'units', i, 'must hold printable ids of 1–128 characters');
    else if (owners.length > 1 && !distinctIds(owners as string[])) {
      issues.add('duplicate_owner', `${path}.owners`, `${subject('unit', 'units', i, value)}: an owner is listed twice`);
    }
  }
  const representative = value.representative;
  if (representative !== undefined) {
    if (!isId(representative)) malformed(issues, path, 'representative', value, 'unit', 'units', i, ID_RULE);
    else if (Array.isArray(owners) && !owners.includes(representative)) {
      issues.add('not_an_owner', `${path}.representative`,
        `${subject('unit', 'units', i, value)}: representative ${quote(representative)} is not one of its owners`);
    }
  }
}

const scratch: Instant = { day: 0, second: 0, nano: 0 };

/**
 * Checks one ballot exactly as BallotSchema does, and that it was cast
 * inside the voting window when one is given (R4.2); adds its problems to `issues`.
 */
export function checkBallot(value: unknown, i: number, issues: Issues, window: VotingWindow | null = null): void {
  if (!isRecordObject(value)) {
    issues.add('malformed', `ballots[${i}]`, `ballots[${i}]: a ballot must be an object`);
    return;
  }
  const path = `ballots[${i}]`;
  for (const key in value) if (!BALLOT_KEYS.has(key)) malformed(issues, path, key, value, 'ballot', 'ballots', i, 'is not a field of a ballot');
  if (!isId(value.id)) malformed(issues, path, 'id', value, 'ballot', 'ballots', i, ID_RULE);
  if (!isId(value.unit)) malformed(issues, path, 'unit', value, 'ballot', 'ballots', i, 'must be a unit id');
  const choice = value.choice;
  if (choice !== undefined && !isId(choice) && !isIdList(choice)) {
    malformed(issues, path, 'choice', value, 'ballot', 'ballots', i, 'must be a choice id or a list of at most 100 candidate ids');
  }
  checkCastAt(value, i, issues, window);
  const channel = value.channel;
  if (channel !== 'online' && channel !== 'paper' && channel !== 'proxy') {
    malformed(issues, path, 'channel', value, 'ballot', 'ballots', i, 'must be online, paper or proxy');
  }
  if (value.spoiled !== undefined && typeof value.spoiled !== 'boolean') malformed(issues, path, 'spoiled', value, 'ballot', 'ballots', i, 'must be true or false');
  if (value.castBy !== undefined && !isId(value.castBy)) malformed(issues, path, 'castBy', value, 'ballot', 'ballots', i, 'must be an owner id');
}

/**
 * checkBallot for a ballot whose own fields are known to pass it (read by a reader that takes only those:
 * src/results/record-lines.ts, parseBallotLines): what is left is whether it was cast inside the window.
 */
export function checkBallotWindow(ballot: Ballot, i: number, issues: Issues, window: VotingWindow | null): void {
  checkCastAt(ballot, i, issues, window);
}

function checkCastAt(value: Record<string, unknown>, i: number, issues: Issues, window: VotingWindow | null): void {
  const path = `ballots[${i}]`;
  if (typeof value.castAt !== 'string' || !readInstant(value.castAt, scratch)) {
    issues.add('malformed_instant', `${path}.castAt`,
      `${subject('ballot', 'ballots', i, value)}: castAt ${JSON.stringify(value.castAt)} is not an ISO 8601 instant with seconds and an offset`);
  } else if (window !== null && !window.contains(scratch)) {
    issues.add('outside_window', `${path}.castAt`,
      `${subject('ballot', 'ballots', i, value)}: cast at ${value.castAt}, outside the voting window (R4.2)`);
  }
}

function isIdList(value: unknown): boolean {
  if (!Array.isArray(value) || value.length > 100) return false;
  for (let k = 0; k < value.length; k++) if (!isId(value[k])) return false;
  return true;
}

/**
 * Validates a parsed JSON value as a tally record: its shape, the
 * overrides against the statute, each ballot's instant against the voting
 * window, and that ballot ids are distinct. What needs the electorate
 * (unknown units, scope, same-instant conflicts) is checked by tallyRecord().
 */
export function parseTallyRecord(input: unknown): TallyRecord {
  const issues = new Issues();
  const record = parseEnvelope(input, issues);

  const units = record.units;
  for (let i = 0; i < units.length; i++) checkUnit(units[i], i, issues);
  const ballots = record.ballots;
  const window = votingWindow(record.meeting);
  for (let i = 0; i < ballots.length; i++) checkBallot(ballots[i], i, issues, window);

  if (!issues.any) duplicateBallots(ballots as Ballot[], issues);
  issues.throwIfAny();
  return { ...record, units: units as Unit[], ballots: ballots as Ballot[] };
}

/** A record whose units and ballots are still unchecked (`unknown[]`). */
export type Envelope = Omit<TallyRecord, 'units' | 'ballots'> & { units: unknown[]; ballots: unknown[] };

/**
 * The first step of parseTallyRecord: the record's shape but its units' and ballots' (zod), then the
 * overrides and the motion, whose issues are added to `issues`. Throws TallyInputError when the shape
 * itself is wrong: nothing else is then checked.
 */
export function parseEnvelope(input: unknown, issues: Issues): Envelope {
  const envelope = EnvelopeSchema.safeParse(input);
  if (!envelope.success) {
    const raw = isRecordObject(input) ? input : {};
    const refused = new Issues();
    for (const issue of zodIssues(envelope.error, '', undefined, raw)) refused.add(issue.code, issue.path, issue.message);
    refused.throwIfAny();
    throw new TallyInputError([{ code: 'malformed', path: '', message: 'not a tally record' }]);
  }
  const record = envelope.data;
  for (const issue of overrideIssues(record.settings)) issues.add(issue.code, issue.path, issue.message);
  for (const issue of motionIssues(record.motion)) issues.add(issue.code, issue.path, issue.message);
  return record;
}

/** The last step of parseTallyRecord, once every unit and ballot passed its own checks: ballot ids are distinct. */
export function duplicateBallots(ballots: readonly Ballot[], issues: Issues): void {
  duplicateIds(ballots.length, (i) => ballots[i]!.id, issues);
}

/** duplicateBallots over the ids alone (the staged recount keeps no ballot object): `idAt(i)` is ballot i's. */
export function duplicateIds(count: number, idAt: (position: number) => string, issues: Issues): void {
  // A ballot is evidence in its own right; two ballots sharing an id make the record ambiguous.
  const ids = new StringIndex(count);
  for (let i = 0; i < count; i++) {
    const id = idAt(i);
    const before = ids.size;
    ids.intern(id);
    if (ids.size === before) duplicateBallot(issues, i, id);
  }
}

/** The issue of ballot `position`, whose id an earlier ballot has. */
export function duplicateBallot(issues: Issues, position: number, id: string): void {
  issues.add('duplicate_ballot', `ballots[${position}].id`, `ballot ${quote(id)}: duplicate ballot id`);
}
