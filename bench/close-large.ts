/**
 * BENCH_CASE=large npm run bench:close — one motion of 1,000,000 voters
 * (1,000,000 units, one owner each) and 800,000 ballots, closed, recounted
 * and sealed by `closeMeeting` in one transaction on the real PostgreSQL
 * (a fresh database on DATABASE_URL's server). Target (issue 12): ≤ 10 s.
 * Printed beside it: the bare SQL aggregate of the same ballots
 * (`select choice, sum(area), count(*) … group by choice`), and the phases of
 * the close timed one by one.
 *
 * Each close runs in a transaction that is rolled back, so BENCH_RUNS (2)
 * closes measure the same data. BENCH_VOTERS and BENCH_BALLOTS change the size;
 * BENCH_CLOSE_PATH=memory closes with the records built in memory (the path of
 * smaller meetings) instead of streamed, for a comparison in the same window. BENCH_THREADS=1 prints each
 * thread's CPU time during a close, machine-wide (the recount thread, each PostgreSQL backend).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { ensureBuilt } from '../scripts/build.mjs';
import { scratchDatabase } from './scratch-database.ts';
import type * as DbMigratorModule from '../src/db/migrator.ts';
import type * as DbDatabaseModule from '../src/db/database.ts';
import type * as ResultsRecountModule from '../src/results/recount.ts';
import type * as ResultsStreamedRecordsModule from '../src/results/streamed-records.ts';
import type * as ResultsAnomaliesModule from '../src/results/anomalies.ts';
import type * as ResultsClosingModule from '../src/results/closing.ts';
import type * as VotingElectorateLinesRepositoryModule from '../src/voting/electorate-lines-repository.ts';

// The close runs as production runs it: the compiled JavaScript of dist/ (npm run build; built here when missing or
// stale), whose recount thread starts with plain node. BENCH_FROM=src closes from the TypeScript sources instead,
// through tsx, whose loader the recount thread then starts too (≈ 1 s of CPU more, in two more threads).
const FROM_SOURCES = process.env.BENCH_FROM === 'src';
if (!FROM_SOURCES) await ensureBuilt();
const code = (path: string) => (FROM_SOURCES ? `../src/${path}.ts` : `../dist/src/${path}.js`);
const { migrateToLatest } = (await import(code('db/migrator'))) as typeof DbMigratorModule;
const { copyOutOf, openDatabase } = (await import(code('db/database'))) as typeof DbDatabaseModule;
const { compareRecounts } = (await import(code('results/recount'))) as typeof ResultsRecountModule;
const { streamRecords } = (await import(code('results/streamed-records'))) as typeof ResultsStreamedRecordsModule;
const { findAnomalies } = (await import(code('results/anomalies'))) as typeof ResultsAnomaliesModule;
const { closeMeeting, closeStreaming, countMeeting } = (await import(code('results/closing'))) as typeof ResultsClosingModule;
const { hasStoredUnitLines, storeUnitLines } = (await import(code('voting/electorate-lines-repository'))) as typeof VotingElectorateLinesRepositoryModule;
console.log(`closing with ${FROM_SOURCES ? 'the TypeScript sources (tsx)' : 'the compiled JavaScript of dist/ (as production runs)'}`);

const VOTERS = Number(process.env.BENCH_VOTERS ?? 1_000_000);
const BALLOTS = Number(process.env.BENCH_BALLOTS ?? Math.round(VOTERS * 0.8));
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
// BENCH_CLOSE_PATH=memory closes as a small meeting does (records built as objects, recounted and sealed in this
// thread), for a comparison in the same window; by default a meeting this large streams its records.
const IN_MEMORY = process.env.BENCH_CLOSE_PATH === 'memory';
if (IN_MEMORY) closeStreaming.fromVoters = BigInt(Number.MAX_SAFE_INTEGER);

class Rollback extends Error {}

// BENCH_KEEP=1 keeps the seeded database (gongjue_bench_close_large_kept, or BENCH_KEEP_DB) for the next run instead of dropping it.
const KEEP = process.env.BENCH_KEEP === '1';
const scratch = KEEP ? await keptDatabase() : await scratchDatabase('gongjue_bench_close_large');
const database = await openDatabase({ url: scratch.url, embeddedDir: 'memory://', poolMax: 2 });
const db = database.db;
// Wall time, and in brackets this process's CPU time since the matching mark (PostgreSQL's is not in it):
// on a machine shared with other work the CPU time is the steadier figure.
let cpuMark = process.cpuUsage();
const mark = () => {
  cpuMark = process.cpuUsage();
  return performance.now();
};
const ms = (from: number) => {
  const cpu = process.cpuUsage(cpuMark);
  return `${Math.round(performance.now() - from).toLocaleString('en')} ms (CPU ${Math.round((cpu.user + cpu.system) / 1000).toLocaleString('en')} ms)`;
};
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
/** CPU time of a PostgreSQL backend on this machine (utime + stime from /proc, in ms): the bench's process CPU does not hold it. */
const backendCpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
/** The whole machine's CPU time (every process, PostgreSQL's included) from /proc/stat, in ms: user and kernel. */
const machineCpu = () => {
  const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map((t) => Number(t) * 10);
  return { user: user! + nice!, kernel: system! + irq! + softirq! };
};
const machineSince = (from: { user: number; kernel: number }) => {
  const now = machineCpu();
  return `machine CPU ${(now.user - from.user + now.kernel - from.kernel).toLocaleString('en')} ms (user ${(now.user - from.user).toLocaleString('en')}, kernel ${(now.kernel - from.kernel).toLocaleString('en')})`;
};
/**
 * Every thread's CPU time on the machine (utime and stime of /proc/PID/task/TID/stat, in ms), keyed by process and
 * thread: BENCH_THREADS=1 prints where a close's CPU went, thread by thread (the recount thread, each PostgreSQL backend).
 */
