import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { redisUrl } from '../helpers/urls.ts';

let t: TestApp;
let admin: string;
let staff: string;

beforeAll(async () => {
  // Queues on the shared Redis under a prefix of this file's own; no workers.
  t = await createTestApp({ env: { REDIS_URL: redisUrl(), JOBS_QUEUE_PREFIX: `dashboard-${process.pid}` } });
  admin = await t.tokenFor({ role: 'admin' });
  staff = await t.tokenFor({ role: 'township_staff', townshipId: '00000000-0000-4000-8000-000000000001' });
});
afterAll(async () => t?.close());

describe('the queue dashboard (bull-board)', () => {
  it('is for admins only', async () => {
    const anonymous = await t.app.inject({ url: '/admin/queues/api/queues' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    const browser = await t.app.inject({ url: '/admin/queues', headers: { accept: 'text/html' } });
    expect(browser.statusCode).toBe(303);
    expect(browser.headers.location).toBe('/admin/login');
    expect((await t.app.inject({ url: '/admin/queues/api/queues', headers: bearer(staff) })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/admin/queues/api/queues', headers: bearer('not.a.token') })).statusCode).toBe(401);
  });

  it('shows every queue to an admin', async () => {
    const page = await t.app.inject({ url: '/admin/queues', headers: bearer(admin) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const api = await t.app.inject({ url: '/admin/queues/api/queues', headers: bearer(admin) });
    expect(api.statusCode).toBe(200);
    const names = (api.json().queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(['close-voting', 'collect-sms-receipts', 'confirm-ballots', 'deliver-message', 'deliver-webhook', 'finalize-result', 'open-voting', 'publish-results', 'reconcile', 'remind-voters']);
  });

  it('a browser logs in with an admin token once and then holds an HttpOnly cookie for the dashboard path only', async () => {
    const form = (token: string) =>
      t.app.inject({ method: 'POST', url: '/admin/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ token }).toString() });
    const refused = await form(staff);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['set-cookie']).toBeUndefined();
    const accepted = await form(admin);
    expect(accepted.statusCode).toBe(303);
    const cookie = String(accepted.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/admin/queues');
    const withCookie = await t.app.inject({ url: '/admin/queues/api/queues', headers: { cookie: cookie.split(';')[0]! } });
    expect(withCookie.statusCode).toBe(200);
  });

  it('is not part of the API description', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/admin'))).toEqual([]);
  });

  it('answers its errors as problem+json: bull-board’s own, and ours that bull-board would catch as a 500', async () => {
    for (const [method, url, status, type] of [
      ['PUT', '/admin/queues/api/queues/no-such-queue/pause', 404, 'not-found'],
      ['GET', '/admin/queues/api/queues/close-voting/no-such-job', 404, 'not-found'],
      ['GET', '/admin/queues/api/queues?activeQueue=%00', 400, 'validation-failed'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: { ...bearer(admin), 'content-type': 'application/json' }, ...(method === 'PUT' ? { payload: '{}' } : {}) });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().type).toBe(`urn:gongjue:problem:${type}`);
    }
  });
});
