import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { migrations } from '../../migrations/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const cleanups: TestDatabase[] = [];
afterAll(async () => {
  for (const d of cleanups) await d.drop();
});

describe('migrations on PostgreSQL', () => {
  it('four instances migrating one empty database at once apply each migration exactly once', async () => {
    const target = await createTestDatabase({ empty: true });
    cleanups.push(target);
    const instances = await Promise.all(
      Array.from({ length: 4 }, () => openDatabase({ url: target.url, embeddedDir: 'memory://', poolMax: 2 })),
    );
    try {
      const results = await Promise.all(instances.map((i) => migrateToLatest(i.db)));
      const applied = results.flat().filter((r) => r.status === 'Success').map((r) => r.migrationName);
      expect(applied.sort()).toEqual(Object.keys(migrations).sort());
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(target.database.db);
    expect(rows.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
  });

  it('a second run finds nothing to do', async () => {
    const target = await createTestDatabase();
    cleanups.push(target);
    expect(await migrateToLatest(target.database.db)).toEqual([]);
  });
});
