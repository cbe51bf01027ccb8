import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { ConfigError, type Config, loadConfig } from './config.ts';

/** Starts the service; stops it gracefully on SIGTERM/SIGINT. Everything else lives in app.ts. */
let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  for (const problem of err.problems) process.stderr.write(`gongjue: configuration error: ${problem}\n`);
  process.exit(78); // EX_CONFIG
}

const app = await buildApp({ config }).catch((err: Error) => {
  process.stderr.write(`gongjue: could not start: ${err.message}\n`);
  process.exit(1);
});

// On a signal: stop accepting, let requests in flight finish, close the pools;
// give up after the timeout so a stuck request cannot hold a deploy hostage.
closeWithGrace({ delay: config.shutdownTimeoutMs, logger: app.log }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
});

try {
  await app.listen({ host: config.host, port: config.port });
} catch (err) {
  app.log.error({ err }, 'could not listen');
  await app.close();
  process.exit(1);
}
