import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { NOTICE_STYLE_CSP_SOURCE } from '../results/notice-html.ts';

/**
 * Content-Security-Policies, one per kind of page. The API answers JSON, so
 * by default nothing may be loaded, run or framed; the few HTML pages get
 * exactly what they use.
 */
export const CSP = {
  /** JSON and problem answers: a browser that renders one anyway runs and loads nothing. */
  api: "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  /** The printable result notice is self-contained: its one <style> element and nothing else. */
  printable: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  /**
   * The web apps (the owner app at /, the staff console at /console/, src/plugins/web-app.ts):
   * their own scripts, styles and fonts from /assets and calls to this origin's API — nothing
   * inline (but the owner app's first script, allowed by its hash where the page is served:
   * cspAllowingInlineScripts in web-app.ts), nothing from elsewhere, no eval (vue-i18n compiles messages without it). Vue and Vant
   * set style properties through the CSSOM, which style-src does not govern; Vant's icon font is
   * a data: URL inside its stylesheet; the receipt picture the owner app draws to be kept
   * (ReceiptPage, a PNG data: URL) is a data: image. No forms post anywhere (the apps call the API with fetch).
   * One inline style is allowed by its hash: the printable result notice's, which the console
   * opens as a blob: page of its own to print (such a page keeps the CSP of the page that made it).
   */
  webApp:
    `default-src 'none'; script-src 'self'; style-src 'self' ${NOTICE_STYLE_CSP_SOURCE}; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; ` +
    "manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  /** The admin login form: inline style, posts to itself. */
  adminLogin: "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  /**
   * bull-board's page: its own scripts and styles from /admin/queues/static,
   * inline style attributes, its JSON API. Its web fonts from elsewhere stay
   * unloaded (the page falls back to system fonts).
   */
  adminDashboard:
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
    "manifest-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
} as const;

/** What every answer carries even when no hook runs (routing and parser errors, src/plugins/problems.ts). */
export const BASELINE_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': CSP.api,
  'cache-control': 'no-store',
} as const;

/**
 * Security headers on every answer (@fastify/helmet): nosniff, no framing
 * (frame-ancestors and X-Frame-Options), no referrer, HSTS in production
 * only (a development server on plain http must not pin browsers to https),
 * and the API's CSP; pages with their own needs set theirs (see CSP).
 *
 * Caching: every answer is `Cache-Control: no-store` unless its route set a
 * Cache-Control of its own. Most answers carry personal data (/v1/me…, units
 * with names and phones, ballots, filings) and a shared cache or the browser's
 * disk must keep none of it; the few public documents (the result-signing key,
 * the API description's static assets) say so themselves.
 */
export default fp(
  async function securityHeaders(app: FastifyInstance) {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: false, // set below, per kind of page
      hsts: app.config.env === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      // Nothing here is embedded cross-origin; API clients call with fetch (CORS), which CORP does not govern.
      crossOriginResourcePolicy: { policy: 'same-origin' },
    });
    // Filled in last, where the answer set none of its own: a route, a page's plugin or an error
    // handler sets its own, and answers that skip the request hooks (routing errors) get them too.
    // One hook, on every request: the ballot route is hot.
    app.addHook('onSend', async (_request, reply, payload) => {
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CSP.api);
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });
  },
  { name: 'security-headers' },
);
