/**
 * npm run bench:township — the township overview (issue 17): GET /v1/townships/{id}/overview
 * for a page of 50 estates, each with its registry and one meeting open for voting with ballots in
 * (bench/large-estate.ts, BENCH_UNITS flats and BENCH_BALLOTS voters having voted per estate).
 * Target: p95 ≤ 300 ms for 50 estates. Measured over real HTTP by a township staff member's
 * bearer token, BENCH_REQUESTS (40) requests after one warm-up. Figures go to docs/benchmarks.md by hand.
 */
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { grantsForAccount } from '../src/identity/grants.ts';
import { ephemeralKeys } from '../src/identity/keys.ts';
import { openSession } from '../src/identity/sessions.ts';
import { tookPartCache } from '../src/township/overview.ts';
import * as repo from '../src/township/overview-repository.ts';
import { seedLargeEstate } from './large-estate.ts';
import { scratchDatabase } from './scratch-database.ts';

const ESTATES = Number(process.env.BENCH_ESTATES ?? 50);
const UNITS = Number(process.env.BENCH_UNITS ?? 1000);
const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 600);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const scratch = await scratchDatabase('gongjue_bench_township');
const database = await openDatabase({ url: scratch.url, embeddedDir: 'memory://', poolMax: 10 });
const app = await buildApp({
  config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: scratch.url }),
  database,
  keys: ephemeralKeys(),
  migrate: true,
  runJobs: false,
});
const db = database.db;
try {
  const t0 = performance.now();
  const first = await seedLargeEstate(db, { units: UNITS, ballots: BALLOTS, buildings: 5, estateName: '基准小区 01', seed: 1 });
  for (let i = 2; i <= ESTATES; i++) {
    await seedLargeEstate(db, { units: UNITS, ballots: BALLOTS, buildings: 5, townshipId: first.townshipId, estateName: `基准小区 ${String(i).padStart(2, '0')}`, seed: i });
  }
  console.log(`bench:township — ${ESTATES} estates of ${UNITS} flats, each with a meeting voting and ${BALLOTS} voters having voted; seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; load ${load()}`);

  const account = await db.insertInto('accounts').values({ phone: '13712345679' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('role_assignments').values({ account_id: account.id, role: 'township_staff', township_id: first.townshipId, granted_by: null }).execute();
  const session = await openSession(db, account.id, new Date());
  const token = app.issueAccessToken({ subject: account.id, kind: 'person', grants: await grantsForAccount(db, account.id), session: session.sessionId });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/townships/${first.townshipId}/overview?limit=${ESTATES}`;
  const get = async () => {
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`overview: ${res.status} ${body}`);
    return { ms: performance.now() - started, body };
  };
  const warm = await get();
  const parsed = JSON.parse(warm.body) as { items: { meetingsInProgress: unknown[] }[] };
  console.log(`first request: ${warm.ms.toFixed(1)} ms, ${parsed.items.length} estates, ${parsed.items.reduce((n, i) => n + i.meetingsInProgress.length, 0)} meetings voting, ${(warm.body.length / 1024).toFixed(0)} KiB`);
  // Cold: every open motion's took-part area summed (a new process, or a ballot in every meeting since the last request).
  const cold: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    app.caches.tookPart = tookPartCache();
    cold.push((await get()).ms);
  }
  console.log(`overview of ${ESTATES} estates, every motion's participation summed: p50 ${percentile(cold, 50).toFixed(1)} ms, p95 ${percentile(cold, 95).toFixed(1)} ms (n = ${cold.length}); load ${load()}`);
  // Steady: polling with nothing new (only the counts are read).
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) times.push((await get()).ms);
  console.log(`overview of ${ESTATES} estates, nothing new since the last request: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (n = ${times.length}); target p95 ≤ 300 ms; load ${load()}`);
  // Where the time goes: each of the overview's reads alone, for the same page.
  const ids = (await db.selectFrom('estates').select('id').where('township_id', '=', first.townshipId).execute()).map((e) => e.id);
  const motions = await repo.openMeetingMotions(db, ids);
  const parts: [string, () => Promise<unknown>][] = [
    ['estatesPage', () => repo.estatesPage(db, first.townshipId, { limit: ESTATES, offset: 0 })],
    ['rolesPerEstate', () => repo.rolesPerEstate(db, ids)],
    ['registryPerEstate', () => repo.registryPerEstate(db, ids)],
    ['openMeetingMotions', () => repo.openMeetingMotions(db, ids)],
    ['tookPartPerMotion', () => repo.tookPartPerMotion(db, motions.map((m) => m.id))],
    ['awaitingFilingPerEstate', () => repo.awaitingFilingPerEstate(db, ids)],
    ['petitionsPerEstate', () => repo.petitionsPerEstate(db, ids)],
    ['anomaliesPerEstate', () => repo.anomaliesPerEstate(db, ids)],
  ];
  if (process.env.BENCH_VARIANTS) {
    const motionIds = motions.map((m) => m.id);
    parts.push(['tookPart: hash over the motions’ voters', () => sql`
      select cb.motion_id, coalesce(sum(ev.area_hundredths), 0) as area, count(*) as heads
        from current_ballots cb join electorate_voters ev on ev.id = cb.voter_id and ev.motion_id = cb.motion_id
       where cb.motion_id = any(${motionIds}::uuid[]) and ev.motion_id = any(${motionIds}::uuid[]) group by cb.motion_id`.execute(db)]);
    parts.push(['tookPart: heads only', () => sql`
      select cb.motion_id, count(*) as heads from current_ballots cb where cb.motion_id = any(${motionIds}::uuid[]) group by cb.motion_id`.execute(db)]);
    const plan = await sql<{ 'QUERY PLAN': string }>`explain analyze
      select cb.motion_id, coalesce(sum(ev.area_hundredths), 0) as area, count(*) as heads
        from current_ballots cb join electorate_voters ev on ev.id = cb.voter_id
       where cb.motion_id = any(${motionIds}::uuid[]) group by cb.motion_id`.execute(db);
    console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  for (const [name, run] of parts) {
    const each: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      await run();
      each.push(performance.now() - started);
    }
    console.log(`  ${name}: p50 ${percentile(each, 50).toFixed(1)} ms`);
  }
} finally {
  await app.close();
  await scratch.drop();
}
