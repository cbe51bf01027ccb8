import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPreparedStatement } from '../../src/db/database.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ empty: true });
});
afterAll(async () => t?.drop());

describe('named prepared statements', () => {
  it('a marked query is prepared once on its connection and answers with its own values every time', async () => {
    await inTransaction(t.database.db, async (trx) => {
      const answers: number[] = [];
      for (const n of [1, 2, 3]) {
        const query = sql<{ n: number }>`select ${n}::int * 10 as n`.compile(trx);
        answers.push((await trx.executeQuery(asPreparedStatement('test_times_ten', query))).rows[0]!.n);
      }
      expect(answers).toEqual([10, 20, 30]);
      const prepared = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx);
      expect(prepared.rows).toEqual([{ name: 'test_times_ten', statement: 'select $1::int * 10 as n' }]);
    });
  });

  it('an unmarked query stays unnamed', async () => {
    await inTransaction(t.database.db, async (trx) => {
      await sql`select ${1}::int as one`.execute(trx);
      const prepared = await sql<{ name: string }>`select name from pg_prepared_statements where statement like '%as one%'`.execute(trx);
      expect(prepared.rows).toEqual([]);
    });
  });

  it('one name never stands for two texts', () => {
    const first = sql`select ${1}::int as a`.compile(t.database.db);
    const other = sql`select ${1}::int as b`.compile(t.database.db);
    asPreparedStatement('test_one_text', first);
    expect(() => asPreparedStatement('test_one_text', other)).toThrow(/another text/);
  });
});
