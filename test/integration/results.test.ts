import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estateChain, firstBreak, readChain } from '../../src/audit/audit-log.ts';
import { main } from '../../src/cli.ts';
import { manualClock } from '../../src/clock.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { ProblemError } from '../../src/problems.ts';
import { publishMeeting } from '../../src/results/publication.ts';
import { verifyBundle } from '../../src/results/verify.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { type CsvUnit, uscc } from '../helpers/identity.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, ouyangNana as zhao, wang, zhangSanfeng as zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 7: a closed meeting's results are published (masked), receipts are
 * found in them, the township certifies or returns them, and the export
 * bundle verifies — and stops verifying, naming why, when anything in it is
 * changed.
 */
const DAY = 24 * 3_600_000;
/**
 * Motion 1's standing ballots: 张三丰 alone and with 李四, and 王五, online from bindings the helpers raised to
 * registry_factor (the default minimum); 欧阳娜娜's paper ballot, which records no level.
 */
const MOTION_0_MIX = [
  { channel: 'online', level: 'registry_factor', ballots: 3 },
  { channel: 'paper', level: null, ballots: 1 },
];
const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const root = fileURLToPath(new URL('../../', import.meta.url));

const developer = { name: '阳光地产有限公司', id: uscc('91350100M00010001'), idType: 'uscc' };
const everyone = [zhang, li, wang, zhao, developer];

const registry: CsvUnit[] = [
  { registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '90.00', owners: [zhang] },
  { registryNo: 'R-2', building: '1栋', stair: '1单元', room: '102', area: '60.00', owners: [zhang] },
  { registryNo: 'R-3', building: '1栋', stair: '2单元', room: '201', area: '75.50', owners: [zhang, li] },
  { registryNo: 'P-1', building: '车库', room: 'P1', area: '12.00', kind: 'parking', owners: [wang] },
  { registryNo: 'R-4', building: '2栋', room: '301', area: '100.00', owners: [wang] },
  { registryNo: 'R-5', building: '2栋', room: '302', area: '80.00', owners: [zhao] },
  { registryNo: 'S-1', building: '2栋', room: '商1', area: '40.00', kind: 'commercial', developerHeld: true, owners: [developer] },
];

const MOTIONS = [
  { matter: 'other_major', kind: 'yes_no', title: '增设<script>alert("x")</script>充电桩 & 车棚' },
  { matter: 'property_manager', kind: 'options', title: '选聘物业公司', options: [{ id: 'a', label: '甲物业' }, { id: 'b', label: '乙物业' }] },
  {
    matter: 'committee_election',
    kind: 'election',
    title: '选举业主委员会委员',
    seats: 3,
    candidates: [{ id: 'c1', name: '候选人一' }, { id: 'c2', name: '候选人二' }, { id: 'c3', name: '候选人三' }],
  },
];

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: { accessToken: string };
let secondOrganiser: { accessToken: string };
let owners: Record<'zhang' | 'wang' | 'zhao', { accessToken: string }>;
let meetingId: string;
let motionIds: string[];
const receipts: { first?: string; latest?: string } = {};

