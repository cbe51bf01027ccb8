import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { FastifyBaseLogger } from 'fastify';
import { withTimeout } from '../lib/timeout.ts';
import { type CopyInto, copyStatement } from './copy.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

/** The one database handle of a process: Kysely over `pg`, or over embedded PGlite. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: 'postgres' | 'embedded';
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  /** COPY into a table, inside a transaction of this database (src/db/copy.ts). */
  copyInto: CopyInto;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; absent selects the embedded PGlite database. */
  url: string | undefined;
  /** Where the embedded database keeps its files; `memory://` keeps none. */
  embeddedDir: string;
  poolMax?: number;
  /** Limits on every connection to the external PostgreSQL; absent: none (tools, tests, benches). */
  timeouts?: DatabaseTimeouts;
  logger?: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}

/**
 * How long the service waits for PostgreSQL, so that a database that is down
 * or frozen costs a request a few seconds and a 503, never a hang. Statement
 * and lock limits are PostgreSQL's own (set at connection start); a server
 * that does not answer at all (stopped, partitioned) is caught on our side:
 * a query without an answer `statementMs` + `NO_ANSWER_MARGIN_MS` after it
 * was sent drops its connection. Work that legitimately takes longer (jobs,
 * registry imports) raises both in its own transaction: `inLongTransaction`.
 */
export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  connectMs: number;
  /** statement_timeout; 0: none. */
  statementMs: number;
  /** lock_timeout; 0: none. */
  lockMs: number;
  /** idle_in_transaction_session_timeout; 0: none. */
  idleInTransactionMs: number;
}

/** Beyond the statement timeout, how long a query may stay unanswered before its server is taken for gone. */
export const NO_ANSWER_MARGIN_MS = 1_000;

/**
 * Raises statement_timeout and lock_timeout to $1 ms (0: no limit), for the
 * transaction ($2 = true) or the session ($2 = false). The connection
 * recognises this exact text and lets its queries wait as long on our side.
 */
export const SET_TIMEOUTS_SQL = "select set_config('statement_timeout', $1, $2), set_config('lock_timeout', $1, $2)";
/** Back to the connection's own limits (those it started with), after a session-level SET_TIMEOUTS_SQL. */
export const RESET_TIMEOUTS_SQL =
  "select set_config('statement_timeout', (select reset_val from pg_settings where name = 'statement_timeout'), false), " +
  "set_config('lock_timeout', (select reset_val from pg_settings where name = 'lock_timeout'), false)";

const OID = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const;

/**
 * Both drivers return the same JS types: bigints and numerics as strings (exact),
 * dates as 'YYYY-MM-DD' strings (no time-zone shift), timestamptz as Date.
 */
const textTypes = new Set<number>([OID.INT8, OID.DATE, OID.NUMERIC]);

const keepText = (value: string) => value;

const exactTypeParser = ((oid: number, format?: 'text' | 'binary'): unknown =>
  textTypes.has(oid) ? keepText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

/** SQL text → statement name, and back: see `asPreparedStatement`. */
const statementNames = new Map<string, string>();
const statementTexts = new Map<string, string>();

/**
 * Marks a query to be sent to PostgreSQL as a named prepared statement: parsed
 * and planned once per connection instead of once per call. For the few
 * statements run for every request of a hot route (a ballot). The same name
 * must always carry the same text; the embedded database ignores the mark.
 */
export function asPreparedStatement<T>(name: string, query: CompiledQuery<T>): CompiledQuery<T> {
  const known = statementTexts.get(name);
  if (known === undefined) {
    statementTexts.set(name, query.sql);
    statementNames.set(query.sql, name);
  } else if (known !== query.sql) {
    throw new Error(`prepared statement ${name} already stands for another text`);
  }
  return query;
}

/** Sends the marked texts by name; Kysely itself always sends text and values. */
function nameMarkedStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (config: unknown, values?: unknown, callback?: unknown) => unknown;
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof config === 'string' ? statementNames.get(config) : undefined;
    return name === undefined ? query(config, values, callback) : query({ name, text: config, values }, callback);
  }) as typeof client.query;
}

