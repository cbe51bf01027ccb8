import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { runDueJobs, testJobDeps } from '../helpers/jobs.ts';
import { li, wang, zhang, zhao } from '../factories/cast.ts';
import { noticedMeeting, openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 16 follow-up: when a written proxy (R4.3) ends — rejected by an organiser, revoked by its
 * grantor from the app, or revoked in writing as an organiser records — its holder is told: one
 * inbox message to their account and one SMS to its phone, saying they can no longer vote for the
 * owner. Exactly one per ending, a doubled request included; nobody else is told anything (the
 * grantor who revoked, the other owners, another estate).
 */

const START = new Date('2026-11-22T02:00:00Z'); // 10:00 in Shanghai: outside quiet hours
const clock = manualClock(START);
const scan = { url: 'https://files.example/scan/proxy.pdf', sha256: 'b'.repeat(64) };
const revocationScan = { url: 'https://files.example/scan/revocation.pdf', sha256: 'c'.repeat(64) };
const HOLDER_PHONE = '13700007777';

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: { accessToken: string };
let zhangApp: { accessToken: string };
let otherEstateOwner: { accessToken: string };
let holder: { accessToken: string; accountId: string };
let stranger: { accessToken: string };
let ownerIdOf: Map<string, string>;

const db = () => t.testDatabase.database.db;
const inject = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload }) });

type InboxMessage = { kind: string; text: string; link: string | null; recipient: string; subjectId: string | null; readAt: string | null };
const inbox = async (token: string) => {
  const res = await inject('GET', '/v1/me/messages', token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ messages: InboxMessage[]; unreadCount: number }>();
};
/** Every message the service has written, but the login codes: who is told anything, at all. */
const allMessages = () =>
  db().selectFrom('notifications').select(['id', 'kind', 'recipient', 'owner_id', 'phone', 'estate_id', 'params']).where('kind', '<>', 'login_code').orderBy('id').execute();

