import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { castBallot } from '../helpers/voting.ts';
import { wang, zhang, zhao } from '../factories/cast.ts';
import { type FourFlats, fourFlats } from '../factories/four-flats.ts';
import { closeAndPublish, noticedMeeting, openMeeting } from '../factories/meetings.ts';
import { verifiedOwner } from '../factories/people.ts';

/**
 * Issue 16: a written proxy (R4.3) is rejected by an organiser before it is used, or revoked —
 * by its grantor from the owner app, or by an organiser recording a written revocation. A
 * revocation stops the holder from then on; a proxy ballot already standing stays until the
 * owner's own later ballot replaces it (R4.4). The holder's and the grantor's views (GET
 * /v1/me/proxies) say what the routes would accept.
 */

const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const scan = { url: 'https://files.example/scan/proxy.pdf', sha256: 'b'.repeat(64) };
const revocationScan = { url: 'https://files.example/scan/revocation.pdf', sha256: 'c'.repeat(64) };

let t: TestApp;
let p: FourFlats['places'];
let organiser: { accessToken: string; accountId: string };
let otherOrganiser: { accessToken: string; accountId: string };
let zhangApp: { accessToken: string; accountId: string };
let wangApp: { accessToken: string; accountId: string };
let holder: { accessToken: string; accountId: string };
const holderPhone = '13700007777';
let ownerIdOf: Map<string, string>;

beforeAll(async () => {
  t = await createTestApp({ clock });
  ({ places: p, organiser, otherOrganiser } = await fourFlats(t));
  zhangApp = await verifiedOwner(t, zhang);
  wangApp = await verifiedOwner(t, wang);
  holder = await logIn(t, holderPhone, '192.0.2.60'); // owns nothing anywhere
  const owners = await t.testDatabase.database.db.selectFrom('owners').select(['id', 'name']).where('estate_id', '=', p.estateA).execute();
  ownerIdOf = new Map(owners.map((o) => [o.name, o.id]));
});
afterAll(async () => t?.close());

const inject = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload }) });