/**
 * How long each query of a connection may go unanswered: the pool's default,
 * or what its transaction asked for with SET_TIMEOUTS_SQL (until the client
 * goes back to the pool). `undefined`: no limit.
 */
function dropUnansweredQueries(
  client: pg.PoolClient,
  defaultMs: number | undefined,
  waits: WeakMap<pg.PoolClient, number | undefined>,
  logger: DatabaseOptions['logger'],
) {
  unansweredWaits.set(client, { waitMs: () => (waits.has(client) ? waits.get(client) : defaultMs), logger });
  const query = client.query.bind(client) as (config: unknown, values?: unknown, callback?: unknown) => unknown;
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    const result = query(config, values, callback);
    if (!(result instanceof Promise)) return result; // COPY streams: only inside long transactions
    if (config === SET_TIMEOUTS_SQL && Array.isArray(values)) {
      const ms = Number(values[0]);
      result.then(() => waits.set(client, ms === 0 ? undefined : ms + NO_ANSWER_MARGIN_MS), () => {});
    } else if (config === RESET_TIMEOUTS_SQL) {
      result.then(() => waits.delete(client), () => {});
    }
    const waitMs = waits.has(client) ? waits.get(client) : defaultMs;
    if (waitMs === undefined) return result;
    const timer = setTimeout(() => {
      // Without an answer the connection's state is unknown (the statement may
      // still run, a transaction may still be open): it must not go back to the
      // pool. Ending its socket fails this query and everything queued behind it.
      dropConnection(client, waitMs, logger);
    }, waitMs);
    timer.unref();
    result.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
    return result;
  }) as typeof client.query;
}

/** Each pooled client's current wait for an answer (see dropUnansweredQueries), for the COPY streams it cannot time itself. */
const unansweredWaits = new WeakMap<pg.PoolClient, { waitMs: () => number | undefined; logger: DatabaseOptions['logger'] }>();

function dropConnection(client: pg.PoolClient, waitMs: number, logger: DatabaseOptions['logger']) {
  logger?.warn({ waitMs }, 'no answer from the database: dropping the connection');
  (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
}

/**
 * A COPY … TO STDOUT stream held to the same wait as any other query of its
 * connection, counted from the last chunk: a server that stops answering
 * mid-COPY (frozen, or the network gone silent) drops the connection and
 * fails the read, instead of holding the close that reads it forever.
 */
async function* answeredInTime(client: pg.PoolClient, stream: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const limit = unansweredWaits.get(client);
  const waitMs = limit?.waitMs();
  if (limit === undefined || waitMs === undefined) {
    yield* stream;
    return;
  }
  const arm = () => {
    const timer = setTimeout(() => dropConnection(client, waitMs, limit.logger), waitMs);
    timer.unref();
    return timer;
  };
  let timer = arm();
  try {
    for await (const chunk of stream) {
      clearTimeout(timer);
      yield chunk;
      timer = arm();
    }
  } finally {
    clearTimeout(timer);
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url === undefined ? openEmbedded(options) : openPostgres(options.url, options);
}

function openPostgres(url: string, options: DatabaseOptions): Database {
  const timeouts = options.timeouts;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: timeouts?.connectMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'gongjue',
    types: { getTypeParser: exactTypeParser },
    // Startup parameters: every session of the pool starts with these limits.
    ...(timeouts && {
      statement_timeout: timeouts.statementMs,
      lock_timeout: timeouts.lockMs,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    }),
  });
  // A client that loses its server emits 'error'. pg-pool listens only while
  // the client is idle in the pool; checked out (a request or job running on
  // it) nobody would, and Node ends the process on an unheard 'error'. So
  // every client has a listener for its whole life: the query in progress
  // fails on its own (the request answers 503, the job is retried) and the pool
  // discards the broken client when it comes back.
  pool.on('connect', (client) => {
    client.on('error', (err: Error & { code?: string }) =>
      options.logger?.warn({ err: { message: err.message, code: err.code } }, 'database connection lost'),
    );
  });
  // Idle clients' errors reach the pool too; the client's own listener has said it.
  pool.on('error', () => {});
  const waits = new WeakMap<pg.PoolClient, number | undefined>();
  const defaultWaitMs = timeouts && timeouts.statementMs > 0 ? timeouts.statementMs + NO_ANSWER_MARGIN_MS : undefined;
  pool.on('connect', (client) => dropUnansweredQueries(client, defaultWaitMs, waits, options.logger));
  pool.on('release', (_err: Error | undefined, client: pg.PoolClient) => waits.delete(client));
  // Kysely hides which pooled client runs a transaction; the server's process
  // id, which pg learns when it connects, tells them apart.
  const clients = new Map<number, pg.PoolClient>();
  const backendPid = (client: pg.PoolClient) => (client as unknown as { processID: number }).processID;
  pool.on('connect', (client) => clients.set(backendPid(client), client));
  pool.on('remove', (client) => clients.delete(backendPid(client)));
  pool.on('connect', (client) => registerCopyClient(backendPid(client), client));
  pool.on('remove', (client) => unregisterCopyClient(backendPid(client), client));
  pool.on('connect', nameMarkedStatements);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    ping: (timeoutMs = 2_000) => withTimeout(sql`select 1`.execute(db).then(() => undefined), timeoutMs),
    copyInto: async (trx, table, columns, rows) => {
      const client = clients.get(await transactionPid(trx));
      if (client === undefined) throw new Error('copyInto: the transaction does not run on a client of this pool');
      await pipeline(Readable.from([rows]), client.query(copyFrom(copyStatement(table, columns, 'stdin'))));
    },
    close: () => db.destroy(),
  };
}

