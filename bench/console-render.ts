/**
 * npm run bench:console-render — the console's renders of issue 16 on a large estate, two builds of
 * the web apps side by side in the same window (the machine is shared: only an A/B in alternation
 * says which is faster). Prints, never asserts.
 *
 *   BENCH_WEB_A=/path/to/a/dist/web  (optional) another build to compare with: each round renders
 *   A then B (B is this tree's dist/web, built when stale), so both meet the same load.
 *
 * Measures, per build, BENCH_RUNS rounds (after one warm-up round), each in a fresh browser context
 * signed in by its refresh cookie (1366 × 768, Debian Chromium), from navigation start:
 *   cockpit  — the first motion's figures and its 100 building/stairwell rows in the DOM (bench:cockpit's measure);
 *   canvass  — the total and the first page's 20 rows in the DOM (bench:canvass's (b));
 *   print    — every walking list: open the print page → page.pdf written (bench:canvass's (c)).
 * BENCH_ONLY=cockpit,canvass,print picks the cases; BENCH_REQUESTS_SHOWN=1 prints the last round's
 * requests (start–end, ms from navigation) and the print's phases; BENCH_TRACE=/tmp/x writes a
 * Chromium trace of the last round (/tmp/x-<case>-<build>.json); BENCH_SHOTS=1 screenshots it.
 *
 * Both builds are served the same way: a front server with the service's own web-app plugin for
 * the build's folder, forwarding every other request to one app on one seeded database.
 */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { chromium, type Page } from 'playwright-core';
import { ensureBuilt } from '../scripts/build.mjs';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { openSession } from '../src/identity/sessions.ts';
import webApp, { WEB_DIR } from '../src/plugins/web-app.ts';
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from '../src/routes/auth.ts';
import { CHROMIUM, CHROMIUM_FLAGS } from '../test/helpers/chromium.ts';
import { seedLargeEstate } from './large-estate.ts';
import { scratchDatabase } from './scratch-database.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 10_000);
const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 6_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'cockpit,canvass,print').split(','));
const builds: [string, string][] = [...(process.env.BENCH_WEB_A ? [['A', process.env.BENCH_WEB_A] as [string, string]] : []), ['B', WEB_DIR]];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const ms = (v: number) => `${v.toFixed(0)}`;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

