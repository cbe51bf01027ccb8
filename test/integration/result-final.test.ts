import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { inLongTransaction } from '../../src/db/transaction.ts';
import { runJob } from '../../src/jobs/handlers.ts';
import { meetingJob } from '../../src/jobs/work.ts';
import { closeMeeting } from '../../src/results/closing.ts';
import { verifySignature } from '../../src/webhooks/signing.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { runDueJobs, testJobDeps } from '../helpers/jobs.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, wang, zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner, type Session } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';
import { actorFor } from '../factories/who.ts';

/**
 * Issue 17: when a result becomes final (its objection window, 询异公示, has ended and every
 * objection is answered) and when the township certifies it, subscribers get `result.final` and
 * `result.certified`, and the estate's owners a message (inbox and SMS) linking to the results
 * page. Each exactly once — a job run twice, or two at once, a retried certification — and never
 * before: not while the window runs, not while an objection is unanswered.
 */
const START = new Date('2026-11-02T02:00:00Z'); // 10:00 in Shanghai: no quiet hours
const DAY = 86_400_000;
const clock = manualClock(START);
const RESIDENTS_COMMITTEE = '13900009999';

/** A receiver on a local port: records every request, answers 200. */
class Receiver {
  readonly requests: { headers: IncomingHttpHeaders; body: string }[] = [];
  private server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      this.requests.push({ headers: req.headers, body });
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
  of(type: string, meetingId: string) {
    return this.requests.filter((r) => r.headers['gongjue-event'] === type && JSON.parse(r.body).meetingId === meetingId);
  }
}

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let estateId: string;
let organiser: Session;
let committee: Session;
let zhangS: Session;
let liS: Session;
let receiver: Receiver;
let secret: string;
const deps = () => testJobDeps(t, clock);
const db = () => t.testDatabase.database.db;
const get = (url: string, token: string) => t.app.inject({ url, headers: bearer(token) });
const post = (url: string, token: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });

async function publishedUnderWindow(title: string): Promise<{ meetingId: string; motionId: string; publishedAt: Date }> {
  const opened = await openMeeting(t, clock, new Date(clock.now().getTime() + 60_000), organiser.accessToken, estateId, [{ matter: 'other_major', kind: 'yes_no', title }]);
  for (const s of [zhangS, liS]) {
    const [b] = await myBallots(t, s.accessToken, opened.meetingId);
    expect((await castBallot(t, s.accessToken, opened.meetingId, b!.motionId, b!.voterId, 'agree')).statusCode).toBe(201);
  }
  clock.set(opened.closesAt);
  await inLongTransaction(db(), t.app.config.databaseLongStatementMs, (trx) => closeMeeting(trx, opened.meetingId, actorFor(t, organiser.accessToken), opened.closesAt));
  clock.advance(60_000);
  const publishedAt = clock.now();
  const published = await post(`/v1/meetings/${opened.meetingId}/publish`, organiser.accessToken);
  expect(published.statusCode, published.body).toBe(200);
  await runDueJobs(deps());
  return { meetingId: opened.meetingId, motionId: opened.motionIds[0]!, publishedAt };
}

/** The messages of a kind about a meeting, as PostgreSQL holds them: one per recipient. */
const messagesOf = (kind: string, meetingId: string) =>
  db().selectFrom('notifications').select(['recipient', 'owner_id', 'params', 'body']).where('kind', '=', kind).where('subject_id', '=', meetingId).execute();
/** The SMS of a kind about a meeting: phone and status. */
const smsOf = async (kind: string, meetingId: string) =>
  (
    await db()
      .selectFrom('message_deliveries as d')
      .innerJoin('notifications as n', 'n.id', 'd.notification_id')
      .select(['d.phone', 'd.status'])
      .where('n.kind', '=', kind)
      .where('n.subject_id', '=', meetingId)
      .execute()
  )
    .map((d) => `${d.phone} ${d.status}`)
    .sort();
