import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Bulk loading with COPY … FROM STDIN in PostgreSQL's text format: one line
 * per row, fields separated by tabs. Much cheaper than INSERT for large sets,
 * on both sides of the connection: the server parses each field once, and the
 * client sends text it may have prepared long before (a registry preview
 * stores its rows in this form).
 */

/** Loads `rows` (copy-text lines, each ending in a newline; text or its UTF-8 bytes) into `table` on the connection of `trx`, inside its transaction. */
export type CopyInto = (trx: Kysely<DB>, table: keyof DB, columns: readonly string[], rows: string | Uint8Array) => Promise<void>;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field: null as \N; backslash, tab and line breaks escaped. */
export function copyField(value: string | null): string {
  if (value === null) return '\\N';
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value;
}

/** A bytea field from its hex digits (the hex input form \x…, its backslash escaped for COPY). */
export function copyBytea(hex: string): string {
  return `\\\\x${hex}`;
}

/** The COPY statement for `table` and `columns` reading from `source` (STDIN, or PGlite's '/dev/blob'). */
export function copyStatement(table: string, columns: readonly string[], source: string): string {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return `copy ${quote(table)} (${columns.map(quote).join(', ')}) from ${source}`;
}

/**
 * COPY lines gathered as UTF-8 bytes, a thousand lines a chunk: twice as fast
 * as one string of 300,000 concatenated lines (a deep rope V8 must flatten,
 * two bytes a character as soon as one name is Chinese) encoded at the end.
 */
export class CopyRows {
  readonly #chunks: Buffer[] = [];
  #pending = '';
  #count = 0;

  add(line: string): void {
    this.#pending += line;
    if (++this.#count % 1000 === 0) this.#flush();
  }

  bytes(): Buffer {
    this.#flush();
    return Buffer.concat(this.#chunks);
  }

  #flush() {
    if (this.#pending === '') return;
    this.#chunks.push(Buffer.from(this.#pending));
    this.#pending = '';
  }
}
