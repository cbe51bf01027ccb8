import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { receiverFetch } from '../../src/webhooks/receiver-address.ts';
import { verifySignature } from '../../src/webhooks/signing.ts';
import { expiredToken, hs256Forgery } from '../helpers/jwt.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { runDueJobs, testJobDeps } from '../helpers/jobs.ts';
import { clientToken } from '../helpers/sessions.ts';
import { noticedMeeting } from '../factories/meetings.ts';
import { appointed } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';
import { zhang } from '../factories/cast.ts';

const DAY = 24 * 3_600_000;
const clock = manualClock(new Date('2026-11-22T00:00:00Z'));
const RETRY_MS = 60_000;

/** A receiver on a local port: records every request and answers with the status its script says. */
class Receiver {
  readonly requests: { headers: IncomingHttpHeaders; body: string }[] = [];
  answers: number[] = [];
  private server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      this.requests.push({ headers: req.headers, body });
      res.statusCode = this.answers.shift() ?? 200;
      res.end('ok');
    });
  });
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }
  stop() {
    return new Promise((r) => this.server.close(r));
  }
}

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: { accessToken: string };
let client: string;
const deps = () => testJobDeps(t, clock, { webhooks: { maxAttempts: 3, retryBaseMs: RETRY_MS, timeoutMs: 2_000 } });
const db = () => t.testDatabase.database.db;

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] }]);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  client = (await clientToken(t.app, t.testDatabase.database.db, { access: 'read', townshipIds: [p.townshipA], estateIds: [] })).token;
});
afterAll(async () => t?.close());

async function subscribe(token: string, payload: object) {
  return t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: bearer(token), payload });
}

const noticeMeeting = (title: string) => noticedMeeting(t, clock, organiser.accessToken, p.estateA, { title });