async function approvedProxy(meetingId: string, grantor: string, instructions: Record<string, string> | null = null): Promise<string> {
  const registered = await inject('POST', `/v1/meetings/${meetingId}/proxies`, organiser.accessToken, { grantorOwnerId: ownerIdOf.get(grantor), holderPhone, instructions, document: scan });
  expect(registered.statusCode).toBe(201);
  const id = registered.json().id as string;
  expect((await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/approve`, organiser.accessToken)).statusCode).toBe(200);
  return id;
}

async function voterOf(motionId: string, owner: string): Promise<string> {
  const row = await t.testDatabase.database.db
    .selectFrom('electorate_voters')
    .select('id')
    .where('motion_id', '=', motionId)
    .where(sql<boolean>`${ownerIdOf.get(owner)!}::uuid = any(owners)`)
    .executeTakeFirstOrThrow();
  return row.id;
}

const proxyBallot = (meetingId: string, motionId: string, proxyId: string, voterId: string, choice: string) =>
  inject('POST', `/v1/meetings/${meetingId}/motions/${motionId}/proxy-ballots`, holder.accessToken, { proxyId, voterId, choice });

async function auditActions(proxyId: string): Promise<string[]> {
  const rows = await t.testDatabase.database.db.selectFrom('audit_log').select('action').where('subject', '=', `proxy:${proxyId}`).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

describe('rejecting a proxy (organisers)', () => {
  let meetingId: string;
  let motionId: string;

  beforeAll(async () => {
    clock.set(START);
    const opened = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '拒绝委托' }]);
    meetingId = opened.meetingId;
    motionId = opened.motionIds[0]!;
  });

  it('rejects a pending proxy with a written reason; the holder can then cast nothing under it', async () => {
    const registered = await inject('POST', `/v1/meetings/${meetingId}/proxies`, organiser.accessToken, { grantorOwnerId: ownerIdOf.get('赵六'), holderPhone, document: scan });
    const id = registered.json().id as string;
    expect(registered.json().may).toEqual({ approve: true, reject: true, revoke: true });

    const noReason = await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/reject`, organiser.accessToken, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('body.reason');

    const rejected = await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/reject`, organiser.accessToken, { reason: '委托书签名与登记不符' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      ending: { reason: '委托书签名与登记不符', by: organiser.accountId, byGrantor: false, document: null },
      may: { approve: false, reject: false, revoke: false },
    });
    expect(await auditActions(id)).toEqual(['proxy.registered', 'proxy.rejected']);

    const cast = await proxyBallot(meetingId, motionId, id, await voterOf(motionId, '赵六'), 'agree');
    expect(cast.statusCode).toBe(409);
    expect(cast.json()).toMatchObject({ type: 'urn:gongjue:problem:proxy-ended', proxyStatus: 'rejected' });
    // Ended is ended: no second rejection, no approval, no revocation.
    const again = await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/reject`, organiser.accessToken, { reason: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('urn:gongjue:problem:proxy-ended');
    expect((await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/approve`, organiser.accessToken)).statusCode).toBe(409);
    // The owner may give a new proxy: a rejected one holds no place.
    const anew = await inject('POST', `/v1/meetings/${meetingId}/proxies`, organiser.accessToken, { grantorOwnerId: ownerIdOf.get('赵六'), holderPhone, document: scan });
    expect(anew.statusCode).toBe(201);
  });

  it('refuses to reject a proxy the holder has voted under (409 proxy-used): it can only be revoked', async () => {
    const id = await approvedProxy(meetingId, '李四');
    expect((await proxyBallot(meetingId, motionId, id, await voterOf(motionId, '李四'), 'oppose')).statusCode).toBe(201);
    const refused = await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/reject`, organiser.accessToken, { reason: '晚了' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ type: 'urn:gongjue:problem:proxy-used', ballots: 1 });
    const listed = (await inject('GET', `/v1/meetings/${meetingId}/proxies`, organiser.accessToken)).json().items.find((x: { id: string }) => x.id === id);
    expect(listed).toMatchObject({ status: 'approved', ballots: { cast: 1, standing: 1 }, may: { approve: false, reject: false, revoke: true } });
  });

  it('answers 404 to another estate’s organiser and to an unknown proxy, 403 to an owner of the estate', async () => {
    const id = (await inject('POST', `/v1/meetings/${meetingId}/proxies`, organiser.accessToken, { grantorOwnerId: ownerIdOf.get('王五'), holderPhone, document: scan })).json().id as string;
    const foreign = await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/reject`, otherOrganiser.accessToken, { reason: '不是我的小区' });
    expect(foreign.statusCode).toBe(404);
    const unknown = await inject('POST', `/v1/meetings/${meetingId}/proxies/00000000-0000-4000-8000-000000000000/reject`, organiser.accessToken, { reason: '无此委托' });
    expect(unknown.statusCode).toBe(404);
    const owner = await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/reject`, zhangApp.accessToken, { reason: '我不同意' });
    expect(owner.statusCode).toBe(403);
    const byHolder = await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/reject`, holder.accessToken, { reason: '我不干了' });
    expect(byHolder.statusCode).toBe(404);
    expect(await auditActions(id)).toEqual(['proxy.registered']);
  });
});

describe('revoking a proxy', () => {
  let meetingId: string;
  let motions: string[];

  beforeAll(async () => {
    clock.set(START);
    const opened = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [
      { matter: 'other_major', kind: 'yes_no', title: '加装门禁' },
      { matter: 'other_major', kind: 'yes_no', title: '更换路灯' },
    ]);
    meetingId = opened.meetingId;
    motions = opened.motionIds;
  });

  it('the holder sees the proxy they hold — whose, which meeting, the bound instructions — and may read the meeting', async () => {
    const id = await approvedProxy(meetingId, '张三', { [motions[0]!]: 'oppose' });
    const mine = await inject('GET', '/v1/me/proxies', holder.accessToken);
    expect(mine.statusCode).toBe(200);
    const held = mine.json().held.find((x: { id: string }) => x.id === id);
    expect(held).toMatchObject({
      status: 'approved',
      meeting: { id: meetingId, title: expect.any(String), status: 'open', estateName: expect.any(String) },
      grantor: { name: '张*' },
      instructions: { [motions[0]!]: 'oppose' },
      ending: null,
    });
    expect(held.motions).toMatchObject([
      { motionId: motions[0], title: '加装门禁', voterId: await voterOf(motions[0]!, '张三'), instructed: 'oppose', standing: { by: 'none' }, cast: { allowed: true, refusal: null } },
      { motionId: motions[1], title: '更换路灯', instructed: null, standing: { by: 'none' }, cast: { allowed: true, refusal: null } },
    ]);
    expect(mine.json().granted).toEqual([]);
    // The holder owns nothing in the estate, yet reads the meeting they vote on; someone else signed in does not.
    expect((await inject('GET', `/v1/meetings/${meetingId}`, holder.accessToken)).statusCode).toBe(200);
    const stranger = await logIn(t, '13700006666', '192.0.2.61');
    expect((await inject('GET', `/v1/meetings/${meetingId}`, stranger.accessToken)).statusCode).toBe(404);
    expect((await inject('GET', '/v1/me/proxies', stranger.accessToken)).json()).toEqual({ held: [], granted: [] });
  });

  it('the grantor revokes from the app: the holder is stopped from then on, and the ballot already standing stays until the owner votes', async () => {
    const [first, second] = [motions[0]!, motions[1]!];
    const id = (await inject('GET', '/v1/me/proxies', holder.accessToken)).json().held.find((x: { grantor: { name: string } }) => x.grantor.name === '张*').id as string;
    const voter = await voterOf(first, '张三');
    const cast = await proxyBallot(meetingId, first, id, voter, 'oppose');
    expect(cast.statusCode).toBe(201);
    const heldNow = (await inject('GET', '/v1/me/proxies', holder.accessToken)).json().held.find((x: { id: string }) => x.id === id);
    expect(heldNow.motions[0].standing).toMatchObject({ by: 'this_proxy', choice: 'oppose', receipt: cast.json().receipt, version: 1 });

    // The grantor sees it, may revoke it; another owner, the holder and an organiser of another estate may not.
    const granted = (await inject('GET', '/v1/me/proxies', zhangApp.accessToken)).json().granted;
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({ id, status: 'approved', grantor: { name: '张三' }, holder: { phone: '137****7777' }, ballots: { cast: 1, standing: 1 }, revoke: { allowed: true, refusal: null } });
    expect((await inject('POST', `/v1/me/proxies/${id}/revoke`, wangApp.accessToken, {})).statusCode).toBe(404);
    expect((await inject('POST', `/v1/me/proxies/${id}/revoke`, holder.accessToken, {})).statusCode).toBe(404);
    expect((await inject('POST', `/v1/me/proxies/${id}/revoke`, otherOrganiser.accessToken, {})).statusCode).toBe(404);

    // Without a body at all (the owner app sends none when no reason is given).
    const revoked = await t.app.inject({ method: 'POST', url: `/v1/me/proxies/${id}/revoke`, headers: bearer(zhangApp.accessToken) });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', ending: { by: zhangApp.accountId, byGrantor: true, reason: null }, ballots: { cast: 1, standing: 1 } });
    expect(await auditActions(id)).toEqual(['proxy.registered', 'proxy.approved', 'proxy.revoked']);

    // From now on: nothing more under it, on any motion.
    const after = await proxyBallot(meetingId, second, id, await voterOf(second, '张三'), 'agree');
    expect(after.statusCode).toBe(409);
    expect(after.json()).toMatchObject({ type: 'urn:gongjue:problem:proxy-ended', proxyStatus: 'revoked' });
    const heldAfter = (await inject('GET', '/v1/me/proxies', holder.accessToken)).json().held.find((x: { id: string }) => x.id === id);
    expect(heldAfter).toMatchObject({ status: 'revoked', ending: { byGrantor: true } });
    expect(heldAfter.motions.map((m: { cast: { allowed: boolean; refusal: { type: string } } }) => [m.cast.allowed, m.cast.refusal?.type])).toEqual([
      [false, 'proxy-ended'],
      [false, 'proxy-ended'],
    ]);
    expect((await inject('POST', `/v1/me/proxies/${id}/revoke`, zhangApp.accessToken, {})).statusCode).toBe(409);

    // The proxy ballot cast before stands; the owner's own later ballot replaces it as any later one does.
    const standing = await t.testDatabase.database.db
      .selectFrom('current_ballots')
      .innerJoin('ballots', 'ballots.id', 'current_ballots.ballot_id')
      .select(['ballots.channel', 'ballots.choice'])
      .where('current_ballots.motion_id', '=', first)
      .where('current_ballots.voter_id', '=', voter)
      .executeTakeFirstOrThrow();
    expect(standing).toEqual({ channel: 'proxy', choice: 'oppose' });
    const own = await castBallot(t, zhangApp.accessToken, meetingId, first, voter, 'agree');
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ channel: 'online', replaced: 'proxy', version: 2 });
    const grantedAfter = (await inject('GET', '/v1/me/proxies', zhangApp.accessToken)).json().granted[0];
    expect(grantedAfter).toMatchObject({ status: 'revoked', ballots: { cast: 1, standing: 0 }, revoke: { allowed: false, refusal: { type: 'proxy-ended' } } });
  });

  it('an organiser records a written revocation with its scan; without the scan, 400', async () => {
    const id = await approvedProxy(meetingId, '王五');
    const noScan = await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/revocation`, organiser.accessToken, { reason: '业主书面撤销' });
    expect(noScan.statusCode).toBe(400);
    expect(noScan.json().errors[0].path).toBe('body.document');
    expect((await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/revocation`, otherOrganiser.accessToken, { document: revocationScan })).statusCode).toBe(404);
    expect((await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/revocation`, wangApp.accessToken, { document: revocationScan })).statusCode).toBe(403);
    const revoked = await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/revocation`, organiser.accessToken, { document: revocationScan, reason: '业主书面撤销' });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', ending: { by: organiser.accountId, byGrantor: false, reason: '业主书面撤销', document: revocationScan }, ballots: { cast: 0, standing: 0 } });
    const cast = await proxyBallot(meetingId, motions[0]!, id, await voterOf(motions[0]!, '王五'), 'agree');
    expect(cast.statusCode).toBe(409);
    expect(cast.json().type).toBe('urn:gongjue:problem:proxy-ended');
    const again = await inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/revocation`, organiser.accessToken, { document: revocationScan });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('urn:gongjue:problem:proxy-ended');
  });

  it('a grantor bound below the meeting’s minimum assurance may not revoke (403 assurance-too-low), and is told so beforehand', async () => {
    const weak = await verifiedOwner(t, zhao);
    await t.testDatabase.database.db.updateTable('owner_bindings').set({ level: 'knowledge', factor: null }).where('account_id', '=', weak.accountId).execute();
    const id = await approvedProxy(meetingId, '赵六');
    const granted = (await inject('GET', '/v1/me/proxies', weak.accessToken)).json().granted.find((x: { id: string }) => x.id === id);
    expect(granted.revoke).toMatchObject({ allowed: false, refusal: { type: 'assurance-too-low' } });
    const refused = await inject('POST', `/v1/me/proxies/${id}/revoke`, weak.accessToken, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe('urn:gongjue:problem:assurance-too-low');
    expect(await auditActions(id)).toEqual(['proxy.registered', 'proxy.approved']);
  });

  it('a revocation racing the holder’s ballots: no proxy ballot is accepted after the revocation', async () => {
    clock.set(START);
    const fresh = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '撤销与投票同时' }]);
    const id = await approvedProxy(fresh.meetingId, '李四');
    const voter = await voterOf(fresh.motionIds[0]!, '李四');
    const casts = Array.from({ length: 6 }, (_, i) => proxyBallot(fresh.meetingId, fresh.motionIds[0]!, id, voter, i % 2 ? 'agree' : 'oppose'));
    const revocation = inject('POST', `/v1/meetings/${fresh.meetingId}/proxies/${id}/revocation`, organiser.accessToken, { document: revocationScan });
    const [answers, revoked] = await Promise.all([Promise.all(casts), revocation]);
    expect(revoked.statusCode).toBe(200);
    expect(answers.every((a) => a.statusCode === 201 || (a.statusCode === 409 && a.json().type === 'urn:gongjue:problem:proxy-ended'))).toBe(true);
    const accepted = answers.filter((a) => a.statusCode === 201).length;
    // Every accepted ballot is counted in the revocation's answer: none landed after it.
    expect(revoked.json().ballots.cast).toBe(accepted);
    const count = await t.testDatabase.database.db.selectFrom('ballots').select((eb) => eb.fn.countAll<string>().as('n')).where('proxy_id', '=', id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(accepted);
  });

  it('once voting is over nothing is rejected or revoked (409), and before it opens a proxy may be revoked', async () => {
    clock.set(START);
    const noticed = await noticedMeeting(t, clock, organiser.accessToken, p.estateA);
    const registered = await inject('POST', `/v1/meetings/${noticed}/proxies`, organiser.accessToken, { grantorOwnerId: ownerIdOf.get('张三'), holderPhone, document: scan });
    const early = await inject('POST', `/v1/me/proxies/${registered.json().id}/revoke`, zhangApp.accessToken, { reason: '我自己投' });
    expect(early.statusCode).toBe(200);
    expect(early.json()).toMatchObject({ status: 'revoked', ending: { reason: '我自己投' } });

    clock.set(START);
    const closing = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '投票结束后' }]);
    const id = await approvedProxy(closing.meetingId, '王五');
    await closeAndPublish(t, clock, organiser.accessToken, closing.meetingId, closing.closesAt);
    const reject = await inject('POST', `/v1/meetings/${closing.meetingId}/proxies/${id}/reject`, organiser.accessToken, { reason: '太晚' });
    expect(reject.statusCode).toBe(409);
    expect(reject.json().type).toBe('urn:gongjue:problem:conflict');
    expect((await inject('POST', `/v1/meetings/${closing.meetingId}/proxies/${id}/revocation`, organiser.accessToken, { document: revocationScan })).statusCode).toBe(409);
    expect((await inject('POST', `/v1/me/proxies/${id}/revoke`, wangApp.accessToken, {})).statusCode).toBe(409);
  });
});
