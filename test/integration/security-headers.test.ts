import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { redisUrl } from '../helpers/urls.ts';

/**
 * Security headers on every answer (src/plugins/security-headers.ts): no
 * sniffing, no framing, no referrer, a CSP fitting each kind of page, HSTS in
 * production only, and no caching of anything but public documents.
 */
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp({ env: { REDIS_URL: redisUrl(), JOBS_QUEUE_PREFIX: `headers-${process.pid}` } });
  admin = await t.tokenFor({ role: 'admin' });
}, 60_000);
afterAll(async () => t?.close());

function expectBaseline(res: { headers: Record<string, unknown> }, what: string) {
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['x-frame-options'], what).toBe('DENY');
  expect(res.headers['referrer-policy'], what).toBe('no-referrer');
  expect(String(res.headers['content-security-policy']), what).toMatch(/frame-ancestors 'none'/);
  // Not production: a development server on plain http must not pin browsers to https.
  expect(res.headers['strict-transport-security'], what).toBeUndefined();
}

describe('security headers', () => {
  it('every kind of answer: JSON with personal data, a problem, a routing error, a framework error', async () => {
    const answers = {
      me: await t.app.inject({ url: '/v1/me', headers: bearer(admin) }),
      townships: await t.app.inject({ url: '/v1/townships', headers: bearer(admin) }),
      unauthenticated: await t.app.inject({ url: '/v1/me' }),
      notFound: await t.app.inject({ url: '/v1/no-such-route' }),
      badEncoding: await t.app.inject({ url: '/v1/estates/%ZZ/settings' }),
    };
    for (const [what, res] of Object.entries(answers)) {
      expectBaseline(res, what);
      expect(res.headers['content-security-policy'], what).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
      expect(res.headers['cache-control'], what).toBe('no-store');
    }
    expect(answers.me.statusCode).toBe(200);
  });

  it('the public signing key may be cached; nothing else says so', async () => {
    const res = await t.app.inject({ url: '/.well-known/gongjue/result-signing-key' });
    expectBaseline(res, 'signing key');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('/docs loads under a CSP that allows its own scripts, and inline ones only by hash', async () => {
    const page = await t.app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expectBaseline(page, '/docs');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|upgrade-insecure-requests/);
    // Every inline <script> of the page is allowed by one of the CSP's hashes, and every script it loads is served.
    const { createHash } = await import('node:crypto');
    const inline = [...page.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    for (const code of inline.filter((c) => c.trim() !== '')) {
      expect(csp).toContain(`'sha256-${createHash('sha256').update(code).digest('base64')}'`);
    }
    const sources = [...page.body.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) {
      const asset = await t.app.inject({ url: new URL(src, 'http://x/docs/').pathname });
      expect(asset.statusCode, src).toBe(200);
    }
  });

  it('the admin pages: a login form that posts to itself, a dashboard that runs only its own scripts', async () => {
    const login = await t.app.inject({ url: '/admin/login' });
    expect(login.statusCode).toBe(200);
    expectBaseline(login, 'login');
    expect(login.headers['content-security-policy']).toMatch(/form-action 'self'/);
    expect(login.headers['content-security-policy']).not.toMatch(/script-src/);
    const board = await t.app.inject({ url: '/admin/queues', headers: bearer(admin) });
    expect(board.statusCode).toBe(200);
    expectBaseline(board, 'dashboard');
    expect(board.headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(board.headers['cache-control']).toBe('no-store');
    const api = await t.app.inject({ url: '/admin/queues/api/queues', headers: bearer(admin) });
    expect(api.headers['cache-control']).toBe('no-store');
  });
});

describe('in production', () => {
  it('sends HSTS', async () => {
    const { buildApp } = await import('../../src/app.ts');
    const { ephemeralKeys } = await import('../../src/identity/keys.ts');
    const { loadConfig } = await import('../../src/config.ts');
    const config = { ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.testDatabase.url, LOG_LEVEL: 'silent' }), env: 'production' as const };
    const app = await buildApp({ config, database: t.testDatabase.database, keys: ephemeralKeys(), migrate: false, runJobs: false });
    try {
      const res = await app.inject({ url: '/healthz' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await app.close();
    }
  });
});