const countSubscriptions = async () => Number((await db().selectFrom('webhook_subscriptions').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('webhook subscriptions', () => {
  it('refuses bad requests and people outside the scope, writing nothing', async () => {
    const owner = await t.tokenFor({ role: 'owner', estateId: p.estateA, ownerId: randomUUID() });
    const before = await countSubscriptions();
    const good = { estateId: p.estateA, url: 'http://127.0.0.1:9/hooks', events: ['result.published'] };
    expect((await t.app.inject({ method: 'POST', url: '/v1/webhooks', payload: good })).statusCode).toBe(401);
    expect((await subscribe(p.staffB, good)).statusCode).toBe(404);
    expect((await subscribe(owner, good)).statusCode).toBe(403);
    expect((await subscribe(p.committeeA, good)).statusCode).toBe(403);
    expect((await subscribe(p.staffB, { townshipId: p.townshipA, url: good.url, events: good.events })).statusCode).toBe(404);
    for (const bad of [
      { ...good, estateId: undefined },
      { ...good, townshipId: p.townshipA },
      { ...good, url: 'ftp://example.org/x' },
      { ...good, url: 'http://user:pw@example.org/x' },
      { ...good, events: [] },
      { ...good, events: ['ballot.cast'] },
      { ...good, extra: true },
    ]) {
      const res = await subscribe(p.staffA, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await subscribe(p.admin, { townshipId: randomUUID(), url: good.url, events: good.events })).statusCode).toBe(404);
    expect(await countSubscriptions()).toBe(before);
    // Another township's staff neither list nor see the estate's subscriptions.
    expect((await t.app.inject({ url: `/v1/webhooks?estateId=${p.estateA}`, headers: bearer(p.staffB) })).statusCode).toBe(404);
  });

  it('delivers a correctly signed event, and lists the delivery', async () => {
    const receiver = new Receiver();
    const url = await receiver.start();
    try {
      const created = await subscribe(client, { townshipId: p.townshipA, url, events: ['meeting.noticed'] });
      expect(created.statusCode).toBe(201);
      const { subscription, secret } = created.json();
      expect(secret).toMatch(/^whsec_/);
      // The secret is shown once: never in a listing.
      const listed = await t.app.inject({ url: `/v1/webhooks?townshipId=${p.townshipA}`, headers: bearer(client) });
      expect(listed.body).not.toContain(secret);

      const meetingId = await noticeMeeting('通知会议');
      await runDueJobs(deps());
      expect(receiver.requests).toHaveLength(1);
      const [req] = receiver.requests;
      expect(req!.headers['gongjue-event']).toBe('meeting.noticed');
      expect(verifySignature(secret, req!.body, String(req!.headers['gongjue-signature']), clock.now())).toBe(true);
      expect(verifySignature(secret, req!.body.replace('通知会议', '别的会议'), String(req!.headers['gongjue-signature']), clock.now())).toBe(false);
      expect(verifySignature('whsec_wrong', req!.body, String(req!.headers['gongjue-signature']), clock.now())).toBe(false);
      const event = JSON.parse(req!.body);
      expect(event).toMatchObject({ type: 'meeting.noticed', estateId: p.estateA, townshipId: p.townshipA, meetingId, data: { title: '通知会议' } });

      const deliveries = await t.app.inject({ url: `/v1/webhooks/${subscription.id}/deliveries`, headers: bearer(client) });
      expect(deliveries.json().items).toMatchObject([{ status: 'delivered', attempts: 1, lastStatusCode: 200, eventType: 'meeting.noticed' }]);
      expect(req!.headers['gongjue-delivery']).toBe(deliveries.json().items[0].id);
      await t.app.inject({ method: 'DELETE', url: `/v1/webhooks/${subscription.id}`, headers: bearer(client) });
    } finally {
      await receiver.stop();
    }
  });

  it('sends again later when the receiver answers 500 first; the same bytes, the same delivery id', async () => {
    const receiver = new Receiver();
    receiver.answers = [500];
    const url = await receiver.start();
    try {
      const { subscription } = (await subscribe(p.staffA, { estateId: p.estateA, url, events: ['meeting.noticed'] })).json();
      await noticeMeeting('重试会议');
      await runDueJobs(deps());
      expect(receiver.requests).toHaveLength(1);
      const [first] = (await t.app.inject({ url: `/v1/webhooks/${subscription.id}/deliveries`, headers: bearer(p.staffA) })).json().items;
      expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
      expect(new Date(first.nextAttemptAt).getTime()).toBe(clock.now().getTime() + RETRY_MS);

      clock.advance(RETRY_MS - 1);
      await runDueJobs(deps());
      expect(receiver.requests).toHaveLength(1);
      clock.advance(1);
      await runDueJobs(deps());
      expect(receiver.requests).toHaveLength(2);
      expect(receiver.requests[1]!.body).toBe(receiver.requests[0]!.body);
      expect(receiver.requests[1]!.headers['gongjue-delivery']).toBe(receiver.requests[0]!.headers['gongjue-delivery']);
      const [second] = (await t.app.inject({ url: `/v1/webhooks/${subscription.id}/deliveries`, headers: bearer(p.staffA) })).json().items;
      expect(second).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
      await t.app.inject({ method: 'DELETE', url: `/v1/webhooks/${subscription.id}`, headers: bearer(p.staffA) });
    } finally {
      await receiver.stop();
    }
  });

  it('after the last retry a delivery waits in the failed list until an admin replays it', async () => {
    const receiver = new Receiver();
    receiver.answers = [500, 502, 503];
    const url = await receiver.start();
    try {
      const { subscription } = (await subscribe(p.staffA, { estateId: p.estateA, url, events: ['meeting.noticed'] })).json();
      await noticeMeeting('失败会议');
      await runDueJobs(deps());
      clock.advance(RETRY_MS);
      await runDueJobs(deps());
      clock.advance(2 * RETRY_MS);
      await runDueJobs(deps());
      expect(receiver.requests).toHaveLength(3);
      clock.advance(DAY);
      await runDueJobs(deps());
      expect(receiver.requests).toHaveLength(3);

      const failed = await t.app.inject({ url: '/v1/webhook-deliveries?status=failed', headers: bearer(p.admin) });
      const mine = failed.json().items.find((d: { subscriptionId: string }) => d.subscriptionId === subscription.id);
      expect(mine).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 503, lastError: 'the receiver answered 503' });
      expect((await t.app.inject({ url: '/v1/webhook-deliveries?status=failed', headers: bearer(p.staffA) })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: `/v1/webhook-deliveries/${mine.id}/replay`, headers: bearer(p.staffA) })).statusCode).toBe(403);

      const replayed = await t.app.inject({ method: 'POST', url: `/v1/webhook-deliveries/${mine.id}/replay`, headers: bearer(p.admin) });
      expect(replayed.statusCode).toBe(200);
      expect(replayed.json()).toMatchObject({ status: 'pending', attempts: 0 });
      expect((await t.app.inject({ method: 'POST', url: `/v1/webhook-deliveries/${mine.id}/replay`, headers: bearer(p.admin) })).statusCode).toBe(409);
      await runDueJobs(deps());
      expect(receiver.requests).toHaveLength(4);
      const [after] = (await t.app.inject({ url: `/v1/webhooks/${subscription.id}/deliveries`, headers: bearer(p.staffA) })).json().items;
      expect(after).toMatchObject({ status: 'delivered', attempts: 1 });
      const audit = await db().selectFrom('audit_log').select('action').where('subject', '=', `webhook-delivery:${mine.id}`).execute();
      expect(audit.map((a) => a.action)).toEqual(['webhook.delivery.replayed']);
    } finally {
      await receiver.stop();
    }
  });

  it('a disabled subscription receives nothing more, retries included', async () => {
    const receiver = new Receiver();
    receiver.answers = [500];
    const url = await receiver.start();
    try {
      const { subscription } = (await subscribe(p.staffA, { estateId: p.estateA, url, events: ['meeting.noticed'] })).json();
      await noticeMeeting('退订会议');
      await runDueJobs(deps());
      const disabled = await t.app.inject({ method: 'DELETE', url: `/v1/webhooks/${subscription.id}`, headers: bearer(p.staffA) });
      expect(disabled.statusCode).toBe(200);
      expect((await t.app.inject({ method: 'DELETE', url: `/v1/webhooks/${subscription.id}`, headers: bearer(p.staffA) })).statusCode).toBe(409);
      await noticeMeeting('退订之后');
      clock.advance(RETRY_MS);
      await runDueJobs(deps());
      expect(receiver.requests).toHaveLength(1);
      const items = (await t.app.inject({ url: `/v1/webhooks/${subscription.id}/deliveries`, headers: bearer(p.staffA) })).json().items;
      expect(items).toMatchObject([{ status: 'failed', lastError: 'the subscription was disabled' }]);
    } finally {
      await receiver.stop();
    }
  });
});

