import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ephemeralKeys } from '../../src/identity/keys.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { openSession } from '../../src/identity/sessions.ts';
import { es256Token } from '../helpers/jwt.ts';
import { type PgProxy, pgProxy } from '../helpers/pg-proxy.ts';
import { freePort, type ServerProcess, startServer, waitUntilReady } from '../helpers/server-process.ts';
import { adminDatabaseUrl } from '../helpers/urls.ts';

/**
 * Issue 12, "Survive the database": the real server process (src/server.ts)
 * with the production defaults for its database limits, talking to the shared
 * PostgreSQL through a proxy of this test's own, so an outage and a frozen
 * server can be staged without stopping the server other tests use; and its
 * backends terminated with pg_terminate_backend, only in this test's database.
 */

let target: TestDatabase;
let proxy: PgProxy;
let server: ServerProcess;
let admin: Record<string, string>;
const keys = ephemeralKeys();

beforeAll(async () => {
  target = await createTestDatabase();
  const upstream = new URL(adminDatabaseUrl());
  proxy = await pgProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
  server = startServer({
    DATABASE_URL: proxy.urlFor(target.name),
    DATA_DIR: '/tmp/gongjue-unused',
    PORT: String(await freePort()),
    JWT_PRIVATE_KEY: keys.jwt.privateKey,
    JWT_PUBLIC_KEY: keys.jwt.publicKey,
    IDENTITY_HMAC_KEY: keys.identityHmacKey.toString('base64'),
    RESULT_SIGNING_KEY: keys.resultSigning.privateKey,
  });
  await waitUntilReady(server);
  // A live session of a real account: the service honours a token only while its session lives.
  const ops = await target.database.db.insertInto('accounts').values({ phone: '16600000001' }).returning('id').executeTakeFirstOrThrow();
  const { sessionId } = await openSession(target.database.db, ops.id, new Date());
  admin = { authorization: `Bearer ${es256Token(keys.jwt.privateKey, { sub: ops.id, sid: sessionId, kind: 'person', grants: [{ role: 'admin' }] })}` };
});

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await target?.drop();
});

interface Answer {
  status: number;
  type: string | null;
  retryAfter: string | null;
  body: { type?: string; id?: string; code?: string };
  ms: number;
}

async function call(path: string, init: { method?: string; body?: object } = {}): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(`${server.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...admin, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const body = (await res.json()) as Answer['body'];
  return { status: res.status, type: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), body, ms: Date.now() - started };
}

let townships = 0;
const newTownship = () => ({ code: String(350_881_000 + ++townships), name: `断线街道${townships}` });

function expectUnavailable(answer: Answer) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(503);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  expect(answer.body.type).toBe('urn:gongjue:problem:unavailable');
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
}

function expectAlive() {
  expect(server.child.exitCode, server.output()).toBeNull();
}

/** A connection of the test's own (not the service's application_name) holding a lock in an open transaction. */
async function holdLock(statement: string): Promise<pg.Client> {
  const holder = new pg.Client({ connectionString: target.url, application_name: 'gongjue-test-holder' });
  await holder.connect();
  await holder.query('begin');
  await holder.query(statement);
  return holder;
}

/** The service's backends in this test's database, waiting for a lock. */
async function waitingBackends(): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from pg_stat_activity
    where datname = ${target.name} and application_name = 'gongjue' and wait_event_type = 'Lock'`.execute(target.database.db);
  return Number(rows[0]?.n ?? 0);
}

describe('the API when PostgreSQL drops its connections', () => {
  it('pg_terminate_backend while requests are in flight: they answer 503, the process lives on, the next request succeeds, nothing acknowledged is lost', async () => {
    expect((await call('/v1/townships', { method: 'POST', body: newTownship() })).status).toBe(201);
    // Requests in flight: reading and writing a table the test holds locked, so each has its connection checked out.
    const holder = await holdLock('lock table townships in access exclusive mode');
    const writes = Array.from({ length: 3 }, () => newTownship());
    const inFlight = [call('/v1/townships'), call('/v1/townships'), ...writes.map((body) => call('/v1/townships', { method: 'POST', body }))];
    const until = Date.now() + 2_500; // within the 3 s lock timeout
    while ((await waitingBackends()) < 5 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(await waitingBackends()).toBe(5);
    const superuser = new pg.Client({ connectionString: adminDatabaseUrl(), application_name: 'gongjue-test-admin' });
    await superuser.connect();
    try {
      const { rows } = await superuser.query(
        `select pg_terminate_backend(pid) as done from pg_stat_activity where datname = $1 and application_name = 'gongjue' and wait_event_type = 'Lock'`,
        [target.name],
      );
      expect(rows).toHaveLength(5);
    } finally {
      await superuser.end();
    }
    const answers = await Promise.all(inFlight);
    await holder.query('rollback');
    await holder.end();
    for (const answer of answers) expectUnavailable(answer);
    await new Promise((r) => setTimeout(r, 300)); // a crash would come with the connections' end
    expectAlive();

    // The first request afterwards succeeds, and what it acknowledged is there; what answered 503 is not.
    const after = await call('/v1/townships', { method: 'POST', body: newTownship() });
    expect(after.status).toBe(201);
    const codes = (await target.database.db.selectFrom('townships').select('code').execute()).map((r) => r.code);
    expect(codes).toContain(after.body.code);
    for (const w of writes) expect(codes).not.toContain(w.code);
    expectAlive();
  });

  it('a request stuck behind a lock answers 503 after the lock timeout (3 s by default) instead of waiting', async () => {
    const holder = await holdLock('lock table townships in access exclusive mode');
    try {
      const answer = await call('/v1/townships');
      expectUnavailable(answer);
      expect(answer.ms).toBeLessThan(10_000);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    expect((await call('/v1/townships')).status).toBe(200);
  });

  it('during an outage requests answer 503 with Retry-After, quickly; the first request after the database is back succeeds', async () => {
    await proxy.down();
    try {
      for (const answer of [await call('/v1/townships'), await call('/v1/townships', { method: 'POST', body: newTownship() })]) {
        expectUnavailable(answer);
        expect(answer.ms).toBeLessThan(10_000);
      }
      expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(503);
      expectAlive();
    } finally {
      await proxy.up();
    }
    const back = await call('/v1/townships', { method: 'POST', body: newTownship() });
    expect(back.status).toBe(201);
    expectAlive();
  });

  it('a frozen database (connections open, no answers) fails a request with 503 within a few seconds, not a hang', async () => {
    expect((await call('/v1/townships')).status).toBe(200); // an idle connection in the pool, as in normal operation
    proxy.freeze();
    let answers: Answer[];
    try {
      // One on the pool's idle connection (its query gets no answer), one on a new connection (its start-up gets none).
      answers = await Promise.all([call('/v1/townships'), call('/v1/townships'), call('/v1/townships')]);
    } finally {
      proxy.thaw();
    }
    for (const answer of answers) {
      expectUnavailable(answer);
      // DATABASE_STATEMENT_TIMEOUT_MS (5 s) + 1 s, or DATABASE_CONNECT_TIMEOUT_MS (5 s); generous for a loaded machine.
      expect(answer.ms).toBeLessThan(10_000);
    }
    expectAlive();
    expect((await call('/v1/townships')).status).toBe(200);
    expect((await call('/v1/townships', { method: 'POST', body: newTownship() })).status).toBe(201);
  }, 40_000);
});
