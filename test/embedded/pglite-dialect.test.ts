import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { migrations } from '../../migrations/index.ts';

let database: Database;
beforeAll(async () => {
  database = await openDatabase({ url: undefined, embeddedDir: 'memory://' });
});
afterAll(async () => database?.close());

describe('the embedded PGlite database', () => {
  it('runs the very same migrations as PostgreSQL', async () => {
    const applied = await migrateToLatest(database.db);
    expect(applied.map((m) => m.migrationName)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('commits a transaction and rolls back a failed one entirely', async () => {
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('townships').values({ code: '110101002', name: '景山街道' }).execute();
    });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('townships').values({ code: '110101003', name: '交道口街道' }).execute();
        await trx.insertInto('townships').values({ code: '110101002', name: 'duplicate' }).execute();
      }),
    ).rejects.toThrow(/duplicate key/);
    const codes = await database.db.selectFrom('townships').select('code').orderBy('code').execute();
    expect(codes).toEqual([{ code: '110101002' }]);
  });

  it('keeps a transaction to itself while other queries wait their turn', async () => {
    const order: string[] = [];
    let inside!: () => void;
    const entered = new Promise<void>((r) => {
      inside = r;
    });
    const trx = database.db.transaction().execute(async (t) => {
      await t.insertInto('townships').values({ code: '110101004', name: '安定门街道' }).execute();
      inside();
      await new Promise((r) => setTimeout(r, 50));
      order.push('transaction done');
      await t.deleteFrom('townships').where('code', '=', '110101004').execute();
    });
    await entered;
    const outside = database.db
      .selectFrom('townships')
      .select('code')
      .where('code', '=', '110101004')
      .execute()
      .then((rows) => {
        order.push('outside query');
        return rows;
      });
    expect(await outside).toEqual([]); // never sees the uncommitted row
    await trx;
    expect(order).toEqual(['transaction done', 'outside query']);
  });

  it('returns exact types: numerics and bigints as strings, timestamps as Date', async () => {
    const row = await sql<{ n: string; b: string; d: string; t: Date }>`
      select 2955.64::numeric as n, 9007199254740993::int8 as b, date '2026-11-22' as d, now() as t`.execute(database.db);
    expect(row.rows[0]).toMatchObject({ n: '2955.64', b: '9007199254740993', d: '2026-11-22' });
    expect(row.rows[0]?.t).toBeInstanceOf(Date);
  });
});
