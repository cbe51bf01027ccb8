/**
 * npm run bench:close — 10,000 motions of 100 voters each (1,000 meetings of
 * ten motions in 100 estates; yes/no, options and elections), all due at the
 * same instant, closed, tallied and published by the real job system: BullMQ
 * workers on the real Redis (REDIS_URL, default 127.0.0.1:6379) and the real
 * PostgreSQL (DATABASE_URL's server, a fresh database). Target: ≤ 60 s from
 * the instant to the last publication. Prints motions/s.
 *
 * BENCH_MEETINGS, BENCH_MOTIONS (per meeting), BENCH_VOTERS (per motion),
 * JOBS_CONCURRENCY and BENCH_RUNNER=in-process change the run.
 *
 * After the run it prints what the close's recount (issue 12: every motion
 * recounted by the engine from its sealed tally record) costs: the records
 * of every meeting are rebuilt and recounted once more, outside the close,
 * and timed. BENCH_CASE=large runs bench/close-large.ts instead: one motion
 * of 1,000,000 voters and 800,000 ballots.
 */
if (process.env.BENCH_CASE === 'large') {
  await import('./close-large.ts');
  process.exit(0);
}
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { systemClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { scratchDatabase } from './scratch-database.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { createRunner, jobDeps } from '../src/jobs/deps.ts';
import { developmentSmsProvider } from '../src/notifications/sms.ts';
import { tallySettingsOf, validateEstateSettings } from '../src/places/estate-settings.ts';
import { tallyRecordsOf } from '../src/results/records.ts';
import { recountMeeting } from '../src/results/recount.ts';
import type { Report } from '../src/tally/index.ts';

const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 1_000);
const MOTIONS = Number(process.env.BENCH_MOTIONS ?? 10);
const VOTERS = Number(process.env.BENCH_VOTERS ?? 100);
const ESTATES = Math.min(100, MEETINGS);
const IN_PROCESS = process.env.BENCH_RUNNER === 'in-process';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const silent = { info: () => {}, warn: () => {}, error: (o: object, m?: string) => console.error(m, o) };

