import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { adminDatabaseUrl, databaseUrlFor } from './urls.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: string;
  }
}

/**
 * Migrates one template database per test run; every test file then clones
 * its own database from it (test/helpers/database.ts), so files run in
 * parallel without seeing each other's rows and without re-running migrations.
 */
export default async function setup(project: TestProject) {
  const template = `gongjue_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`create database "${template}"`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: databaseUrlFor(template), embeddedDir: 'memory://', poolMax: 1 });
  try {
    await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
  project.provide('databaseTemplate', template);

  return async () => {
    const client = new pg.Client({ connectionString: adminDatabaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(
        'select datname from pg_database where datname like $1',
        [`${template}%`],
      );
      // Clones first, the template last.
      for (const { datname } of rows.sort((a, b) => b.datname.length - a.datname.length)) {
        await client.query(`drop database if exists "${datname}" with (force)`);
      }
    } finally {
      await client.end();
    }
  };
}