/** The server process of a transaction's connection; outside a transaction the connection would not stay ours. */
async function transactionPid(trx: Kysely<DB>): Promise<number> {
  if (!trx.isTransaction) throw new Error('copyInto needs a transaction');
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
  return rows[0]!.pid;
}

/**
 * The pooled clients of every PostgreSQL pool of the process, by server process id: how
 * `copyOutOf` finds the connection under a Kysely transaction, which Kysely does not expose.
 * A pid two pools share (two servers) is ambiguous and finds nothing.
 */
const copyClients = new Map<number, Set<pg.PoolClient>>();

function registerCopyClient(pid: number, client: pg.PoolClient) {
  const set = copyClients.get(pid) ?? new Set();
  set.add(client);
  copyClients.set(pid, set);
}

function unregisterCopyClient(pid: number, client: pg.PoolClient) {
  const set = copyClients.get(pid);
  set?.delete(client);
  if (set?.size === 0) copyClients.delete(pid);
}

/** besideSnapshot could not have a second connection (the pool had none to spare in time): nothing ran. */
export class NoBesideConnection extends Error {}

/**
 * `work` on a second connection of `root`'s pool that sees what the transaction `trx` sees now: its snapshot,
 * exported (pg_export_snapshot) and imported by a read-only repeatable-read transaction there, under the same
 * statement and lock timeouts — so that reads run while `trx`'s own connection is busy (the close of a large
 * meeting streams its records on it). The snapshot is taken before this resolves; `run` settles when `work`
 * has, its transaction ended. `run` rejects with NoBesideConnection when no connection could be had.
 * PostgreSQL only: the embedded PGlite has one connection, held by `trx`.
 */
