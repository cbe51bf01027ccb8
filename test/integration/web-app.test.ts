import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../../src/plugins/security-headers.ts';
import { WEB_DIR } from '../../src/plugins/web-app.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * The service serves the built web apps (src/plugins/web-app.ts; dist/web is built by the
 * tests' global setup): the owner app at / and at its own paths, the staff console at
 * /console/, their assets — while every path of the API keeps its own answers and 404 problems.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const get = (url: string, method: 'GET' | 'HEAD' | 'POST' = 'GET') => t.app.inject({ method, url });
const assets = () => readdirSync(path.join(WEB_DIR, 'assets')).filter((f) => !/\.(br|gz)$/.test(f));

/** A page's one inline script (its first: web/src/owner/boot.ts, web/src/console/boot.ts), as a CSP hash source. */
function bootScriptHash(html: string): string {
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  expect(inline).toHaveLength(1);
  expect(inline[0]).toContain('/v1/auth/refresh');
  return `'sha256-${createHash('sha256').update(inline[0]!, 'utf8').digest('base64')}'`;
}

function expectOwnerApp(res: Awaited<ReturnType<typeof get>>, what: string) {
  expect(res.statusCode, what).toBe(200);
  expect(res.headers['content-type'], what).toBe('text/html; charset=utf-8');
  expect(res.body, what).toContain('<title>共决 · 业主投票</title>');
  expect(res.headers['content-security-policy'], what).toBe(CSP.webApp.replace("script-src 'self'", `script-src 'self' ${bootScriptHash(res.body)}`));
  expect(res.headers['cache-control'], what).toBe('no-cache');
  expect(res.headers['x-frame-options'], what).toBe('DENY');
}

function expectNotFoundProblem(res: Awaited<ReturnType<typeof get>>, what: string) {
  expect(res.statusCode, what).toBe(404);
  expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
  expect(res.json().type, what).toBe('urn:gongjue:problem:not-found');
  expect(res.headers['content-security-policy'], what).toBe(CSP.api);
}

describe('the owner app', () => {
  it('is served at / and at its own paths (an SMS link to a meeting opens the app)', async () => {
    expectOwnerApp(await get('/'), '/');
    expectOwnerApp(await get('/login'), '/login');
    expectOwnerApp(await get('/meetings/6b1f0c2e-4b0e-4c57-a1a5-2f3c7d1e9a10?from=sms'), '/meetings/<id>');
    expectOwnerApp(await get('/some/deeper/page/'), 'a deeper path');
    const head = await get('/meetings/x', 'HEAD');
    expect(head.statusCode).toBe(200);
  });

  it('its page inlines one script, its first (allowed by its hash alone); every other script and stylesheet is a file from /assets/', async () => {
    const res = await get('/');
    const html = res.body;
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain(`script-src 'self' ${bootScriptHash(html)};`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    // The boot script comes before the app's own module script, so it runs first.
    expect(html.indexOf('/v1/auth/refresh')).toBeLessThan(html.search(/<script type="module"/));
    expect(html).not.toMatch(/<style|\sstyle=/);
    const files = [...html.replace(/<script(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>/g, '').matchAll(/(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((file) => !file.startsWith('data:'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      expect(file).toMatch(/^\/assets\//);
      const asset = await get(file);
      expect(asset.statusCode, file).toBe(200);
      expect(asset.headers['content-type'], file).toMatch(/^(text\/javascript|application\/javascript|text\/css)/);
      expect(asset.headers['cache-control'], file).toBe('public, max-age=31536000, immutable');
    }
    expect(CSP.webApp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('scripts and stylesheets go compressed to browsers that accept it (built beside them: brotli, gzip)', async () => {
    // The largest script: a small page's chunk compresses by less than half (only its words and markup).
    const js = assets()
      .filter((f) => f.endsWith('.js'))
      .sort((a, b) => statSync(path.join(WEB_DIR, 'assets', b)).size - statSync(path.join(WEB_DIR, 'assets', a)).size)[0]!;
    const plain = await get(`/assets/${js}`);
    for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip']] as const) {
      const res = await t.app.inject({ url: `/assets/${js}`, headers: { 'accept-encoding': accept } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      expect(res.headers['content-type']).toBe(plain.headers['content-type']);
    }
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('assets are served with their types; a missing one, and any file the app does not have, is a 404 problem', async () => {
    // The largest script: a small page's chunk compresses by less than half (only its words and markup).
    const js = assets()
      .filter((f) => f.endsWith('.js'))
      .sort((a, b) => statSync(path.join(WEB_DIR, 'assets', b)).size - statSync(path.join(WEB_DIR, 'assets', a)).size)[0]!;
    expect((await get(`/assets/${js}`)).statusCode).toBe(200);
    expectNotFoundProblem(await get('/assets/no-such-file.js'), 'missing asset');
    expectNotFoundProblem(await get('/assets/../index.html'), 'traversal');
    expectNotFoundProblem(await get('/favicon.ico'), 'favicon');
    expectNotFoundProblem(await get('/robots.txt'), 'robots.txt');
  });
});

describe('the staff console', () => {
  it('is served at /console/ (and its own paths); /console redirects there', async () => {
    const res = await get('/console/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>共决 · 管理控制台</title>');
    expect(res.headers['content-security-policy']).toBe(CSP.webApp.replace("script-src 'self'", `script-src 'self' ${bootScriptHash(res.body)}`));
    expect((await get('/console/estates/1')).body).toContain('管理控制台');
    const bare = await get('/console');
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/console/');
  });

  it('its page inlines one script, its first (web/src/console/boot.ts: the session restore and the page\'s read while the console downloads), allowed by its hash alone', async () => {
    const res = await get('/console/estates/6b1f0c2e-4b0e-4c57-a1a5-2f3c7d1e9a10/cockpit/2f3c7d1e-4b0e-4c57-a1a5-6b1f0c2e9a10');
    const html = res.body;
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain(`script-src 'self' ${bootScriptHash(html)};`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(html).toContain('gongjueConsoleEarly');
    // Before the console's own module script, so it runs first.
    expect(html.indexOf('/v1/auth/refresh')).toBeLessThan(html.search(/<script type="module"/));
    expect(html).not.toMatch(/<style|\sstyle=/);
  });
});

describe('the service\'s own paths are untouched', () => {
  it('the API, its description, health and readiness answer as before', async () => {
    expect((await get('/healthz')).json()).toMatchObject({ status: 'ok' });
    expect((await get('/readyz')).statusCode).toBe(200);
    expect((await get('/openapi.json')).json().openapi).toMatch(/^3\.1/);
    expect((await get('/docs/')).headers['content-type']).toMatch(/text\/html/);
    expect((await get('/v1/me')).statusCode).toBe(401);
  });

  it('an unknown path under them is a 404 problem, never the app', async () => {
    for (const url of ['/v1/no-such-route', '/v1', '/docs/no-such-page', '/healthz/x', '/readyz/x', '/openapi.json/x', '/admin', '/admin/queues', '/.well-known/x', '/local/x']) {
      expectNotFoundProblem(await get(url), url);
    }
    // Other methods than GET and HEAD: no page.
    expectNotFoundProblem(await get('/', 'POST'), 'POST /');
    expectNotFoundProblem(await get('/meetings/x', 'POST'), 'POST /meetings/x');
  });
});
