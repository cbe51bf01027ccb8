// The package ships no types; these are the two functions Gongjue uses (src/db/database.ts).
declare module 'pg-copy-streams' {
  import type { Readable, Writable } from 'node:stream';
  import type { Submittable } from 'pg';

  /** A COPY … FROM STDIN query: submit it with `client.query`, then write the data to it. */
  export function from(text: string): Writable & Submittable & { rowCount: number };

  /** A COPY … TO STDOUT query: submit it with `client.query`, then read the data from it. */
  export function to(text: string): Readable & Submittable & { rowCount: number };
}
