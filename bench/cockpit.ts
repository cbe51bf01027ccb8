/**
 * npm run bench:cockpit — the quorum cockpit of a large estate (issue 16):
 * GET /v1/meetings/{id}/participation on a 10,000-unit estate with 6,000
 * voters having voted (bench/large-estate.ts), and the console page
 * /console/estates/{id}/cockpit/{meeting} rendered in Chromium.
 * Targets: API p95 ≤ 300 ms, render ≤ 1 s.
 *
 * The API is measured over real HTTP (the app listening in this process, as
 * the test apps do) by the organiser's bearer token, in three parts:
 * - the first request after start (it reads the frozen electorate by place once);
 * - BENCH_REQUESTS (60) requests with nothing new in between (polling between ballots);
 * - BENCH_REQUESTS requests each after one more voter has voted (every one recounts).
 * Render: BENCH_RENDERS (7) fresh browser contexts signed in by their refresh
 * cookie; from navigation to the first motion's figures and its building and
 * stairwell table in the DOM (the page's own performance.now()).
 *
 * BENCH_UNITS and BENCH_BALLOTS change the size. Figures go to docs/benchmarks.md by hand.
 */
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ensureBuilt } from '../scripts/build.mjs';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { grantsForAccount } from '../src/identity/grants.ts';
import { ephemeralKeys } from '../src/identity/keys.ts';
import { openSession } from '../src/identity/sessions.ts';
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from '../src/routes/auth.ts';
import { CHROMIUM, CHROMIUM_FLAGS } from '../test/helpers/chromium.ts';
import { castLargeEstateBallots, seedLargeEstate } from './large-estate.ts';
import { scratchDatabase } from './scratch-database.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 10_000);
const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 6000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 60);
const RENDERS = Number(process.env.BENCH_RENDERS ?? 7);

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const summary = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (n = ${values.length})`;

await ensureBuilt({ web: true });
const scratch = await scratchDatabase('gongjue_bench_cockpit');
const database = await openDatabase({ url: scratch.url, embeddedDir: 'memory://', poolMax: 10 });
const app = await buildApp({
  config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: scratch.url }),
  database,
  keys: ephemeralKeys(),
  migrate: true,
  runJobs: false,
});
const db = database.db;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
try {
  const t0 = performance.now();
  const estate = await seedLargeEstate(db, { units: UNITS, ballots: BALLOTS });
  console.log(
    `bench:cockpit — ${estate.units.toLocaleString('en')} units, ${estate.voters.toLocaleString('en')} voters, ${estate.voted.toLocaleString('en')} voted on each motion open to them, ` +
      `${estate.motions.length} motions (one stairwell-scoped); seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; load ${load()}`,
  );

  // An organiser of the estate, signed in.
  const account = await db.insertInto('accounts').values({ phone: '13712345678' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('role_assignments').values({ account_id: account.id, role: 'organiser', estate_id: estate.estateId, granted_by: null }).execute();
  const opened = async () => openSession(db, account.id, new Date());
  const session = await opened();
  const token = app.issueAccessToken({ subject: account.id, kind: 'person', grants: await grantsForAccount(db, account.id), session: session.sessionId });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const url = `${base}/v1/meetings/${estate.meetingId}/participation`;
  const get = async () => {
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`participation: ${res.status} ${body}`);
    return { ms: performance.now() - started, bytes: body.length, body };
  };

  const first = await get();
  const firstBody = JSON.parse(first.body) as { motions: { words: { zh: string }; buildings: { stairs: unknown[] }[] }[] };
  const places = firstBody.motions.reduce((n, m) => n + m.buildings.length + m.buildings.reduce((s, b) => s + b.stairs.length, 0), 0);
  console.log(`API first request (reads the frozen electorate by place): ${first.ms.toFixed(1)} ms, ${(first.bytes / 1024).toFixed(0)} KiB, ${places} place rows; “${firstBody.motions[0]!.words.zh}”`);

  const steady: number[] = [];
  for (let i = 0; i < REQUESTS; i++) steady.push((await get()).ms);
  console.log(`API, nothing new between requests: ${summary(steady)}; load ${load()}`);

  const moving: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    await castLargeEstateBallots(db, estate, 1, { seed: 1000 + i });
    moving.push((await get()).ms);
  }
  console.log(`API, one more voter before each request (every one recounts): ${summary(moving)}; target p95 ≤ 300 ms; load ${load()}`);

  // Render: from navigation to the figures and the place table of the first motion.
  const renders: number[] = [];
  const rows: number[] = [];
  const apiAnswered: number[] = [];
  for (let i = 0; i < RENDERS + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.addCookies([{ name: REFRESH_COOKIE, value: (await opened()).refreshToken, url: `${base}${REFRESH_COOKIE_PATH}`, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    await page.goto(`${base}/console/estates/${estate.estateId}/cockpit/${estate.meetingId}`);
    await page.locator('[data-test="words"]').first().waitFor();
    await page.locator('tr[data-place]').first().waitFor();
    // The page's own clock: navigation start is 0.
    const at = await page.evaluate(() => performance.now());
    // Where the time went: when the participation answer had arrived (the page then only lays it out).
    const answered = await page.evaluate(
      () => (performance.getEntriesByType('resource').find((e) => e.name.includes('/participation')) as { responseEnd: number } | undefined)?.responseEnd ?? NaN,
    );
    const count = await page.locator('tr[data-place]').count();
    if (i > 0) {
      // The first context warms the browser's caches of the app's scripts up: not counted.
      renders.push(at);
      apiAnswered.push(answered);
      rows.push(count);
    }
    if (i === RENDERS) await page.screenshot({ path: 'test-artifacts/browser/bench-cockpit.png' });
    await context.close();
  }
  console.log(`render in Chromium (navigation → figures and ${rows[0]} place rows in the DOM; login restored from the refresh cookie): ${summary(renders)}; target ≤ 1,000 ms; load ${load()}`);
  console.log(`  of which: the participation answer had arrived at ${summary(apiAnswered)} after navigation (the scripts, the session restored from the cookie, the estates, then the request)`);
} finally {
  await browser.close();
  await app.close();
  await scratch.drop();
}
