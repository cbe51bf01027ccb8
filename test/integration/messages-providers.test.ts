import { afterAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { aliyunSmsProvider } from '../../src/notifications/providers/aliyun.ts';
import { tencentSmsProvider } from '../../src/notifications/providers/tencent.ts';
import { MESSAGE_KINDS, type MessageKind, type SmsProvider, TEMPLATE_PARAMS } from '../../src/notifications/sms-provider.ts';
import { startAliyunSmsFake } from '../fakes/aliyun-sms.ts';
import { loopbackAgent } from '../fakes/tencent-cloud.ts';
import { startTencentSmsFake } from '../fakes/tencent-sms.ts';
import { bearer, createTestApp, lastCodeFor } from '../helpers/app.ts';
import { residentId } from '../helpers/identity.ts';
import { runDueJobs, testJobDeps } from '../helpers/jobs.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, wang, zhang } from '../factories/cast.ts';
import { noticedMeeting } from '../factories/meetings.ts';
import { appointed, signedIn, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 14, done when: each message kind reaches each provider exactly once.
 * The whole path — a meeting's messages written in the transactions of their
 * causes, their deliveries sent by the deliver-message job, a login code sent
 * right after its request — ends at a local fake of Alibaba Cloud or Tencent
 * Cloud SMS reached through the official SDK, which checks every call's
 * signature and template as the provider does.
 */

const DAY = 24 * 3_600_000;
// 10:00 in Shanghai: outside quiet hours.
const T0 = new Date('2026-12-01T02:00:00Z');
const HOLDER = '13700000088';
const scan = { url: 'https://files.example/scan/proxy.pdf', sha256: 'b'.repeat(64) };
const SIGN = '共决';
const RESIDENTS_COMMITTEE = '13900000009';

interface Fake {
  provider: SmsProvider;
  /** What the provider accepted: one line per (template, phone). */
  sent(): string[];
  refusals(): unknown[];
  close(): Promise<void>;
}

const templateOf = (kind: MessageKind, i: number, style: 'aliyun' | 'tencent') => (style === 'aliyun' ? `SMS_4650${i}` : String(2_100_000 + i));
const templates = (style: 'aliyun' | 'tencent') => Object.fromEntries(MESSAGE_KINDS.map((kind, i) => [kind, templateOf(kind, i, style)])) as Record<MessageKind, string>;
const kindOfTemplate = (style: 'aliyun' | 'tencent') => new Map(MESSAGE_KINDS.map((kind, i) => [templateOf(kind, i, style), kind]));

async function aliyunFake(): Promise<Fake> {
  const keys = { accessKeyId: 'LTAI5tGongjueE2E', accessKeySecret: 'aliyun-e2e-secret' };
  const fake = await startAliyunSmsFake({
    ...keys,
    signName: SIGN,
    templates: Object.fromEntries(MESSAGE_KINDS.map((kind) => [templates('aliyun')[kind], TEMPLATE_PARAMS[kind]])),
  });
  const kinds = kindOfTemplate('aliyun');
  return {
    provider: aliyunSmsProvider({ ...keys, signName: SIGN, templates: templates('aliyun'), endpoint: fake.url }),
    sent: () => fake.sent.map((s) => `${kinds.get(s.templateCode)} ${s.phone}`),
    refusals: () => fake.refusals,
    close: () => fake.close(),
  };
}

async function tencentFake(): Promise<Fake> {
  const keys = { secretId: 'AKIDgongjueE2E', secretKey: 'tencent-e2e-secret' };
  const smsSdkAppId = '1400123456';
  const fake = await startTencentSmsFake({
    ...keys,
    smsSdkAppId,
    signName: SIGN,
    templates: Object.fromEntries(MESSAGE_KINDS.map((kind) => [templates('tencent')[kind], TEMPLATE_PARAMS[kind].length])),
  });
  const agent = loopbackAgent();
  const kinds = kindOfTemplate('tencent');
  return {
    provider: tencentSmsProvider({ ...keys, smsSdkAppId, signName: SIGN, templates: templates('tencent'), endpoint: fake.endpoint, agent }),
    sent: () => fake.sent.map((s) => `${kinds.get(s.templateId)} ${s.phoneNumber.replace(/^\+86/, '')}`),
    refusals: () => fake.refusals,
    close: async () => {
      await fake.close();
      agent.destroy();
    },
  };
}

describe.each([
  ['Alibaba Cloud', aliyunFake],
  ['Tencent Cloud', tencentFake],
])('every message reaches %s SMS once', (_name, start) => {
  let fake: Fake | undefined;
  let close = async () => {};
  afterAll(async () => {
    await close();
    await fake?.close();
  });

  it('every kind — login code, new binding, notice, opening, vote confirmation, reminder, result, result final, certification, petition, locked verification, a proxy rejected and revoked — to each phone exactly once', async () => {
    fake = await start();
    const clock = manualClock(T0);
    // One failed self-verification locks an owner here, so the committee's alert is quick to cause.
    const t = await createTestApp({ clock, sms: fake.provider, env: { VERIFICATION_FAILURES_PER_OWNER: '1' } });
    close = () => t.close();
    const db = t.testDatabase.database.db;
    const run = () => runDueJobs(testJobDeps(t, clock));
    const p = await twoTownships(t);
    // A day of objections (询异公示, R7.2): the result's becoming final is a message too.
    const estateId = await p.estate(p.townshipA, '碧水湾', { residentsCommitteePhone: RESIDENTS_COMMITTEE, objectionDays: 1 });
    await importRegistry(t, p.staffA, estateId, [
      { registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [{ ...zhang, phone: '13800000001' }] },
      { registryNo: 'R-2', building: '1栋', room: '102', area: '80.00', owners: [{ ...li, phone: '13800000002' }] },
      { registryNo: 'R-3', building: '1栋', room: '103', area: '70.00', owners: [wang] },
    ]);
    const organiser = await appointed(t, p.staffA, estateId, 'organiser');
    const committee = await appointed(t, p.staffA, estateId, 'committee');
    const zhangS = await verifiedOwner(t, zhang);

    const phone = '13700000077';
    expect((await t.app.inject({ method: 'POST', url: '/v1/auth/login-codes', payload: { phone } })).statusCode).toBe(202);
    expect(await lastCodeFor(t, phone)).toMatch(/^\d{6}$/);

    const meetingId = await noticedMeeting(t, clock, organiser.accessToken, estateId, { title: '加装电梯' });
    await run();
    // 李四's written proxy to a neighbour is rejected, a second one revoked in writing: the holder is told each time.
    const organiserPost = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: bearer(organiser.accessToken), payload });
    const liOwner = await db.selectFrom('owners').select('id').where('estate_id', '=', estateId).where('name', '=', li.name).executeTakeFirstOrThrow();
    const proxy = async () => {
      const registered = await organiserPost(`/v1/meetings/${meetingId}/proxies`, { grantorOwnerId: liOwner.id, holderPhone: HOLDER, document: scan });
      expect(registered.statusCode, registered.body).toBe(201);
      return registered.json().id as string;
    };
    expect((await organiserPost(`/v1/meetings/${meetingId}/proxies/${await proxy()}/reject`, { reason: '签名与登记不符' })).statusCode).toBe(200);
    const second = await proxy();
    expect((await organiserPost(`/v1/meetings/${meetingId}/proxies/${second}/approve`, {})).statusCode).toBe(200);
    expect((await organiserPost(`/v1/meetings/${meetingId}/proxies/${second}/revocation`, { document: scan })).statusCode).toBe(200);
    await run();
    clock.advance(16 * DAY);
    await run();
    const voter = (await myBallots(t, zhangS.accessToken, meetingId))[0]!;
    expect((await castBallot(t, zhangS.accessToken, meetingId, voter.motionId, voter.voterId, 'oppose')).statusCode).toBe(201);
    clock.advance(3 * DAY);
    await run();
    clock.advance(DAY);
    await run();
    // The day of objections ends without one: the result is final.
    clock.advance(DAY);
    await run();
    // The township certifies the published result; 张三 (90 of 240 m², 1 of 3 heads) petitions: past 20 % at once;
    // someone tries 李四's name with a wrong number: 李四 is locked, and the committee is told.
    const certified = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/filing/certify`, headers: bearer(p.staffA) });
    expect(certified.statusCode, certified.body).toBe(200);
    const petition = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${estateId}/petitions`,
      headers: bearer(zhangS.accessToken),
      payload: { purpose: 'temporary_meeting', title: '提议召开临时业主大会' },
    });
    expect(petition.json().progress?.met, petition.body).toBe(true);
    const stranger = await signedIn(t, '13600000066');
    const guess = await t.app.inject({
      method: 'POST',
      url: '/v1/me/verification',
      headers: bearer(stranger.accessToken),
      payload: { name: li.name, idType: 'resident_id', idNumber: residentId('19700101', 999) },
    });
    expect(guess.statusCode).toBe(422);
    await run();
    await run(); // a second pass finds nothing more to send

    const sent = fake.sent().sort();
    expect(fake.refusals()).toEqual([]);
    expect(new Set(sent).size).toBe(sent.length);
    // The provider received exactly what the outbox records as sent through it, and nothing else.
    const recorded = await db
      .selectFrom('message_deliveries as d')
      .innerJoin('notifications as n', 'n.id', 'd.notification_id')
      .select(['n.kind', 'd.phone', 'd.status', 'd.provider'])
      .execute();
    expect(recorded.every((d) => d.status === 'sent' && d.provider === fake!.provider.name)).toBe(true);
    expect(sent).toEqual(recorded.map((d) => `${d.kind} ${d.phone}`).sort());
    const kinds = new Set(sent.map((line) => line.split(' ')[0]));
    expect([...kinds].sort()).toEqual([...MESSAGE_KINDS].sort());
    // The notice: the bound owner's phone, the unbound owner's registry phone, the residents' committee.
    expect(sent.filter((line) => line.startsWith('meeting_noticed '))).toEqual(
      [`meeting_noticed 13800000002`, `meeting_noticed ${RESIDENTS_COMMITTEE}`, `meeting_noticed ${zhangS.phone}`].sort(),
    );
    // 张三 voted: only 李四 is reminded.
    expect(sent.filter((line) => line.startsWith('voting_reminder '))).toEqual(['voting_reminder 13800000002']);
    expect(sent).toContain(`login_code ${phone}`);
    expect(sent.filter((line) => line.startsWith('result_final '))).toEqual(
      [`result_final 13800000002`, `result_final ${RESIDENTS_COMMITTEE}`, `result_final ${zhangS.phone}`].sort(),
    );
    expect(sent.filter((line) => line.startsWith('result_certified '))).toEqual(
      [`result_certified 13800000002`, `result_certified ${RESIDENTS_COMMITTEE}`, `result_certified ${zhangS.phone}`].sort(),
    );
    expect(sent.filter((line) => line.startsWith('petition_threshold '))).toEqual([`petition_threshold ${committee.phone}`]);
    expect(sent.filter((line) => line.startsWith('verification_locked '))).toEqual([`verification_locked ${committee.phone}`]);
    expect(sent.filter((line) => line.startsWith('proxy_'))).toEqual([`proxy_rejected ${HOLDER}`, `proxy_revoked ${HOLDER}`]);
  });
});
