// How long the electorate lookup (GET /v1/meetings/{id}/electorate) and a
// ballot naming a unit take on a large estate. (A GIN index on
// electorate_voters.units was tried for them: it made opening 20-25 % slower;
// the index on owners, there since 0003, serves instead.)
//
//   npm run bench:lookup            # 100,000 owners with one flat each, two motions
//   BENCH_UNITS=20000 npm run bench:lookup
//
// Lookups are medians of 5 runs; the load average is printed, the figures move with it.
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { migrateToLatest } from '../src/db/migrator.ts';
import { openDatabase } from '../src/db/database.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { openVoting } from '../src/voting/meetings.ts';
import { requireMeeting } from '../src/voting/meetings-repository.ts';
import { noticedBenchMeeting } from './meeting.ts';
import { findVoters, resolveVoter } from '../src/voting/electorate-lookup.ts';
import { scratchDatabase } from './scratch-database.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 100_000);
const scratch = await scratchDatabase('gongjue_bench_lookup');
const database = await openDatabase({ url: scratch.url, embeddedDir: 'memory://', poolMax: 2 });
const db = database.db;

async function timed<T>(what: string, run: () => Promise<T>, times = 5): Promise<T> {
  const ms: number[] = [];
  let result!: T;
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint();
    result = await run();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  ms.sort((a, b) => a - b);
  console.log(`${what.padEnd(58)} median ${ms[Math.floor(ms.length / 2)]!.toFixed(1).padStart(8)} ms  (min ${ms[0]!.toFixed(1)}, max ${ms.at(-1)!.toFixed(1)})`);
  return result;
}

/** An estate of UNITS owners with a flat each in 20 buildings, and a meeting of two motions opened now. */
async function openMeeting(name: string): Promise<string> {
  const township = await db.insertInto('townships').values({ code: String(350881000 + Math.floor(Math.random() * 999)), name: '桂林街道' }).returning('id').executeTakeFirstOrThrow();
  const estate = await db.insertInto('estates').values({ township_id: township.id, name, settings: '{}' }).returning('id').executeTakeFirstOrThrow();
  await sql`insert into buildings (estate_id, name) select ${estate.id}, b || '栋' from generate_series(1, 20) b`.execute(db);
  await sql`
    with o as (
      insert into owners (estate_id, kind, name, id_type, id_key, id_tail)
      select ${estate.id}, 'person', (array['张','李','王','赵','陈'])[1 + g % 5] || '业主' || g, 'resident_id',
             decode(md5(${name} || g::text) || md5((g + 1)::text), 'hex'), lpad(g::text, 4, '0')
      from generate_series(1, ${UNITS}) g returning id, id_tail, name),
    u as (
      insert into units (estate_id, registry_no, building_id, room, area_hundredths, area_source, kind)
      select ${estate.id}, 'R-' || lpad(substring(o.name from 4), 6, '0'),
             (select id from buildings where estate_id = ${estate.id} and name = (1 + substring(o.name from 4)::int % 20) || '栋'),
             (1 + (substring(o.name from 4)::int / 20) % 30) || lpad((substring(o.name from 4)::int % 4 + 1)::text, 2, '0') || '-' || substring(o.name from 4),
             8000 + substring(o.name from 4)::int % 5000, 'registry', 'residential'
      from o returning id, registry_no)
    insert into unit_owners (unit_id, owner_id)
    select u.id, o.id from u join o on 'R-' || lpad(substring(o.name from 4), 6, '0') = u.registry_no`.execute(db);
  return noticedBenchMeeting(db, estate.id, ['一', '二']);
}

async function open(meetingId: string) {
  await inTransaction(db, async (trx) => openVoting(trx, await requireMeeting(trx, meetingId), 'system:bench', new Date()));
}

try {
  await migrateToLatest(db);
  console.log(`bench:lookup — ${UNITS} owners with a flat each, 2 motions; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  const meetingId = await openMeeting('乙');
  await timed('open voting (the electorate snapshot)', () => open(meetingId), 1);
  await sql`analyze`.execute(db);

  const meeting = await requireMeeting(db, meetingId);
  const motion = await db.selectFrom('motions').select('id').where('meeting_id', '=', meetingId).orderBy('position').executeTakeFirstOrThrow();
  const some = `R-${String(Math.floor(UNITS / 2)).padStart(6, '0')}`;
  await timed(`lookup registryNo=${some}`, () => findVoters(db, meeting, { registryNo: some, limit: 50 }));
  await timed('lookup building=7栋 floor=12 (first page of 50)', () => findVoters(db, meeting, { building: '7栋', floor: '12', limit: 50 }));
  await timed('lookup name=张业主10 (masked 张****: 18 owners)', () => findVoters(db, meeting, { name: '张业主10', limit: 50 }));
  await timed('lookup name=张业主10000 (masked 张*******: 1 in 5 of owners 10000–99999; first page of 50)', () => findVoters(db, meeting, { name: '张业主10000', limit: 50 }));
  await timed('lookup building=7栋 (first page of 50)', () => findVoters(db, meeting, { building: '7栋', limit: 50 }));
  const first = await timed('lookup, no filter (first page of 50)', () => findVoters(db, meeting, { limit: 50 }));
  await timed('lookup, no filter (second page of 50)', () => findVoters(db, meeting, { limit: 50, after: first.next! }));
  await timed(`resolve a paper ballot's unit (registryNo=${some})`, () => resolveVoter(db, meetingId, motion.id, { registryNo: some }));
} finally {
  await database.close();
  await scratch.drop();
}