const get = (url: string, token: string) => t.app.inject({ url, headers: bearer(token) });
const post = (url: string, token: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, registry);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  secondOrganiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  owners = { zhang: await verifiedOwner(t, zhang), wang: await verifiedOwner(t, wang), zhao: await verifiedOwner(t, zhao) };
  const open = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, MOTIONS);
  meetingId = open.meetingId;
  motionIds = open.motionIds;

  // 张三丰 votes on his own head, then changes his mind: the second version is the one counted.
  const zhangHeads = await myBallots(t, owners.zhang.accessToken, meetingId);
  const alone = (m: number) => zhangHeads.find((b) => b.motionId === motionIds[m] && b.area === '150.00')!.voterId;
  const withLi = (m: number) => zhangHeads.find((b) => b.motionId === motionIds[m] && b.area === '75.50')!.voterId;
  const first = await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[0]!, alone(0), 'agree');
  receipts.first = first.json().receipt;
  clock.advance(60_000);
  const latest = await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[0]!, alone(0), 'oppose');
  receipts.latest = latest.json().receipt;
  for (const [m, choice] of [[1, 'a'], [2, ['c1', 'c2']]] as const) {
    expect((await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[m]!, alone(m), choice as string | string[])).statusCode).toBe(201);
  }
  for (const [m, choice] of [[0, 'agree'], [1, 'b'], [2, ['c1']]] as const) {
    expect((await castBallot(t, owners.zhang.accessToken, meetingId, motionIds[m]!, withLi(m), choice as string | string[])).statusCode).toBe(201);
  }

  const of = async (token: string, m: number) => (await myBallots(t, token, meetingId)).find((b) => b.motionId === motionIds[m])!.voterId;
  for (const [token, choices] of [
    [owners.wang.accessToken, ['agree', 'a', ['c1']]],
    [owners.zhao.accessToken, ['oppose', 'b', []]],
  ] as const) {
    for (let m = 0; m < 3; m++) expect((await castBallot(t, token, meetingId, motionIds[m]!, await of(token, m), choices[m] as string | string[])).statusCode).toBe(201);
  }
  // 欧阳娜娜 then hands in a signed paper ballot, entered by one organiser and confirmed by another (R4.4): it replaces her online one.
  clock.advance(60_000);
  const entry = await post(`/v1/meetings/${meetingId}/motions/${motionIds[0]}/paper-ballots`, organiser.accessToken, {
    voterId: await of(owners.zhao.accessToken, 0),
    choice: 'agree',
    scan: { url: 'https://files.example/paper-1.pdf', sha256: 'c'.repeat(64) },
  });
  expect(entry.statusCode, entry.body).toBe(201);
  expect((await post(`/v1/meetings/${meetingId}/paper-ballots/${entry.json().id}/confirm`, secondOrganiser.accessToken, { choice: 'agree' })).statusCode).toBe(200);
  // The registry moves on after opening: the results still come from the units as they stood then.
  await importRegistry(t, p.staffA, p.estateA, registry.map((u) => (u.registryNo === 'R-5' ? { ...u, area: '999.00' } : u)));
}, 120_000);
afterAll(async () => t?.close());

const close = () => {
  clock.set(new Date(START.getTime() + 30 * DAY));
  return post(`/v1/meetings/${meetingId}/close`, organiser.accessToken);
};

describe('before the close', () => {
  it('shows nothing of the result to anyone: notice, receipts, bundle and filing all refuse', async () => {
    for (const token of [owners.zhang.accessToken, organiser.accessToken, p.staffA, p.admin]) {
      for (const url of ['notice', 'notice.html', `receipts/${receipts.latest}`, 'bundle', 'filing']) {
        const res = await get(`/v1/meetings/${meetingId}/${url}`, token);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(409);
        expect(res.body).not.toMatch(/oppose|agree|张/);
      }
    }
    expect((await post(`/v1/meetings/${meetingId}/publish`, organiser.accessToken)).statusCode).toBe(409);
    expect((await post(`/v1/meetings/${meetingId}/filing/certify`, p.staffA)).statusCode).toBe(409);
    const db = t.testDatabase.database.db;
    await expect(inTransaction(db, (trx) => publishMeeting(trx, meetingId, 'system', clock.now()))).rejects.toMatchObject({ slug: 'conflict' });
    await expect(inTransaction(db, (trx) => publishMeeting(trx, '00000000-0000-4000-8000-000000000000', 'system', clock.now()))).rejects.toBeInstanceOf(ProblemError);
  });
});

