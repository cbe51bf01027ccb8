import type { Kysely } from 'kysely';
import { type CopyOut, copyOutOf } from '../db/database.ts';
import type { DB, Meeting, MotionRow } from '../db/schema.ts';
import { RECORD_FORMAT, RECORD_VERSION, type Settings } from '../tally/index.ts';
import { motionOf } from '../voting/motion-terms.ts';
import { sortedById } from './evidence.ts';
import { motionsOfRecords, recordBallotRows, recordBallotsStatement, recordUnitRows, recordUnitsStatement } from './records-repository.ts';

/**
 * A closed meeting's tally records (docs/tally-record.md), rebuilt from what
 * the database keeps for good: the units as they stood when voting opened
 * (electorate_units), every ballot version (ballots, append-only), the
 * motion's frozen terms and the settings the close counted under. Built
 * the same way at close, when they are sealed, and at every export, so the
 * seal can be checked against them. The statements that read them are in
 * records-repository.ts.
 */

export interface RecordUnit {
  id: string;
  registryNo?: string;
  building: string;
  stair?: string;
  room?: string;
  area: string;
  areaSource: string;
  kind: string;
  developerHeld: boolean;
  owners: string[];
  representative?: string;
}

export interface RecordBallot {
  id: string;
  unit: string;
  choice?: unknown;
  castAt: string;
  channel: string;
  spoiled?: true;
  castBy?: string;
}

/** A tally record without its units and ballots. */
export interface RecordEnvelope {
  format: typeof RECORD_FORMAT;
  version: typeof RECORD_VERSION;
  estate: { id: string };
  meeting: { id: string; opensAt: string; closesAt: string };
  settings: Settings;
  motion: ReturnType<typeof motionOf>;
}

export interface TallyRecordJson extends RecordEnvelope {
  units: RecordUnit[];
  ballots: RecordBallot[];
  [key: string]: unknown;
}

export interface MotionRecord {
  motionId: string;
  position: number;
  title: string;
  record: TallyRecordJson;
}

/** The units of the meeting's electorate snapshot in the record's form, sorted by id. */
export async function recordUnitsOf(db: Kysely<DB>, meetingId: string, copy?: CopyOut | null): Promise<RecordUnit[]> {
  const units: RecordUnit[] = [];
  if (copy) {
    await copyRows(copy, recordUnitsStatement(db, meetingId), 11, (f) => {
      units.push(recordUnit(f[0]!, f[1]!, f[2]!, f[3]!, f[4]!, f[5]!, f[6]!, f[7]!, f[8] === 't', f[9]!, f[10]!));
    });
  } else {
    for (const u of await recordUnitRows(db, meetingId)) {
      units.push(recordUnit(u.id, u.registry_no, u.building, u.stair, u.room, u.area, u.area_source, u.kind, u.developer_held, u.owners, u.representative));
    }
  }
  return sortedById(units);
}

function recordUnit(
  id: string,
  registryNo: string,
  building: string,
  stair: string | null,
  room: string,
  area: string,
  areaSource: string,
  kind: string,
  developerHeld: boolean,
  owners: string,
  representative: string | null,
): RecordUnit {
  // Keys in alphabetical order (the optional ones all sort after owners): the canonical form is then plain JSON.stringify (evidence.ts).
  const unit: RecordUnit = {
    area,
    areaSource,
    building,
    developerHeld,
    id,
    kind,
    owners: owners === '' ? [] : owners.split(',').sort(),
  };
  if (registryNo !== '') unit.registryNo = registryNo;
  if (representative !== null) unit.representative = representative;
  if (room !== '') unit.room = room;
  if (stair !== null) unit.stair = stair;
  return unit;
}

/** Every ballot version of each of the motions, each through one unit of its voter, sorted by id: one query for all. */
async function recordBallotsOf(
  db: Kysely<DB>,
  motionIds: string[],
  settingsOf: (motionId: string) => Settings,
  copy: CopyOut | null,
): Promise<Map<string, RecordBallot[]>> {
  const byMotion = new Map<string, RecordBallot[]>(motionIds.map((id) => [id, []]));
  if (motionIds.length === 0) return byMotion;
  const choices = new Map<string, unknown>();
  const add = (motionId: string, id: string, choice: string | null, spoiled: boolean, channel: string, ownerId: string | null, castAt: string, unit: string, representative: string | null) => {
    const settings = settingsOf(motionId);
    // A paper ballot is the owner's signed form entered by organisers: under
    // coOwnerVoting "representative" it is the representative's.
    const castBy = ownerId ?? (channel === 'paper' && settings.coOwnerVoting === 'representative' ? representative : null);
    // Keys in alphabetical order, set one by one (no spreads: 800,000 ballots).
    const ballot = { castAt } as RecordBallot;
    if (castBy !== null) ballot.castBy = castBy;
    ballot.channel = channel;
    if (!spoiled) ballot.choice = choiceOf(choice, choices);
    ballot.id = id;
    if (spoiled) ballot.spoiled = true;
    ballot.unit = unit;
    byMotion.get(motionId)!.push(ballot);
  };
  if (copy) {
    await copyRows(copy, recordBallotsStatement(db, motionIds), 9, (f) => add(f[0]!, f[1]!, f[2]!, f[3] === 't', f[4]!, f[5]!, f[6]!, f[7]!, f[8]!));
  } else {
    for (const b of await recordBallotRows(db, motionIds)) add(b.motion_id, b.id, b.choice, b.spoiled, b.channel, b.owner_id, b.cast_at, b.unit, b.representative);
  }
  for (const [id, list] of byMotion) byMotion.set(id, sortedById(list));
  return byMotion;
}

