import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { adminDatabaseUrl, databaseUrlFor } from './urls.ts';

export interface TestDatabase {
  name: string;
  url: string;
  database: Database;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A database of this test file's own: a clone of the migrated template, or an empty one. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const template = inject('databaseTemplate');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(options.empty ? `create database "${name}"` : `create database "${name}" template "${template}"`));
  const url = databaseUrlFor(name);
  const database = await openDatabase({ url, embeddedDir: 'memory://', poolMax: 5 });
  return {
    name,
    url,
    database,
    drop: async () => {
      await database.close();
      await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
