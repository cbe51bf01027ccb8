/**
 * npm run bench:vote — accepted votes per second and latency of the real
 * ballot route (authentication, permission, the open/closed check under the
 * meeting's ballot lock, versioned append-only ballot, current-ballot upsert),
 * against a bare baseline in the same run: Fastify with one upsert into a
 * ballots table on the same PostgreSQL (bench/vote-baseline.ts). Both run as
 * their own processes (the service is src/server.ts itself); the load comes
 * from autocannon in this one. Targets: ≥ 0.6 × the baseline's throughput,
 * p99 ≤ 100 ms, zero errors. The two are measured in alternating
 * rounds (BENCH_ROUNDS, 3 by default, of BENCH_SECONDS each) and the ratio
 * is of their sums.
 *
 * The service runs as `npm start` runs it: `node scripts/start.mjs`, the compiled dist/ (built
 * first when stale), no TypeScript loader. Its resident memory is read from /proc every 250 ms
 * throughout, and the kernel's own high-water mark (VmHWM) at the end catches any peak between
 * two readings. Target (issue 12): RSS ≤ 200 MB throughout.
 */
import { spawn } from 'node:child_process';
import { openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { ephemeralKeys } from '../src/identity/keys.ts';
import { openSession } from '../src/identity/sessions.ts';
import { openVoting } from '../src/voting/meetings.ts';
import { requireMeeting } from '../src/voting/meetings-repository.ts';
import { noticedBenchMeeting } from './meeting.ts';
import { scratchDatabase } from './scratch-database.ts';

const VOTERS = Number(process.env.BENCH_VOTERS ?? 2000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/** Each server first runs this long under the same load, unmeasured: its code compiled, its pool open, as in service. */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const POOL = 10;
/** Baseline and service phases, alternating. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const logFile = path.join(tmpdir(), `gongjue_bench_vote_${process.pid}.log`);

interface Phase {
  name: string;
  votesPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
  /** The one-minute load average as the phase started: the machine is shared. */
  load: number;
  /** CPU milliseconds per accepted vote: the server process, its PostgreSQL backends, the load generator (this process). */
  cpu: { server: number; postgres: number; loadGenerator: number };
}

/** Resident and peak resident memory of a process in MB (VmRSS, VmHWM), from /proc; NaN where there is no /proc. */
function memory(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: Number.NaN, hwm: Number.NaN };
  }
}

/**
 * The service's RSS every 250 ms, each reading labelled with what was running (idle, warm-up,
 * round n, after): where the peak fell, not only how high it was.
 */
class RssSampler {
  readonly samples: { at: number; phase: string; rss: number }[] = [];
  phase = 'idle';
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly pid: number) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 250);
  }
  sample(): void {
    this.samples.push({ at: Date.now(), phase: this.phase, rss: memory(this.pid).rss });
  }
  stop(): { peak: number; peakPhase: string; hwm: number; byPhase: Map<string, { max: number; last: number }> } {
    clearInterval(this.timer);
    this.sample();
    const byPhase = new Map<string, { max: number; last: number }>();
    let peak = { rss: -1, phase: '' };
    for (const s of this.samples) {
      const p = byPhase.get(s.phase) ?? { max: 0, last: 0 };
      byPhase.set(s.phase, { max: Math.max(p.max, s.rss), last: s.rss });
      if (s.rss > peak.rss) peak = s;
    }
    return { peak: peak.rss, peakPhase: peak.phase, hwm: memory(this.pid).hwm, byPhase };
  }
}

/** CPU seconds (user + system) of a process so far, from /proc; NaN where there is no /proc. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks: USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of each PostgreSQL backend serving the bench database. */
async function backendCpu(): Promise<Map<number, number>> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(database.db);
  return new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]));
}

type Bodies = () => { path: string; headers: Record<string, string>; body: string };

function autocannonRun(target: Target, bodies: Bodies, seconds: number) {
  return autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const next = bodies();
          return { ...req, path: next.path, headers: { ...next.headers, 'content-type': 'application/json' }, body: next.body };
        },
      },
    ],
  });
}

