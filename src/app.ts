import Fastify, { type FastifyInstance } from 'fastify';
import { type DestinationStream, destination } from 'pino';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Caches, createCaches } from './caches.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { type Keys, loadKeys } from './identity/keys.ts';
import { smsProviderFor } from './notifications/sms.ts';
import type { SmsProvider } from './notifications/sms-provider.ts';
import { developmentFaceProvider } from './identity/face/development.ts';
import type { FaceProvider } from './identity/face/face-provider.ts';
import { cloudFaceProviderFromConfig } from './identity/face/index.ts';
import jobs from './jobs/plugin.ts';
import { AccessLog, loggerOptions, requestId } from './logger.ts';
import auth from './plugins/auth.ts';
import databasePlugin from './plugins/database.ts';
import openapi from './plugins/openapi.ts';
import problems, { clientErrorHandler, frameworkErrors } from './plugins/problems.ts';
import queueDashboard from './plugins/queue-dashboard.ts';
import redis from './plugins/redis.ts';
import compression from './plugins/compression.ts';
import securityHeaders from './plugins/security-headers.ts';
import storableText from './plugins/storable-text.ts';
import webApp from './plugins/web-app.ts';
import routes from './routes/index.ts';
import { ProblemError } from './problems.ts';
import { BallotBatches } from './voting/ballot-batches.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    clock: Clock;
    /** Online ballots on their way to the database (src/voting/ballot-batches.ts): one per process. */
    ballotBatches: BallotBatches;
    /** What this app remembers of things that never change (src/caches.ts): its own, never shared with another app. */
    caches: Caches;
    keys: Keys;
    /** The SMS provider every message goes through (the deliver-message job, login codes right after commit). */
    sms: SmsProvider;
    /** The face-verification provider, or null when none is configured (face checks are refused). */
    face: FaceProvider | null;
  }
}

export interface AppOptions {
  config: Config;
  /** A database opened by the caller (tests); otherwise opened from the config and closed with the app. */
  database?: Database;
  /** Keys given by the caller (tests, tools); otherwise from the config or the data directory. */
  keys?: Keys;
  /** Run pending migrations before serving; defaults to config.migrateOnStart. */
  migrate?: boolean;
  /** The server's clock; tests pass one they can move. */
  clock?: Clock;
  /** Run the jobs in this process; defaults to config.runJobs. Tests that drive jobs themselves turn it off. */
  runJobs?: boolean;
  /** How text messages go out; default: the one SMS_SENDER names. Tests pass one that keeps them in memory. */
  sms?: SmsProvider;
  /** The face-verification provider; default: the one FACE_PROVIDER names, or none. Tests pass the development fake. */
  face?: FaceProvider | null;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: DestinationStream;
}

export type App = FastifyInstance;

/**
 * Log lines go to standard output without blocking the request that wrote
 * them: while one write is under way the next lines gather and go in the
 * following one, so under load a write carries many lines instead of one
 * system call each (≈ 30 µs a request in a profile of bench:vote). pino
 * writes out what is still gathered when the process exits.
 */
function standardOutput(): DestinationStream {
  return destination({ dest: 1, sync: false });
}

/**
 * TRUST_PROXY as Fastify takes it. A hop count becomes a function of the hop:
 * this Fastify trusts nothing for a bare number, and proxy-addr numbers hops
 * from the socket (0), so `hops` proxies in front are hops 0…hops-1.
 */
export function trustProxyOption(trust: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  if (trust === 0) return false;
  return (_address, hop) => hop < trust;
}

/** Builds the whole application from a configuration. `server.ts` starts it; tests build their own. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const app = Fastify({
    logger: { ...loggerOptions(config), stream: options.logStream ?? standardOutput() },
    genReqId: requestId,
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: 1024 * 1024,
    // Requests that arrive while closing get 503 as problem+json (the onRequest hook below), not Fastify's own JSON.
    return503OnClosing: false,
    logController: new AccessLog(),
    // Errors met before any route runs are problem+json too (src/plugins/problems.ts).
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.decorate('clock', options.clock ?? systemClock);
  // Once closing starts, answers to requests still in flight say "Connection: close",
  // so kept-alive connections end with them and the server can finish closing.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onRequest', async () => {
    if (closing) throw new ProblemError('not-ready', 'The server is shutting down; retry', {}, { 'retry-after': '1' });
  });

  const database =
    options.database ??
    (await openDatabase({
      url: config.databaseUrl,
      embeddedDir: config.embeddedDatabaseDir,
      poolMax: config.databasePoolMax,
      timeouts: config.databaseTimeouts,
      logger: app.log,
    }));
  try {
    if (options.migrate ?? config.migrateOnStart) {
      const applied = await migrateToLatest(database.db);
      for (const m of applied) app.log.info({ migration: m.migrationName, status: m.status }, 'migration');
    }
    await app.register(problems);
    await app.register(securityHeaders);
    // Before any route: every answer of 1 KB or more compressed for clients that accept it.
    await app.register(compression);
    await app.register(storableText);
    await app.register(databasePlugin, { database, ownsDatabase: options.database === undefined });
    app.decorate('ballotBatches', new BallotBatches(database.db, config.ballotBatches));
    app.decorate('caches', createCaches());
    await app.register(redis, { url: config.redisUrl });
    const keys = options.keys ?? loadKeys(config);
    app.decorate('keys', keys);
    const sms = options.sms ?? smsProviderFor(config, database.db, app.log);
    app.decorate('sms', sms);
    if (sms.name === 'development') {
      app.log.warn(
        config.env === 'development'
          ? 'SMS: the development sender is in use: messages go to the log (codes included) and sms_outbox (codes blanked), not to phones'
          : 'SMS: the development sender is in use: messages go to sms_outbox (codes blanked), not to phones',
      );
    }
    // FACE_PROVIDER: Tencent Cloud 人脸核身, the development fake (refused in production), or none.
    const face = options.face !== undefined ? options.face : config.face?.provider === 'development' ? developmentFaceProvider() : cloudFaceProviderFromConfig(config);
    app.decorate('face', face);
    await app.register(auth, { keys });
    await app.register(openapi);
    await app.register(jobs, { runWorkers: options.runJobs ?? config.runJobs });
    await app.register(routes);
    await app.register(queueDashboard);
    // The owner app at / and the staff console at /console/ (dist/web, built from web/).
    await app.register(webApp);
    await app.ready();
  } catch (err) {
    await app.close().catch(() => {});
    if (!options.database) await database.close().catch(() => {});
    throw err;
  }
  return app;
}
