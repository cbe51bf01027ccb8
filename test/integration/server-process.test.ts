import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { ephemeralKeys } from '../../src/identity/keys.ts';
import { openSession } from '../../src/identity/sessions.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { registryCsv, residentId } from '../helpers/identity.ts';
import { es256Token } from '../helpers/jwt.ts';
import { freePort, type ServerProcess, startServer, waitUntilReady } from '../helpers/server-process.ts';
import { redisUrl } from '../helpers/urls.ts';

const cleanups: Array<TestDatabase | ServerProcess> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await ('drop' in c ? c.drop() : c.stop());
});

describe('the service on an external PostgreSQL and Redis', () => {
  it('two instances starting at once on an empty database both become ready; migrations run once', async () => {
    const target = await createTestDatabase({ empty: true });
    cleanups.push(target);
    const env = { DATABASE_URL: target.url, REDIS_URL: redisUrl(), DATA_DIR: '/tmp/gongjue-unused' };
    const servers = [startServer({ ...env, PORT: String(await freePort()) }), startServer({ ...env, PORT: String(await freePort()) })];
    cleanups.push(...servers);
    await Promise.all(servers.map((s) => waitUntilReady(s)));

    const ready = (await (await fetch(`${servers[0]?.baseUrl}/readyz`)).json()) as { checks: unknown };
    expect(ready.checks).toEqual({ database: { status: 'ok' }, redis: { status: 'ok' } });
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(target.database.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations));

    for (const s of servers) expect(await s.stop()).toBe(0);
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM a request in flight still completes, new connections are refused, and the process exits 0', async () => {
    const target = await createTestDatabase();
    cleanups.push(target);
    const keys = ephemeralKeys();
    const server = startServer({
      DATABASE_URL: target.url,
      DATA_DIR: '/tmp/gongjue-unused',
      LOG_LEVEL: 'info',
      PORT: String(await freePort()),
      JWT_PRIVATE_KEY: keys.jwt.privateKey,
      JWT_PUBLIC_KEY: keys.jwt.publicKey,
      IDENTITY_HMAC_KEY: keys.identityHmacKey.toString('base64'),
      RESULT_SIGNING_KEY: keys.resultSigning.privateKey,
    });
    cleanups.push(server);
    await waitUntilReady(server);
    // A live session of a real account: the service honours a token only while its session lives.
    const ops = await target.database.db.insertInto('accounts').values({ phone: '13800000098' }).returning('id').executeTakeFirstOrThrow();
    const { sessionId } = await openSession(target.database.db, ops.id, new Date());
    const admin = { authorization: `Bearer ${es256Token(keys.jwt.privateKey, { sub: ops.id, sid: sessionId, kind: 'person', grants: [{ role: 'admin' }] })}` };
    const json = { ...admin, 'content-type': 'application/json' };
    const township = await (await fetch(`${server.baseUrl}/v1/townships`, { method: 'POST', headers: json, body: JSON.stringify({ code: '350881555', name: '关停街道' }) })).json() as { id: string };
    const estate = await (await fetch(`${server.baseUrl}/v1/townships/${township.id}/estates`, { method: 'POST', headers: json, body: JSON.stringify({ name: '关停小区' }) })).json() as { id: string };

    // A registry upload big enough to still be running when the signal arrives.
    const units = Array.from({ length: 20_000 }, (_, i) => ({ registryNo: `G-${i}`, building: `${1 + (i % 40)}栋`, room: String(i), area: '88.00', owners: [{ name: `业主${i}`, id: residentId('19600101', i % 1000, String(110101 + Math.floor(i / 1000))) }] }));
    let answeredAt = 0;
    const inFlight = fetch(`${server.baseUrl}/v1/estates/${estate.id}/registry-imports`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'text/csv' },
      body: registryCsv(units),
    }).then((r) => {
      answeredAt = Date.now();
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const response = await inFlight;
    expect(answeredAt).toBeGreaterThan(signalledAt); // the request really was in flight when the signal came
    expect(response.status).toBe(201);
    expect(((await response.json()) as { counts: { added: number } }).counts.added).toBe(20_000);
    expect(await server.exited, server.output()).toBe(0);
    await expect(fetch(`${server.baseUrl}/healthz`)).rejects.toThrow();
    // Log lines are written without blocking (src/app.ts): the last ones still reach the output at exit.
    const lines = server.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; res?: { statusCode: number } });
    expect(lines.some((l) => l.msg === 'shutting down')).toBe(true);
    expect(lines.some((l) => l.msg === 'request completed' && l.res?.statusCode === 201)).toBe(true);
  });
});