async function load(name: string, target: Target, bodies: Bodies, warmup: Bodies | null, rss?: { sampler: RssSampler; round: number }): Promise<Phase> {
  if (rss) rss.sampler.phase = 'warm-up';
  if (warmup && WARMUP > 0) await autocannonRun(target, warmup, WARMUP);
  if (rss) rss.sampler.phase = `round ${rss.round}`;
  const loadBefore = loadavg()[0]!;
  const serverBefore = cpuSeconds(target.pid);
  const backendsBefore = await backendCpu();
  const ownBefore = process.cpuUsage();
  const result = await autocannonRun(target, bodies, DURATION);
  if (rss) rss.sampler.phase = `after round ${rss.round}`;
  const own = process.cpuUsage(ownBefore);
  let postgres = 0;
  // Backends opened during the phase count from their start.
  for (const [pid, after] of await backendCpu()) postgres += after - (backendsBefore.get(pid) ?? 0);
  const perVote = (seconds: number) => (1000 * seconds) / result['2xx'];
  return {
    name,
    cpu: {
      server: perVote(cpuSeconds(target.pid) - serverBefore),
      postgres: perVote(postgres),
      loadGenerator: perVote((own.user + own.system) / 1e6),
    },
    votesPerSecond: result['2xx'] / DURATION,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
    load: loadBefore,
  };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

interface Target {
  url: string;
  pid: number;
}

/** Starts a node process and waits until it answers on `ready`; its standard output goes to `stdout` if given. */
async function start(args: string[], env: Record<string, string>, port: number, ready: string, stdout: number | 'inherit' = 'inherit'): Promise<Target> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', stdout, 'inherit'] });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(base + ready)).ok) return { url: base, pid: child.pid! };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${args.join(' ')} did not start`);
}