const scratch = await scratchDatabase('gongjue_bench_close');
const url = new URL(scratch.url);
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: url.toString(),
  ...(IN_PROCESS ? {} : { REDIS_URL: redisUrl }),
  JOBS_QUEUE_PREFIX: `bench-close-${process.pid}`,
  JOBS_CONCURRENCY: process.env.JOBS_CONCURRENCY ?? '4',
});
const database = await openDatabase({ url: url.toString(), embeddedDir: 'memory://', poolMax: config.databasePoolMax });
const db = database.db;
try {
  await migrateToLatest(db);
  const seedStart = performance.now();
  const closesAt = await seed();
  console.log(
    `seeded ${MEETINGS.toLocaleString('en')} meetings × ${MOTIONS} motions × ${VOTERS} voters in ${ESTATES} estates ` +
      `(${((performance.now() - seedStart) / 1000).toFixed(1)} s); load ${loadavg()}`,
  );

  const runner = createRunner(config, jobDeps(config, db, systemClock, silent, { sms: developmentSmsProvider(db, silent, { showSecrets: false }), sealKey: Buffer.alloc(32) }), true);
  await runner.start(); // Reconciles at once: every close is scheduled for the instant.
  await sleepUntil(closesAt);
  const t0 = performance.now();
  let peakRss = process.memoryUsage().rss;
  for (;;) {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const left = await db.selectFrom('meetings').select((e) => e.fn.countAll<string>().as('n')).where('status', '!=', 'published').executeTakeFirstOrThrow();
    if (Number(left.n) === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const seconds = (performance.now() - t0) / 1000;
  await runner.stop();

  const results = await db.selectFrom('motion_results').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const motions = MEETINGS * MOTIONS;
  if (Number(results.n) !== motions) throw new Error(`expected ${motions} results, found ${results.n}`);
  const outcomes = await db.selectFrom('motion_results').select(['outcome', (e) => e.fn.countAll<string>().as('n')]).groupBy('outcome').execute();
  console.log(`closed, tallied and published ${motions.toLocaleString('en')} motions (${MEETINGS.toLocaleString('en')} meetings) with ${IN_PROCESS ? 'the in-process runner' : `BullMQ, concurrency ${config.jobs.concurrency}`}`);
  console.log(`  from the instant to the last publication: ${seconds.toFixed(2)} s — ${Math.round(motions / seconds).toLocaleString('en')} motions/s (target ≤ 60 s)`);
  console.log(`  outcomes: ${outcomes.map((o) => `${o.outcome} ${o.n}`).join(', ')}; peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB; load ${loadavg()}`);
  const discrepancies = await db.selectFrom('tally_discrepancies').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  if (Number(discrepancies.n) !== 0) throw new Error(`${discrepancies.n} motions disagreed with their recount`);
  await measureRecount();
} finally {
  await database.close();
  await scratch.drop();
}

/**
 * What the recount inside each close cost: every meeting's tally records
 * rebuilt (the close reads them once for the seal anyway) and recounted by
 * the engine again here, timed on its own — the CPU the recount adds to the
 * close, summed over all meetings.
 */
async function measureRecount() {
  const meetings = await db.selectFrom('meetings').selectAll().execute();
  const settings = tallySettingsOf(validateEstateSettings({}));
  let recountMs = 0;
  let motions = 0;
  for (const meeting of meetings) {
    const records = await tallyRecordsOf(db, meeting, () => settings);
    const stored = await db.selectFrom('motion_results').select(['motion_id', 'report']).where('meeting_id', '=', meeting.id).execute();
    const reports = new Map(stored.map((r) => [r.motion_id, r.report as Report]));
    const t = performance.now();
    const found = recountMeeting(records, reports);
    recountMs += performance.now() - t;
    motions += records.length;
    if (found.length > 0) throw new Error(`meeting ${meeting.id}: ${found[0]!.differences.join('; ')}`);
  }
  console.log(
    `  the close's recount (parseTallyRecord + tallyRecord + compare, every motion): ${(recountMs / 1000).toFixed(2)} s of the run's CPU for ` +
      `${motions.toLocaleString('en')} motions — ${((recountMs * 1000) / motions).toFixed(0)} µs a motion of ${VOTERS} voters; load ${loadavg()}`,
  );
}

function loadavg(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

async function sleepUntil(at: Date) {
  const wait = at.getTime() - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/**
 * The estates, meetings, motions, snapshot electorates and ballots, written
 * straight into the tables the close reads (as opening voting and casting
 * would have left them): the benchmark measures the close, not the setup.
 */
async function seed(): Promise<Date> {
  await sql`insert into townships (code, name) values ('350881001', '基准街道')`.execute(db);
  await sql`insert into estates (township_id, name) select t.id, '基准小区' || g from townships t, generate_series(1, ${ESTATES}) g`.execute(db);
  const account = await sql<{ id: string }>`insert into accounts (phone) values ('13800000000') returning id`.execute(db);
  // Set for real once the seeding is done.
  let closesAt = new Date(Date.now() + 3_600_000);
  await sql`
    insert into meetings (estate_id, kind, title, status, voting_opens_at, voting_closes_at, created_by, noticed_at, opened_at)
    select e.id, 'regular', '基准会议' || g, 'open', ${closesAt}::timestamptz - interval '10 days', ${closesAt}::timestamptz,
           'bench', now() - interval '30 days', now() - interval '10 days'
    from estates e, generate_series(1, ${Math.ceil(MEETINGS / ESTATES)}) g
    limit ${MEETINGS}`.execute(db);
  // Ten motions a meeting: yes/no on ordinary and special matters, one choice among options, one election.
  await sql`
    insert into motions (meeting_id, position, matter, kind, title, terms, total_area_hundredths, total_heads)
    select m.id, p.n, k.matter, k.kind, '议题' || p.n, k.terms || jsonb_build_object('title', '议题' || p.n), 0, 0
    from meetings m
    cross join generate_series(1, ${MOTIONS}) as p(n)
    cross join lateral (
      select case when p.n = ${MOTIONS} and ${MOTIONS} >= 3 then 'election' when p.n = ${MOTIONS} - 1 and ${MOTIONS} >= 3 then 'options' else 'yes_no' end as kind,
             case when p.n = ${MOTIONS} and ${MOTIONS} >= 3 then 'committee_election' when p.n = ${MOTIONS} - 1 and ${MOTIONS} >= 3 then 'property_manager'
                  when p.n % 3 = 0 then 'maintenance_fund_raise' else 'other_major' end as matter
    ) k0
    cross join lateral (
      select k0.kind, k0.matter, jsonb_build_object('matter', k0.matter, 'kind', k0.kind, 'text', '', 'scope', jsonb_build_object('kind', 'estate'),
               'liftInstallation', false, 'documents', '[]'::jsonb)
             || case k0.kind
                  when 'options' then jsonb_build_object('options', jsonb_build_array(
                    jsonb_build_object('id', 'a', 'label', '甲公司'), jsonb_build_object('id', 'b', 'label', '乙公司'), jsonb_build_object('id', 'c', 'label', '丙公司')))
                  when 'election' then jsonb_build_object('seats', 5, 'candidates',
                    (select jsonb_agg(jsonb_build_object('id', 'c' || i, 'name', '候选人' || i)) from generate_series(1, 7) i))
                  else '{}'::jsonb end as terms
    ) k`.execute(db);
  // The electorate snapshot as opening leaves it: the meeting's units, and per motion one voter a unit.
  await sql`
    insert into electorate_units (meeting_id, unit_id, registry_no, building, stair, room, area_hundredths, area_source, kind, developer_held, owners)
    select m.id, gen_random_uuid(), 'R-' || v, (1 + v / 50) || '栋', '1单元', (100 + v)::text, 6000 + (v * 7919) % 9000, 'registry', 'residential', false, array[gen_random_uuid()]
    from meetings m cross join generate_series(1, ${VOTERS}) v`.execute(db);
  await sql`
    insert into electorate_voters (motion_id, voter_key, developer, owners, units, area_hundredths)
    select mo.id, array_to_string(eu.owners, ','), false, eu.owners, array[eu.unit_id], eu.area_hundredths
    from motions mo join electorate_units eu on eu.meeting_id = mo.meeting_id`.execute(db);
  await sql`
    update motions mo set total_area_hundredths = t.area, total_heads = t.heads
    from (select motion_id, sum(area_hundredths) as area, count(*) as heads from electorate_voters group by motion_id) t
    where t.motion_id = mo.id`.execute(db);
  // Eight voters in ten vote; one ballot in a hundred is a spoiled paper ballot.
  await sql`
    insert into ballots (motion_id, voter_id, version, choice, spoiled, channel, cast_by, cast_at)
    select v.motion_id, v.id, 1,
           case when abs(hashtext(v.voter_key || 'spoiled')) % 100 = 0 then 'null'::jsonb  -- as the paper route stores a spoiled ballot
             else case mo.kind
             when 'yes_no' then to_jsonb((array['agree', 'agree', 'agree', 'agree', 'oppose', 'abstain', 'agree'])[1 + abs(hashtext(v.voter_key || mo.id)) % 7])
             when 'options' then to_jsonb((array['a', 'a', 'b', 'c', 'abstain'])[1 + abs(hashtext(v.voter_key || mo.id)) % 5])
             else (select jsonb_agg('c' || i) from generate_series(1, 1 + abs(hashtext(v.voter_key)) % 5) i)
           end end,
           abs(hashtext(v.voter_key || 'spoiled')) % 100 = 0,
           case when abs(hashtext(v.voter_key || 'spoiled')) % 100 = 0 then 'paper' else 'online' end,
           ${account.rows[0]!.id}::uuid, ${closesAt}::timestamptz - interval '1 day'
    from electorate_voters v join motions mo on mo.id = v.motion_id
    where abs(hashtext(v.voter_key || v.motion_id::text)) % 10 < 8`.execute(db);
  await sql`insert into current_ballots (motion_id, voter_id, ballot_id, version, personal) select motion_id, voter_id, id, 1, true from ballots`.execute(db);
  // A few seconds ahead: time for the first reconciliation to schedule every close for the instant.
  closesAt = new Date(Date.now() + 5_000);
  // The owners were reminded a day before (reminders are not what this measures).
  await sql`update meetings set voting_closes_at = ${closesAt}, reminded_at = now()`.execute(db);
  await sql`analyze`.execute(db);
  return closesAt;
}
