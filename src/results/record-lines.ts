import { areaHundredths } from '../tally/area.ts';
import { type Instant, readInstant } from '../tally/instant.ts';

/**
 * The values of canonical JSON lines (each ending in a line break), as JSON.parse gives them — what the
 * recount thread builds its units and ballots from (recount-worker.ts). Units and ballots are flat: strings,
 * booleans, null and lists of strings. Such a line in a text without a backslash (no escapes anywhere: the
 * usual case) is read by slicing, without JSON.parse's copy of each string; a million units parsed that way
 * cost a fraction of the time and of the garbage collection. Any other line — a number, a nested object, a
 * key `__proto__` — and every line of a text with an escape go through JSON.parse.
 * test/unit/results/record-lines.test.ts holds the two to the same values.
 *
 * The bytes are read as they are, never decoded as a whole (decoding UTF-8 costs ≈ 7 ms a megabyte, and
 * even a Latin-1 copy of each megabyte cost the recount thread 1.9 s of the large close): JSON's quotes,
 * brackets and commas are ASCII and no byte of a multi-byte UTF-8 character is below 0x80, so the structure
 * is found in the bytes. A string with no byte above 0x7f (ids, instants, areas: nearly all) is made from
 * its bytes one character a byte; any other (a building's Chinese name) is decoded as UTF-8 from its own
 * bytes. Each string is a copy of its own, not a view that would keep its megabyte alive.
 *
 * Values that repeat from unit to unit — an area, its source, a building, stair or room, a kind, a channel,
 * a choice — and every key are taken from `texts` when seen before: the same string, not one more for the
 * garbage collector to carry (a million units hold a few thousand distinct buildings).
 */
export function parseRecordLines(lines: Uint8Array, texts: RepeatedTexts = new RepeatedTexts(), starts?: number[]): unknown[] {
  return parseUsual(lines, texts, starts, null).values;
}

/**
 * A unit's line in the shape the close writes it (electorate-lines-repository.ts: canonical keys, strings
 * without escapes), each of whose values checkUnit accepts — printable ids of 1–128 characters, an area of
 * at most two decimals above zero, a known area source and kind, one or two distinct owners, a representative
 * among them —, read straight into the few fields the electorate's index reads (UnitReader.add). Anything
 * else is undefined, and is read and checked as any line is. A million units are read this way in a fraction
 * of what parsing every field and checking it costs. test/unit/results/usual-units.test.ts holds it to
 * JSON.parse + checkUnit.
 */
export interface UsualUnit {
  id: string;
  owners: string[];
  area: string;
  developerHeld: boolean;
  kind: string;
  building: string;
  stair?: string;
  representative?: string;
}

const key = (text: string) => Buffer.from(text, 'latin1');
const AREA = key('{"area":');
const AREA_SOURCE = key(',"areaSource":');
const BUILDING = key(',"building":');
const DEVELOPER_HELD = key(',"developerHeld":');
const ID = key(',"id":');
const KIND = key(',"kind":');
const OWNERS = key(',"owners":[');
const REGISTRY_NO = key(',"registryNo":');
const REPRESENTATIVE = key(',"representative":');
const ROOM = key(',"room":');
const STAIR = key(',"stair":');
const AREA_SOURCES = ['registry', 'surveyed', 'contract'].map(key);
const CAST_AT = key('{"castAt":');
const CAST_BY = key(',"castBy":');
const CHANNEL = key(',"channel":');
const CHOICE = key(',"choice":');
const SPOILED = key(',"spoiled":');
const UNIT = key(',"unit":');
const CHANNELS = ['online', 'paper', 'proxy'];
const CHANNEL_BYTES = CHANNELS.map(key);
const KINDS = ['residential', 'commercial', 'parking'];
const KIND_BYTES = KINDS.map(key);

class UsualReader {
  /** A ballot's instant, read to be checked. */
  private readonly instant: Instant = { day: 0, second: 0, nano: 0 };
  /** The last string read: where its text starts and ends (its closing quote), whether it is all ASCII. */
  private start = 0;
  private end = 0;
  private ascii = true;

  constructor(
    private readonly bytes: Buffer,
    private readonly texts: RepeatedTexts,
  ) {}