const threadCpu = () => {
  const out = new Map<string, { name: string; user: number; kernel: number }>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
        const cmd = tid === pid ? '' : ` ${readFileSync(`/proc/${pid}/comm`, 'utf8').trim()}`;
        out.set(`${pid}/${tid}`, { name: `${name}${cmd} (${pid}/${tid})`, user: Number(fields[11]) * 10, kernel: Number(fields[12]) * 10 });
      } catch {
        // gone meanwhile
      }
    }
  }
  return out;
};
const threadsSince = (from: ReturnType<typeof threadCpu>) =>
  [...threadCpu()]
    .map(([k, t]) => ({ name: t.name, user: t.user - (from.get(k)?.user ?? 0), kernel: t.kernel - (from.get(k)?.kernel ?? 0) }))
    .filter((t) => t.user + t.kernel >= 100)
    .sort((a, b) => b.user + b.kernel - a.user - a.kernel)
    .map((t) => `    ${(t.user + t.kernel).toLocaleString('en').padStart(6)} ms (kernel ${t.kernel.toLocaleString('en')}) ${t.name}`)
    .join('\n');
const THREADS = process.env.BENCH_THREADS === '1';
const rssMb = () => `${Math.round(process.resourceUsage().maxRSS / 1024).toLocaleString('en')} MB`;

