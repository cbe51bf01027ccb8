import { connect } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.tokenFor({ role: 'admin' });
});
afterAll(async () => t?.close());

const isProblem = (res: { headers: Record<string, unknown> }) =>
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);

async function townshipCount() {
  const row = await t.testDatabase.database.db
    .selectFrom('townships')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('errors are problem details', () => {
  it('an unknown route is a 404 problem', async () => {
    const res = await t.app.inject({ url: '/v1/no-such-thing?x=1' });
    expect(res.statusCode).toBe(404);
    isProblem(res);
    expect(res.json()).toMatchObject({
      type: 'urn:gongjue:problem:not-found',
      status: 404,
      instance: '/v1/no-such-thing',
    });
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });

  it('a validation error lists every failing field path and writes nothing', async () => {
    const before = await townshipCount();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/townships',
      headers: bearer(admin),
      payload: { code: '12ab', name: '', extra: true },
    });
    expect(res.statusCode).toBe(400);
    isProblem(res);
    const body = res.json();
    expect(body.type).toBe('urn:gongjue:problem:validation-failed');
    const paths = body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['body.code', 'body.extra', 'body.name']);
    expect(body.errors.find((e: { path: string }) => e.path === 'body.code').message).toMatch(/division code/);
    expect(await townshipCount()).toBe(before);
  });

  it('a path parameter of the wrong shape is a 400 naming params', async () => {
    const res = await t.app.inject({ url: '/v1/townships/not-a-uuid', headers: bearer(admin) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'params.townshipId', message: 'expected a township id (UUID)' }]);
  });

  it('a body that is not JSON is a 400 malformed-request', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/townships',
      headers: { ...bearer(admin), 'content-type': 'application/json' },
      payload: '{"code": "350881001", ',
    });
    expect(res.statusCode).toBe(400);
    isProblem(res);
    expect(res.json().type).toBe('urn:gongjue:problem:malformed-request');
  });

  it('an unsupported media type is a 415 problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/townships',
      headers: { ...bearer(admin), 'content-type': 'text/csv' },
      payload: 'code,name\n350881001,x',
    });
    expect(res.statusCode).toBe(415);
    isProblem(res);
    expect(res.json().type).toBe('urn:gongjue:problem:unsupported-media-type');
  });

  it('a body over the limit is a 413 problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/townships',
      headers: { ...bearer(admin), 'content-type': 'application/json' },
      payload: JSON.stringify({ code: '350881001', name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    isProblem(res);
  });

  it('a 500 says nothing of the SQL or the stack', async () => {
    // Break the schema under the running app: the query fails inside PostgreSQL.
    await sql`alter table townships rename to townships_gone`.execute(t.testDatabase.database.db);
    try {
      const res = await t.app.inject({ url: '/v1/townships', headers: bearer(admin) });
      expect(res.statusCode).toBe(500);
      isProblem(res);
      const text = res.body;
      expect(res.json()).toMatchObject({ type: 'urn:gongjue:problem:internal-error', status: 500 });
      expect(text).not.toMatch(/relation|does not exist|select |stack|\.ts:\d/i);
      expect(res.json().detail).toBeUndefined();
    } finally {
      await sql`alter table townships_gone rename to townships`.execute(t.testDatabase.database.db);
    }
  });

  it('bad percent-encoding in the path is a 400 problem, not Fastify’s own JSON', async () => {
    const res = await t.app.inject({ url: '/v1/estates/%ZZ/settings', headers: bearer(admin) });
    expect(res.statusCode).toBe(400);
    isProblem(res);
    expect(res.json()).toMatchObject({ type: 'urn:gongjue:problem:malformed-request', status: 400 });
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });

  it('an over-long path segment is a 414 problem', async () => {
    const res = await t.app.inject({ url: `/v1/estates/${'a'.repeat(200)}/settings`, headers: bearer(admin) });
    expect(res.statusCode).toBe(414);
    isProblem(res);
    expect(res.json()).toMatchObject({ type: 'urn:gongjue:problem:uri-too-long', status: 414 });
  });

  it('a missing body on a JSON route, and a body of another type, are problems', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/v1/townships', headers: { ...bearer(admin), 'content-type': 'application/json' } });
    expect(empty.statusCode).toBe(400);
    isProblem(empty);
    const xml = await t.app.inject({ method: 'POST', url: '/v1/townships', headers: { ...bearer(admin), 'content-type': 'application/xml' }, payload: '<x/>' });
    expect(xml.statusCode).toBe(415);
    isProblem(xml);
  });
});

/** Errors Node's HTTP parser finds never reach a route: they are answered on the socket, by a real listening server. */
describe('errors before Fastify sees a request', () => {
  async function raw(request: string): Promise<string> {
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.on('close', () => resolve(text));
      socket.on('error', (err) => (text ? resolve(text) : reject(err)));
      socket.write(request);
    });
  }
  const parse = (text: string) => {
    const [head, body] = text.split('\r\n\r\n');
    return { status: Number(head!.split(' ')[1]), head: head!.toLowerCase(), body: JSON.parse(body!) };
  };

  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });

  it('headers over the limit: 431 problem+json', async () => {
    const res = parse(await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(32 * 1024)}\r\n\r\n`));
    expect(res.status).toBe(431);
    expect(res.head).toContain('content-type: application/problem+json');
    expect(res.head).toContain('x-content-type-options: nosniff');
    expect(res.body).toMatchObject({ type: 'urn:gongjue:problem:headers-too-large', status: 431 });
  });

  it('a request that is not HTTP: 400 problem+json', async () => {
    const res = parse(await raw('NOT HTTP AT ALL\r\n\r\n'));
    expect(res.status).toBe(400);
    expect(res.head).toContain('content-type: application/problem+json');
    expect(res.body).toMatchObject({ type: 'urn:gongjue:problem:malformed-request', status: 400 });
  });
});

describe('while shutting down', () => {
  it('a request that still reaches the router gets 503 problem+json with Retry-After', async () => {
    const { buildApp } = await import('../../src/app.ts');
    const { ephemeralKeys } = await import('../../src/identity/keys.ts');
    const { loadConfig } = await import('../../src/config.ts');
    const { inject } = await import('light-my-request');
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.testDatabase.url, LOG_LEVEL: 'silent' });
    const app = await buildApp({ config, database: t.testDatabase.database, keys: ephemeralKeys(), migrate: false, runJobs: false });
    // app.inject refuses once closing starts; a request on a connection kept alive (or pipelined) still reaches the router.
    const closed = app.close();
    let res = await inject(app.routing.bind(app), { url: '/healthz' });
    for (let i = 0; i < 100 && res.statusCode !== 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      res = await inject(app.routing.bind(app), { url: '/healthz' });
    }
    await closed;
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers.connection).toBe('close');
    expect(res.json().type).toBe('urn:gongjue:problem:not-ready');
  });
});
