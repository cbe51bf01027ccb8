import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { inLongTransaction, inTransaction } from '../../src/db/transaction.ts';
import { isDatabaseUnavailable } from '../../src/db/unavailable.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/**
 * The limits of src/db/database.ts on the real PostgreSQL: a request's short
 * statement and lock timeouts, the long ones of jobs and imports
 * (inLongTransaction) raising the server's limit and our own wait for an
 * answer alike, and migrations held to neither.
 */

let target: TestDatabase;
let database: Database;

beforeAll(async () => {
  target = await createTestDatabase();
  // Deliberately tiny, so the test is quick: 300 ms per statement (we give up 1.3 s after sending), 200 ms per lock.
  database = await openDatabase({ url: target.url, embeddedDir: 'memory://', poolMax: 2, timeouts: { connectMs: 2_000, statementMs: 300, lockMs: 200, idleInTransactionMs: 10_000 } });
});
afterAll(async () => {
  await database?.close();
  await target?.drop();
});

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (err: unknown) => err as Error & { code?: string });

describe('database limits', () => {
  it('a statement over the request limit is cancelled by the server, and counts as unavailable (503)', async () => {
    const err = await failure(sql`select pg_sleep(1)`.execute(database.db));
    expect(err?.code).toBe('57014');
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it('a lock held elsewhere longer than the lock limit fails the statement waiting for it', async () => {
    const holder = new pg.Client({ connectionString: target.url, application_name: 'gongjue-test-holder' });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('lock table townships in access exclusive mode');
      const err = await failure(inTransaction(database.db, (trx) => trx.selectFrom('townships').selectAll().execute()));
      expect(err?.code).toBe('55P03');
      expect(isDatabaseUnavailable(err)).toBe(true);
    } finally {
      await holder.end();
    }
  });

  it('a long transaction (jobs, imports) may run statements past both the server limit and our wait; the limits come back after it', async () => {
    // 2 s: past the 300 ms statement limit and past the 1.3 s we wait for an answer outside such a transaction.
    const slept = await inLongTransaction(database.db, 10_000, async (trx) => {
      await sql`select pg_sleep(2)`.execute(trx);
      return (await sql<{ statement_timeout: string }>`show statement_timeout`.execute(trx)).rows[0]?.statement_timeout;
    });
    expect(slept).toBe('10s');
    // Both connections of the pool, whichever ran the transaction, are back to the request limits.
    const limits = await Promise.all([0, 1].map(() => inTransaction(database.db, async (trx) => (await sql<{ s: string; l: string }>`select current_setting('statement_timeout') as s, current_setting('lock_timeout') as l, pg_sleep(0.1)`.execute(trx)).rows[0])));
    for (const l of limits) expect(l).toMatchObject({ s: '300ms', l: '200ms' });
    expect((await failure(sql`select pg_sleep(1)`.execute(database.db)))?.code).toBe('57014');
  });

  it('migrations are held to no limit: one waits for another instance’s migration lock as long as it takes', async () => {
    // Kysely's migration lock (PostgresAdapter), held here for 1.5 s: past the statement limit.
    const holder = new pg.Client({ connectionString: target.url, application_name: 'gongjue-test-holder' });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock(3853314791062309107)');
      const migrating = migrateToLatest(database.db);
      await new Promise((r) => setTimeout(r, 1_500));
      await holder.query('select pg_advisory_unlock(3853314791062309107)');
      expect(await migrating).toEqual([]);
    } finally {
      await holder.end();
    }
    // And the connection it used is back to the request limits.
    const limits = await Promise.all([0, 1].map(() => inTransaction(database.db, async (trx) => (await sql<{ s: string }>`select current_setting('statement_timeout') as s, pg_sleep(0.1)`.execute(trx)).rows[0]?.s)));
    expect(limits).toEqual(['300ms', '300ms']);
  });
});
