import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ logStream: sink });
});
afterAll(async () => t?.close());

describe('request logs', () => {
  it('every line of a request carries its request id, echoed in X-Request-Id', async () => {
    const res = await t.app.inject({ url: '/v1/townships', headers: { 'x-request-id': 'trace-abc.123' } });
    expect(res.headers['x-request-id']).toBe('trace-abc.123');
    const mine = lines.filter((l) => l.reqId === 'trace-abc.123');
    // One access line per request, with what Fastify's own pair of lines said.
    expect(mine).toEqual([
      expect.objectContaining({ msg: 'request completed', req: expect.objectContaining({ method: 'GET', path: '/v1/townships' }), res: { statusCode: 401 }, responseTime: expect.any(Number) }),
    ]);
  });

  it('an unsafe incoming request id is replaced by a fresh one', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\nforged line' } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never writes the bearer token, the query string or the body', async () => {
    const token = await t.tokenFor({ role: 'admin' });
    await t.app.inject({
      method: 'POST',
      url: '/v1/townships?idNumber=110101199003074477',
      headers: bearer(token),
      payload: { code: '350881099', name: '测试街道' },
    });
    // Log an object the way a careless handler might; redaction must still hold.
    t.app.log.info({ owner: { idNumber: '110101199003074477', name: '张三' }, token }, 'careless');
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[2]);
    expect(text).not.toContain('110101199003074477');
    expect(text).toContain('[redacted]');
  });
});