try {
  await migrateToLatest(db);
  const seedStart = mark();
  const kept = KEEP ? await db.selectFrom('meetings').innerJoin('motions', 'motions.meeting_id', 'meetings.id').select(['meetings.id as meetingId', 'motions.id as motionId', 'meetings.voting_closes_at as closesAt']).executeTakeFirst() : undefined;
  const { meetingId, motionId, closesAt } = kept ?? (await seed());
  // 1.00: the snapshot lies in the table in unit id order, as opening writes it; a database kept from before
  // 2026-12-05 (random order) reads a random page per unit: re-seed it, or `cluster electorate_units using electorate_units_pk`.
  // What opening a large meeting now also does (voting/snapshot.ts): the units' canonical lines written once, which
  // every close streams. A database seeded before that has none: written here, timed (the cost moved to opening).
  // BENCH_STORED_UNITS=0 leaves them out, for the close without them (PostgreSQL writes the lines at close).
  if (process.env.BENCH_STORED_UNITS !== '0' && !(await hasStoredUnitLines(db, meetingId))) {
    const t = mark();
    await db.transaction().execute((trx) => storeUnitLines(trx, meetingId));
    console.log(`opening's part: the units' canonical lines written to electorate_unit_lines: ${ms(t)} (PostgreSQL); load ${load()}`);
  }
  console.log(`stored unit lines: ${(await hasStoredUnitLines(db, meetingId)) ? 'yes' : 'no'}`);
  const order = await sql<{ correlation: number | null }>`select correlation from pg_stats where tablename = 'electorate_units' and attname = 'unit_id'`.execute(db);
  console.log(
    `seeded one motion of ${VOTERS.toLocaleString('en')} voters and ${BALLOTS.toLocaleString('en')} ballots (${ms(seedStart)}); ` +
      `units in id order: correlation ${order.rows[0]?.correlation?.toFixed(2) ?? '?'}; load ${load()}`,
  );

  // The bare SQL aggregate of the same ballots: what counting costs the database with nothing else done.
  let bare = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t0 = mark();
    const rows = await sql<{ choice: unknown; area: string; n: string }>`
      select b.choice, sum(v.area_hundredths)::text as area, count(*)::text as n
      from current_ballots cb
      join ballots b on b.id = cb.ballot_id
      join electorate_voters v on v.id = cb.voter_id
      where cb.motion_id = ${motionId}
      group by b.choice`.execute(db);
    bare = Math.min(bare, performance.now() - t0);
    console.log(`bare SQL aggregate (select choice, sum(area), count(*) … group by choice), run ${i + 1}: ${ms(t0)} — ${rows.rows.length} choices; load ${load()}`);
  }

  for (let i = 0; i < RUNS; i++) {
    global.gc?.();
    const machine = machineCpu();
    const threads = THREADS ? threadCpu() : undefined;
    const t0 = mark();
    let status = '';
    await db
      .transaction()
      .execute(async (trx) => {
        const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
        const before = backendCpuMs(pid);
        status = (await closeMeeting(trx, meetingId, 'bench', closesAt, db)).status;
        status += `; PostgreSQL's CPU (this backend) ${(backendCpuMs(pid) - before).toLocaleString('en')} ms`;
        throw new Rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
    console.log(`close + recount + seal (closeMeeting, one transaction, rolled back, records ${IN_MEMORY ? 'in memory' : 'streamed'}), run ${i + 1}: ${ms(t0)} = ${((performance.now() - t0) / bare).toFixed(1)} × the bare aggregate → ${status} (target ≤ 10 s); ${machineSince(machine)}; peak RSS ${rssMb()}; load ${load()}`);
    if (threads) console.log(`  CPU by thread, machine-wide:\n${threadsSince(threads)}`);
  }

  // The same steps one by one, to show where the time goes (the close of a meeting this large streams its records).
  if (!IN_MEMORY) await db
    .transaction()
    .execute(async (trx) => {
      global.gc?.();
      const meeting = (await trx.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow());
      let t = mark();
      const { settings, decided } = await countMeeting(trx, meeting);
      const counted = ms(t);
      const rows = await trx.selectFrom('motions').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute();
      const copy = await copyOutOf(trx);
      if (!copy) throw new Error('no COPY on this connection');
      t = mark();
      const streamed = await streamRecords(copy, meeting, rows, settings);
      const read = ms(t);
      t = mark();
      const recounted = await streamed.recounted;
      const recount = ms(t);
      const reports = new Map(decided.map((d) => [d.row.id, d.report]));
      const found = compareRecounts(rows.map((r) => ({ motionId: r.id })), recounted, reports);
      // In the close these queries run while the recount thread counts (closing.ts); timed alone here.
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
      const pgBefore = backendCpuMs(pid);
      t = mark();
      const flags = await findAnomalies(trx, { ...meeting, status: 'tallied', closed_at: closesAt });
      const anomalies = `${ms(t)}, PostgreSQL's CPU ${(backendCpuMs(pid) - pgBefore).toLocaleString('en')} ms → ${flags.length} flags`;
      console.log(
        `  phases: SQL aggregate and decide ${counted}; streaming the records (COPY of canonical JSON lines, hashed here, parsed by the recount thread) ${read}; ` +
          `then waiting for the thread's engine recount (parseTallyRecord + tallyRecord) ${recount} → ${found.length} discrepancies; ` +
          `anomaly flags looked for (findAnomalies) ${anomalies}; ` +
          `seals ${streamed.seals.map((s) => `${s.units.count} units, ${s.ballots.count} ballots`).join('; ')}`,
      );
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  console.log(`peak RSS ${rssMb()}; load ${load()}`);
} finally {
  await database.close();
  if (!KEEP) await scratch.drop();
}

async function keptDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const url = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  // BENCH_KEEP_DB names another kept database (say, a copy seeded differently, for a comparison in the same window).
  const name = process.env.BENCH_KEEP_DB ?? 'gongjue_bench_close_large_kept';
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`create database "${name}"`);
  await client.end();
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => {} };
}

