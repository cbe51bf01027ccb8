import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import type { SmsOutcome, SmsProvider, SmsReceipt, SmsRequest } from '../../src/notifications/sms-provider.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { notifyBodies } from '../../src/notifications/outbox.ts';
import { bearer, createTestApp, lastCodeFor, type TestApp } from '../helpers/app.ts';
import { runDueJobs, testJobDeps } from '../helpers/jobs.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, wang, zhang } from '../factories/cast.ts';
import { noticedMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner, type Session } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 14, Messages: every message is a row, its SMS a delivery per phone
 * sent by the deliver-message job (here run as the in-process runner runs
 * it, on a manual clock), read in the inbox; quiet hours, the daily ceiling,
 * reminders refused, failures shown and re-sent.
 */

const DAY = 24 * 3_600_000;
// 10:00 in Shanghai: outside quiet hours.
const T0 = new Date('2026-12-01T02:00:00Z');
const RESIDENTS_COMMITTEE = '13900000009';
const LI_REGISTRY_PHONE = '13800000002';

/** A provider that answers as told for some phones and sends the rest: a provider failing, through the app's build options. */
function scriptedProvider() {
  const answers = new Map<string, SmsOutcome>();
  const receipts: SmsReceipt[] = [];
  const asked: { since: Date; phones: readonly string[] }[] = [];
  return {
    answers,
    receipts,
    asked,
    provider: {
      name: 'scripted',
      async send(request: SmsRequest): Promise<SmsOutcome> {
        return answers.get(request.phone) ?? { status: 'sent', providerMessageId: `p-${request.phone}-${request.kind}` };
      },
      async receipts(since: Date, phones: readonly string[]): Promise<SmsReceipt[]> {
        asked.push({ since, phones });
        return receipts.filter((r) => phones.includes(r.phone));
      },
    } satisfies SmsProvider,
  };
}

interface World {
  t: TestApp;
  clock: ReturnType<typeof manualClock>;
  p: Awaited<ReturnType<typeof twoTownships>>;
  estateId: string;
  organiser: Session;
  committee: Session;
  zhangS: Session;
  script: ReturnType<typeof scriptedProvider>;
}

async function world(env: Record<string, string> = {}, at = T0): Promise<World> {
  const clock = manualClock(at);
  const script = scriptedProvider();
  const t = await createTestApp({ clock, env, sms: script.provider });
  const p = await twoTownships(t);
  const estateId = await p.estate(p.townshipA, '碧水湾', { residentsCommitteePhone: RESIDENTS_COMMITTEE });
  await importRegistry(t, p.staffA, estateId, [
    { registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [{ ...zhang, phone: '13800000001' }] },
    { registryNo: 'R-2', building: '1栋', room: '102', area: '80.00', owners: [{ ...li, phone: LI_REGISTRY_PHONE }] },
    { registryNo: 'R-3', building: '1栋', room: '103', area: '70.00', owners: [wang] },
  ]);
  const organiser = await appointed(t, p.staffA, estateId, 'organiser');
  const committee = await appointed(t, p.staffA, estateId, 'committee');
  const zhangS = await verifiedOwner(t, zhang);
  return { t, clock, p, estateId, organiser, committee, zhangS, script };
}

const db = (w: World) => w.t.testDatabase.database.db;
const run = (w: World) => runDueJobs(testJobDeps(w.t, w.clock));
/** What reached phones, as `kind phone`, sorted. */
const sentOf = (w: World, kind?: string) => w.t.sentSms.filter((m) => kind === undefined || m.kind === kind).map((m) => `${m.kind} ${m.phone}`).sort();

