import { loadConfig, ConfigError } from '../config.ts';
import { openDatabase } from './database.ts';
import { migrateToLatest } from './migrator.ts';

/** `npm run migrate`: apply pending migrations to the configured database and exit. */
async function run(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const problem of err.problems) process.stderr.write(`config: ${problem}\n`);
      return 78;
    }
    throw err;
  }
  const database = await openDatabase({
    url: config.databaseUrl,
    embeddedDir: config.embeddedDatabaseDir,
    poolMax: 1,
  });
  try {
    const results = await migrateToLatest(database.db);
    if (results.length === 0) process.stdout.write('schema is up to date\n');
    for (const r of results) process.stdout.write(`${r.status.toLowerCase()}: ${r.migrationName}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await run();
