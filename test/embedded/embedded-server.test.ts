import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { openSession } from '../../src/identity/sessions.ts';
import { es256Token } from '../helpers/jwt.ts';
import { freePort, type ServerProcess, startServer, waitUntilReady } from '../helpers/server-process.ts';

const running: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/**
 * An account with a live session in the data directory's database, written
 * before the service holds it: the service honours a token only while its
 * session lives.
 */
async function sessionIn(dataDir: string): Promise<{ accountId: string; sessionId: string }> {
  const database = await openDatabase({ url: undefined, embeddedDir: loadConfig({ DATA_DIR: dataDir }).embeddedDatabaseDir });
  try {
    await migrateToLatest(database.db);
    const account = await database.db.insertInto('accounts').values({ phone: '13800000099' }).returning('id').executeTakeFirstOrThrow();
    return { accountId: account.id, sessionId: (await openSession(database.db, account.id, new Date())).sessionId };
  } finally {
    await database.close();
  }
}

function start(env: Record<string, string>) {
  const server = startServer(env);
  running.push(server);
  return server;
}

describe('the service on embedded defaults (no DATABASE_URL, no REDIS_URL)', () => {
  it('becomes ready, keeps what was written across a restart, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gongjue-embedded-'));
    const port = String(await freePort());
    const session = await sessionIn(dataDir);

    const first = start({ DATA_DIR: dataDir, PORT: port });
    await waitUntilReady(first);
    const ready = (await (await fetch(`${first.baseUrl}/readyz`)).json()) as { checks: unknown };
    expect(ready.checks).toEqual({ database: { status: 'ok' }, redis: { status: 'not_configured' } });

    // The keys were generated into the data directory on this first start.
    const privateKey = readFileSync(path.join(dataDir, 'secrets', 'jwt-es256.private.pem'), 'utf8');
    const token = es256Token(privateKey, { sub: session.accountId, sid: session.sessionId, kind: 'person', grants: [{ role: 'admin' }] });
    const created = await fetch(`${first.baseUrl}/v1/townships`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: '110101001', name: '东华门街道' }),
    });
    expect(created.status).toBe(201);
    const township = (await created.json()) as { id: string };

    // A second process on the same files is refused rather than corrupting them.
    const intruder = start({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await intruder.exited).not.toBe(0);
    expect(intruder.output()).toMatch(/in use by process/);

    expect(await first.stop()).toBe(0);

    const second = start({ DATA_DIR: dataDir, PORT: port });
    await waitUntilReady(second);
    const again = await fetch(`${second.baseUrl}/v1/townships/${township.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(township);
    expect(await second.stop()).toBe(0);
  });

  it('refuses to start on a bad environment value, naming the variable', async () => {
    const server = start({ PORT: 'abc', LOG_LEVEL: 'shouty', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gongjue-bad-')) });
    expect(await server.exited).toBe(78);
    const lines = server.output().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.some((l) => /configuration error: PORT: .*"abc"/.test(l))).toBe(true);
    expect(lines.some((l) => /configuration error: LOG_LEVEL: /.test(l))).toBe(true);
  });
});
