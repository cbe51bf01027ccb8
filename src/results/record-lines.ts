/**
 * The values of canonical JSON lines (each ending in a line break), as JSON.parse gives them — what the
 * recount thread builds its units and ballots from (recount-worker.ts). Units and ballots are flat: strings,
 * booleans, null and lists of strings. Such a line in a text without a backslash (no escapes anywhere: the
 * usual case) is read by slicing, without JSON.parse's copy of each string; a million units parsed that way
 * cost a fraction of the time and of the garbage collection. Any other line — a number, a nested object, a
 * key `__proto__` — and every line of a text with an escape go through JSON.parse.
 * test/unit/results/record-lines.test.ts holds the two to the same values.
 *
 * The text is read as Latin-1, one character a byte (a copy, where decoding UTF-8 costs ≈ 7 ms a megabyte:
 * 3 s for a million units and 800,000 ballots): JSON's quotes, brackets and commas are ASCII and no byte of
 * a multi-byte UTF-8 character is below 0x80, so the structure is found at the same places. A string with
 * no byte above 0x7f (ids, instants, areas: nearly all) is then that Latin-1 slice; any other (a building's
 * Chinese name) is decoded as UTF-8 from its own bytes. The strings are one byte a character: half the
 * memory of views into a UTF-8-decoded text, which the Chinese names made two bytes a character.
 *
 * Values that repeat from unit to unit — an area, its source, a building, stair or room, a kind, a channel,
 * a choice — and every key are taken from `texts` when seen before: the same string, not one more for the
 * garbage collector to carry (a million units hold a few thousand distinct buildings).
 */
export function parseRecordLines(lines: Uint8Array, texts: RepeatedTexts = new RepeatedTexts()): unknown[] {
  const bytes = Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength);
  const text = bytes.toString('latin1');
  if (text.indexOf('\\') >= 0) return JSON.parse(`[${bytes.toString('utf8').slice(0, -1).replaceAll('\n', ',')}]`) as unknown[];
  const reader = new LineReader(text, bytes, texts);
  const values: unknown[] = [];
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at);
    if (end < 0) throw new Error('a record line without its line break');
    values.push(reader.flatObject(at, end) ?? JSON.parse(bytes.toString('utf8', at, end)));
    at = end + 1;
  }
  return values;
}

/** Keys whose values repeat across units and ballots (see above); any other value is sliced each time. */
const REPEATING: ReadonlySet<string> = new Set(['area', 'areaSource', 'building', 'stair', 'room', 'kind', 'channel', 'choice']);
/** Longer texts (ids, instants) are nearly all distinct: never looked up. */
const SHORT = 24;

/**
 * Texts seen before, found by their bytes (their Latin-1 reading) without making a string: an open-addressing
 * table that stops taking new texts once `limit` are in (the first thousands of a record are the ones that repeat).
 */
export class RepeatedTexts {
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

  /**
   * The string of text[from, to), a Latin-1 reading of `utf8`'s bytes — decoded from `utf8` when given (not ASCII),
   * else the slice itself —, the same one as before when seen before.
   */
  take(text: string, from: number, to: number, utf8: Buffer | null): string {
    const length = to - from;
    if (length > SHORT) return utf8 === null ? text.slice(from, to) : utf8.toString('utf8', from, to);
    let h = length;
    for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x9e3779b1);
    h = (h ^ (h >>> 15)) & this.mask;
    for (let s = this.raw[h]; s !== undefined; s = this.raw[h]) {
      if (s.length === length && text.startsWith(s, from)) return this.value[h]!;
      h = (h + 1) & this.mask;
    }
    const raw = text.slice(from, to);
    const value = utf8 === null ? raw : utf8.toString('utf8', from, to);
    if (this.size < this.limit) {
      this.raw[h] = raw;
      this.value[h] = value;
      this.size++;
    }
    return value;
  }
}

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_LIST = 91;
const CLOSE_LIST = 93;
const OPEN = 123;
const CLOSE = 125;
const NOT_ASCII = /[\u0080-\u00ff]/g;

/** Reads flat objects from a Latin-1 reading of UTF-8 lines without escapes. */
class LineReader {
  /** The first byte above 0x7f at or after the last place asked about (text.length: none). */
  private wide = -1;

  constructor(
    private readonly text: string,
    private readonly bytes: Buffer,
    private readonly texts: RepeatedTexts,
  ) {}

  /** The string of text[from, to): its Latin-1 slice when all ASCII, else its bytes decoded as UTF-8. */
  private string(from: number, to: number, repeating: boolean): string {
    if (this.wide < from) {
      NOT_ASCII.lastIndex = from;
      this.wide = NOT_ASCII.exec(this.text)?.index ?? this.text.length;
    }
    const utf8 = this.wide < to ? this.bytes : null;
    if (repeating) return this.texts.take(this.text, from, to, utf8);
    return utf8 === null ? this.text.slice(from, to) : utf8.toString('utf8', from, to);
  }

  /** The object of text[from, to) when it is a flat object; undefined for anything else. */
  flatObject(from: number, to: number): Record<string, unknown> | undefined {
    const text = this.text;
    if (text.charCodeAt(from) !== OPEN) return undefined;
    const object = new (PlainObject as unknown as new () => Record<string, unknown>)();
    let at = from + 1;
    if (text.charCodeAt(at) === CLOSE) return at + 1 === to ? object : undefined;
    for (;;) {
      if (text.charCodeAt(at) !== QUOTE) return undefined;
      const keyEnd = text.indexOf('"', at + 1);
      if (keyEnd < 0 || keyEnd >= to || text.charCodeAt(keyEnd + 1) !== COLON) return undefined;
      const key = this.string(at + 1, keyEnd, true);
      if (key === '__proto__') return undefined;
      const repeating = REPEATING.has(key);
      at = keyEnd + 2;
      const c = text.charCodeAt(at);
      if (c === QUOTE) {
        const end = text.indexOf('"', at + 1);
        if (end < 0 || end >= to) return undefined;
        object[key] = this.string(at + 1, end, repeating);
        at = end + 1;
      } else if (c === OPEN_LIST) {
        const list: string[] = [];
        at++;
        if (text.charCodeAt(at) === CLOSE_LIST) at++;
        else {
          for (;;) {
            if (text.charCodeAt(at) !== QUOTE) return undefined;
            const end = text.indexOf('"', at + 1);
            if (end < 0 || end >= to) return undefined;
            list.push(this.string(at + 1, end, repeating));
            at = end + 1;
            const next = text.charCodeAt(at);
            at++;
            if (next === CLOSE_LIST) break;
            if (next !== COMMA) return undefined;
          }
        }
        object[key] = list;
      } else if (text.startsWith('true', at)) {
        object[key] = true;
        at += 4;
      } else if (text.startsWith('false', at)) {
        object[key] = false;
        at += 5;
      } else if (text.startsWith('null', at)) {
        object[key] = null;
        at += 4;
      } else {
        return undefined;
      }
      const next = text.charCodeAt(at);
      if (next === COMMA) at++;
      else return next === CLOSE && at + 1 === to ? object : undefined;
    }
  }
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