const eventsOf = (type: string, meetingId: string) => db().selectFrom('webhook_events').select(['id', 'body']).where('type', '=', type).where('subject', '=', `meeting:${meetingId}`).execute();
const inboxKinds = async (token: string, meetingId: string) =>
  // The messages about the result (not the notice, the opening, the vote confirmation before it).
  (await get('/v1/me/messages', token)).json().messages.filter((m: { subjectId: string; kind: string }) => m.subjectId === meetingId && m.kind.startsWith('result')) as {
    kind: string;
    link: string | null;
    text: string;
  }[];

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  estateId = await p.estate(p.townshipA, '碧水湾', { residentsCommitteePhone: RESIDENTS_COMMITTEE, objectionDays: 3 });
  await importRegistry(t, p.staffA, estateId, [
    { registryNo: 'R-1', building: '1栋', room: '101', area: '100.00', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', room: '102', area: '80.00', owners: [{ ...li, phone: '13800000002' }] },
    { registryNo: 'R-3', building: '2栋', room: '201', area: '120.00', owners: [wang] },
  ]);
  organiser = await appointed(t, p.staffA, estateId, 'organiser');
  committee = await appointed(t, p.staffA, estateId, 'committee');
  zhangS = await verifiedOwner(t, zhang);
  liS = await verifiedOwner(t, li);
  receiver = new Receiver();
  const url = await receiver.start();
  const created = await post('/v1/webhooks', p.staffA, { estateId, url, events: ['result.final', 'result.certified'] });
  expect(created.statusCode, created.body).toBe(201);
  secret = created.json().secret;
}, 120_000);
afterAll(async () => {
  await receiver?.stop();
  await t?.close();
});