/** One estate, one meeting, one yes/no motion: the electorate snapshot and the ballots as opening and voting leave them. */
async function seed(): Promise<{ meetingId: string; motionId: string; closesAt: Date }> {
  const closesAt = new Date(Date.now() - 60_000);
  await sql`insert into townships (code, name) values ('350881001', '基准街道')`.execute(db);
  const estate = await sql<{ id: string }>`insert into estates (township_id, name) select id, '基准大型小区' from townships returning id`.execute(db);
  const estateId = estate.rows[0]!.id;
  const account = await sql<{ id: string }>`insert into accounts (phone) values ('13800000000') returning id`.execute(db);
  const meeting = await sql<{ id: string }>`
    insert into meetings (estate_id, kind, title, status, voting_opens_at, voting_closes_at, created_by, noticed_at, opened_at, reminded_at)
    values (${estateId}, 'regular', '基准会议', 'open', ${closesAt}::timestamptz - interval '10 days', ${closesAt}::timestamptz,
            'bench', now() - interval '30 days', now() - interval '10 days', now())
    returning id`.execute(db);
  const meetingId = meeting.rows[0]!.id;
  const motion = await sql<{ id: string }>`
    insert into motions (meeting_id, position, matter, kind, title, terms, total_area_hundredths, total_heads)
    values (${meetingId}, 1, 'other_major', 'yes_no', '议题',
            jsonb_build_object('matter', 'other_major', 'kind', 'yes_no', 'title', '议题', 'text', '', 'scope', jsonb_build_object('kind', 'estate'),
                               'liftInstallation', false, 'documents', '[]'::jsonb), 0, 0)
    returning id`.execute(db);
  const motionId = motion.rows[0]!.id;
  // Random unit ids, written in id order as opening writes the snapshot (electorate-repository.ts).
  await sql`
    insert into electorate_units (meeting_id, unit_id, registry_no, building, stair, room, area_hundredths, area_source, kind, developer_held, owners)
    select * from (
      select ${meetingId}::uuid, gen_random_uuid() as unit_id, 'R-' || v, (1 + v / 400) || '栋', (1 + v % 4) || '单元', (100 + v % 400)::text,
             6000 + (v::bigint * 7919) % 9000, 'registry', 'residential', false, array[gen_random_uuid()]
      from generate_series(1, ${VOTERS}) v) u
    order by unit_id`.execute(db);
  await sql`
    insert into electorate_voters (motion_id, voter_key, developer, owners, units, area_hundredths)
    select ${motionId}::uuid, array_to_string(owners, ','), false, owners, array[unit_id], area_hundredths
    from electorate_units where meeting_id = ${meetingId}`.execute(db);
  await sql`
    update motions set total_area_hundredths = t.area, total_heads = t.heads
    from (select sum(area_hundredths) as area, count(*) as heads from electorate_voters where motion_id = ${motionId}) t
    where id = ${motionId}`.execute(db);
  // BALLOTS voters vote (one ballot each, cast online by the owner); one in a hundred is a spoiled paper ballot.
  // The owners exist only as the snapshot's ids: foreign-key triggers are off for this one insert (superuser, bench only).
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`
      insert into ballots (motion_id, voter_id, version, choice, spoiled, channel, owner_id, cast_by, cast_at)
      select v.motion_id, v.id, 1,
             case when s.spoiled then 'null'::jsonb
                  else to_jsonb((array['agree', 'agree', 'agree', 'agree', 'oppose', 'abstain', 'agree'])[1 + abs(hashtext(v.voter_key || 'c')) % 7]) end,
             s.spoiled, case when s.spoiled then 'paper' else 'online' end,
             case when s.spoiled then null else v.owners[1] end,
             ${account.rows[0]!.id}::uuid, ${closesAt}::timestamptz - interval '10 days' + (random() * interval '9 days')
      from (select * from electorate_voters where motion_id = ${motionId} order by random() limit ${BALLOTS}) v
      cross join lateral (select abs(hashtext(v.voter_key || 'spoiled')) % 100 = 0 as spoiled) s`.execute(trx);
  });
  await sql`insert into current_ballots (motion_id, voter_id, ballot_id, version, personal) select motion_id, voter_id, id, 1, true from ballots`.execute(db);
  await sql`vacuum analyze`.execute(db);
  return { meetingId, motionId, closesAt };
}
