import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app.ts';
import { manualClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { ephemeralKeys } from '../../src/identity/keys.ts';
import { registryCsv, residentId } from '../helpers/identity.ts';
import { sessionToken } from '../helpers/sessions.ts';

/**
 * The embedded default: no Redis, PGlite's single connection, the in-process
 * runner running several jobs at once. Five meetings due together all open,
 * close, tally and publish by themselves.
 */
const DAY = 24 * 3_600_000;
const clock = manualClock(new Date('2026-11-22T00:00:00Z'));
let database: Database;
let app: App;

beforeAll(async () => {
  database = await openDatabase({ url: undefined, embeddedDir: 'memory://' });
  app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gongjue-embedded-jobs-')), JOBS_CONCURRENCY: '4' }),
    database,
    keys: ephemeralKeys(),
    migrate: true,
    clock,
    runJobs: true,
  });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('jobs on the embedded database', () => {
  it('the in-process runner opens, closes, tallies and publishes five meetings due at once', async () => {
    expect(app.jobs.mode).toBe('in-process');
    const admin = { authorization: `Bearer ${(await sessionToken(app, database.db, [{ role: 'admin' }])).token}` };
    const township = (await app.inject({ method: 'POST', url: '/v1/townships', headers: admin, payload: { code: '110101010', name: '嵌入街道' } })).json();
    const estate = (await app.inject({ method: 'POST', url: `/v1/townships/${township.id}/estates`, headers: admin, payload: { name: '嵌入小区' } })).json();
    const csv = registryCsv([{ registryNo: 'E-1', building: '1栋', room: '101', area: '90.00', owners: [{ name: '张三', id: residentId('19800101', 11) }] }]);
    const preview = await app.inject({ method: 'POST', url: `/v1/estates/${estate.id}/registry-imports`, headers: { ...admin, 'content-type': 'text/csv' }, payload: csv });
    expect((await app.inject({ method: 'POST', url: `/v1/estates/${estate.id}/registry-imports/${preview.json().id}/apply`, headers: admin })).statusCode).toBe(200);

    const organiser = { authorization: `Bearer ${(await sessionToken(app, database.db, [{ role: 'organiser', estateId: estate.id }])).token}` };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const now = clock.now().getTime();
      const meeting = await app.inject({
        method: 'POST',
        url: `/v1/estates/${estate.id}/meetings`,
        headers: organiser,
        payload: { kind: 'regular', title: `会议${i}`, votingOpensAt: new Date(now + 16 * DAY).toISOString(), votingClosesAt: new Date(now + 20 * DAY).toISOString() },
      });
      expect(meeting.statusCode, meeting.body).toBe(201);
      const id = meeting.json().id as string;
      await app.inject({ method: 'POST', url: `/v1/meetings/${id}/motions`, headers: organiser, payload: { matter: 'other_major', kind: 'yes_no', title: '议题' } });
      expect((await app.inject({ method: 'POST', url: `/v1/meetings/${id}/notice`, headers: organiser })).statusCode).toBe(200);
      ids.push(id);
    }
    clock.advance(20 * DAY);
    app.jobs.kick();
    const statuses = async () => (await database.db.selectFrom('meetings').select('status').where('id', 'in', ids).execute()).map((m) => m.status);
    for (let i = 0; i < 100 && !(await statuses()).every((s) => s === 'published'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await statuses()).toEqual(ids.map(() => 'published'));
    const results = await database.db.selectFrom('motion_results').select('outcome').where('meeting_id', 'in', ids).execute();
    // Nobody voted: no quorum, and exactly one result a meeting.
    expect(results.map((r) => r.outcome)).toEqual(ids.map(() => 'no_quorum'));
  });
});