describe('closing seals the evidence', () => {
  it('the close records a meeting.tallied audit record with each motion’s seal, and the chain stays whole', async () => {
    expect((await close()).json().status).toBe('tallied');
    const db = t.testDatabase.database.db;
    const chain = await readChain(db, estateChain(p.estateA));
    expect(firstBreak(chain)).toBeNull();
    const tallied = chain.find((r) => r.action === 'meeting.tallied' && r.subject === `meeting:${meetingId}`)!;
    const seals = tallied.data.motions as { motionId: string; ballots: { count: number }; units: { count: number } }[];
    expect(seals.map((s) => s.motionId)).toEqual(motionIds);
    // 张三丰's two versions, his shared head, 王五's, 欧阳娜娜's online and paper ballots.
    expect(seals[0]!.ballots.count).toBe(5 + 1);
    expect(seals[0]!.units.count).toBe(registry.length);
    expect(chain.findIndex((r) => r.action === 'meeting.closed')).toBeLessThan(chain.indexOf(tallied));
  });

  it('the database refuses to change a ballot, an audit record or a seal', async () => {
    const db = t.testDatabase.database.db;
    const one = await db.selectFrom('ballots').select('id').limit(1).executeTakeFirstOrThrow();
    await expect(sql`update ballots set choice = '"agree"'::jsonb where id = ${one.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ballots where id = ${one.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`update audit_log set data = '{}'::jsonb`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`update result_seals set result_sha256 = ${'0'.repeat(64)}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`update electorate_units set area_hundredths = 1`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('a tallied result is still hidden from owners and the estate’s API clients until it is published; its township may review it, and its organisers follow the filing', async () => {
    const client = await t.tokenFor({ role: 'client', access: 'read', townshipIds: [], estateIds: [p.estateA] });
    for (const token of [owners.zhang.accessToken, client]) {
      for (const url of ['notice', 'bundle', 'filing']) expect((await get(`/v1/meetings/${meetingId}/${url}`, token)).statusCode).toBe(409);
    }
    expect((await get(`/v1/meetings/${meetingId}/bundle`, p.staffA)).statusCode).toBe(200);
    const filing = (await get(`/v1/meetings/${meetingId}/filing`, p.staffA)).json();
    expect(filing.status).toBe('awaiting_review');
    // Issue 14: before certifying, the township sees how strongly the standing ballots were verified, per motion.
    expect(filing.assurance[motionIds[0]!]).toEqual(MOTION_0_MIX);
    // The organisers answer a return (they may resubmit from the tally on): they see the filing's state, not the bundle.
    const theirs = await get(`/v1/meetings/${meetingId}/filing`, organiser.accessToken);
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.json()).toMatchObject({ status: 'awaiting_review', events: [] });
    expect((await get(`/v1/meetings/${meetingId}/bundle`, organiser.accessToken)).statusCode).toBe(409);
  });
});

describe('publication', () => {
  it('publishes once: a second call (by the job system, or by hand) changes nothing', async () => {
    const published = await post(`/v1/meetings/${meetingId}/publish`, organiser.accessToken);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedNow: true });
    expect((await post(`/v1/meetings/${meetingId}/publish`, organiser.accessToken)).json().publishedNow).toBe(false);
    const db = t.testDatabase.database.db;
    expect(await inTransaction(db, (trx) => publishMeeting(trx, meetingId, 'system', clock.now()))).toEqual({ published: false });
    const audit = await readChain(db, estateChain(p.estateA));
    expect(audit.filter((r) => r.action === 'meeting.published')).toHaveLength(1);
    const notified = await db.selectFrom('notifications').select('recipient').where('topic', '=', 'result.published').execute();
    expect(new Set(notified.map((n) => n.recipient))).toEqual(new Set(['residents_committee', 'township', 'owner']));
  });

  it('the notice gives totals, verdict, rule and explanation per motion, and per voter the room, a masked name and the choice', async () => {
    const res = await get(`/v1/meetings/${meetingId}/notice`, owners.wang.accessToken);
    expect(res.statusCode, res.body).toBe(200);
    const notice = res.json();
    expect(notice.meeting.publishedAt).toBe(clock.now().toISOString());
    const first = notice.motions[0];
    expect(first).toMatchObject({ outcome: 'passed', outcomeText: '通过', totals: { TA: '445.50', TH: 5, PA: '405.50', PH: 4 } });
    expect(first.rule.statute.zh).toMatch(/民法典/);
    expect(first.explanation.zh.join('\n')).toContain('参与表决专有部分面积');
    const lines = first.ballots as { units: string[]; owners: string[]; choiceText: string; channel: string; receipt: string }[];
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.units.includes('1栋 1单元 101'))).toMatchObject({ owners: ['张**'], choiceText: '反对' });
    expect(lines.find((l) => l.units.includes('1栋 2单元 201'))!.owners.sort()).toEqual(['张**', '李*'].sort());
    // 欧阳娜娜's paper ballot replaced her online one; her area is as it stood at opening, not as re-imported.
    expect(lines.find((l) => l.units.includes('2栋 302'))).toMatchObject({ owners: ['欧***'], choiceText: '同意', channel: 'paper' });
    expect(notice.motions[2].ballots.find((l: { owners: string[] }) => l.owners[0] === '欧***').choiceText).toBe('弃权');
    const text = JSON.stringify(notice);
    for (const person of everyone) {
      expect(text).not.toContain(person.name.length > 4 ? person.name.slice(0, 4) : person.name);
      expect(text).not.toContain(person.id);
    }
  });

  it('once published, the estate’s owners, its township and API clients of its scope read it; others get 404', async () => {
    const ofEstate = await t.tokenFor({ role: 'client', access: 'read', townshipIds: [], estateIds: [p.estateA] });
    const ofTownship = await t.tokenFor({ role: 'client', access: 'read', townshipIds: [p.townshipA], estateIds: [] });
    const elsewhere = await t.tokenFor({ role: 'client', access: 'read', townshipIds: [p.townshipB], estateIds: [p.estateB] });
    for (const token of [ofEstate, ofTownship, p.staffA, p.admin, p.committeeA, owners.zhao.accessToken]) {
      for (const url of ['notice', 'bundle', 'filing']) expect((await get(`/v1/meetings/${meetingId}/${url}`, token)).statusCode, url).toBe(200);
    }
    for (const token of [elsewhere, p.staffB]) {
      for (const url of ['notice', 'bundle', 'filing', `receipts/${receipts.latest}`]) expect((await get(`/v1/meetings/${meetingId}/${url}`, token)).statusCode, url).toBe(404);
    }
  });

  it('the printable page is Chinese, A4, self-contained and escapes what people typed', async () => {
    const res = await get(`/v1/meetings/${meetingId}/notice.html`, owners.zhang.accessToken);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('size: A4');
    expect(html).toContain('@media print');
    expect(html).toContain('表决结果公告');
    expect(html).toContain('增设&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;充电桩 &amp; 车棚');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/\s(src|href)=|@import|url\(/);
    expect(html).toContain('张**');
    expect(html).not.toContain('张三丰');
    // Printable, never framed, nothing loaded or run; names on it: not cached.
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('shows, per voter, that the standing ballot replaced one cast through another channel (R4.4), in JSON and on the page', async () => {
    const notice = (await get(`/v1/meetings/${meetingId}/notice`, owners.zhang.accessToken)).json();
    const lines = notice.motions[0].ballots as { units: string[]; channel: string; version: number; replaced: unknown }[];
    // 欧阳娜娜: online, then paper.
    expect(lines.find((l) => l.units.includes('2栋 302'))).toMatchObject({ channel: 'paper', version: 2, replaced: { channel: 'online', version: 1 } });
    // 张三丰 changed his mind online: a replacement, but through the same channel.
    expect(lines.find((l) => l.units.includes('1栋 1单元 101'))).toMatchObject({ channel: 'online', version: 2, replaced: null });
    expect(lines.filter((l) => l.replaced !== null)).toHaveLength(1);
    for (const motion of notice.motions.slice(1)) expect(motion.ballots.every((l: { replaced: unknown }) => l.replaced === null)).toBe(true);

    const html = (await get(`/v1/meetings/${meetingId}/notice.html`, owners.zhang.accessToken)).body;
    // Issue 14: the mix of channels and levels of identity assurance behind the standing ballots, in JSON and on the page.
    expect(notice.motions[0].assurance).toEqual(MOTION_0_MIX);
    expect(html).toContain('有效表决票的表决方式与身份核验：线上·登记信息核验 3 票，纸质 1 票');
    const row = html.split('<tr>').find((r) => r.includes('2栋 302'))!;
    expect(row).toContain('纸质（取代此前的线上投票）');
    expect(html.match(/取代此前的/g)).toHaveLength(1);
  });

  it('a receipt is found in the notice; an earlier version’s receipt shows the later one that was counted', async () => {
    const notice = (await get(`/v1/meetings/${meetingId}/notice`, owners.zhang.accessToken)).json();
    expect(notice.motions[0].ballots.map((l: { receipt: string }) => l.receipt)).toContain(receipts.latest);
    expect(JSON.stringify(notice)).not.toContain(receipts.first);

    const latest = await get(`/v1/meetings/${meetingId}/receipts/${receipts.latest}`, owners.zhang.accessToken);
    expect(latest.statusCode, latest.body).toBe(200);
    expect(latest.json()).toMatchObject({ counted: true, countedInstead: null, ballot: { version: 2, choiceText: '反对' }, motionId: motionIds[0] });
    const first = await get(`/v1/meetings/${meetingId}/receipts/${receipts.first!.toUpperCase()}`, owners.zhang.accessToken);
    expect(first.json()).toMatchObject({ counted: false, ballot: { version: 1, choiceText: '同意' }, countedInstead: { version: 2, receipt: receipts.latest } });

    expect((await get(`/v1/meetings/${meetingId}/receipts/${'0'.repeat(64)}`, owners.zhang.accessToken)).statusCode).toBe(404);
    const malformed = await get(`/v1/meetings/${meetingId}/receipts/xyz`, owners.zhang.accessToken);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('filing with the township (备案)', () => {
  const filing = (token = p.staffA) => get(`/v1/meetings/${meetingId}/filing`, token);
  const awaiting = async (status = 'awaiting_review') =>
    ((await get(`/v1/townships/${p.townshipA}/filings?status=${status}`, p.staffA)).json().items as { meetingId: string }[]).map((i) => i.meetingId);

  it('the estate’s township sees the result awaiting review; another township’s staff and the estate’s people cannot act on it', async () => {
    expect(await awaiting()).toContain(meetingId);
    expect((await get(`/v1/townships/${p.townshipA}/filings`, p.staffB)).statusCode).toBe(404);
    expect((await get(`/v1/townships/${p.townshipB}/filings`, p.staffB)).json().items).toEqual([]);
    expect([403, 404]).toContain((await get(`/v1/townships/${p.townshipA}/filings`, organiser.accessToken)).statusCode);
    expect((await post(`/v1/meetings/${meetingId}/filing/certify`, p.staffB)).statusCode).toBe(404);
    expect((await post(`/v1/meetings/${meetingId}/filing/return`, p.staffB, { reasons: '不符合' })).statusCode).toBe(404);
    for (const token of [organiser.accessToken, owners.zhang.accessToken, p.committeeA]) {
      expect((await post(`/v1/meetings/${meetingId}/filing/certify`, token)).statusCode).toBe(403);
      expect((await post(`/v1/meetings/${meetingId}/filing/rulings`, token, { kind: 'revoked', reference: 'x', text: 'x' })).statusCode).toBe(403);
    }
    expect((await post(`/v1/meetings/${meetingId}/filing/resubmit`, p.staffA, { response: 'x' })).statusCode).toBe(403);
    expect((await filing()).json()).toMatchObject({ status: 'awaiting_review', events: [] });
  });

  it('returned with written reasons, answered and re-submitted by the organisers, then certified with a signature anyone can check', async () => {
    for (const [step, body] of [
      ['return', { reasons: '  ' }],
      ['return', { reasons: 42 }],
      ['return', { reasons: 'x', extra: true }],
      ['rulings', { kind: 'annulled', reference: 'x', text: 'x' }],
      ['rulings', { kind: 'revoked', text: 'x' }],
      ['resubmit', ['response']],
    ] as const) {
      const res = await post(`/v1/meetings/${meetingId}/filing/${step}`, step === 'resubmit' ? organiser.accessToken : p.staffA, body);
      expect(res.statusCode, `${step} ${JSON.stringify(body)}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await filing()).json()).toMatchObject({ status: 'awaiting_review', events: [] });
    const returned = await post(`/v1/meetings/${meetingId}/filing/return`, p.staffA, { reasons: '缺少表决票送达证明，请补充。' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', signature: null, events: [{ kind: 'returned', text: '缺少表决票送达证明，请补充。' }] });
    expect(await awaiting()).not.toContain(meetingId);
    expect((await post(`/v1/meetings/${meetingId}/filing/certify`, p.staffA)).statusCode).toBe(409);
    expect((await post(`/v1/meetings/${meetingId}/filing/return`, p.staffA, { reasons: 'again' })).statusCode).toBe(409);

    const resubmitted = await post(`/v1/meetings/${meetingId}/filing/resubmit`, organiser.accessToken, { response: '已补充送达回执扫描件。' });
    expect(resubmitted.json()).toMatchObject({ status: 'awaiting_review' });
    expect((await post(`/v1/meetings/${meetingId}/filing/resubmit`, organiser.accessToken, { response: 'x' })).statusCode).toBe(409);
    expect(await awaiting()).toContain(meetingId);

    const certified = await post(`/v1/meetings/${meetingId}/filing/certify`, p.staffA);
    expect(certified.statusCode, certified.body).toBe(200);
    const view = certified.json();
    expect(view.events.map((e: { kind: string }) => e.kind)).toEqual(['returned', 'resubmitted', 'certified']);
    expect(view.payload.motions.map((m: { result: { outcome: string } }) => m.result.outcome)).toEqual(['passed', 'no_decision', 'decided']);
    const published = (await t.app.inject({ url: '/.well-known/gongjue/result-signing-key' })).json();
    expect(published).toMatchObject({ algorithm: 'Ed25519', keyId: view.keyId });
    expect((await post(`/v1/meetings/${meetingId}/filing/certify`, p.staffA)).statusCode).toBe(409);
    expect(await awaiting('certified')).toContain(meetingId);
    expect((await get(`/v1/meetings/${meetingId}/notice`, owners.zhang.accessToken)).json().filing.status).toBe('certified');
    // Owners are told (issue 14): a result_certified message, in the inbox and queued as SMS.
    const inbox = (await get('/v1/me/messages', owners.zhang.accessToken)).json();
    expect(inbox.messages.filter((m: { kind: string; subjectId: string }) => m.kind === 'result_certified' && m.subjectId === meetingId)).toHaveLength(1);

    const chain = await readChain(t.testDatabase.database.db, estateChain(p.estateA));
    expect(firstBreak(chain)).toBeNull();
    expect(chain.map((r) => r.action).filter((a) => a.startsWith('result.'))).toEqual(['result.returned', 'result.resubmitted', 'result.certified']);
  });

  it('a court revocation or an order to correct is recorded later against the certified decision', async () => {
    expect((await post(`/v1/meetings/${meetingId}/filing/rulings`, p.staffB, { kind: 'revoked', reference: 'x', text: 'x' })).statusCode).toBe(404);
    const ordered = await post(`/v1/meetings/${meetingId}/filing/rulings`, p.staffA, {
      kind: 'correction_ordered',
      reference: '桂街〔2027〕3号',
      text: '第一项表决事项的公告期不足，责令重新公告。',
    });
    expect(ordered.statusCode, ordered.body).toBe(200);
    expect(ordered.json()).toMatchObject({ status: 'correction_ordered', signature: expect.any(String) });
    expect((await post(`/v1/meetings/${meetingId}/filing/rulings`, p.staffA, { kind: 'correction_ordered', reference: 'x', text: 'x' })).statusCode).toBe(409);
    const revoked = await post(`/v1/meetings/${meetingId}/filing/rulings`, p.admin, { kind: 'revoked', reference: '(2027)闽0881民初123号', text: '判决撤销。' });
    expect(revoked.json().status).toBe('revoked');
    expect((await filing(owners.zhang.accessToken)).json().events.at(-1)).toMatchObject({ kind: 'revoked', reference: '(2027)闽0881民初123号' });
    const db = t.testDatabase.database.db;
    await expect(sql`update filing_events set text = 'rewritten'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from filing_events`.execute(db)).rejects.toThrow(/append-only/);
  });
});

describe('the export bundle and gongjue verify', () => {
  let bundle: Record<string, unknown>;
  let publicKey: string;
  const copy = () => structuredClone(bundle) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const check = (b: unknown) => verifyBundle(b, { publicKey });

  beforeAll(async () => {
    const res = await get(`/v1/meetings/${meetingId}/bundle`, owners.zhao.accessToken);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`gongjue-bundle-${meetingId}.json`);
    bundle = res.json();
    publicKey = (await t.app.inject({ url: '/.well-known/gongjue/result-signing-key' })).json().publicKey;
  });

  it('gives per motion the standing ballots per channel and level of identity assurance (issue 14)', () => {
    expect((bundle.motions as { assurance: unknown }[])[0]!.assurance).toEqual(MOTION_0_MIX);
  });

  it('names no one: owners are opaque ids, no names or identity numbers', () => {
    const text = JSON.stringify(bundle);
    for (const person of everyone) {
      expect(text).not.toContain(person.name);
      expect(text).not.toContain(person.id);
    }
    const record = (bundle.motions as { record: { units: { owners: string[] }[] } }[])[0]!.record;
    expect(record.units[0]!.owners[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a genuine bundle verifies: chain, seals, recount and signature', () => {
    const { problems, notes } = check(bundle);
    expect(problems).toEqual([]);
    expect(notes.join('\n')).toMatch(/signature verifies/);
    expect(notes.join('\n')).toMatch(/filing status: revoked/);
  });

  it('one altered ballot fails, naming the ballots', () => {
    const b = copy();
    const ballot = b.motions[0].record.ballots.find((x: { choice?: string }) => x.choice === 'oppose');
    ballot.choice = 'agree';
    const { problems } = check(b);
    expect(problems.join('\n')).toMatch(/motion 1 .*: the ballots differ from those sealed at close/);
    expect(problems.join('\n')).toMatch(/differs from the recount/);
  });

  it('one unit’s altered area fails, naming the units', () => {
    const b = copy();
    b.motions[0].record.units.find((u: { area: string }) => u.area === '90.00').area = '91.00';
    const { problems } = check(b);
    expect(problems.join('\n')).toMatch(/the units differ from the electorate sealed at close/);
    expect(problems.join('\n')).toMatch(/totals\.TA: "445\.50" vs "446\.50"/);
  });

  it('an altered result fails, naming the result', () => {
    const b = copy();
    b.motions[0].result.outcome = 'rejected';
    b.motions[0].result.verdict.outcome = 'rejected';
    const { problems } = check(b);
    expect(problems.join('\n')).toMatch(/the result differs from the one sealed at close/);
    expect(problems.join('\n')).toMatch(/differs from the recount .*outcome: "rejected" vs "passed"/);
    expect(problems.join('\n')).toMatch(/certified result of motion .* differs/);
  });

  it('an altered signature, or a key other than the published one, fails naming the signature', () => {
    const b = copy();
    const sig = Buffer.from(b.certification.signature, 'base64');
    sig[0] = sig[0]! ^ 1;
    b.certification.signature = sig.toString('base64');
    expect(check(b).problems.join('\n')).toMatch(/signature does not verify/);
    const other = verifyBundle(bundle, { publicKey: t.keys.jwt.publicKey });
    expect(other.problems.join('\n')).toMatch(/certification: /);
    const stripped = copy();
    stripped.certification = null;
    expect(check(stripped).problems.join('\n')).toMatch(/records a certification, but the bundle carries none/);
  });

  it('junk where evidence should be is reported, never thrown', () => {
    const b = copy();
    b.motions[0].record.units[0].area = 1.5;
    b.motions[1].record = null;
    b.motions[2] = 'x';
    b.certification.payload = 7;
    b.audit.records[3] = null;
    const { problems } = check(b);
    expect(problems.join('\n')).toMatch(/motion .*: cannot be read: canonical JSON carries integers only/);
    expect(problems.join('\n')).toMatch(/motion 2 .*: the units differ/);
    expect(problems.join('\n')).toMatch(/certification: /);
    expect(problems.join('\n')).toMatch(/audit chain: /);
    for (const junk of [null, 42, 'bundle', [], { format: 'gongjue.result-bundle', version: 1 }]) expect(check(junk).problems.length).toBeGreaterThan(0);
  });

  it('an altered audit record breaks the chain', () => {
    const b = copy();
    b.audit.records[0].data = { name: 'forged' };
    expect(check(b).problems.join('\n')).toMatch(/audit chain: record 1 does not match/);
  });

  it('the command line exits 0 on the genuine bundle and 3 naming the cause on altered ones', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongjue-verify-'));
    const file = (name: string, content: unknown) => {
      const at = path.join(dir, name);
      writeFileSync(at, typeof content === 'string' ? content : JSON.stringify(content));
      return at;
    };
    const keyFile = file('key.pem', publicKey);
    const genuine = spawnSync(process.execPath, ['bin/gongjue.js', 'verify', file('genuine.json', bundle), '--public-key', keyFile], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(genuine.status, genuine.stderr).toBe(0);
    expect(genuine.stdout).toContain('OK: the bundle verifies');

    const altered = copy();
    altered.motions[1].record.ballots[0].choice = altered.motions[1].record.ballots[0].choice === 'a' ? 'b' : 'a';
    const bad = spawnSync(process.execPath, ['bin/gongjue.js', 'verify', file('altered.json', altered), '--public-key', keyFile], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/does NOT verify/);
    expect(bad.stderr).toMatch(/motion 2 .*ballots differ/);

    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), readFile: async (f: string) => (await import('node:fs/promises')).readFile(f, 'utf8') } };
    };
    const cases: [string, (b: Record<string, any>) => void, RegExp][] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
      ['unit', (b) => void (b.motions[2].record.units[1].area = '1.00'), /units differ/],
      ['result', (b) => void (b.motions[1].result.totals.PH = 1), /result differs/],
      ['signature', (b) => void (b.certification.signature = Buffer.alloc(64).toString('base64')), /signature does not verify/],
      ['chain', (b) => void b.audit.records.splice(1, 1), /audit chain: record \d+/],
    ];
    for (const [name, alter, message] of cases) {
      const b = copy();
      alter(b);
      const run = io();
      expect(await main(['verify', file(`${name}.json`, b), '--public-key', keyFile], run.io), name).toBe(3);
      expect(run.err.join(''), name).toMatch(message);
    }
    let run = io();
    expect(await main(['verify', file('not-bundle.json', { format: 'x' })], run.io)).toBe(2);
    run = io();
    expect(await main(['verify', file('broken.json', '{')], run.io)).toBe(2);
    run = io();
    expect(await main(['verify'], run.io)).toBe(1);
    run = io();
    expect(await main(['verify', file('g2.json', bundle), '--public-key'], run.io)).toBe(1);
    run = io();
    expect(await main(['verify', file('g3.json', bundle)], run.io)).toBe(0);
    expect(run.out.join('')).toMatch(/pin the published key/);
  }, 120_000);
});
