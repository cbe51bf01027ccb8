/**
 * npm run bench:inbox — the owner app's inbox on a service that has sent 800,000 messages:
 * 10,000 bound owners with 50 messages each, 300,000 login codes, 2,000 committee messages,
 * in a fresh database on DATABASE_URL's server. Times the first page (20) and the unread
 * count for one owner whose messages lie in the middle of the table, and for a reader who
 * is also committee, township staff and admin. Our own target: ≤ 50 ms (an owner opens the
 * inbox on a phone; the page's budget is the network's).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { inboxPage, type Reader, unreadCount } from '../src/notifications/inbox-repository.ts';
import { scratchDatabase } from './scratch-database.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const scratch = await scratchDatabase('gongjue_bench_inbox');
const database = await openDatabase({ url: scratch.url, embeddedDir: 'memory://', poolMax: 2 });
const db = database.db;
try {
  await migrateToLatest(db);
  let t = performance.now();
  await sql`insert into townships (code, name) values ('350881001', '基准街道')`.execute(db);
  const estate = (await sql<{ id: string }>`insert into estates (township_id, name) select id, '基准小区' from townships returning id`.execute(db)).rows[0]!.id;
  const township = (await sql<{ id: string }>`select id from townships`.execute(db)).rows[0]!.id;
  await sql`insert into owners (estate_id, name, kind, id_type, id_key, id_tail)
    select ${estate}, '业主' || v, 'person', 'resident', convert_to('k' || v, 'UTF8'), '0000' from generate_series(1, 10000) v`.execute(db);
  await sql`insert into accounts (phone) select '139' || lpad(v::text, 8, '0') from generate_series(1, 10000) v`.execute(db);
  await sql`insert into owner_bindings (account_id, owner_id, method, level, factor)
    select a.id, o.id, 'self', 'registry_factor', 'phone'
      from (select id, row_number() over (order by phone) n from accounts) a
      join (select id, row_number() over (order by name) n from owners) o on o.n = a.n`.execute(db);
  await sql`insert into notifications (estate_id, topic, kind, recipient, owner_id, body, created_at)
    select ${estate}, 'meeting.notice', 'meeting_noticed', 'owner', o.id, '通知', now() from generate_series(1, 50), owners o`.execute(db);
  await sql`insert into notifications (estate_id, topic, kind, recipient, phone, body, created_at)
    select null, 'login.code', 'login_code', 'phone', '139' || lpad((v % 10000)::text, 8, '0'), '', now() from generate_series(1, 300000) v`.execute(db);
  await sql`insert into notifications (estate_id, topic, kind, recipient, body, created_at)
    select ${estate}, 'meeting.notice', 'meeting_noticed', 'committee', '通知', now() from generate_series(1, 2000)`.execute(db);
  await sql`analyze`.execute(db);
  const total = (await sql<{ n: string }>`select count(*)::text as n from notifications`.execute(db)).rows[0]!.n;
  console.log(`seeded ${Number(total).toLocaleString('en')} messages (${Math.round(performance.now() - t).toLocaleString('en')} ms)`);

  const account = (await sql<{ id: string }>`select id from accounts order by phone limit 1 offset 5000`.execute(db)).rows[0]!.id;
  const readers: [string, Reader][] = [
    ['an owner', { accountId: account, committeeOf: [], staffOf: [], admin: false }],
    ['an owner who is also committee, township staff and admin', { accountId: account, committeeOf: [estate], staffOf: [township], admin: true }],
  ];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const [who, reader] of readers) {
    const page: number[] = [];
    const count: number[] = [];
    let shown = 0;
    let unread = 0;
    for (let i = 0; i < RUNS; i++) {
      t = performance.now();
      shown = (await inboxPage(db, reader, null, 20)).length;
      page.push(performance.now() - t);
      t = performance.now();
      unread = await unreadCount(db, reader);
      count.push(performance.now() - t);
    }
    console.log(
      `${who}: first page (${shown} messages) median ${median(page).toFixed(1)} ms, max ${Math.max(...page).toFixed(1)} ms; ` +
        `unread count (${unread}) median ${median(count).toFixed(1)} ms, max ${Math.max(...count).toFixed(1)} ms — ${RUNS} runs (target ≤ 50 ms)`,
    );
  }
} finally {
  await database.close();
  await scratch.drop();
}