describe('receivers on the public internet only (SSRF)', () => {
  it('with WEBHOOK_PRIVATE_RECEIVERS off, refuses receivers written as private addresses or localhost, writing nothing', async () => {
    const strict = await createTestApp({ env: { WEBHOOK_PRIVATE_RECEIVERS: 'false' } });
    try {
      const admin = await strict.tokenFor({ role: 'admin' });
      const township = (await strict.app.inject({ method: 'POST', url: '/v1/townships', headers: bearer(admin), payload: { code: '350881321', name: '外网街道' } })).json();
      const refusals = [
        'http://127.0.0.1:9/hooks',
        'http://10.0.0.8/hooks',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]:8080/hooks',
        'http://[::ffff:7f00:1]/hooks',
        'https://localhost/hooks',
        'https://db.localhost/hooks',
      ];
      for (const url of refusals) {
        const res = await strict.app.inject({ method: 'POST', url: '/v1/webhooks', headers: bearer(admin), payload: { townshipId: township.id, url, events: ['meeting.noticed'] } });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().errors[0].path).toBe('body.url');
      }
      expect(Number((await strict.testDatabase.database.db.selectFrom('webhook_subscriptions').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
      const fine = await strict.app.inject({ method: 'POST', url: '/v1/webhooks', headers: bearer(admin), payload: { townshipId: township.id, url: 'https://hooks.example.com/gongjue', events: ['meeting.noticed'] } });
      expect(fine.statusCode).toBe(201);
    } finally {
      await strict.close();
    }
  });

  it('a delivery connects only to public addresses: a name resolving to this machine, or an address written out, is refused and nothing is sent', async () => {
    const receiver = new Receiver();
    const local = await receiver.start();
    const port = new URL(local).port;
    // receiver.test resolves to the receiver's own address, as a rebinding name would at delivery time.
    const resolve = (_host: string, callback: (err: Error | null, addresses: { address: string; family: number }[]) => void) =>
      callback(null, [{ address: '127.0.0.1', family: 4 }]);
    const publicOnly = () => testJobDeps(t, clock, { webhooks: { maxAttempts: 3, retryBaseMs: RETRY_MS, timeoutMs: 2_000 }, fetch: receiverFetch(false, resolve) });
    try {
      const byName = (await subscribe(p.staffA, { estateId: p.estateA, url: `http://receiver.test:${port}/hooks`, events: ['meeting.noticed'] })).json().subscription;
      const byAddress = (await subscribe(p.staffA, { estateId: p.estateA, url: local, events: ['meeting.noticed'] })).json().subscription;
      await noticeMeeting('内网会议');
      await runDueJobs(publicOnly());
      expect(receiver.requests).toEqual([]);
      const deliveries = await db()
        .selectFrom('webhook_deliveries')
        .select(['subscription_id', 'status', 'last_error'])
        .where('subscription_id', 'in', [byName.id, byAddress.id])
        .execute();
      const errorOf = (id: string) => deliveries.find((d) => d.subscription_id === id)?.last_error;
      expect(errorOf(byName.id)).toMatch(/^refused: receiver\.test resolves to no public address \(127\.0\.0\.1\)/);
      expect(errorOf(byAddress.id)).toMatch(/^refused: 127\.0\.0\.1 is not a public address/);
      expect(deliveries.every((d) => d.status === 'pending')).toBe(true);
      for (const s of [byName, byAddress]) await t.app.inject({ method: 'DELETE', url: `/v1/webhooks/${s.id}`, headers: bearer(p.staffA) });
    } finally {
      await receiver.stop();
    }
  });
});

describe('the events of a meeting, end to end', () => {
  it('a township subscriber hears of the notice, the opening, each motion closing, the publication and the certification, in that order', async () => {
    const receiver = new Receiver();
    const url = await receiver.start();
    try {
      const { subscription, secret } = (
        await subscribe(client, { townshipId: p.townshipA, url, events: ['meeting.noticed', 'voting.opened', 'motion.closed', 'result.published', 'result.certified'] })
      ).json();
      const meetingId = await noticeMeeting('全程会议');
      await runDueJobs(deps());
      clock.advance(16 * DAY);
      await runDueJobs(deps()); // opens
      clock.advance(4 * DAY);
      await runDueJobs(deps()); // closes, tallies, publishes
      const certified = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/filing/certify`, headers: bearer(p.staffA) });
      expect(certified.statusCode, certified.body).toBe(200);
      await runDueJobs(deps());

      const mine = receiver.requests.map((r) => JSON.parse(r.body)).filter((e) => e.meetingId === meetingId);
      expect(mine.map((e) => e.type)).toEqual(['meeting.noticed', 'voting.opened', 'motion.closed', 'result.published', 'result.certified']);
      // Each was signed when sent, days apart on this clock: check the signatures, not their age.
      for (const r of receiver.requests) expect(verifySignature(secret, r.body, String(r.headers['gongjue-signature']), clock.now(), 30 * 86_400)).toBe(true);
      expect(mine[2].data).toMatchObject({ outcome: expect.any(String), totals: { TA: '9000', TH: '1' } });
      expect(mine[4].data.signature).toEqual(expect.any(String));
      await t.app.inject({ method: 'DELETE', url: `/v1/webhooks/${subscription.id}`, headers: bearer(client) });
    } finally {
      await receiver.stop();
    }
  });
});

describe('every webhook route refuses outsiders, accounts without a role, expired and forged tokens, changing nothing', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ids.subscription = (await subscribe(p.staffA, { estateId: p.estateA, url: 'http://127.0.0.1:9/x', events: ['result.published'] })).json().subscription.id;
    const event = await db()
      .insertInto('webhook_events')
      .values({ type: 'result.published', estate_id: p.estateA, subject: 'meeting:x', body: '{}', occurred_at: clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.delivery = (
      await db()
        .insertInto('webhook_deliveries')
        .values({ subscription_id: ids.subscription!, event_id: event.id, status: 'failed', attempts: 3, created_at: clock.now() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });

  const routes: ['GET' | 'POST' | 'DELETE', () => string, (() => object)?][] = [
    ['POST', () => '/v1/webhooks', () => ({ estateId: p.estateA, url: 'http://127.0.0.1:9/y', events: ['meeting.noticed'] })],
    ['GET', () => `/v1/webhooks?estateId=${p.estateA}`],
    ['GET', () => `/v1/webhooks/${ids.subscription}`],
    ['GET', () => `/v1/webhooks/${ids.subscription}/deliveries`],
    ['DELETE', () => `/v1/webhooks/${ids.subscription}`],
    ['GET', () => '/v1/webhook-deliveries?status=failed'],
    ['POST', () => `/v1/webhook-deliveries/${ids.delivery}/replay`],
  ];
  const fingerprint = async () => ({
    subscriptions: await db().selectFrom('webhook_subscriptions').select(['id', 'disabled_at']).orderBy('id').execute(),
    deliveries: await db().selectFrom('webhook_deliveries').select(['id', 'status', 'attempts']).orderBy('id').execute(),
  });

  it.each(routes)('%s %s', async (method, url, payload) => {
    const noRole = await t.tokenFor();
    const before = await fingerprint();
    const send = (token: string) => t.app.inject({ method, url: url(), headers: bearer(token), ...(payload ? { payload: payload() as Record<string, unknown> } : {}) });
    // Estate A's subscriptions are invisible to both: 404 as if they did not exist. The delivery
    // list and replay are admin-only whatever the record: 403, the same for any id.
    const expected = url().startsWith('/v1/webhook-deliveries') ? 403 : 404;
    for (const [who, token] of [['outsider', p.staffB], ['no role', noRole]] as const) {
      const res = await send(token);
      expect(res.statusCode, `${who}: ${res.statusCode} ${res.body}`).toBe(expected);
    }
    for (const token of [expiredToken(t.keys.jwt.privateKey), hs256Forgery(t.keys.jwt.publicKey, [{ role: 'admin' }])]) {
      expect((await send(token)).statusCode).toBe(401);
    }
    expect(await fingerprint()).toEqual(before);
  });
});