  /** `literal` at `at`: the place after it, or -1. */
  private literal(at: number, literal: Buffer): number {
    return at >= 0 && word(this.bytes, at, literal) ? at + literal.length : -1;
  }

  /** An id's text at `at` (its opening quote), before `to`: 1–128 bytes, none a control character, quote or backslash. */
  private id(at: number, to: number): number {
    const bytes = this.bytes;
    if (at < 0 || bytes[at] !== QUOTE) return -1;
    let wide = 0;
    const last = Math.min(to, at + 130);
    for (let k = at + 1; k < last; k++) {
      const c = bytes[k]!;
      if (c === QUOTE) {
        if (k === at + 1) return -1;
        this.start = at + 1;
        this.end = k;
        this.ascii = wide < 0x80;
        return k + 1;
      }
      if (c < 0x20 || c === 0x7f || c === BACKSLASH) return -1;
      wide |= c;
    }
    return -1;
  }

  private text(repeating: boolean): string {
    return repeating ? this.texts.take(this.bytes, this.start, this.end, this.ascii) : textOf(this.bytes, this.start, this.end, this.ascii);
  }

  /** Which of `words` the last string is, or -1. */
  private which(words: readonly Buffer[]): number {
    const length = this.end - this.start;
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      if (word.length === length && this.literal(this.start, word) === this.end) return w;
    }
    return -1;
  }

  unit(from: number, to: number): UsualUnit | undefined {
    const bytes = this.bytes;
    if (bytes[to - 1] !== CLOSE) return undefined;
    let at = this.id(this.literal(from, AREA), to);
    if (at < 0 || !this.ascii) return undefined;
    const area = this.text(true);
    if (areaHundredths(area) < 0) return undefined;
    at = this.id(this.literal(at, AREA_SOURCE), to);
    if (at < 0 || this.which(AREA_SOURCES) < 0) return undefined;
    at = this.id(this.literal(at, BUILDING), to);
    if (at < 0) return undefined;
    const building = this.text(true);
    at = this.literal(at, DEVELOPER_HELD);
    let developerHeld: boolean;
    if (this.literal(at, TRUE) > 0) {
      developerHeld = true;
      at += 4;
    } else if (this.literal(at, FALSE) > 0) {
      developerHeld = false;
      at += 5;
    } else return undefined;
    at = this.id(this.literal(at, ID), to);
    if (at < 0) return undefined;
    const id = this.text(false);
    at = this.id(this.literal(at, KIND), to);
    const kind = at < 0 ? -1 : this.which(KIND_BYTES);
    if (kind < 0) return undefined;
    at = this.id(this.literal(at, OWNERS), to);
    if (at < 0) return undefined;
    const owners = [this.text(false)];
    if (bytes[at] === COMMA) {
      at = this.id(at + 1, to);
      if (at < 0) return undefined;
      const second = this.text(false);
      if (second === owners[0]) return undefined;
      owners.push(second);
    }
    if (bytes[at] !== CLOSE_LIST) return undefined;
    at++;
    const unit: UsualUnit = { id, owners, area, developerHeld, kind: KINDS[kind]!, building };
    let next = this.id(this.literal(at, REGISTRY_NO), to);
    if (next > 0) at = next;
    next = this.id(this.literal(at, REPRESENTATIVE), to);
    if (next > 0) {
      const representative = this.text(false);
      if (!owners.includes(representative)) return undefined;
      unit.representative = representative;
      at = next;
    }
    next = this.id(this.literal(at, ROOM), to);
    if (next > 0) at = next;
    next = this.id(this.literal(at, STAIR), to);
    if (next > 0) {
      unit.stair = this.text(true);
      at = next;
    }
    return at + 1 === to ? unit : undefined;
  }

  /** A ballot's line whose own fields checkBallot accepts (all but the window, which needs the motion's meeting). */
  ballot(from: number, to: number): Record<string, unknown> | undefined {
    const bytes = this.bytes;
    if (bytes[to - 1] !== CLOSE) return undefined;
    let at = this.id(this.literal(from, CAST_AT), to);
    if (at < 0 || !this.ascii) return undefined;
    const castAt = this.text(false);
    if (!readInstant(castAt, this.instant)) return undefined;
    const ballot = new (PlainObject as unknown as new () => Record<string, unknown>)();
    ballot.castAt = castAt;
    let next = this.id(this.literal(at, CAST_BY), to);
    if (next > 0) {
      ballot.castBy = this.text(false);
      at = next;
    }
    at = this.id(this.literal(at, CHANNEL), to);
    const channel = at < 0 ? -1 : this.which(CHANNEL_BYTES);
    if (channel < 0) return undefined;
    ballot.channel = CHANNELS[channel];
    next = this.literal(at, CHOICE);
    if (next > 0) {
      if (bytes[next] === QUOTE) {
        at = this.id(next, to);
        if (at < 0) return undefined;
        ballot.choice = this.text(true);
      } else if (bytes[next] === OPEN_LIST) {
        const list: string[] = [];
        at = next + 1;
        if (bytes[at] === CLOSE_LIST) at++;
        else {
          for (;;) {
            at = this.id(at, to);
            if (at < 0 || list.length === 100) return undefined;
            list.push(this.text(true));
            const c = bytes[at++];
            if (c === CLOSE_LIST) break;
            if (c !== COMMA) return undefined;
          }
        }
        ballot.choice = list;
      } else return undefined;
    }
    at = this.id(this.literal(at, ID), to);
    if (at < 0) return undefined;
    ballot.id = this.text(false);
    next = this.literal(at, SPOILED);
    if (next > 0) {
      if (this.literal(next, TRUE) > 0) ballot.spoiled = true;
      else if (this.literal(next, FALSE) > 0) ballot.spoiled = false;
      else return undefined;
      at = next + (ballot.spoiled ? 4 : 5);
    }
    at = this.id(this.literal(at, UNIT), to);
    if (at < 0) return undefined;
    ballot.unit = this.text(false);
    return at + 1 === to ? ballot : undefined;
  }
}