describe('a window without objections, made final by the job at its end', () => {
  let meetingId: string;
  let publishedAt: Date;
  beforeAll(async () => {
    ({ meetingId, publishedAt } = await publishedUnderWindow('更换门禁'));
  });

  it('tells nobody while the window runs', async () => {
    clock.set(new Date(publishedAt.getTime() + 3 * DAY - 1));
    await runDueJobs(deps());
    expect(await eventsOf('result.final', meetingId)).toEqual([]);
    expect(await messagesOf('result_final', meetingId)).toEqual([]);
    expect(receiver.of('result.final', meetingId)).toEqual([]);
    expect((await inboxKinds(zhangS.accessToken, meetingId)).map((m) => m.kind)).toEqual(['results_published']);
  });

  it('the publication’s message links to the results page, as the final and certified ones do — in the inbox, the SMS and for every recipient', async () => {
    const [inbox] = await inboxKinds(zhangS.accessToken, meetingId);
    expect(inbox!.link).toBe(`${t.app.config.publicBaseUrl}/meetings/${meetingId}/results`);
    const messages = await messagesOf('results_published', meetingId);
    expect(messages.map((m) => m.recipient).sort()).toEqual(['owner', 'owner', 'owner', 'residents_committee', 'township']);
    expect(messages.every((m) => (m.params as { link: string }).link === `/meetings/${meetingId}/results`)).toBe(true);
    const sent = t.sentSms.filter((m) => m.kind === 'results_published' && m.phone === zhangS.phone);
    expect(sent.map((m) => m.params.link)).toContain(`${t.app.config.publicBaseUrl}/meetings/${meetingId}/results`);
  });

  it('at its end: one result.final event, delivered signed once; one message to each owner, the residents’ committee and the township, each phone one SMS — though the job runs twice, and twice at once', async () => {
    clock.set(new Date(publishedAt.getTime() + 3 * DAY));
    const ran = await runDueJobs(deps());
    expect(ran).toContain(`finalize-result-${meetingId}`);
    // A retry, and two workers at once: the window's lock and final_at let one of them tell.
    const job = meetingJob('finalize-result', meetingId, clock.now());
    await runJob(deps(), job);
    await Promise.all([runJob(deps(), job), runJob(deps(), job)]);
    await runDueJobs(deps());

    const events = await eventsOf('result.final', meetingId);
    expect(events).toHaveLength(1);
    const [request, ...more] = receiver.of('result.final', meetingId);
    expect(more).toEqual([]);
    expect(verifySignature(secret, request!.body, String(request!.headers['gongjue-signature']), clock.now())).toBe(true);
    const notice = (await get(`/v1/meetings/${meetingId}/notice`, p.staffA)).json<{ meeting: { title: string }; motions: { motionId: string; outcome: string }[] }>();
    expect(JSON.parse(request!.body)).toEqual({
      id: events[0]!.id,
      type: 'result.final',
      occurredAt: clock.now().toISOString(),
      townshipId: p.townshipA,
      estateId,
      meetingId,
      data: {
        title: notice.meeting.title,
        finalAt: clock.now().toISOString(),
        objectionsOpenedAt: publishedAt.toISOString(),
        objectionsClosedAt: new Date(publishedAt.getTime() + 3 * DAY).toISOString(),
        objections: 0,
        motions: notice.motions.map((m) => ({ motionId: m.motionId, outcome: m.outcome })),
      },
    });

    const messages = await messagesOf('result_final', meetingId);
    expect(messages.map((m) => m.recipient).sort()).toEqual(['owner', 'owner', 'owner', 'residents_committee', 'township']);
    expect(new Set(messages.filter((m) => m.owner_id !== null).map((m) => m.owner_id)).size).toBe(3);
    expect(messages[0]!.params).toEqual({ estate: '碧水湾', meeting: notice.meeting.title, link: `/meetings/${meetingId}/results` });
    // 张三 and 李四 on their bound phones, 王五 (unbound) on the registry's phone if any, the residents' committee: each once, sent.
    const sms = await smsOf('result_final', meetingId);
    expect(sms).toEqual([...new Set(sms)]);
    expect(sms).toEqual(expect.arrayContaining([`${zhangS.phone} sent`, `${liS.phone} sent`, `${RESIDENTS_COMMITTEE} sent`]));

    const inbox = await inboxKinds(zhangS.accessToken, meetingId);
    expect(inbox.map((m) => m.kind)).toEqual(['result_final', 'results_published']);
    expect(inbox[0]!.link).toBe(`${t.app.config.publicBaseUrl}/meetings/${meetingId}/results`);
    expect(inbox[0]!.text).toContain('现为最终结果');
    expect((await inboxKinds(p.staffA, meetingId)).map((m) => m.kind)).toEqual(['result_final', 'results_published']);
    // Another township hears nothing of it.
    expect(await inboxKinds(p.staffB, meetingId)).toEqual([]);
    // Final is not certified: no certification told yet.
    expect(await eventsOf('result.certified', meetingId)).toEqual([]);
    expect(await messagesOf('result_certified', meetingId)).toEqual([]);
  });

  it('certified: one result.certified event delivered once and one message per owner linking to the results page; a second certification is refused and tells nobody again', async () => {
    const certified = await post(`/v1/meetings/${meetingId}/filing/certify`, p.staffA);
    expect(certified.statusCode, certified.body).toBe(200);
    expect((await post(`/v1/meetings/${meetingId}/filing/certify`, p.staffA)).statusCode).toBe(409);
    await runDueJobs(deps());
    await runDueJobs(deps());

    expect(await eventsOf('result.certified', meetingId)).toHaveLength(1);
    expect(receiver.of('result.certified', meetingId)).toHaveLength(1);
    expect(JSON.parse(receiver.of('result.certified', meetingId)[0]!.body).data).toMatchObject({ certifiedAt: clock.now().toISOString(), signature: certified.json().signature });
    const messages = await messagesOf('result_certified', meetingId);
    expect(messages.filter((m) => m.recipient === 'owner')).toHaveLength(3);
    expect(messages.every((m) => (m.params as { link: string }).link === `/meetings/${meetingId}/results`)).toBe(true);
    const sms = await smsOf('result_certified', meetingId);
    expect(sms).toEqual([...new Set(sms)]);
    expect(sms).toEqual(expect.arrayContaining([`${zhangS.phone} sent`, `${liS.phone} sent`]));
    expect((await inboxKinds(liS.accessToken, meetingId)).map((m) => m.kind)).toEqual(['result_certified', 'result_final', 'results_published']);
    // Still one result.final.
    expect(await eventsOf('result.final', meetingId)).toHaveLength(1);
    expect(receiver.of('result.final', meetingId)).toHaveLength(1);
  });
});

