import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { ephemeralKeys } from '../../src/identity/keys.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { redisUrl } from '../helpers/urls.ts';

describe('health and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { REDIS_URL: redisUrl(), JOBS_QUEUE_PREFIX: `health-${process.pid}` } });
  });
  afterAll(async () => t?.close());

  it('/healthz answers while the process is up', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is 200 when PostgreSQL and Redis answer', async () => {
    // The Redis connection is opened in the background at start.
    await t.app.redis?.ping();
    const res = await t.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ready');
    expect(body.checks).toEqual({ database: { status: 'ok' }, redis: { status: 'ok' } });
    // With Redis configured the jobs are on BullMQ: each queue's depth and failures, and the webhook backlog.
    expect(body.jobs.mode).toBe('bullmq');
    expect(Object.keys(body.jobs.queues).sort()).toEqual(['close-voting', 'collect-sms-receipts', 'confirm-ballots', 'deliver-message', 'deliver-webhook', 'finalize-result', 'open-voting', 'publish-results', 'reconcile', 'remind-voters']);
    expect(body.jobs.queues['close-voting']).toEqual({ waiting: expect.any(Number), delayed: expect.any(Number), active: expect.any(Number), failed: expect.any(Number) });
    expect(body.jobs.webhooks).toEqual({ pending: 0, failed: 0 });
  });
});

describe('readiness when a dependency is down', () => {
  const config = (env: Record<string, string>) =>
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/gongjue-unused', ...env });

  it('is 503 naming the database when PostgreSQL does not answer', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const url = 'postgres://postgres@127.0.0.1:1/none';
    const database = await openDatabase({ url, embeddedDir: 'memory://' });
    const app = await buildApp({ config: config({ DATABASE_URL: url }), database, keys: ephemeralKeys(), migrate: false, runJobs: false });
    try {
      const res = await app.inject({ url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = res.json();
      expect(body.type).toBe('urn:gongjue:problem:not-ready');
      expect(body.detail).toBe('database: database did not answer');
      expect(body.checks.database.status).toBe('failing');
      expect(body.checks.redis.status).toBe('not_configured');
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('is 503 naming Redis when Redis is configured but down', async () => {
    const t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const res = await t.app.inject({ url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json().checks).toMatchObject({ database: { status: 'ok' }, redis: { status: 'failing' } });
    } finally {
      await t.close();
    }
  });
});