/**
 * A ballot's choice from its JSON text (null: a ballot without one, as pg gives SQL null). The texts
 * of a motion's choices repeat (800,000 ballots, a handful of answers): a string or other scalar is
 * parsed once; arrays and objects are parsed for each ballot, so that no two ballots share one.
 */
function choiceOf(text: string | null, parsed: Map<string, unknown>): unknown {
  if (text === null) return null;
  if (parsed.has(text)) return parsed.get(text);
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object') parsed.set(text, value);
  return value;
}

/**
 * The rows of `COPY (statement) TO STDOUT` in PostgreSQL's text format, each
 * as its `columns` fields (null for \N, escapes undone), visited in order in
 * one array reused from row to row (a million rows: no array and no line
 * string each). The data arrives in chunks that may split a row, even a
 * character: each chunk is decoded up to its last line break, the rest kept
 * for the next.
 */
async function copyRows(copy: CopyOut, statement: string, columns: number, visit: (fields: readonly (string | null)[]) => void): Promise<void> {
  const fields = new Array<string | null>(columns).fill(null);
  let rest: Buffer | undefined;
  for await (const chunk of copy(`copy (${statement}) to stdout`)) {
    const data = rest === undefined ? chunk : Buffer.concat([rest, chunk]);
    const end = data.lastIndexOf(0x0a);
    if (end < 0) {
      rest = data;
      continue;
    }
    rest = end + 1 < data.length ? data.subarray(end + 1) : undefined;
    const text = data.toString('utf8', 0, end + 1);
    let at = 0;
    while (at < text.length) {
      const lineEnd = text.indexOf('\n', at);
      for (let c = 0; c < columns; c++) {
        const last = c === columns - 1;
        const stop = last ? lineEnd : text.indexOf('\t', at);
        if (stop < 0 || stop > lineEnd) throw new Error(`COPY row with fewer than ${columns} fields`);
        const field = text.slice(at, stop);
        if (last && field.indexOf('\t') >= 0) throw new Error(`COPY row with more than ${columns} fields`);
        fields[c] = field.indexOf('\\') < 0 ? field : field === '\\N' ? null : field.replace(COPY_ESCAPE, unescapeCopy);
        at = stop + 1;
      }
      visit(fields);
    }
  }
  if (rest !== undefined) throw new Error('COPY data ended inside a row');
}

// What COPY TO writes: \\, \b \f \n \r \t \v for those control characters; any other escaped character stands for itself.
const COPY_ESCAPE = /\\(.)/gs;
const COPY_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
const unescapeCopy = (_: string, c: string) => COPY_ESCAPES[c] ?? c;

/**
 * A tally record without its units and ballots: what `tallyRecordsOf` builds around them, and what the
 * streamed close (`copyRecordLines`) seals and recounts them with.
 */
export function recordEnvelope(meeting: Meeting, motion: Pick<MotionRow, 'id' | 'terms'>, settings: Settings): RecordEnvelope {
  return {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    estate: { id: meeting.estate_id },
    meeting: { id: meeting.id, opensAt: meeting.voting_opens_at.toISOString(), closesAt: meeting.voting_closes_at.toISOString() },
    settings,
    motion: motionOf(motion),
  };
}

/**
 * The rows of a one-column `COPY (statement) TO STDOUT` whose texts hold no line break of their own (canonical
 * JSON), handed on as UTF-8 lines each ending in a line break, many rows at a time, COPY's escapes undone:
 * in such a text the only one is a doubled backslash. A row that came out null (\N) is an error.
 */
export async function copyLines(copy: CopyOut, statement: string, visit: (lines: Buffer) => void): Promise<void> {
  // The part of a row a chunk ended inside: joined to the start of the next chunk alone, so that the rest of
  // that chunk is handed on as it is, not copied (a copy of every chunk was 170 MB for 800,000 ballots).
  let rest: Buffer | undefined;
  for await (const chunk of copy(`copy (${statement}) to stdout`)) {
    let from = 0;
    if (rest !== undefined) {
      const first = chunk.indexOf(0x0a);
      if (first < 0) {
        rest = Buffer.concat([rest, chunk]);
        continue;
      }
      emit(Buffer.concat([rest, chunk.subarray(0, first + 1)]), visit);
      rest = undefined;
      from = first + 1;
    }
    const end = chunk.lastIndexOf(0x0a);
    if (end >= from) emit(chunk.subarray(from, end + 1), visit);
    const tail = Math.max(end + 1, from);
    if (tail < chunk.length) rest = chunk.subarray(tail);
  }
  if (rest !== undefined) throw new Error('COPY data ended inside a row');
}