/** Unit lines as parseRecordLines reads them, but each of the usual shape read as a UsualUnit (`usual[k]`: values[k] is one). */
export function parseUnitLines(lines: Uint8Array, texts: RepeatedTexts = new RepeatedTexts(), starts?: number[]): { values: unknown[]; usual: Uint8Array } {
  return parseUsual(lines, texts, starts, (reader, from, to) => reader.unit(from, to));
}

/** Ballot lines as parseRecordLines reads them, each whose own fields checkBallot accepts marked (`usual[k]`). */
export function parseBallotLines(lines: Uint8Array, texts: RepeatedTexts = new RepeatedTexts(), starts?: number[]): { values: unknown[]; usual: Uint8Array } {
  return parseUsual(lines, texts, starts, (reader, from, to) => reader.ballot(from, to));
}

/** The lines' values, each read by `read` when it takes it (`usual[k]`), else as parseRecordLines reads any line. */
function parseUsual(
  lines: Uint8Array,
  texts: RepeatedTexts,
  starts: number[] | undefined,
  read: ((reader: UsualReader, from: number, to: number) => object | undefined) | null,
): { values: unknown[]; usual: Uint8Array } {
  const bytes = Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength);
  if (bytes.indexOf(BACKSLASH) >= 0) {
    for (let at = 0; starts && at < bytes.length; at = bytes.indexOf(NEWLINE, at) + 1 || bytes.length) starts.push(at);
    const values = JSON.parse(`[${bytes.toString('utf8').slice(0, -1).replaceAll('\n', ',')}]`) as unknown[];
    return { values, usual: new Uint8Array(values.length) };
  }
  const usualReader = new UsualReader(bytes, texts);
  const reader = new LineReader(bytes, texts);
  const values: unknown[] = [];
  const flags: number[] = [];
  for (let at = 0; at < bytes.length; ) {
    const end = bytes.indexOf(NEWLINE, at);
    if (end < 0) throw new Error('a record line without its line break');
    starts?.push(at);
    const usual = read?.(usualReader, at, end);
    values.push(usual ?? reader.flatObject(at, end) ?? JSON.parse(bytes.toString('utf8', at, end)));
    flags.push(usual ? 1 : 0);
    at = end + 1;
  }
  return { values, usual: Uint8Array.from(flags) };
}

/**
 * Lines parsed once (parseRecordLines), kept as bytes with where each line starts, to be parsed again one
 * at a time: the value of line `position` of all the lines added, in order — JSON.parse of its text, the
 * value parseRecordLines gave for it.
 */