await ensureBuilt({ web: true });
const scratch = await scratchDatabase('gongjue_bench_console_render');
const database = await openDatabase({ url: scratch.url, embeddedDir: 'memory://', poolMax: 10 });
const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: scratch.url }), database, migrate: true, runJobs: false });
const fronts: FastifyInstance[] = [];
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
try {
  const db = database.db;
  const estate = await seedLargeEstate(db, { units: UNITS, ballots: BALLOTS });
  await sql`analyze`.execute(db);
  const account = await db.insertInto('accounts').values({ phone: '15700000002' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('role_assignments').values({ account_id: account.id, role: 'organiser', estate_id: estate.estateId, township_id: null, granted_by: null }).execute();
  await app.ready();

  /** A build's front: its pages and assets, everything else answered by the one app. */
  const front = async (dir: string) => {
    const f = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
    f.decorate('pageFallbacks', []);
    f.removeAllContentTypeParsers();
    f.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    await f.register(webApp, { dir });
    f.setNotFoundHandler(async (request, reply) => {
      const answer = await app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, ...(request.body ? { payload: request.body as Buffer } : {}) });
      const headers = { ...answer.headers };
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      delete headers.connection;
      return reply.code(answer.statusCode).headers(headers).send(answer.rawPayload);
    });
    await f.listen({ host: '127.0.0.1', port: 0 });
    fronts.push(f);
    return `http://127.0.0.1:${(f.server.address() as AddressInfo).port}`;
  };
  const bases = new Map<string, string>();
  for (const [name, dir] of builds) bases.set(name, await front(dir));

  const signedIn = async (base: string) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const { refreshToken } = await openSession(db, account.id, new Date());
    await context.addCookies([{ name: REFRESH_COOKIE, value: refreshToken, url: `${base}${REFRESH_COOKIE_PATH}`, httpOnly: true, sameSite: 'Strict' }]);
    return context;
  };
  const requests = async (page: Page) =>
    page.evaluate(() =>
      (performance.getEntriesByType('resource') as unknown as { name: string; startTime: number; responseEnd: number }[]).map((e) => `${e.name.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '')} ${e.startTime.toFixed(0)}–${e.responseEnd.toFixed(0)}`),
    );

  const cases: Record<string, (page: Page, base: string) => Promise<number>> = {
    cockpit: async (page, base) => {
      await page.goto(`${base}/console/estates/${estate.estateId}/cockpit/${estate.meetingId}`);
      await page.locator('[data-test="words"]').first().waitFor();
      await page.locator('tr[data-place]').first().waitFor();
      return page.evaluate(() => performance.now());
    },
    canvass: async (page, base) => {
      await page.goto(`${base}/console/estates/${estate.estateId}/canvass/${estate.meetingId}`);
      await page.getByText(/共 \d+ 位业主尚未完成表决/).waitFor();
      await page.locator('.canvass__table tbody tr').nth(19).waitFor();
      return page.evaluate(() => performance.now());
    },
    print: async (page, base) => {
      const started = performance.now();
      await page.goto(`${base}/console/estates/${estate.estateId}/canvass/${estate.meetingId}/print`);
      await page.getByRole('button', { name: '打印' }).waitFor();
      const shown = performance.now() - started;
      const shownIn = process.env.BENCH_REQUESTS_SHOWN ? await page.evaluate(() => (performance.getEntriesByType('resource') as unknown as { name: string; startTime: number; responseEnd: number }[]).find((e) => e.name.includes('/walking-lists'))?.responseEnd ?? NaN) : NaN;
      const shownAt = process.env.BENCH_REQUESTS_SHOWN ? await page.evaluate(() => performance.now()) : NaN;
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
      if (pages < 2) throw new Error(`print: ${pages} pages`);
      const took = performance.now() - started;
      if (process.env.BENCH_REQUESTS_SHOWN)
        console.log(
          `    print: page shown ${ms(shown)} ms (list answered at ${ms(shownIn)}, rows laid out ${ms(shownAt - shownIn)} ms later), PDF of ${pages} pages ${ms(took - shown)} ms`,
        );
      return took;
    },
  };

  console.log(`bench:console-render — ${estate.units} flats, ${estate.voted} voted; builds ${builds.map(([n, d]) => `${n}=${d}`).join(', ')}; load ${load()}`);
  for (const [what, run] of Object.entries(cases)) {
    if (!ONLY.has(what)) continue;
    const times = new Map<string, number[]>(builds.map(([n]) => [n, []]));
    const last = new Map<string, string[]>();
    for (let r = 0; r <= RUNS; r++) {
      for (const [name] of builds) {
        const base = bases.get(name)!;
        const context = await signedIn(base);
        try {
          const page = await context.newPage();
          const tracing = process.env.BENCH_TRACE && r === RUNS;
          const profiling = process.env.BENCH_PROFILE && r === RUNS ? await context.newCDPSession(page) : undefined;
          if (profiling) {
            await profiling.send('Profiler.enable');
            await profiling.send('Profiler.setSamplingInterval', { interval: 200 });
            await profiling.send('Profiler.start');
          }
          if (tracing) await browser.startTracing(page, { path: `${process.env.BENCH_TRACE}-${what}-${name}.json`, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'printing'] });
          const took = await run(page, base);
          if (tracing) await browser.stopTracing();
          if (profiling) {
            const { profile } = await profiling.send('Profiler.stop');
            writeFileSync(`${process.env.BENCH_PROFILE}-${what}-${name}.cpuprofile`, JSON.stringify(profile));
          }
          if (r > 0) times.get(name)!.push(took); // round 0 warms the caches of the service and the disk
          if (r === RUNS) last.set(name, await requests(page));
          if (r === RUNS && process.env.BENCH_SHOTS) await page.screenshot({ path: `test-artifacts/browser/console-render-${what}-${name}.png` });
        } finally {
          await context.close();
        }
      }
    }
    for (const [name] of builds) {
      const t = times.get(name)!;
      console.log(`${what} ${name}: median ${ms(median(t))} ms (runs ${t.map(ms).join(', ')}); load ${load()}`);
      if (process.env.BENCH_REQUESTS_SHOWN) for (const line of last.get(name) ?? []) console.log(`    ${line}`);
    }
  }
} finally {
  await browser.close();
  for (const f of fronts) await f.close();
  await app.close();
  await scratch.drop();
}