describe('a window with an objection, made final by the last answer', () => {
  it('tells nobody while the objection is unanswered after the window; the answer tells once, with the number of objections', async () => {
    const { meetingId, motionId, publishedAt } = await publishedUnderWindow('增设充电桩');
    const [mine] = await myBallots(t, zhangS.accessToken, meetingId);
    expect((await post(`/v1/meetings/${meetingId}/objections`, zhangS.accessToken, { motionId, voterId: mine!.voterId, text: '我投的是反对' })).statusCode).toBe(201);
    clock.set(new Date(publishedAt.getTime() + 3 * DAY + 1));
    await runDueJobs(deps());
    await runJob(deps(), meetingJob('finalize-result', meetingId, clock.now()));
    expect(await eventsOf('result.final', meetingId)).toEqual([]);
    expect(await messagesOf('result_final', meetingId)).toEqual([]);
    // Certifying now is refused, and tells nobody either.
    expect((await post(`/v1/meetings/${meetingId}/filing/certify`, p.staffA)).statusCode).toBe(409);
    expect(await eventsOf('result.certified', meetingId)).toEqual([]);

    const objectionId = (await get(`/v1/meetings/${meetingId}/objections`, committee.accessToken)).json().items[0].id as string;
    const answered = await post(`/v1/meetings/${meetingId}/objections/${objectionId}/answer`, committee.accessToken, { answer: '经核对，您的表决意见记录为同意，与表决票一致。' });
    expect(answered.statusCode, answered.body).toBe(200);
    await runDueJobs(deps());
    await runJob(deps(), meetingJob('finalize-result', meetingId, clock.now()));
    await runDueJobs(deps());

    expect(await eventsOf('result.final', meetingId)).toHaveLength(1);
    const requests = receiver.of('result.final', meetingId);
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]!.body).data).toMatchObject({ finalAt: clock.now().toISOString(), objections: 1 });
    expect((await messagesOf('result_final', meetingId)).filter((m) => m.recipient === 'owner')).toHaveLength(3);
    const inbox = await inboxKinds(zhangS.accessToken, meetingId);
    expect(inbox.filter((m) => m.kind === 'result_final')).toHaveLength(1);
    expect(inbox.find((m) => m.kind === 'result_final')!.text).toContain('1件异议均已答复');
  });
});

describe('a certification that finds the ended window final itself', () => {
  it('tells result.final and result.certified once each; the job that follows finds it final and tells nothing more', async () => {
    const { meetingId, publishedAt } = await publishedUnderWindow('修缮屋面');
    // The window has ended; its job has not run yet: certifying finds the result final.
    clock.set(new Date(publishedAt.getTime() + 3 * DAY + 5_000));
    const certified = await post(`/v1/meetings/${meetingId}/filing/certify`, p.staffA);
    expect(certified.statusCode, certified.body).toBe(200);
    await runJob(deps(), meetingJob('finalize-result', meetingId, clock.now()));
    await runDueJobs(deps());

    const final = await eventsOf('result.final', meetingId);
    const certifiedEvents = await eventsOf('result.certified', meetingId);
    expect(final).toHaveLength(1);
    expect(certifiedEvents).toHaveLength(1);
    expect(receiver.of('result.final', meetingId)).toHaveLength(1);
    expect(receiver.of('result.certified', meetingId)).toHaveLength(1);
    expect((await messagesOf('result_final', meetingId)).filter((m) => m.recipient === 'owner')).toHaveLength(3);
    expect((await messagesOf('result_certified', meetingId)).filter((m) => m.recipient === 'owner')).toHaveLength(3);
  });
});