const scratch = await scratchDatabase('gongjue_bench_vote');
const url = new URL(scratch.url);
const database = await openDatabase({ url: url.toString(), embeddedDir: 'memory://', poolMax: POOL });
const keys = ephemeralKeys();
// Built only to sign the voters' tokens with the keys the spawned server will use.
const app = await buildApp({
  config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url.toString() }),
  database,
  keys,
  migrate: true,
  runJobs: false,
});
const children: ReturnType<typeof spawn>[] = [];
try {
  // An estate of VOTERS owners with one flat each, every owner bound to an account.
  const db = database.db;
  const township = await db.insertInto('townships').values({ code: '350881001', name: '桂林街道' }).returning('id').executeTakeFirstOrThrow();
  const estate = await db.insertInto('estates').values({ township_id: township.id, name: '基准小区', settings: '{}' }).returning('id').executeTakeFirstOrThrow();
  await sql`insert into buildings (estate_id, name) values (${estate.id}, '1栋')`.execute(db);
  await sql`
    with o as (
      insert into owners (estate_id, kind, name, id_type, id_key, id_tail)
      select ${estate.id}, 'person', '业主' || g, 'resident_id', decode(md5(g::text) || md5((g + 1)::text), 'hex'), lpad(g::text, 4, '0')
      from generate_series(1, ${VOTERS}) g returning id, name),
    u as (
      insert into units (estate_id, registry_no, building_id, room, area_hundredths, area_source, kind)
      select ${estate.id}, 'R-' || substr(o.name, 3), (select id from buildings where estate_id = ${estate.id}), substr(o.name, 3),
             8000 + (row_number() over ()) % 5000, 'registry', 'residential'
      from o returning id, room)
    insert into unit_owners (unit_id, owner_id) select u.id, o.id from u join o on substr(o.name, 3) = u.room`.execute(db);
  await sql`insert into accounts (phone) select '150' || lpad(g::text, 8, '0') from generate_series(1, ${VOTERS}) g`.execute(db);
  await sql`
    insert into owner_bindings (account_id, owner_id, method, level, factor)
    select a.id, o.id, 'self', 'registry_factor', 'phone' from accounts a join owners o on o.name = '业主' || ltrim(substr(a.phone, 4), '0')`.execute(db);

  // A meeting whose voting is open now and for days to come.
  const meetingId = await noticedBenchMeeting(db, estate.id, ['bench']);
  await inTransaction(db, async (trx) => openVoting(trx, await requireMeeting(trx, meetingId), 'system:bench', new Date()));
  // The notice's and the opening's texts went out when they were written, days before this hour of voting:
  // marked delivered. Left queued, the measured service sent 2,000+ of them through the unreachable gateway
  // below, retrying each (20,000 log lines, ≈ 40 MB more RSS from its first seconds, and CPU taken from votes).
  await sql`update message_deliveries set status = 'delivered', attempts = 1, sent_at = created_at, delivered_at = created_at,
              last_attempt_at = created_at, next_attempt_at = null where status = 'queued'`.execute(db);
  const motion = await db.selectFrom('motions').select('id').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
  const voters = await db
    .selectFrom('electorate_voters')
    .innerJoin('owner_bindings', (j) => j.on(sql<boolean>`owner_bindings.owner_id = electorate_voters.owners[1]`))
    .select(['electorate_voters.id as voterId', 'owner_bindings.account_id as accountId', 'electorate_voters.owners'])
    .where('electorate_voters.motion_id', '=', motion.id)
    .execute();
  // Each voter signed in once: the service checks on every ballot that the token's session still lives.
  const sessions = new Map<string, string>();
  for (const v of voters) sessions.set(v.accountId, (await openSession(db, v.accountId, new Date())).sessionId);
  const issueTokens = () =>
    voters.map((v) =>
      app.issueAccessToken({
        subject: v.accountId,
        kind: 'person',
        grants: [{ role: 'owner', estateId: estate.id, ownerId: v.owners[0]! }],
        session: sessions.get(v.accountId)!,
      }),
    );
  const warmupTokens = issueTokens();

  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: url.toString(), DATABASE_POOL_MAX: String(POOL) };
  const servicePort = await freePort();
  // The production configuration, log level included (info: a line as each request comes in and
  // one as it is answered); its log goes to a file, as it would to a log collector.
  const serviceLog = openSync(logFile, 'w');
  // e.g. BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the service alone.
  const nodeArgs = process.env.BENCH_SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  // As `npm start` runs it: plain node on the compiled dist/ (built first if stale).
  const service = await start([...nodeArgs, 'scripts/start.mjs'], {
    ...env,
    PORT: String(servicePort),
    NODE_ENV: 'production',
    MIGRATE_ON_START: 'false',
    PUBLIC_BASE_URL: `http://127.0.0.1:${servicePort}`,
    // Production refuses the development sender; the benchmark texts nobody (tokens are issued directly).
    SMS_SENDER: 'http',
    SMS_HTTP_URL: 'http://127.0.0.1:9/unused',
    JWT_PRIVATE_KEY: keys.jwt.privateKey,
    JWT_PUBLIC_KEY: keys.jwt.publicKey,
    IDENTITY_HMAC_KEY: keys.identityHmacKey.toString('base64'),
    RESULT_SIGNING_KEY: keys.resultSigning.privateKey,
  }, servicePort, '/readyz', serviceLog);
  const baselinePort = await freePort();
  const rss = new RssSampler(service.pid);
  const baseline = await start(['--import', 'tsx', 'bench/vote-baseline.ts'], { ...env, PORT: String(baselinePort) }, baselinePort, '/healthz');

  const choices = ['agree', 'oppose', 'abstain'];
  /** Each voter in turn, changing their choice each time round. */
  const rounds = (request: (k: number, choice: string) => { path: string; headers: Record<string, string>; body: string }): Bodies => {
    let i = 0;
    return () => {
      const k = i++ % voters.length;
      return request(k, choices[i % 3]!);
    };
  };
  const baselineVotes = () => rounds((k, choice) => ({ path: '/vote', headers: {}, body: JSON.stringify({ voterId: voters[k]!.voterId, choice }) }));
  const ballotsWith = (signedIn: string[]) =>
    rounds((k, choice) => ({
      path: `/v1/meetings/${meetingId}/motions/${motion.id}/ballots`,
      headers: { authorization: `Bearer ${signedIn[k]}` },
      body: JSON.stringify({ voterId: voters[k]!.voterId, choice }),
    }));
  // Phases alternate, baseline then service, ROUNDS times: this machine is shared and its speed
  // drifts by tens of percent within a minute, and alternating exposes both to the same drift.
  // Each service round signs in with tokens it has not seen (issued a second apart, so they differ),
  // so each voter's token is verified once per round, as a voter's first request is.
  const roundTokens: string[][] = [];
  for (let r = 0; r < ROUNDS; r++) {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    roundTokens.push(issueTokens());
  }
  const skipBaseline = process.env.BENCH_SKIP_BASELINE === '1';
  const skipped: Phase = { name: 'baseline (skipped)', votesPerSecond: NaN, p50: NaN, p99: NaN, errors: 0, total: 0, load: NaN, cpu: { server: NaN, postgres: NaN, loadGenerator: NaN } };
  const measured: { base: Phase; cast: Phase }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const warm = r === 0;
    const base = skipBaseline ? skipped : await load('baseline (one upsert)', baseline, baselineVotes(), warm ? baselineVotes() : null);
    const cast = await load('gongjue castBallot', service, ballotsWith(roundTokens[r]!), warm ? ballotsWith(warmupTokens) : null, { sampler: rss, round: r + 1 });
    measured.push({ base, cast });
  }

  // Settled: a few seconds after the last load, as the service sits between bursts.
  rss.phase = 'settled';
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const memoryFigures = rss.stop();

  const ballots = await db.selectFrom('ballots').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const current = await db.selectFrom('current_ballots').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  console.log(`bench:vote — ${VOTERS} voters, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s per phase (baseline, then service) after ${WARMUP} s of warm-up, pool ${POOL}`);
  const total = (p: Phase) => p.cpu.server + p.cpu.postgres + p.cpu.loadGenerator;
  measured.forEach(({ base, cast }, r) => {
    console.log(`  round ${r + 1}`);
    for (const phase of [base, cast]) {
      console.log(
        `  ${phase.name.padEnd(24)} ${phase.votesPerSecond.toFixed(0).padStart(6)} votes/s   p50 ${String(phase.p50).padStart(3)} ms   p99 ${String(phase.p99).padStart(3)} ms   errors ${phase.errors} of ${phase.total}   load ${phase.load.toFixed(2)}`,
      );
      console.log(
        `  ${''.padEnd(24)} CPU per vote: server ${phase.cpu.server.toFixed(3)} ms, PostgreSQL backends ${phase.cpu.postgres.toFixed(3)} ms, load generator ${phase.cpu.loadGenerator.toFixed(3)} ms (total ${total(phase).toFixed(3)})`,
      );
    }
    // On a saturated machine throughput follows CPU per vote; that ratio moves less with other load.
    console.log(`  ${''.padEnd(24)} ratio ${(cast.votesPerSecond / base.votesPerSecond).toFixed(2)}; CPU per vote, baseline ÷ service ${(total(base) / total(cast)).toFixed(2)}`);
  });
  const sum = (phases: Phase[], f: (p: Phase) => number) => phases.reduce((a, p) => a + f(p), 0);
  const bases = measured.map((x) => x.base);
  const casts = measured.map((x) => x.cast);
  const ratio = sum(casts, (p) => p.votesPerSecond) / sum(bases, (p) => p.votesPerSecond);
  const worstP99 = Math.max(...casts.map((p) => p.p99));
  const errors = sum(casts, (p) => p.errors);
  console.log(
    `  all rounds: service ${(sum(casts, (p) => p.votesPerSecond) / ROUNDS).toFixed(0)} votes/s, baseline ${(sum(bases, (p) => p.votesPerSecond) / ROUNDS).toFixed(0)} votes/s on average`,
  );
  console.log(
    `  ratio ${ratio.toFixed(2)} × baseline (target ≥ 0.6: ${ratio >= 0.6 ? 'met' : 'MISSED'}); worst p99 ${worstP99} ms (target ≤ 100: ${worstP99 <= 100 ? 'met' : 'MISSED'}); errors ${errors} (target 0: ${errors === 0 ? 'met' : 'MISSED'})`,
  );
  const mb = (x: number) => `${x.toFixed(0)} MB`;
  const phases = [...memoryFigures.byPhase].map(([phase, m]) => `${phase} ${mb(m.max)}`).join(', ');
  const peak = Math.max(memoryFigures.peak, memoryFigures.hwm);
  console.log(
    `  service RSS: peak ${mb(peak)} (kernel high-water mark ${mb(memoryFigures.hwm)}; sampled every 250 ms: ${mb(memoryFigures.peak)}, in ${memoryFigures.peakPhase}); idle ${mb(memoryFigures.byPhase.get('idle')?.last ?? Number.NaN)}, settled ${mb(memoryFigures.byPhase.get('settled')?.last ?? Number.NaN)}`,
  );
  console.log(`  service RSS, highest reading per phase: ${phases}`);
  console.log(`  peak RSS ≤ 200 MB throughout (target): ${peak <= 200 ? 'met' : 'MISSED'}`);
  console.log(`  ${ballots.n} ballot versions written, ${current.n} current ballots (one per voter who voted)`);
  console.log(`  service log ${(statSync(logFile).size / 1e6).toFixed(1)} MB; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode === null ? c.on('exit', r) : r(null)))));
  await app.close();
  await database.close();
  await scratch.drop();
  // BENCH_KEEP_LOG=1 keeps the service's log (e.g. with BENCH_SERVICE_NODE_ARGS=--trace-gc).
  if (process.env.BENCH_KEEP_LOG === '1') console.log(`  service log kept: ${logFile}`);
  else rmSync(logFile, { force: true });
}
