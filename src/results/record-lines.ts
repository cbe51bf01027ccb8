/**
 * The values of canonical JSON lines (each ending in a line break), as JSON.parse gives them — what the
 * recount thread builds its units and ballots from (recount-worker.ts). Units and ballots are flat: strings,
 * booleans, null and lists of strings. Such a line in a text without a backslash (no escapes anywhere: the
 * usual case) is read by slicing, its strings views into the text, without JSON.parse's copy of each; a
 * million units parsed that way cost a fraction of the time and of the garbage collection. Any other
 * line — a number, a nested object, a key `__proto__` — and every line of a text with an escape go
 * through JSON.parse. test/unit/results/record-lines.test.ts holds the two to the same values.
 */
export function parseRecordLines(lines: Uint8Array): unknown[] {
  const text = Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength).toString('utf8');
  if (text.indexOf('\\') >= 0) return JSON.parse(`[${text.slice(0, -1).replaceAll('\n', ',')}]`) as unknown[];
  const values: unknown[] = [];
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at);
    if (end < 0) throw new Error('a record line without its line break');
    values.push(flatObject(text, at, end) ?? JSON.parse(text.slice(at, end)));
    at = end + 1;
  }
  return values;
}

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_LIST = 91;
const CLOSE_LIST = 93;
const OPEN = 123;
const CLOSE = 125;

/** The object of `text[from, to)` when it is a flat object with no escapes; undefined for anything else. */
function flatObject(text: string, from: number, to: number): Record<string, unknown> | undefined {
  if (text.charCodeAt(from) !== OPEN) return undefined;
  const object: Record<string, unknown> = {};
  let at = from + 1;
  if (text.charCodeAt(at) === CLOSE) return at + 1 === to ? object : undefined;
  for (;;) {
    if (text.charCodeAt(at) !== QUOTE) return undefined;
    const keyEnd = text.indexOf('"', at + 1);
    if (keyEnd < 0 || keyEnd >= to || text.charCodeAt(keyEnd + 1) !== COLON) return undefined;
    const key = text.slice(at + 1, keyEnd);
    if (key === '__proto__') return undefined;
    at = keyEnd + 2;
    const c = text.charCodeAt(at);
    if (c === QUOTE) {
      const end = text.indexOf('"', at + 1);
      if (end < 0 || end >= to) return undefined;
      object[key] = text.slice(at + 1, end);
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
          list.push(text.slice(at + 1, end));
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
