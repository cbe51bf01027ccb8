// The package ships no types; this is the one function Gongjue uses (src/db/database.ts).
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  import type { Submittable } from 'pg';

  /** A COPY … FROM STDIN query: submit it with `client.query`, then write the data to it. */
  export function from(text: string): Writable & Submittable & { rowCount: number };
}
