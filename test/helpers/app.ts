import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DestinationStream } from 'pino';
import { type App, buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { ephemeralKeys, type Keys } from '../../src/identity/keys.ts';
import type { Grant, Principal } from '../../src/identity/principal.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestApp {
  app: App;
  keys: Keys;
  testDatabase: TestDatabase;
  /** An access token for a person holding these grants. */
  tokenFor(...grants: Grant[]): string;
  close(): Promise<void>;
}

/** The real app on this file's own PostgreSQL database, with in-memory keys. */
export async function createTestApp(
  options: { env?: Record<string, string>; logStream?: DestinationStream } = {},
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
  const app = await buildApp({
    config,
    database: testDatabase.database,
    keys,
    migrate: false,
    logStream: options.logStream,
  });
  let people = 0;
  return {
    app,
    keys,
    testDatabase,
    tokenFor: (...grants: Grant[]) => {
      const principal: Principal = { subject: `test-person-${++people}`, kind: 'person', grants };
      return app.issueAccessToken(principal);
    },
    close: async () => {
      await app.close();
      await testDatabase.drop();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