export class KeptLines {
  private readonly chunks: { bytes: Buffer; starts: Int32Array; first: number }[] = [];
  private count = 0;

  /** Parses `lines` as parseRecordLines does, and keeps them. */
  parse(lines: Uint8Array, texts: RepeatedTexts): unknown[] {
    const starts: number[] = [];
    const values = parseRecordLines(lines, texts, starts);
    this.keep(lines, starts);
    return values;
  }

  /** Parses unit lines as parseUnitLines does, and keeps them. */
  parseUnits(lines: Uint8Array, texts: RepeatedTexts): { values: unknown[]; usual: Uint8Array } {
    const starts: number[] = [];
    const parsed = parseUnitLines(lines, texts, starts);
    this.keep(lines, starts);
    return parsed;
  }

  /** Parses ballot lines as parseBallotLines does, and keeps them. */
  parseBallots(lines: Uint8Array, texts: RepeatedTexts): { values: unknown[]; usual: Uint8Array } {
    const starts: number[] = [];
    const parsed = parseBallotLines(lines, texts, starts);
    this.keep(lines, starts);
    return parsed;
  }

  private keep(lines: Uint8Array, starts: number[]): void {
    this.chunks.push({ bytes: Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength), starts: Int32Array.from(starts), first: this.count });
    this.count += starts.length;
  }

  at(position: number): unknown {
    const chunks = this.chunks;
    let low = 0;
    let high = chunks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (chunks[middle]!.first <= position) low = middle;
      else high = middle - 1;
    }
    const chunk = chunks[low];
    const k = chunk === undefined ? -1 : position - chunk.first;
    if (chunk === undefined || k < 0 || k >= chunk.starts.length) throw new RangeError(`no line ${position}`);
    const start = chunk.starts[k]!;
    const end = k + 1 < chunk.starts.length ? chunk.starts[k + 1]! - 1 : chunk.bytes.length - 1;
    return JSON.parse(chunk.bytes.toString('utf8', start, end));
  }
}

/** Keys whose values repeat across units and ballots (see above); any other value is sliced each time. */
const REPEATING: ReadonlySet<string> = new Set(['area', 'areaSource', 'building', 'stair', 'room', 'kind', 'channel', 'choice']);
/** Longer texts (ids, instants) are nearly all distinct: never looked up. */
const SHORT = 24;

/**
 * Texts seen before, found by their bytes without making a string: an open-addressing table that stops
 * taking new texts once `limit` are in (the first thousands of a record are the ones that repeat).
 */
export class RepeatedTexts {
  /** Each text's bytes read as Latin-1, one character a byte: what a lookup compares with. */
  private readonly raw: (string | undefined)[];
  private readonly value: string[];
  private readonly mask: number;
  private size = 0;

  constructor(
    private readonly limit = 1 << 14,
    bits = 15,
  ) {
    this.raw = new Array<string | undefined>(1 << bits).fill(undefined);
    this.value = new Array<string>(1 << bits).fill('');
    this.mask = (1 << bits) - 1;
  }

  /** The string of bytes[from, to) (`ascii`: no byte above 0x7f), the same one as before when seen before. */
  take(bytes: Buffer, from: number, to: number, ascii: boolean): string {
    const length = to - from;
    if (length > SHORT) return textOf(bytes, from, to, ascii);
    let h = length;
    for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 0x9e3779b1);
    h = (h ^ (h >>> 15)) & this.mask;
    for (let s = this.raw[h]; s !== undefined; s = this.raw[h]) {
      if (s.length === length && sameBytes(s, bytes, from)) return this.value[h]!;
      h = (h + 1) & this.mask;
    }
    const value = textOf(bytes, from, to, ascii);
    if (this.size < this.limit) {
      this.raw[h] = ascii ? value : bytes.toString('latin1', from, to);
      this.value[h] = value;
      this.size++;
    }
    return value;
  }
}

/** Whether `raw`'s characters are the bytes at `from` (the caller compared the lengths). */
function sameBytes(raw: string, bytes: Buffer, from: number): boolean {
  for (let k = 0; k < raw.length; k++) if (raw.charCodeAt(k) !== bytes[from + k]) return false;
  return true;
}