function emit(lines: Buffer, visit: (lines: Buffer) => void): void {
  visit(lines.indexOf(0x5c) < 0 ? lines : unescapeLines(lines));
}

function unescapeLines(lines: Buffer): Buffer {
  const out = Buffer.allocUnsafe(lines.length);
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i]!;
    if (c === 0x5c) {
      if (lines[i + 1] !== 0x5c) throw new Error('COPY wrote a null or an escape canonical JSON cannot hold');
      i++;
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}

const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * The values of a one-column `COPY … TO STDOUT (format binary)` (a bytea column: its bytes as they are, no
 * escapes), each copied into a SharedArrayBuffer of its own as it arrives — so that the caller can hand it
 * to a worker thread and keep it too — and visited in order. Nulls are refused. The format: an 11-byte
 * signature, 32-bit flags, a 32-bit length and that many bytes of header extension; then per row a 16-bit
 * field count (-1 ends the data), per field a 32-bit length (-1: null) and its bytes; all big-endian.
 */
export async function copyBinaryColumn(copy: CopyOut, statement: string, visit: (value: Uint8Array<SharedArrayBuffer>) => void): Promise<void> {
  const reader = new BinaryColumnReader(visit);
  for await (const chunk of copy(statement)) reader.push(chunk);
  reader.end();
}

type BinaryPart = 'header' | 'extension' | 'count' | 'length' | 'value' | 'end';

/** copyBinaryColumn's reader: chunks in (split anywhere), values out. Exported for its unit test. */
export class BinaryColumnReader {
  private part: BinaryPart = 'header';
  /** Bytes the part needs: a fixed-size part is gathered in `head`, a value in `value`. */
  private want = 19; // signature, flags, extension length
  private head = Buffer.alloc(0);
  private value: Uint8Array<SharedArrayBuffer> = new Uint8Array(new SharedArrayBuffer(0));
  private filled = 0;

  constructor(private readonly visit: (value: Uint8Array<SharedArrayBuffer>) => void) {}

  push(chunk: Uint8Array): void {
    let at = 0;
    for (;;) {
      // A part of zero bytes (an empty header extension, an empty value) is complete without one.
      if (this.part === 'value') {
        const n = Math.min(this.want - this.filled, chunk.length - at);
        this.value.set(chunk.subarray(at, at + n), this.filled);
        this.filled += n;
        at += n;
        if (this.filled < this.want) return;
        this.visit(this.value);
        this.next('count', 2);
      } else if (this.part === 'end') {
        if (at < chunk.length) throw new Error('binary COPY data after its end');
        return;
      } else {
        const n = Math.min(this.want - this.head.length, chunk.length - at);
        if (n > 0) this.head = Buffer.concat([this.head, chunk.subarray(at, at + n)]);
        at += n;
        if (this.head.length < this.want) return;
        this.complete();
      }
    }
  }

  end(): void {
    if (this.part !== 'end') throw new Error('binary COPY data ended early');
  }

  private next(part: BinaryPart, want: number): void {
    this.part = part;
    this.want = want;
    this.head = Buffer.alloc(0);
  }

  /** A fixed-size part is in `head`. */
  private complete(): void {
    const head = this.head;
    switch (this.part) {
      case 'header':
        if (!head.subarray(0, 11).equals(COPY_SIGNATURE)) throw new Error('not the binary COPY format');
        return this.next('extension', head.readUInt32BE(15));
      case 'extension':
        return this.next('count', 2);
      case 'count': {
        const fields = head.readInt16BE(0);
        if (fields === -1) return this.next('end', 0);
        if (fields !== 1) throw new Error(`binary COPY row of ${fields} fields, not one`);
        return this.next('length', 4);
      }
      default: {
        const length = head.readInt32BE(0);
        if (length < 0) throw new Error('binary COPY value is null');
        this.value = new Uint8Array(new SharedArrayBuffer(length));
        this.filled = 0;
        return this.next('value', length);
      }
    }
  }
}

/** One tally record per motion of a meeting that has closed; `settingsOf` gives each motion's counting settings. */
export async function tallyRecordsOf(db: Kysely<DB>, meeting: Meeting, settingsOf: (motionId: string) => Settings): Promise<MotionRecord[]> {
  // Inside a transaction on PostgreSQL the units and ballots are read with COPY (a million rows); elsewhere row by row.
  const copy = await copyOutOf(db);
  const motions = await motionsOfRecords(db, meeting.id);
  const units = await recordUnitsOf(db, meeting.id, copy);
  const ballots = await recordBallotsOf(db, motions.map((m) => m.id), settingsOf, copy);
  const records: MotionRecord[] = [];
  for (const row of motions) {
    const settings = settingsOf(row.id);
    records.push({
      motionId: row.id,
      position: row.position,
      title: row.title,
      record: { ...recordEnvelope(meeting, row, settings), units, ballots: ballots.get(row.id)! },
    });
  }
  return records;
}
