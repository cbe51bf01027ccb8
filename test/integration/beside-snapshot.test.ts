import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { besideSnapshot, type Database, NoBesideConnection, openDatabase } from '../../src/db/database.ts';
import { inLongTransaction } from '../../src/db/transaction.ts';
import { forLargeReads } from '../../src/results/closing-repository.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/**
 * The close of a large meeting runs its SQL aggregate and anomaly reads on a second connection while its own
 * streams the records (besideSnapshot): the second must see exactly what the close's transaction saw —
 * not a row committed since, not the close's own uncommitted writes —, under the close's timeouts, and say
 * plainly when the pool has no connection to spare, so that the close does the reads itself.
 */

let target: TestDatabase;
let database: Database;
let single: Database;

beforeAll(async () => {
  target = await createTestDatabase();
  database = await openDatabase({ url: target.url, embeddedDir: 'memory://', poolMax: 3 });
  single = await openDatabase({ url: target.url, embeddedDir: 'memory://', poolMax: 1, timeouts: { connectMs: 300, statementMs: 5_000, lockMs: 1_000, idleInTransactionMs: 10_000 } });
  await sql`create table beside_probe (n int)`.execute(database.db);
});
afterAll(async () => {
  await single?.close();
  await database?.close();
  await target?.drop();
});

const count = async (db: typeof database.db) => Number((await sql<{ n: string }>`select count(*) as n from beside_probe`.execute(db)).rows[0]!.n);

describe('reads beside a transaction', () => {
  it('see the transaction’s snapshot: not what was committed since, nor what the transaction wrote', async () => {
    await sql`insert into beside_probe values (1)`.execute(database.db);
    const seen = await inLongTransaction(database.db, 20_000, async (trx) => {
      const beside = await besideSnapshot(trx, database.db, async (db) => {
        // Committed by another transaction after the snapshot was taken: not seen beside.
        await sql`insert into beside_probe values (2)`.execute(database.db);
        const settings = await sql<{ statement_timeout: string; read_only: string }>`
          select current_setting('statement_timeout') as statement_timeout, current_setting('transaction_read_only') as read_only`.execute(db);
        return { rows: await count(db), ...settings.rows[0]! };
      });
      // The transaction's own write after the export: its own, not beside.
      await sql`insert into beside_probe values (3)`.execute(trx);
      return beside.run;
    });
    expect(seen).toEqual({ rows: 1, statement_timeout: '20s', read_only: 'on' });
    expect(await count(database.db)).toBe(3);
  });

  it('fail as NoBesideConnection when the pool has none to spare, having run nothing', async () => {
    let ran = false;
    const outcome = await inLongTransaction(single.db, 5_000, async (trx) => {
      const beside = await besideSnapshot(trx, single.db, async () => {
        ran = true;
      });
      return beside.run.then(
        () => 'ran',
        (error: unknown) => error,
      );
    });
    expect(outcome).toBeInstanceOf(NoBesideConnection);
    expect(ran).toBe(false);
  });
});

describe('a large close’s reads (forLargeReads)', () => {
  const settings = async (db: typeof database.db) =>
    (await sql<{ work_mem: string; jit: string; workers: string }>`
      select current_setting('work_mem') as work_mem, current_setting('jit') as jit,
             current_setting('max_parallel_workers_per_gather') as workers`.execute(db)).rows[0]!;

  it('sort and hash in memory, without JIT or parallel workers, for that transaction only', async () => {
    const before = await settings(database.db);
    const inside = await database.db.transaction().execute(async (trx) => {
      await forLargeReads(trx);
      return settings(trx);
    });
    // A close keeps both cores busy: parallel workers only sorted the ballots' lines on disk beside it.
    expect(inside).toEqual({ work_mem: '128MB', jit: 'off', workers: '0' });
    // The pooled connection goes back to the next borrower as it was.
    expect(await settings(database.db)).toEqual(before);
    expect(before.workers).not.toBe('0');
  });
});