async function deliveriesOf(w: World, kind: string) {
  return db(w)
    .selectFrom('message_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .select(['d.id', 'd.phone', 'd.status', 'd.reason', 'd.attempts', 'd.next_attempt_at', 'd.provider', 'd.provider_message_id'])
    .where('n.kind', '=', kind)
    .orderBy('d.phone')
    .execute();
}

describe('each message kind reaches the provider and the inbox once', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(async () => w?.t.close());

  it('notice, opening, reminder and result go to the bound phone, the registry phone and the residents’ committee, once each', async () => {
    const meetingId = await noticedMeeting(w.t, w.clock, w.organiser.accessToken, w.estateId, { title: '加装电梯' });
    await run(w);
    await run(w); // a second pass finds nothing more to send
    // 张三 bound: their account's phone, not the registry's; 李四 unbound: the registry's; 王五 has no phone: inbox only.
    expect(sentOf(w, 'meeting_noticed')).toEqual([`meeting_noticed ${LI_REGISTRY_PHONE}`, `meeting_noticed ${RESIDENTS_COMMITTEE}`, `meeting_noticed ${w.zhangS.phone}`].sort());
    const notice = w.t.sentSms.find((m) => m.kind === 'meeting_noticed')!;
    expect(notice.text).toContain('碧水湾');
    expect(notice.text).toContain('加装电梯');
    expect(notice.text).toContain(`${w.t.app.config.publicBaseUrl}/meetings/${meetingId}`);
    expect(notice.params).toEqual({ estate: '碧水湾', meeting: '加装电梯', opens: expect.any(String), link: `${w.t.app.config.publicBaseUrl}/meetings/${meetingId}` });
    expect((await deliveriesOf(w, 'meeting_noticed')).map((d) => [d.status, d.attempts, d.provider])).toEqual(Array(3).fill(['sent', 1, 'scripted']));

    w.clock.advance(16 * DAY);
    await run(w);
    expect(sentOf(w, 'voting_opened')).toEqual([`voting_opened ${LI_REGISTRY_PHONE}`, `voting_opened ${w.zhangS.phone}`].sort());
    // 张三 votes; the reminder goes to 李四 only.
    const voter = (await myBallots(w.t, w.zhangS.accessToken, meetingId))[0]!;
    expect((await castBallot(w.t, w.zhangS.accessToken, meetingId, voter.motionId, voter.voterId, 'oppose')).statusCode).toBe(201);
    w.clock.advance(3 * DAY);
    await run(w);
    expect(sentOf(w, 'voting_reminder')).toEqual([`voting_reminder ${LI_REGISTRY_PHONE}`]);
    w.clock.advance(DAY);
    await run(w);
    await run(w);
    expect(sentOf(w, 'results_published')).toEqual([`results_published ${LI_REGISTRY_PHONE}`, `results_published ${RESIDENTS_COMMITTEE}`, `results_published ${w.zhangS.phone}`].sort());
    // Exactly once each, whatever ran twice.
    const all = sentOf(w);
    expect(new Set(all).size).toBe(all.length);

    // The inbox: 张三's messages about the meeting, newest first.
    const inbox = await w.t.app.inject({ method: 'GET', url: '/v1/me/messages', headers: bearer(w.zhangS.accessToken) });
    expect(inbox.statusCode).toBe(200);
    expect(inbox.headers['cache-control']).toBe('no-store');
    const body = inbox.json<{ messages: { id: string; kind: string; link: string | null; readAt: string | null }[]; unreadCount: number; nextCursor: string | null }>();
    // (owner_bound: 张三 was told when their phone was bound; ballots_recorded: their vote was confirmed, to their phone.)
    expect(body.messages.map((m) => m.kind)).toEqual(['results_published', 'ballots_recorded', 'voting_opened', 'meeting_noticed', 'owner_bound']);
    // The result's message opens the results page.
    expect(body.messages[0]!.link).toBe(`${w.t.app.config.publicBaseUrl}/meetings/${meetingId}/results`);
    expect(body.unreadCount).toBe(5);
    expect(sentOf(w, 'ballots_recorded')).toEqual([`ballots_recorded ${w.zhangS.phone}`]);
  });

  it('the inbox pages by cursor, marks read, and answers 404 for someone else’s message', async () => {
    const get = (url: string, token = w.zhangS.accessToken) => w.t.app.inject({ method: 'GET', url, headers: bearer(token) });
    const post = (url: string, token = w.zhangS.accessToken) => w.t.app.inject({ method: 'POST', url, headers: bearer(token) });
    const first = (await get('/v1/me/messages?limit=3')).json<{ messages: { id: string }[]; nextCursor: string }>();
    expect(first.messages).toHaveLength(3);
    const second = (await get(`/v1/me/messages?limit=3&cursor=${first.nextCursor}`)).json<{ messages: { id: string; kind: string }[]; nextCursor: string | null }>();
    expect(second.messages.map((m) => m.kind)).toEqual(['meeting_noticed', 'owner_bound']);
    expect(second.nextCursor).toBeNull();

    const read = await post(`/v1/me/messages/${first.messages[0]!.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ unreadCount: 4 });
    // 李四's message (no account bound): not 张三's to read, nor the committee member's.
    const liMessage = await db(w)
      .selectFrom('notifications')
      .innerJoin('owners', 'owners.id', 'notifications.owner_id')
      .select('notifications.id')
      .where('owners.name', '=', li.name)
      .executeTakeFirstOrThrow();
    expect((await post(`/v1/me/messages/${liMessage.id}/read`)).statusCode).toBe(404);
    expect((await post(`/v1/me/messages/${liMessage.id}/read`, w.committee.accessToken)).statusCode).toBe(404);
    expect((await db(w).selectFrom('notifications').select('read_at').where('id', '=', liMessage.id).executeTakeFirstOrThrow()).read_at).toBeNull();

    const all = await post('/v1/me/messages/read-all');
    expect(all.json()).toEqual({ marked: 4, unreadCount: 0 });
    expect((await get('/v1/me/messages')).json().unreadCount).toBe(0);

    // A message to the township: its staff read it (inbox only, no SMS); another township's staff do not.
    await inTransaction(db(w), (trx) =>
      notifyBodies(trx, ['township'], { estateId: w.estateId, topic: 'tally.discrepancy', kind: 'tally_discrepancy', params: { estate: '碧水湾', meeting: '加装电梯' }, subjectId: w.estateId, body: '请核查', now: w.clock.now() }),
    );
    const kindsOf = async (token: string) => (await get('/v1/me/messages', token)).json().messages.map((m: { kind: string }) => m.kind);
    // (The published result was told to the township too.)
    expect(await kindsOf(w.p.staffA)).toEqual(['tally_discrepancy', 'results_published']);
    expect(await kindsOf(w.p.staffB)).toEqual([]);
    expect(await deliveriesOf(w, 'tally_discrepancy')).toEqual([]);
  });

  it('a login code is sent at once, through the same outbox, and never kept readable', async () => {
    const phone = '13700000077';
    expect((await w.t.app.inject({ method: 'POST', url: '/v1/auth/login-codes', payload: { phone } })).statusCode).toBe(202);
    const code = await lastCodeFor(w.t, phone);
    const rows = await db(w).selectFrom('notifications').selectAll().where('phone', '=', phone).execute();
    expect(rows).toEqual([expect.objectContaining({ kind: 'login_code', sealed: null, params: null })]);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect((await deliveriesOf(w, 'login_code')).filter((d) => d.phone === phone).map((d) => d.status)).toEqual(['sent']);
    // No table holds the code in the clear, in any column (as a number of its own: not inside a phone, a hash or an id).
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db(w));
    expect(tables.rows.length).toBeGreaterThan(20);
    for (const { name } of tables.rows) {
      const found = await sql<{ n: string }>`select count(*) as n from ${sql.table(name)} x where x::text ~ ${`(^|[^0-9a-f])${code}([^0-9a-f]|$)`}`.execute(db(w));
      expect(Number(found.rows[0]!.n), `the code in ${name}`).toBe(0);
    }
  });
});

describe('respecting people', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(async () => w?.t.close());

  it('no SMS in quiet hours: deferred to their end, not dropped; a login code is exempt', async () => {
    // 22:00 in Shanghai.
    w.clock.set(new Date('2026-12-02T14:00:00Z'));
    await noticedMeeting(w.t, w.clock, w.organiser.accessToken, w.estateId, { title: '夜间公告' });
    await run(w);
    expect(sentOf(w, 'meeting_noticed')).toEqual([]);
    const deferred = await deliveriesOf(w, 'meeting_noticed');
    expect(deferred.map((d) => [d.status, d.attempts, d.next_attempt_at?.toISOString()])).toEqual(Array(3).fill(['queued', 0, '2026-12-03T00:00:00.000Z']));
    const phone = '13700000078';
    expect((await w.t.app.inject({ method: 'POST', url: '/v1/auth/login-codes', payload: { phone } })).statusCode).toBe(202);
    expect(sentOf(w, 'login_code')).toEqual([`login_code ${phone}`]);

    w.clock.set(new Date('2026-12-02T23:59:00Z'));
    await run(w);
    expect(sentOf(w, 'meeting_noticed')).toEqual([]);
    w.clock.set(new Date('2026-12-03T00:00:00Z'));
    await run(w);
    expect(sentOf(w, 'meeting_noticed')).toHaveLength(3);
  });

  it('an owner may refuse reminders, never the notice; at most one reminder per owner, meeting and local day', async () => {
    const put = (payload: object) => w.t.app.inject({ method: 'PUT', url: '/v1/me/message-preferences', headers: bearer(w.zhangS.accessToken), payload });
    const zhangOwner = (await db(w).selectFrom('owners').select('id').where('name', '=', zhang.name).where('estate_id', '=', w.estateId).executeTakeFirstOrThrow()).id;
    const before = await w.t.app.inject({ method: 'GET', url: '/v1/me/message-preferences', headers: bearer(w.zhangS.accessToken) });
    expect(before.json()).toEqual({ owners: [{ ownerId: zhangOwner, estateId: w.estateId, name: zhang.name, reminders: true, legalNotice: true }] });
    expect((await put({ ownerId: zhangOwner, reminders: false })).json().owners[0].reminders).toBe(false);
    expect((await put({ ownerId: '00000000-0000-4000-8000-000000000000', reminders: false })).statusCode).toBe(404);
    expect((await put({ reminders: false, legalNotice: false })).statusCode).toBe(400);

    w.clock.set(new Date('2026-12-05T02:00:00Z'));
    const meetingId = await noticedMeeting(w.t, w.clock, w.organiser.accessToken, w.estateId, { title: '提醒测试' });
    w.clock.advance(19 * DAY);
    await run(w);
    const reminded = await db(w)
      .selectFrom('notifications')
      .innerJoin('owners', 'owners.id', 'notifications.owner_id')
      .select('owners.name')
      .where('notifications.kind', '=', 'voting_reminder')
      .where('notifications.subject_id', '=', meetingId)
      .orderBy('owners.name')
      .execute();
    // 张三 refused reminders; 李四 and 王五 are reminded (王五 in the inbox only: no phone).
    expect(reminded.map((r) => r.name).sort()).toEqual([li.name, wang.name].sort());
    expect(sentOf(w, 'voting_reminder')).toEqual([`voting_reminder ${LI_REGISTRY_PHONE}`]);
    // Not worth sending once voting has closed.
    const closes = (await db(w).selectFrom('meetings').select('voting_closes_at').where('id', '=', meetingId).executeTakeFirstOrThrow()).voting_closes_at;
    const expiries = await db(w).selectFrom('notifications').select('expires_at').where('kind', '=', 'voting_reminder').where('subject_id', '=', meetingId).execute();
    expect(expiries.map((e) => e.expires_at?.getTime())).toEqual([closes.getTime(), closes.getTime()]);
    // The notice reached 张三 all the same.
    expect(await db(w).selectFrom('notifications').select('id').where('kind', '=', 'meeting_noticed').where('subject_id', '=', meetingId).where('owner_id', '=', zhangOwner).execute()).toHaveLength(1);

    // A second reminder the same local day (a reminder run again): nobody is reminded twice.
    await db(w).updateTable('meetings').set({ reminded_at: null }).where('id', '=', meetingId).execute();
    w.clock.advance(3_600_000);
    await run(w);
    expect(await db(w).selectFrom('notifications').select('id').where('kind', '=', 'voting_reminder').where('subject_id', '=', meetingId).execute()).toHaveLength(2);
  });
});

describe('the daily SMS ceiling of an estate', () => {
  let w: World;
  beforeAll(async () => {
    // 张三's new binding was told by SMS to two phones already (owner_bound): two of the notice's three go out today.
    w = await world({ SMS_DAILY_CEILING_PER_ESTATE: '4' });
  });
  afterAll(async () => w?.t.close());

  it('holds: further SMS wait for the next local day, and the committee and admins are told once', async () => {
    await noticedMeeting(w.t, w.clock, w.organiser.accessToken, w.estateId, { title: '上限' });
    await run(w);
    expect(sentOf(w, 'meeting_noticed')).toHaveLength(2);
    const waiting = (await deliveriesOf(w, 'meeting_noticed')).filter((d) => d.status === 'queued');
    // Midnight in Shanghai, the next local day.
    expect(waiting.map((d) => d.next_attempt_at?.toISOString())).toEqual(['2026-12-01T16:00:00.000Z']);
    await run(w);
    const alerts = await db(w).selectFrom('notifications').select(['recipient', 'body']).where('kind', '=', 'sms_ceiling_reached').orderBy('recipient').execute();
    expect(alerts.map((a) => a.recipient)).toEqual(['admin', 'committee']);
    expect(await db(w).selectFrom('audit_log').select('data').where('action', '=', 'sms.ceiling_reached').execute()).toEqual([{ data: { day: '2026-12-01', ceiling: 4 } }]);
    // The committee member reads the alert in the inbox.
    for (const token of [w.committee.accessToken, w.p.admin]) {
      const inbox = await w.t.app.inject({ method: 'GET', url: '/v1/me/messages', headers: bearer(token) });
      expect(inbox.json().messages.map((m: { kind: string }) => m.kind)).toContain('sms_ceiling_reached');
    }
    // Another estate's committee and a township's staff (the township is not told): not theirs.
    for (const token of [w.p.committeeA, w.p.staffA]) {
      const inbox = await w.t.app.inject({ method: 'GET', url: '/v1/me/messages', headers: bearer(token) });
      expect(inbox.json().messages.map((m: { kind: string }) => m.kind)).not.toContain('sms_ceiling_reached');
    }

    w.clock.set(new Date('2026-12-01T16:00:00Z'));
    await run(w);
    // Still quiet hours at midnight: it waits for 08:00, then goes.
    expect(sentOf(w, 'meeting_noticed')).toHaveLength(2);
    w.clock.set(new Date('2026-12-02T00:00:00Z'));
    await run(w);
    expect(sentOf(w, 'meeting_noticed')).toHaveLength(3);
    expect(await db(w).selectFrom('sms_ceiling_alerts').select('local_day').execute()).toEqual([{ local_day: '2026-12-01' }]);
  });
});

describe('failures', () => {
  let w: World;
  beforeAll(async () => {
    w = await world({ SMS_RETRY_BASE_MS: '60000', SMS_MAX_ATTEMPTS: '3' });
  });
  afterAll(async () => w?.t.close());

  it('a retryable failure backs off; a permanent one fails with its reason; organisers see them (masked) and re-send', async () => {
    w.script.answers.set(LI_REGISTRY_PHONE, { status: 'failed', retryable: false, reason: 'isv.MOBILE_NUMBER_ILLEGAL' });
    w.script.answers.set(RESIDENTS_COMMITTEE, { status: 'failed', retryable: true, reason: 'throttled' });
    const meetingId = await noticedMeeting(w.t, w.clock, w.organiser.accessToken, w.estateId, { title: '失败' });
    await run(w);
    const after = await deliveriesOf(w, 'meeting_noticed');
    const byPhone = new Map(after.map((d) => [d.phone, d]));
    expect(byPhone.get(LI_REGISTRY_PHONE)).toMatchObject({ status: 'failed', reason: 'isv.MOBILE_NUMBER_ILLEGAL', attempts: 1 });
    expect(byPhone.get(RESIDENTS_COMMITTEE)).toMatchObject({ status: 'queued', reason: 'throttled', attempts: 1 });
    expect(byPhone.get(RESIDENTS_COMMITTEE)!.next_attempt_at!.getTime()).toBe(w.clock.now().getTime() + 60_000);
    expect(byPhone.get(w.zhangS.phone)).toMatchObject({ status: 'sent', provider_message_id: `p-${w.zhangS.phone}-meeting_noticed` });

    // Backoff 60 s, then 120 s; the third attempt is the last.
    w.clock.advance(60_000);
    await run(w);
    w.clock.advance(120_000);
    await run(w);
    expect((await deliveriesOf(w, 'meeting_noticed')).find((d) => d.phone === RESIDENTS_COMMITTEE)).toMatchObject({ status: 'failed', attempts: 3, reason: 'throttled' });

    const seen = await w.t.app.inject({ method: 'GET', url: `/v1/meetings/${meetingId}/deliveries`, headers: bearer(w.organiser.accessToken) });
    expect(seen.statusCode).toBe(200);
    const report = seen.json<{ kinds: { kind: string; inbox: number; ownersNotified: number; recipients: number; sms: Record<string, number> }[]; failures: { phone: string; reason: string }[] }>();
    // Three owners and the residents' committee (a phone, not an owner): four reached.
    expect(report.kinds).toEqual([{ kind: 'meeting_noticed', inbox: 4, ownersNotified: 3, recipients: 4, sms: { queued: 0, sent: 1, delivered: 0, failed: 2 } }]);
    expect(report.failures.map((f) => [f.phone, f.reason]).sort()).toEqual([
      ['138****0002', 'isv.MOBILE_NUMBER_ILLEGAL'],
      ['139****0009', 'throttled'],
    ]);
    expect(seen.body).not.toContain(LI_REGISTRY_PHONE);

    // Another estate's organiser, and an owner: no access.
    const other = await appointed(w.t, w.p.staffB, w.p.estateB, 'organiser');
    expect((await w.t.app.inject({ method: 'GET', url: `/v1/meetings/${meetingId}/deliveries`, headers: bearer(other.accessToken) })).statusCode).toBe(404);
    expect((await w.t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/deliveries/resend`, headers: bearer(other.accessToken) })).statusCode).toBe(404);
    expect((await w.t.app.inject({ method: 'GET', url: `/v1/meetings/${meetingId}/deliveries`, headers: bearer(w.zhangS.accessToken) })).statusCode).toBe(403);

    w.script.answers.clear();
    const resent = await w.t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/deliveries/resend`, headers: bearer(w.organiser.accessToken) });
    expect(resent.json()).toEqual({ requeued: 2 });
    expect(await db(w).selectFrom('audit_log').select('data').where('action', '=', 'messages.resent').execute()).toEqual([{ data: { deliveries: 2 } }]);
    await run(w);
    expect((await deliveriesOf(w, 'meeting_noticed')).map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
    expect(sentOf(w, 'meeting_noticed')).toHaveLength(3);
  });

  it('delivery reports: delivered, or failed with the provider’s reason, as the organisers see', async () => {
    const meetingId = (await db(w).selectFrom('meetings').select('id').where('title', '=', '失败').executeTakeFirstOrThrow()).id;
    const at = w.clock.now();
    w.script.receipts.push(
      { providerMessageId: `p-${w.zhangS.phone}-meeting_noticed`, phone: w.zhangS.phone, delivered: true, reason: null, at },
      { providerMessageId: `p-${LI_REGISTRY_PHONE}-meeting_noticed`, phone: LI_REGISTRY_PHONE, delivered: false, reason: 'UNDELIV: handset off', at },
    );
    await run(w);
    const byPhone = new Map((await deliveriesOf(w, 'meeting_noticed')).map((d) => [d.phone, d]));
    expect(byPhone.get(w.zhangS.phone)).toMatchObject({ status: 'delivered' });
    expect(byPhone.get(LI_REGISTRY_PHONE)).toMatchObject({ status: 'failed', reason: 'UNDELIV: handset off' });
    expect(byPhone.get(RESIDENTS_COMMITTEE)).toMatchObject({ status: 'sent' });
    const report = (await w.t.app.inject({ method: 'GET', url: `/v1/meetings/${meetingId}/deliveries`, headers: bearer(w.organiser.accessToken) })).json();
    expect(report.kinds[0].sms).toEqual({ queued: 0, sent: 1, delivered: 1, failed: 1 });
  });

  it('a login code not sent before it expires is never sent, and its sealed code is wiped', async () => {
    const phone = '13700000079';
    w.script.answers.set(phone, { status: 'failed', retryable: true, reason: 'provider unavailable' });
    expect((await w.t.app.inject({ method: 'POST', url: '/v1/auth/login-codes', payload: { phone } })).statusCode).toBe(202);
    const [pending] = (await deliveriesOf(w, 'login_code')).filter((d) => d.phone === phone);
    expect(pending).toMatchObject({ status: 'queued', attempts: 1 });
    const sealed = await db(w).selectFrom('notifications').select('sealed').where('phone', '=', phone).executeTakeFirstOrThrow();
    expect(sealed.sealed).not.toBeNull();
    w.script.answers.clear();
    w.clock.advance(6 * 60_000);
    await run(w);
    expect(sentOf(w, 'login_code').filter((s) => s.endsWith(phone))).toEqual([]);
    expect((await deliveriesOf(w, 'login_code')).find((d) => d.phone === phone)).toMatchObject({ status: 'failed', reason: 'expired before it could be sent' });
    expect((await db(w).selectFrom('notifications').select('sealed').where('phone', '=', phone).executeTakeFirstOrThrow()).sealed).toBeNull();
  });
});
