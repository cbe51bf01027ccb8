import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOutOf, type Database, openDatabase } from '../../src/db/database.ts';
import { inLongTransaction } from '../../src/db/transaction.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { type PgProxy, pgProxy } from '../helpers/pg-proxy.ts';
import { adminDatabaseUrl } from '../helpers/urls.ts';

/**
 * The close reads a large tally record with COPY … TO STDOUT (copyOutOf). A
 * server that stops answering in the middle of it (frozen, as under SIGSTOP)
 * must fail that read within the connection's wait for an answer, as it does
 * any other query, not hold the close — and the job that runs it — forever.
 */

let target: TestDatabase;
let proxy: PgProxy;
let database: Database;

beforeAll(async () => {
  target = await createTestDatabase();
  const upstream = new URL(adminDatabaseUrl());
  proxy = await pgProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
  database = await openDatabase({ url: proxy.urlFor(target.name), embeddedDir: 'memory://', poolMax: 2, timeouts: { connectMs: 2_000, statementMs: 300, lockMs: 200, idleInTransactionMs: 10_000 } });
});
afterAll(async () => {
  proxy?.thaw();
  await database?.close();
  await proxy?.close();
  await target?.drop();
});

describe('COPY … TO STDOUT from a frozen server', () => {
  it('fails within the long transaction’s wait (1 s + 1 s here) instead of hanging', async () => {
    const started = Date.now();
    const outcome = inLongTransaction(database.db, 1_000, async (trx) => {
      const copyOut = await copyOutOf(trx);
      expect(copyOut).not.toBeNull();
      let bytes = 0;
      for await (const chunk of copyOut!('copy (select g, repeat(\'x\', 200) from generate_series(1, 200000) g) to stdout')) {
        bytes += chunk.length;
        // The server goes silent after the first chunk has arrived.
        if (bytes === chunk.length) proxy.freeze();
      }
      return bytes;
    }).then(
      () => 'finished',
      () => 'failed',
    );
    const hung = new Promise((resolve) => setTimeout(() => resolve('still waiting after 10 s'), 10_000).unref());
    expect(await Promise.race([outcome, hung])).toBe('failed');
    expect(Date.now() - started).toBeLessThan(10_000);
    proxy.thaw();
  });
});
