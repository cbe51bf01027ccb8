import closeWithGrace from 'close-with-grace';
import { pino } from 'pino';
import { systemClock } from './clock.ts';
import { ConfigError, type Config, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { createRunner, jobDeps } from './jobs/deps.ts';
import { loggerOptions } from './logger.ts';
import { loadKeys } from './identity/keys.ts';
import { messageSealKey } from './notifications/seal.ts';
import { smsProviderFor } from './notifications/sms.ts';

/**
 * `npm run worker`: the BullMQ workers alone, without the API. Several may run
 * beside API instances started with RUN_JOBS=false. SIGTERM/SIGINT: stop
 * taking jobs, finish the one in hand, close the pools.
 */
let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  for (const problem of err.problems) process.stderr.write(`gongjue worker: configuration error: ${problem}\n`);
  process.exit(78); // EX_CONFIG
}
if (config.redisUrl === undefined) {
  process.stderr.write(
    'gongjue worker: configuration error: REDIS_URL: required by the worker (without Redis, `npm start` runs every job in-process)\n',
  );
  process.exit(78);
}

const log = pino({ ...loggerOptions(config), base: { process: 'worker' } });
const database = await openDatabase({ url: config.databaseUrl, embeddedDir: config.embeddedDatabaseDir, poolMax: config.databasePoolMax, timeouts: config.databaseTimeouts, logger: log });
if (config.migrateOnStart) {
  for (const m of await migrateToLatest(database.db)) log.info({ migration: m.migrationName, status: m.status }, 'migration');
}
// The worker sends SMS with the provider SMS_SENDER names, and opens sealed login codes with the shared identity key.
const keys = loadKeys(config);
const sms = smsProviderFor(config, database.db, log);
const runner = createRunner(config, jobDeps(config, database.db, systemClock, log, { sms, sealKey: messageSealKey(keys.identityHmacKey) }), true);

closeWithGrace({ delay: config.shutdownTimeoutMs, logger: log }, async ({ signal, err }) => {
  if (err) log.error({ err }, 'worker shutting down after an error');
  else log.info({ signal }, 'worker shutting down: finishing the jobs in hand');
  await runner.stop();
  await database.close();
});

await runner.start();
