/**
 * npm run bench:import — a 100,000-unit registry file (CSV, 110,000 rows
 * with co-owners) uploaded and applied through the real HTTP routes on the
 * real PostgreSQL (DATABASE_URL's server, a fresh database). Target: ≤ 10 s
 * from upload to applied. Then a re-import of the next year's file (2 %
 * sold, 1 % gone, 1 % new, 1 % re-measured, 1 % new phone numbers) into the
 * same estate. Prints rows/s, the time of each step and the load average.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { scratchDatabase } from './scratch-database.ts';
import { openDatabase } from '../src/db/database.ts';
import { ephemeralKeys } from '../src/identity/keys.ts';
import { openSession } from '../src/identity/sessions.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 100_000);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Person n's fictitious resident identity number: unique per n, with a valid check character. */
function residentId(n: number): string {
  const day = Math.floor(n / 1000);
  const birth = `19${String(40 + (day % 60)).padStart(2, '0')}${String(1 + (Math.floor(day / 60) % 12)).padStart(2, '0')}${String(1 + (Math.floor(day / 720) % 28)).padStart(2, '0')}`;
  const body = `350881${birth}${String(n % 1000).padStart(3, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + Number(c) * WEIGHTS[i]!, 0);
  return body + CHECK[sum % 11];
}

/**
 * A deterministic estate: 10% co-owned, 5% second flats of one owner, 3% developer-held, 8% parking.
 * `nextYear` is the same estate a year on: units with u % 100 = 50, 51 sold to new owners, 52 gone,
 * 53 re-measured, 54 with a new phone number, and 1 % more units at the end.
 */
function buildCsv(units: number, nextYear = false): { csv: string; rows: number } {
  const lines = ['registry_no,building,stair,room,area,area_source,kind,developer_held,owner_name,owner_kind,owner_id_type,owner_id_number,owner_phone'];
  let person = 0;
  let buyer = 5_000_000;
  const total = nextYear ? units + units / 100 : units;
  for (let u = 0; u < total; u++) {
    const parking = u % 100 < 8;
    const change = nextYear ? u % 100 : -1;
    const place = parking ? `车库,,P${u}` : `${1 + Math.floor(u / 400)}栋,${1 + (Math.floor(u / 100) % 4)}单元,${101 + (u % 100)}`;
    const area = parking ? '12.50' : `${60 + (u % 90) + (change === 53 ? 1 : 0)}.${String(u % 100).padStart(2, '0')}`;
    const unit = `3508810010${String(u).padStart(8, '0')},${place},${area},registry,${parking ? 'parking' : 'residential'}`;
    if (u % 100 >= 97) {
      lines.push(`${unit},true,阳光地产有限公司,organisation,uscc,91350100M000100Y43,`);
      continue;
    }
    // Every twentieth unit is a second flat of the previous owner.
    const owner = u % 20 === 0 && person > 0 ? person : ++person;
    const coOwner = u % 10 === 1 ? ++person : 0;
    if (change === 52) continue;
    if (change === 50 || change === 51 || u >= units) {
      buyer += 1;
      lines.push(`${unit},false,买家${buyer},person,resident_id,${residentId(buyer)},`);
      continue;
    }
    const phone = `13${change === 54 ? 9 : 8}${String(u).padStart(8, '0')}`;
    lines.push(`${unit},false,业主${owner},person,resident_id,${residentId(owner)},${phone}`);
    if (coOwner > 0) lines.push(`${unit},false,共有人${coOwner},person,resident_id,${residentId(coOwner)},`);
  }
  return { csv: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const scratch = await scratchDatabase('gongjue_bench_import');
const url = new URL(scratch.url);
const database = await openDatabase({ url: url.toString(), embeddedDir: 'memory://', poolMax: 4 });
const app = await buildApp({
  config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url.toString() }),
  database,
  keys: ephemeralKeys(),
  migrate: true,
  runJobs: false,
});
try {
  // A real session of a real account: the service honours a token only while its session lives.
  const admin = await database.db.insertInto('accounts').values({ phone: '13900000000' }).returning('id').executeTakeFirstOrThrow();
  const { sessionId } = await openSession(database.db, admin.id, new Date());
  const token = app.issueAccessToken({ subject: admin.id, kind: 'person', grants: [{ role: 'admin' }], session: sessionId });
  const headers = { authorization: `Bearer ${token}` };
  const township = (await app.inject({ method: 'POST', url: '/v1/townships', headers, payload: { code: '350881001', name: '桂林街道' } })).json();
  const estate = (await app.inject({ method: 'POST', url: `/v1/townships/${township.id}/estates`, headers, payload: { name: '基准小区' } })).json();

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);

  /** Uploads and applies one file; prints its figures. */
  async function importFile(label: string, file: { csv: string; rows: number }) {
    const load = loadAverage();
    const t0 = performance.now();
    const preview = await app.inject({
      method: 'POST',
      url: `/v1/estates/${estate.id}/registry-imports`,
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: file.csv,
    });
    const t1 = performance.now();
    if (preview.statusCode !== 201) throw new Error(`preview failed: ${preview.body.slice(0, 2000)}`);
    const applied = await app.inject({ method: 'POST', url: `/v1/estates/${estate.id}/registry-imports/${preview.json().id}/apply`, headers });
    const t2 = performance.now();
    if (applied.statusCode !== 200) throw new Error(`apply failed: ${applied.body.slice(0, 2000)}`);
    const total = (t2 - t0) / 1000;
    const megabytes = Buffer.byteLength(file.csv) / 1024 / 1024;
    console.log(`${label}: ${file.rows.toLocaleString('en')} rows, ${megabytes.toFixed(1)} MB CSV (load average before: ${load})`);
    console.log(`  upload + validate + diff + preview stored: ${((t1 - t0) / 1000).toFixed(2)} s`);
    console.log(`  apply (one transaction):                   ${((t2 - t1) / 1000).toFixed(2)} s`);
    console.log(`  total: ${total.toFixed(2)} s — ${Math.round(file.rows / total).toLocaleString('en')} rows/s`);
    console.log(`  counts ${JSON.stringify(preview.json().counts)}`);
  }

  await importFile(`first import of ${UNITS.toLocaleString('en')} units (target ≤ 10 s)`, buildCsv(UNITS));
  await importFile('re-import a year on', buildCsv(UNITS, true));
  clearInterval(sampler);
  console.log(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB; load average after: ${loadAverage()}`);
} finally {
  await app.close();
  await database.close();
  await scratch.drop();
}