export async function besideSnapshot<T>(trx: Kysely<DB>, root: Kysely<DB>, work: (db: Kysely<DB>) => Promise<T>): Promise<{ run: Promise<T> }> {
  const { rows } = await sql<{ snapshot: string; statement_timeout: string; lock_timeout: string }>`
    select pg_export_snapshot() as snapshot, current_setting('statement_timeout') as statement_timeout, current_setting('lock_timeout') as lock_timeout`.execute(trx);
  const { snapshot, statement_timeout: statementTimeout, lock_timeout: lockTimeout } = rows[0]!;
  // SET TRANSACTION SNAPSHOT takes no parameter: the id goes into its text, so it must be an id.
  if (!/^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$/i.test(snapshot)) throw new Error(`not a snapshot id: ${snapshot}`);
  let connected = false;
  const run = root
    .connection()
    .execute(async (connection) => {
      connected = true;
      await sql`start transaction isolation level repeatable read, read only`.execute(connection);
      try {
        await sql.raw(`set transaction snapshot '${snapshot}'`).execute(connection);
        await sql`select set_config('statement_timeout', ${statementTimeout}, true), set_config('lock_timeout', ${lockTimeout}, true), set_config('max_parallel_workers_per_gather', '0', true)`.execute(connection);
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection).catch(() => {});
        throw error;
      }
    })
    .catch((error: unknown) => {
      throw connected ? error : new NoBesideConnection(`no second connection for the reads beside the transaction: ${String(error)}`);
    });
  return { run };
}

/** Runs `COPY (…) TO STDOUT` on a transaction's connection; yields the text-format data in chunks (row boundaries anywhere). */
export type CopyOut = (statement: string) => AsyncIterable<Buffer>;

/**
 * COPY … TO STDOUT on the connection of `trx`, inside its transaction — or null
 * where there is none to be had (the embedded PGlite database, a query outside
 * a transaction): the caller then reads its rows the ordinary way. Reading a
 * million rows this way costs a fraction of pg's row protocol, which builds an
 * object and parses every field of each row.
 */
export async function copyOutOf(trx: Kysely<DB>): Promise<CopyOut | null> {
  if (!trx.isTransaction || copyClients.size === 0) return null;
  const token = randomUUID();
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid, set_config('gongjue.copy_out', ${token}, true)`.execute(trx);
  const set = copyClients.get(rows[0]!.pid);
  if (set === undefined || set.size !== 1) return null;
  const [client] = set as Set<pg.PoolClient> & [pg.PoolClient];
  // A pid says little across servers (PGlite answers 42, a pool of another server may have a 42 too):
  // the client must see what this transaction just set, or it is not this transaction's connection.
  const seen = await client.query<{ token: string | null }>("select current_setting('gongjue.copy_out', true) as token");
  if (seen.rows[0]?.token !== token) return null;
  return (statement) => answeredInTime(client, client.query(copyTo(statement)));
}

async function openEmbedded(options: DatabaseOptions): Promise<Database> {
  const inMemory = options.embeddedDir.startsWith('memory://');
  let unlock = () => {};
  if (!inMemory) {
    fs.mkdirSync(options.embeddedDir, { recursive: true });
    unlock = lockDirectory(options.embeddedDir);
  }
  try {
    const parsers = Object.fromEntries([...textTypes].map((oid) => [oid, keepText]));
    const pglite = await PGlite.create({ dataDir: inMemory ? undefined : options.embeddedDir, parsers });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    options.logger?.info({ dataDir: inMemory ? 'memory' : options.embeddedDir }, 'using the embedded PGlite database');
    return {
      db,
      kind: 'embedded',
      ping: (timeoutMs = 2_000) => withTimeout(sql`select 1`.execute(db).then(() => undefined), timeoutMs),
      // One backend, held by the transaction while its callback runs: a direct query lands inside it.
      copyInto: async (trx, table, columns, rows) => {
        if (!trx.isTransaction) throw new Error('copyInto needs a transaction');
        await pglite.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([rows]) });
      },
      close: async () => {
        try {
          await db.destroy();
        } finally {
          unlock();
        }
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}

/**
 * PGlite has no server to arbitrate between processes: two processes on one
 * directory would corrupt it. A pid file refuses the second one.
 */
function lockDirectory(dir: string): () => void {
  const lockFile = path.join(dir, 'gongjue.pid');
  try {
    const holder = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `the embedded database in ${dir} is in use by process ${holder}; stop it, or set DATABASE_URL to share a PostgreSQL server`,
      );
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      // Already gone: nothing to release.
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
