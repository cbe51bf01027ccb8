import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DestinationStream } from 'pino';
import { type App, buildApp } from '../../src/app.ts';
import type { Clock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { ephemeralKeys, type Keys } from '../../src/identity/keys.ts';
import type { Grant } from '../../src/identity/principal.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { SmsProvider, SmsRequest } from '../../src/notifications/sms-provider.ts';
import type { FaceProvider } from '../../src/identity/face/face-provider.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { sessionToken } from './sessions.ts';

export type SentSms = SmsRequest & { body: string };

export interface TestApp {
  app: App;
  keys: Keys;
  testDatabase: TestDatabase;
  /** Every text message the app sent, as the phone receives it (login codes included), in order; `body` is its text. */
  sentSms: SentSms[];
  /** An access token of a new session of a new account (real rows: foreign keys hold, the session lives) holding these grants. */
  tokenFor(...grants: Grant[]): Promise<string>;
  close(): Promise<void>;
}

/** The real app on this file's own PostgreSQL database, with in-memory keys. */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    logStream?: DestinationStream;
    clock?: Clock;
    runJobs?: boolean;
    /** Called with each message after it is kept in `sentSms` (e.g. the development provider, to test it); its answer is the app's. */
    sms?: SmsProvider | ((db: Kysely<DB>) => SmsProvider);
    /** The face-verification provider (default: none, or the one FACE_PROVIDER in env names). */
    face?: FaceProvider | null;
  } = {},
): Promise<TestApp> {
  const testDatabase = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabase.url,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gongjue-test-')),
    LOG_LEVEL: options.logStream ? 'info' : 'silent',
    ...options.env,
  });
  const keys = ephemeralKeys();
  // The phone's side of the SMS gateway: what reaches a phone is kept here, in memory, and
  // nowhere else — the database and the log must never hold a login code.
  const sentSms: SentSms[] = [];
  const behind = typeof options.sms === 'function' ? options.sms(testDatabase.database.db) : options.sms;
  const sms: SmsProvider = {
    name: behind?.name ?? 'test',
    async send(request) {
      const outcome = behind ? await behind.send(request) : { status: 'sent' as const, providerMessageId: `test-${sentSms.length + 1}` };
      if (outcome.status === 'sent') sentSms.push({ ...request, body: request.text });
      return outcome;
    },
    ...(behind?.receipts ? { receipts: behind.receipts.bind(behind) } : {}),
  };
  const app = await buildApp({
    sms,
    ...(options.face !== undefined && { face: options.face }),
    config,
    database: testDatabase.database,
    keys,
    migrate: false,
    logStream: options.logStream,
    clock: options.clock,
    // Jobs are driven explicitly in tests (test/integration/jobs*.test.ts), never by a timer, unless a test asks.
    runJobs: options.runJobs ?? false,
  });
  let people = 0;
  return {
    app,
    keys,
    testDatabase,
    sentSms,
    tokenFor: async (...grants: Grant[]) => {
      const phone = `170${String(++people).padStart(8, '0')}`;
      return (await sessionToken(app, testDatabase.database.db, grants, phone)).token;
    },
    close: async () => {
      await app.close();
      await testDatabase.drop();
    },
  };
}

/**
 * A second instance of the service on the test app's database, as a second
 * API process would be: its own pool and its own remembered tokens, the same
 * signing keys. Closing it leaves the database to the first.
 */
export async function secondInstance(t: TestApp, options: { clock?: Clock } = {}): Promise<{ app: App; close(): Promise<void> }> {
  const database = await openDatabase({ url: t.testDatabase.url, embeddedDir: 'memory://', poolMax: 3 });
  const app = await buildApp({ config: t.app.config, database, keys: t.keys, migrate: false, clock: options.clock, runJobs: false });
  return {
    app,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The login code last texted to a phone, read from the message as the phone received it. */
export async function lastCodeFor(t: TestApp, phone: string): Promise<string> {
  const message = t.sentSms.findLast((m) => m.phone === phone);
  if (!message) throw new Error(`no text message was sent to ${phone}`);
  const code = /验证码是(\d{6})/.exec(message.body)?.[1];
  if (!code) throw new Error(`no code in: ${message.body}`);
  return code;
}

/** Logs a phone in through the real endpoints; returns the session. */
export async function logIn(t: TestApp, phone: string, ip = '127.0.0.1') {
  const asked = await t.app.inject({ method: 'POST', url: '/v1/auth/login-codes', payload: { phone }, remoteAddress: ip });
  if (asked.statusCode !== 202) throw new Error(`code request failed: ${asked.body}`);
  const res = await t.app.inject({ method: 'POST', url: '/v1/auth/sessions', payload: { phone, code: await lastCodeFor(t, phone) } });
  if (res.statusCode !== 201) throw new Error(`login failed: ${res.body}`);
  return res.json<{ accessToken: string; refreshToken: string; accountId: string }>();
}