/** The string of bytes[from, to): each byte a character when all are ASCII, else the bytes decoded as UTF-8. */
function textOf(bytes: Buffer, from: number, to: number, ascii: boolean): string {
  return bytes.toString(ascii ? 'latin1' : 'utf8', from, to);
}

const BACKSLASH = 92;
const NEWLINE = 10;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_LIST = 91;
const CLOSE_LIST = 93;
const OPEN = 123;
const CLOSE = 125;

/** Reads flat objects from UTF-8 lines without escapes, byte by byte. */
class LineReader {
  /** Where the last string found (quoted()) ends — its closing quote —, and whether it is all ASCII. */
  private end = 0;
  private ascii = true;

  constructor(
    private readonly bytes: Buffer,
    private readonly texts: RepeatedTexts,
  ) {}

  /** Finds the string whose opening quote is at `at`, before `to`: false when it does not close there. */
  private quoted(at: number, to: number): boolean {
    const bytes = this.bytes;
    let wide = 0;
    for (let k = at + 1; k < to; k++) {
      const c = bytes[k]!;
      if (c === QUOTE) {
        this.end = k;
        this.ascii = wide < 0x80;
        return true;
      }
      wide |= c;
    }
    return false;
  }

  /** The string quoted() found, which opened at `at`. */
  private string(at: number, repeating: boolean): string {
    return repeating ? this.texts.take(this.bytes, at + 1, this.end, this.ascii) : textOf(this.bytes, at + 1, this.end, this.ascii);
  }

  /** The object of bytes[from, to) when it is a flat object; undefined for anything else. */
  flatObject(from: number, to: number): Record<string, unknown> | undefined {
    const bytes = this.bytes;
    if (bytes[from] !== OPEN) return undefined;
    const object = new (PlainObject as unknown as new () => Record<string, unknown>)();
    let at = from + 1;
    if (bytes[at] === CLOSE) return at + 1 === to ? object : undefined;
    for (;;) {
      if (bytes[at] !== QUOTE || !this.quoted(at, to) || bytes[this.end + 1] !== COLON) return undefined;
      const key = this.string(at, true);
      if (key === '__proto__') return undefined;
      const repeating = REPEATING.has(key);
      at = this.end + 2;
      const c = bytes[at];
      if (c === QUOTE) {
        if (!this.quoted(at, to)) return undefined;
        object[key] = this.string(at, repeating);
        at = this.end + 1;
      } else if (c === OPEN_LIST) {
        const list: string[] = [];
        at++;
        if (bytes[at] === CLOSE_LIST) at++;
        else {
          for (;;) {
            if (bytes[at] !== QUOTE || !this.quoted(at, to)) return undefined;
            list.push(this.string(at, repeating));
            at = this.end + 1;
            const next = bytes[at];
            at++;
            if (next === CLOSE_LIST) break;
            if (next !== COMMA) return undefined;
          }
        }
        object[key] = list;
      } else if (word(bytes, at, TRUE)) {
        object[key] = true;
        at += 4;
      } else if (word(bytes, at, FALSE)) {
        object[key] = false;
        at += 5;
      } else if (word(bytes, at, NULL)) {
        object[key] = null;
        at += 4;
      } else {
        return undefined;
      }
      const next = bytes[at];
      if (next === COMMA) at++;
      else return next === CLOSE && at + 1 === to ? object : undefined;
    }
  }
}

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

function word(bytes: Buffer, at: number, literal: Buffer): boolean {
  for (let k = 0; k < literal.length; k++) if (bytes[at + k] !== literal[k]) return false;
  return true;
}

/**
 * What a line becomes: a plain object — its prototype Object.prototype, no key of its own but the line's, as
 * JSON.parse makes it — built by a constructor so that V8 sizes it for the keys it will get. An object literal
 * `{}` holds four keys in itself and puts the rest in an array of its own, grown as keys are added: one more
 * object per unit (ten or eleven keys) for the garbage collector to carry. V8 sizes the objects a constructor
 * makes by the assignments it counts in its body; these never run, and the size shrinks to the most keys used.
 */
function PlainObject(this: Record<string, unknown>, sized?: true): void {
  if (sized) {
    this.k0 = this.k1 = this.k2 = this.k3 = this.k4 = this.k5 = this.k6 = this.k7 = this.k8 = this.k9 = this.k10 = this.k11 = null;
  }
}
PlainObject.prototype = Object.prototype;
