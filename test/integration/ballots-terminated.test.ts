import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../../src/identity/sessions.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { runningClock } from '../helpers/jobs.ts';
import { type PgProxy, pgProxy } from '../helpers/pg-proxy.ts';
import { freePort, type ServerProcess, startServer, waitUntilReady } from '../helpers/server-process.ts';
import { adminDatabaseUrl } from '../helpers/urls.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, boundCrowd } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';

/**
 * Issue 12, "Survive the database … nothing acknowledged is lost": owners
 * vote through the real server process while the test keeps terminating the
 * server's PostgreSQL backends (pg_terminate_backend, only in this file's
 * database). Every ballot answered 201 must be stored; every other answer
 * must be 503 problem+json; the process must live on and take the ballots
 * again once the terminations stop.
 */

const DAY = 24 * 3_600_000;
const VOTERS = 120;
const clock = runningClock(new Date());
let t: TestApp;
let server: ServerProcess;
let proxy: PgProxy;
let meetingId: string;
let motionId: string;
const voters: { token: string; voterId: string }[] = [];

beforeAll(async () => {
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  const { owners, accounts } = await boundCrowd(t, p.staffA, p.estateA, VOTERS, '167');
  const db = t.testDatabase.database.db;
  const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  // Open now in real time (the server runs on the system clock), closing in a day.
  const opened = await openMeeting(t, clock, new Date(Date.now() + DAY - 30 * DAY), organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '断线投票' }]);
  clock.set(new Date());
  meetingId = opened.meetingId;
  motionId = opened.motionIds[0]!;
  const electorate = await db.selectFrom('electorate_voters').select(['id', 'owners']).where('motion_id', '=', motionId).execute();
  const voterOf = new Map(electorate.map((v) => [v.owners[0], v.id]));
  // Each owner in a live session of its own: the service honours a token only while its session lives.
  for (const [i, o] of owners.entries()) {
    const { sessionId } = await openSession(db, accounts[i]!.id, new Date());
    const token = t.app.issueAccessToken({ subject: accounts[i]!.id, kind: 'person', grants: [{ role: 'owner', estateId: p.estateA, ownerId: o.id }], session: sessionId });
    voters.push({ token, voterId: voterOf.get(o.id)! });
  }
  const upstream = new URL(adminDatabaseUrl());
  proxy = await pgProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
  server = startServer({
    DATABASE_URL: proxy.urlFor(t.testDatabase.name),
    DATA_DIR: '/tmp/gongjue-unused',
    PORT: String(await freePort()),
    RUN_JOBS: 'false',
    // One batch at a time: ballots arriving while it is at the database wait and go together in the next.
    BALLOT_BATCHES_IN_FLIGHT: '1',
    JWT_PRIVATE_KEY: t.keys.jwt.privateKey,
    JWT_PUBLIC_KEY: t.keys.jwt.publicKey,
    IDENTITY_HMAC_KEY: t.keys.identityHmacKey.toString('base64'),
    RESULT_SIGNING_KEY: t.keys.resultSigning.privateKey,
  });
  await waitUntilReady(server);
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await t?.close();
});

async function vote(v: { token: string; voterId: string }, choice: string) {
  try {
    const res = await fetch(`${server.baseUrl}/v1/meetings/${meetingId}/motions/${motionId}/ballots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${v.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ voterId: v.voterId, choice }),
    });
    return { status: res.status, type: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { ballotId?: string; type?: string } };
  } catch (err) {
    return { status: 0, type: null, retryAfter: null, body: { type: String(err) } };
  }
}

describe('ballots while PostgreSQL terminates the server’s connections', () => {
  it('every 201 is stored, every other answer is 503, the process lives on and the ballots go through afterwards', async () => {
    const superuser = new pg.Client({ connectionString: adminDatabaseUrl(), application_name: 'gongjue-test-admin' });
    await superuser.connect();
    let terminated = 0;
    let storm = true;
    // Terminate the server's backends (and this file's own idle ones, which its pool survives) as fast as they come.
    const terminator = (async () => {
      while (storm) {
        const { rows } = await superuser.query(
          `select count(*) filter (where pg_terminate_backend(pid)) as n from pg_stat_activity where datname = $1 and application_name = 'gongjue' and state = 'active'`,
          [t.testDatabase.name],
        );
        terminated += Number(rows[0].n);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const answers = [];
    try {
      for (let round = 0; round < 3; round++) answers.push(...(await Promise.all(voters.map((v) => vote(v, round % 2 === 0 ? 'agree' : 'oppose')))));
    } finally {
      storm = false;
      await terminator;
      await superuser.end();
    }
    expect(server.child.exitCode, server.output()).toBeNull();
    expect(terminated).toBeGreaterThan(0);
    const refused = answers.filter((a) => a.status !== 201);
    for (const a of refused) {
      expect(a.status, JSON.stringify(a.body)).toBe(503);
      expect(a.type).toMatch(/^application\/problem\+json/);
      expect(a.body.type).toBe('urn:gongjue:problem:unavailable');
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
    }
    // Nothing acknowledged is lost.
    const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.body.ballotId!);
    const stored = new Set((await sql<{ id: string }>`select id from ballots where motion_id = ${motionId}`.execute(t.testDatabase.database.db)).rows.map((r) => r.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    // And once the terminations stop, every voter's ballot goes through.
    const after = await Promise.all(voters.map((v) => vote(v, 'abstain')));
    expect(after.filter((a) => a.status !== 201)).toEqual([]);
    console.log(`ballots: ${acknowledged.length} acknowledged, ${refused.length} answered 503, ${terminated} backends terminated`);
  }, 90_000);

  it('a frozen database: ballots waiting together are all answered 503 within seconds, not retried one by one, each waiting again', async () => {
    const some = voters.slice(0, 40);
    proxy.freeze();
    const started = Date.now();
    let answers: Awaited<ReturnType<typeof vote>>[];
    try {
      answers = await Promise.all(some.map((v) => vote(v, 'agree')));
    } finally {
      proxy.thaw();
    }
    const tookMs = Date.now() - started;
    expect(answers.map((a) => a.status).filter((s) => s !== 503)).toEqual([]);
    // A batch waits DATABASE_STATEMENT_TIMEOUT_MS + 1 s (6 s) once; generous for a loaded machine.
    expect(tookMs).toBeLessThan(20_000);
    expect(server.child.exitCode, server.output()).toBeNull();
    const after = await Promise.all(some.map((v) => vote(v, 'agree')));
    expect(after.filter((a) => a.status !== 201)).toEqual([]);
  }, 120_000);
});