async function registered(meetingId: string, grantor: string): Promise<string> {
  const res = await inject('POST', `/v1/meetings/${meetingId}/proxies`, organiser.accessToken, { grantorOwnerId: ownerIdOf.get(grantor), holderPhone: HOLDER_PHONE, document: scan });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function approved(meetingId: string, grantor: string): Promise<string> {
  const id = await registered(meetingId, grantor);
  expect((await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/approve`, organiser.accessToken)).statusCode).toBe(200);
  return id;
}

/** The messages written while `act` ran. */
async function writtenBy(act: () => Promise<void>) {
  const before = new Set((await allMessages()).map((m) => m.id));
  await act();
  return (await allMessages()).filter((m) => !before.has(m.id));
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [
    { registryNo: 'R-1', building: '1栋', room: '101', area: '100.00', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', room: '102', area: '90.00', owners: [wang] },
    { registryNo: 'R-3', building: '1栋', room: '103', area: '80.00', owners: [zhao] },
  ]);
  await importRegistry(t, p.staffB, p.estateB, [{ registryNo: 'B-1', building: '9栋', room: '901', area: '95.00', owners: [li] }]);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  zhangApp = await verifiedOwner(t, zhang);
  otherEstateOwner = await verifiedOwner(t, li);
  holder = await logIn(t, HOLDER_PHONE, '192.0.2.60'); // owns nothing anywhere
  stranger = await logIn(t, '13700006666', '192.0.2.61');
  const owners = await db().selectFrom('owners').select(['id', 'name']).where('estate_id', '=', p.estateA).execute();
  ownerIdOf = new Map(owners.map((o) => [o.name, o.id]));
});
afterAll(async () => t?.close());

describe('the holder of a proxy that ends is told, once', () => {
  let meetingId: string;
  let title: string;

  beforeAll(async () => {
    const opened = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '更换门禁' }]);
    meetingId = opened.meetingId;
    title = (await db().selectFrom('meetings').select('title').where('id', '=', meetingId).executeTakeFirstOrThrow()).title;
  });

  it('rejected by an organiser, the request doubled: one message to the holder, with the reason and what it means', async () => {
    const id = await registered(meetingId, '赵六');
    const written = await writtenBy(async () => {
      const answers = await Promise.all([1, 2].map(() => inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/reject`, organiser.accessToken, { reason: '委托书签名与登记不符' })));
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      expect((await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/reject`, organiser.accessToken, { reason: '再次' })).statusCode).toBe(409);
    });
    expect(written).toEqual([
      {
        id: expect.any(String),
        kind: 'proxy_rejected',
        recipient: 'phone',
        owner_id: null,
        phone: HOLDER_PHONE,
        estate_id: p.estateA,
        params: { estate: expect.any(String), meeting: title, grantor: '赵*', link: `/proxies/${id}` },
      },
    ]);
    const [message] = (await inbox(holder.accessToken)).messages;
    expect(message).toMatchObject({ kind: 'proxy_rejected', recipient: 'phone', subjectId: meetingId, link: `${t.app.config.publicBaseUrl}/proxies/${id}`, readAt: null });
    expect(message!.text).toContain('赵*委托您代为投票的委托书未通过组织者审核');
    expect(message!.text).toContain('原因：委托书签名与登记不符');
    expect(message!.text).toContain('您不能代其投票');
    expect(message!.text).not.toContain('赵六');
  });

  it('revoked by the grantor from the app, the request doubled: one message to the holder, none to the grantor', async () => {
    const id = await approved(meetingId, '张三');
    const zhangBefore = (await inbox(zhangApp.accessToken)).messages.length;
    const written = await writtenBy(async () => {
      const answers = await Promise.all([1, 2].map(() => inject('POST', `/v1/me/proxies/${id}/revoke`, zhangApp.accessToken, { reason: '我自己投' })));
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    });
    expect(written.map((m) => [m.kind, m.recipient, m.phone])).toEqual([['proxy_revoked', 'phone', HOLDER_PHONE]]);
    expect(written[0]!.params).toEqual({ estate: expect.any(String), meeting: title, grantor: '张*', link: `/proxies/${id}` });
    const [message] = (await inbox(holder.accessToken)).messages;
    expect(message!.kind).toBe('proxy_revoked');
    expect(message!.text).toContain('张*已撤销对您的投票委托');
    expect(message!.text).toContain('原因：我自己投');
    expect(message!.text).toContain('委托已被撤销，您不能再代其投票');
    // The grantor did it and sees it in the answer: no message about it.
    expect((await inbox(zhangApp.accessToken)).messages).toHaveLength(zhangBefore);
  });

  it('revoked in writing, as an organiser records: one message, saying that ballots already cast under it stand until the owner votes', async () => {
    const id = await approved(meetingId, '王五');
    const [motion] = (await inject('GET', '/v1/me/proxies', holder.accessToken)).json().held.find((x: { id: string }) => x.id === id).motions;
    expect((await inject('POST', `/v1/meetings/${meetingId}/motions/${motion.motionId}/proxy-ballots`, holder.accessToken, { proxyId: id, voterId: motion.voterId, choice: 'agree' })).statusCode).toBe(201);
    const written = await writtenBy(async () => {
      expect((await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/revocation`, organiser.accessToken, { document: revocationScan })).statusCode).toBe(200);
      expect((await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/revocation`, organiser.accessToken, { document: revocationScan })).statusCode).toBe(409);
    });
    expect(written.map((m) => [m.kind, m.recipient, m.phone])).toEqual([['proxy_revoked', 'phone', HOLDER_PHONE]]);
    const [message] = (await inbox(holder.accessToken)).messages;
    expect(message!.text).toContain('组织者已登记王*撤销对您投票委托的书面声明');
    expect(message!.text).toContain('您此前代其投出的1项表决仍然有效，除非业主本人另行投票');
  });

  it('a proxy revoked before voting opens tells its holder too', async () => {
    const noticed = await noticedMeeting(t, clock, organiser.accessToken, p.estateA, { title: '修缮屋面' });
    const id = await registered(noticed, '张三');
    const written = await writtenBy(async () => {
      expect((await inject('POST', `/v1/me/proxies/${id}/revoke`, zhangApp.accessToken, {})).statusCode).toBe(200);
    });
    expect(written.map((m) => [m.kind, m.phone, m.params])).toEqual([['proxy_revoked', HOLDER_PHONE, expect.objectContaining({ meeting: '修缮屋面', link: `/proxies/${id}` })]]);
    expect((await inbox(holder.accessToken)).messages[0]!.text).not.toContain('原因');
  });

  it('the SMS: one per ending, to the holder’s phone, in the words of the message; nobody else hears of it', async () => {
    await runDueJobs(testJobDeps(t, clock));
    await runDueJobs(testJobDeps(t, clock));
    const proxySms = t.sentSms.filter((m) => m.kind.startsWith('proxy_'));
    expect(proxySms.map((m) => [m.kind, m.phone])).toEqual([
      ['proxy_rejected', HOLDER_PHONE],
      ['proxy_revoked', HOLDER_PHONE],
      ['proxy_revoked', HOLDER_PHONE],
      ['proxy_revoked', HOLDER_PHONE],
    ]);
    expect(proxySms[0]!.text).toContain('赵*委托您代为投票的委托书未通过审核，您不能代其投票');
    expect(proxySms[1]!.text).toContain('张*对您的投票委托已被撤销，您不能再代其投票');
    expect(proxySms[0]!.params.link).toMatch(new RegExp(`^${t.app.config.publicBaseUrl}/proxies/`));
    // The holder's inbox: the four endings and nothing else (a login code is never an inbox message).
    const held = await inbox(holder.accessToken);
    expect(held.messages.map((m) => m.kind)).toEqual(['proxy_revoked', 'proxy_revoked', 'proxy_revoked', 'proxy_rejected']);
    expect(held.unreadCount).toBe(4);
    // Nobody else reads them: another account, an owner of the estate, an owner of another estate.
    for (const other of [stranger, zhangApp, otherEstateOwner]) {
      expect((await inbox(other.accessToken)).messages.filter((m) => m.kind.startsWith('proxy_'))).toEqual([]);
    }
    expect((await inbox(otherEstateOwner.accessToken)).messages.map((m) => m.kind)).toEqual(['owner_bound']);
    const told = await db().selectFrom('notifications').select(['recipient', 'phone', 'estate_id']).where('kind', 'like', 'proxy\\_%').execute();
    expect(told.every((m) => m.recipient === 'phone' && m.phone === HOLDER_PHONE && m.estate_id === p.estateA)).toBe(true);
    // The holder may mark one read; nobody else may.
    const [first] = (await db().selectFrom('notifications').select('id').where('kind', '=', 'proxy_rejected').execute());
    expect((await inject('POST', `/v1/me/messages/${first!.id}/read`, stranger.accessToken)).statusCode).toBe(404);
    expect((await inject('POST', `/v1/me/messages/${first!.id}/read`, holder.accessToken)).statusCode).toBe(200);
  });
});
