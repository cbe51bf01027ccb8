import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSP } from './security-headers.ts';

/**
 * dist/web, built by Vite from web/ (scripts/build.mjs): from this module compiled into
 * dist/src/plugins that is ../../web; run from its source (tests) ../../dist/web.
 */
export const WEB_DIR = fileURLToPath(new URL(import.meta.url.includes('/dist/src/') ? '../../web/' : '../../dist/web/', import.meta.url));

/**
 * Paths that belong to the service, not to the owner app: an unknown path under one of them is a
 * 404 problem, as without the web app. Any other path without a file extension is one of the
 * app's own pages (/login, /meetings/<id> from an SMS link) and gets its index.html.
 */
const SERVICE_PATHS = ['/v1', '/docs', '/healthz', '/readyz', '/openapi.json', '/admin', '/.well-known', '/local', '/assets', '/console'];

export function isOwnerAppPath(url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  if (SERVICE_PATHS.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))) return false;
  // A file the app does not have (favicon.ico, robots.txt) is a 404, not a page.
  return !(pathname.slice(pathname.lastIndexOf('/') + 1).includes('.'));
}

/**
 * The page's CSP, allowing its inline scripts by their SHA-256 hashes and no other inline script:
 * the owner app's first script is inlined by the build (web/vite.config.ts) so that an SMS link
 * starts the session restore a round trip sooner on a slow phone network.
 */
export function cspAllowingInlineScripts(csp: string, html: string): string {
  const hashes = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`);
  if (hashes.length === 0) return csp;
  if (!csp.includes("script-src 'self'")) throw new Error("web app CSP: no script-src 'self' to add the inline scripts' hashes to");
  return csp.replace("script-src 'self'", `script-src 'self' ${hashes.join(' ')}`);
}

/**
 * Serves the built web apps: the owner app at / (and its own paths), the staff console at
 * /console/, their hashed assets at /assets/. Without a build (a test app built from the
 * sources with no dist/web) it registers nothing and says so.
 *
 * @fastify/static sends the assets: streamed, with content types, ETag/Last-Modified and
 * conditional and range requests, refusing paths that leave the folder; it is already in the
 * tree (@fastify/swagger-ui serves /docs with it), so no hand-written file server is needed.
 * The pages get the apps' CSP (CSP.webApp); assets and 404s keep the API's.
 * Asset names carry a hash of their content: cached for a year, immutable. The two index.html
 * pages are read once here and revalidated by browsers at each visit (no-cache), so a new
 * release is picked up at once; they hold no personal data.
 */
export default async function webApp(app: FastifyInstance, options: { dir?: string } = {}) {
  const dir = options.dir ?? WEB_DIR;
  let ownerIndex: string;
  let consoleIndex: string;
  try {
    ownerIndex = readFileSync(path.join(dir, 'index.html'), 'utf8');
    consoleIndex = readFileSync(path.join(dir, 'console', 'index.html'), 'utf8');
  } catch {
    app.log.warn({ dir }, 'web apps: no build in this folder (npm start builds it): / and /console/ are not served');
    return;
  }

  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true }; // pages, not API operations
    });

    await scope.register(fastifyStatic, {
      root: path.join(dir, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      list: false,
      immutable: true,
      maxAge: '365d',
      // The .br and .gz files the build writes beside each script and stylesheet (web/vite.config.ts).
      preCompressed: true,
    });

    const page = (html: string) => {
      const csp = cspAllowingInlineScripts(CSP.webApp, html);
      return (_request: FastifyRequest, reply: FastifyReply) =>
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', csp).send(html);
    };
    const ownerPage = page(ownerIndex);
    const consolePage = page(consoleIndex);

    scope.get('/console', (_request, reply) => reply.redirect('/console/', 301));
    scope.get('/console/', consolePage);
    scope.get('/console/*', consolePage);
    scope.get('/', ownerPage);
    // Any other path of the app: answered where a 404 would be (src/plugins/problems.ts).
    app.pageFallbacks.push(Object.assign((request: FastifyRequest) => (request.method === 'GET' || request.method === 'HEAD') && isOwnerAppPath(request.url), { answer: ownerPage }));
  });
}
