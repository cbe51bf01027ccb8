import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
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
