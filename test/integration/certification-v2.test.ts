import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { manualClock } from '../../src/clock.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { certify } from '../../src/results/certification.ts';
import { verifyBundle } from '../../src/results/verify.ts';
import { verifyCanonical } from '../../src/audit/signing.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { myBallots } from '../helpers/voting.ts';
import { zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { type Session } from '../factories/people.ts';
import { type VotingOwners, voteAndClose, votingOwners } from '../factories/voting-owners.ts';
import { actorFor } from '../factories/who.ts';

/**
 * Issue 17, certification format 2: the township's certification signs the names a reader of the
 * printed notice checks — the estate's and township's names, the meeting's title, each motion's
 * number, title, matter, kind, option labels and verdict words — so the public check proves them,
 * and `gongjue verify` derives them again from the recount and fails a changed one. A
 * certification of format 1 (ids and figures only), as stored before, still verifies everywhere.
 * The export bundle (version 2) carries the owners' objections with the committee's answers
 * (owner masked) and the estate's emergency uses of the fund while the meeting ran, each checked
 * against the audit chain and the manifest's digests.
 */
const START = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;
const clock = manualClock(START);

let t: TestApp;
let p: VotingOwners['places'];
let organiser: Session;
let zhangS: Session;
let liS: Session;
let publicKey: string;
const ids = { v2: '', v1: '' };
let useId = '';
let beforeUseId = '';
const get = (url: string, token?: string) => t.app.inject({ url, ...(token ? { headers: bearer(token) } : {}) });
const post = (url: string, token: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });
const ok = async <R extends { statusCode: number; body: string }>(res: Promise<R>, status = 200): Promise<R> => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r;
};
const emergency = (title: string) => ({ kind: 'lift', title, reason: `${title}，需立即维修。`, amountFen: 880_000, quoteIds: [] });

/** A meeting with a yes/no and an options motion, voted by two owners, closed, published under a 1-day objection window. */
async function published(title: string, objection: string | null) {
  const opened = await openMeeting(t, clock, new Date(clock.now().getTime() + 60_000), organiser.accessToken, p.estateA, [
    { matter: 'other_major', kind: 'yes_no', title: `${title}：增设充电桩` },
    { matter: 'property_manager', kind: 'options', title: `${title}：选聘物业`, options: [{ id: 'a', label: '甲物业' }, { id: 'b', label: '乙物业' }] },
  ]);
  if (title === '第一次') useId = (await ok(post(`/v1/estates/${p.estateA}/emergency-uses`, p.committeeA, emergency('3栋电梯停运')), 201)).json().id;
  await voteAndClose(t, clock, organiser.accessToken, opened, [zhangS, liS], (motionId) => (motionId === opened.motionIds[0] ? 'agree' : 'a'));
  clock.set(new Date(clock.now().getTime() + 60_000));
  await ok(post(`/v1/meetings/${opened.meetingId}/publish`, organiser.accessToken));
  if (objection !== null) {
    const [mine] = await myBallots(t, zhangS.accessToken, opened.meetingId);
    const raised = await ok(post(`/v1/meetings/${opened.meetingId}/objections`, zhangS.accessToken, { motionId: mine!.motionId, voterId: mine!.voterId, text: objection }), 201);
    clock.set(new Date(clock.now().getTime() + 60_000));
    await ok(post(`/v1/meetings/${opened.meetingId}/objections/${raised.json().items[0].id}/answer`, p.committeeA, { answer: '经核对，记录与您的表决一致。' }));
  }
  clock.set(new Date(clock.now().getTime() + 2 * DAY));
  return opened.meetingId;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  ({ places: p, organiser, zhang: zhangS, li: liS } = await votingOwners(t));
  const settings = (await get(`/v1/estates/${p.estateA}/settings`, p.staffA)).json().settings;
  await ok(t.app.inject({ method: 'PUT', url: `/v1/estates/${p.estateA}/settings`, headers: bearer(p.staffA), payload: { ...settings, objectionDays: 1 } }));
  // Filed before the meeting was created: not of its period.
  beforeUseId = (await ok(post(`/v1/estates/${p.estateA}/emergency-uses`, p.committeeA, emergency('2栋水泵故障')), 201)).json().id;
  clock.set(new Date(START.getTime() + DAY));

  ids.v2 = await published('第一次', '我投的是反对，这里记成了同意');
  await ok(post(`/v1/emergency-uses/${useId}/acknowledge`, p.staffA, { text: '情况属实。' }));
  await ok(post(`/v1/meetings/${ids.v2}/filing/certify`, p.staffA));

  // As certified before version 2: ids and figures signed, no names.
  ids.v1 = await published('第二次', null);
  await inTransaction(t.testDatabase.database.db, (trx) => certify(trx, ids.v1, { actor: actorFor(t, p.staffA), now: clock.now(), key: t.keys.resultSigning, payloadVersion: 1 }));
  publicKey = t.keys.resultSigning.publicKey;
}, 180_000);
afterAll(async () => t?.close());

type AnyJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const bundleOf = async (meetingId: string): Promise<AnyJson> => (await ok(get(`/v1/meetings/${meetingId}/bundle`, zhangS.accessToken))).json();

/** The command line as `gongjue verify` runs it, on a file written here. */
async function cliVerify(name: string, bundle: unknown) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongjue-certv2-'));
  const file = (n: string, content: string) => {
    const at = path.join(dir, n);
    writeFileSync(at, content);
    return at;
  };
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), readFile: async (f: string) => (await import('node:fs/promises')).readFile(f, 'utf8') };
  const code = await main(['verify', file(`${name}.json`, JSON.stringify(bundle)), '--public-key', file('key.pem', publicKey)], io);
  return { code, out: out.join(''), err: err.join('') };
}

describe('certification format 2', () => {
  it('signs the estate’s and township’s names, the meeting’s title and each motion’s names as the notice prints them', async () => {
    const check = (await ok(get(`/v1/public/results/${ids.v2}`))).json();
    const { payload, signature } = check.certification;
    expect(verifyCanonical(publicKey, payload, signature)).toBe(true);
    expect(payload).toMatchObject({
      format: 'gongjue.certification',
      version: 2,
      estate: { id: p.estateA, name: '阳光花园' },
      township: { name: '桂林街道' },
      meeting: { id: ids.v2, title: expect.any(String) },
    });
    const notice = (await ok(get(`/v1/meetings/${ids.v2}/notice`, zhangS.accessToken))).json();
    expect(payload.meeting.title).toBe(notice.meeting.title);
    expect(payload.motions).toHaveLength(2);
    for (const [i, m] of notice.motions.entries()) {
      expect(payload.motions[i]).toMatchObject({
        motionId: m.motionId,
        position: m.position,
        title: m.title,
        matter: m.matter,
        matterTitle: m.matterTitle.zh,
        kind: m.kind,
        verdictText: m.outcomeText,
        choices: m.choices.map((c: { id: string; label: { zh: string } }) => ({ id: c.id, label: c.label.zh })),
      });
    }
    expect(payload.motions[1]).toMatchObject({ title: '第一次：选聘物业', kind: 'options', verdictText: '已形成决定', choices: expect.arrayContaining([{ id: 'a', label: expect.stringContaining('甲物业') }]) });
    // Nothing personal: no owner's name, masked or not.
    expect(JSON.stringify(payload)).not.toMatch(/张|李/);
  });

  it('a genuine bundle verifies, names included; a changed title, label or verdict word fails, naming the names', async () => {
    const bundle = await bundleOf(ids.v2);
    const genuine = verifyBundle(bundle, { publicKey });
    expect(genuine.problems).toEqual([]);
    expect(genuine.notes.join('\n')).toMatch(/certification format 2: .* 2 motion\(s\)’ titles, labels and verdict words are signed/);

    // The signed names changed (signature broken) and the bundle's title changed (signature intact): both fail.
    const signedName = structuredClone(bundle);
    signedName.certification.payload.motions[1].choices[0].label = '丙物业';
    expect(verifyBundle(signedName, { publicKey }).problems.join('\n')).toMatch(/signature does not verify[\s\S]*names signed for motion 2 .*choices\[0\]\.label: "丙物业"/);
    const title = structuredClone(bundle);
    title.meeting.title = '另一次会议';
    expect(verifyBundle(title, { publicKey }).problems.join('\n')).toMatch(/signed meeting title .* differs from the bundle’s "另一次会议"/);
    const motionTitle = structuredClone(bundle);
    motionTitle.motions[0].title = '拆除充电桩';
    expect(verifyBundle(motionTitle, { publicKey }).problems.join('\n')).toMatch(/names signed for motion 1 .*title/);
    // An estate renamed since certification is said, not failed: the signature names it as it was.
    const renamed = structuredClone(bundle);
    renamed.estate.name = '阳光花园二期';
    const r = verifyBundle(renamed, { publicKey });
    expect(r.problems).toEqual([]);
    expect(r.notes.join('\n')).toMatch(/certified as "阳光花园"; it is now named "阳光花园二期"/);
  });

  it('the command line exits 0 on the genuine bundle and 3 on a changed signed name', async () => {
    const bundle = await bundleOf(ids.v2);
    const genuine = await cliVerify('genuine', bundle);
    expect(genuine.code, genuine.err).toBe(0);
    expect(genuine.out).toMatch(/certification format 2/);
    const tampered = structuredClone(bundle);
    tampered.certification.payload.estate.name = '月光花园';
    const bad = await cliVerify('tampered', tampered);
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/signature does not verify/);
  });
});

describe('a certification of format 1, stored before', () => {
  it('still verifies on the server’s public check, in the bundle and on the command line; it says the names are not signed', async () => {
    const check = (await ok(get(`/v1/public/results/${ids.v1}`))).json();
    expect(check.certification.payload.version).toBe(1);
    expect(check.certification.payload.meeting).toEqual({ id: ids.v1 });
    expect(verifyCanonical(publicKey, check.certification.payload, check.certification.signature)).toBe(true);
    const bundle = await bundleOf(ids.v1);
    const result = verifyBundle(bundle, { publicKey });
    expect(result.problems).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/certification format 1: .*名称未经签名/);
    const cli = await cliVerify('v1', bundle);
    expect(cli.code, cli.err).toBe(0);
    expect(cli.out).toMatch(/OK: the bundle verifies/);
    const altered = structuredClone(bundle);
    altered.certification.payload.motions[0].result.totals.PH = 1;
    expect(verifyBundle(altered, { publicKey }).problems.join('\n')).toMatch(/signature does not verify/);
    // The township's filing evidence runs the same check on the service's own bundle.
    const evidence = (await ok(get(`/v1/meetings/${ids.v1}/filing/evidence`, p.staffA))).json();
    expect(evidence.verification).toMatchObject({ verified: true, problems: [] });
  });
});

describe('the export bundle, version 3 (version 2 sections)', () => {
  it('carries the objections with their answers, the owner masked, and the emergency uses filed while the meeting ran', async () => {
    const bundle = await bundleOf(ids.v2);
    expect(bundle).toMatchObject({ format: 'gongjue.result-bundle', version: 3, township: { id: p.townshipA, name: '桂林街道' } });
    expect(bundle.objections).toEqual([
      expect.objectContaining({ owner: '张*', text: '我投的是反对，这里记成了同意', answer: { text: '经核对，记录与您的表决一致。', at: expect.any(String) } }),
    ]);
    expect(JSON.stringify(bundle)).not.toContain(zhang.name);
    expect(bundle.emergencyUses.uses).toEqual([
      expect.objectContaining({ id: useId, kind: 'lift', title: '3栋电梯停运', amountFen: '880000', amountText: '8,800.00', withoutVote: true, status: 'acknowledged' }),
    ]);
    expect(bundle.emergencyUses.uses.map((u: { id: string }) => u.id)).not.toContain(beforeUseId);
    expect(bundle.manifest.objections.count).toBe(1);
    expect(bundle.manifest.emergencyUses.count).toBe(1);
    expect(verifyBundle(bundle, { publicKey }).notes.join('\n')).toMatch(/1 objection\(s\): as raised and answered[\s\S]*1 emergency use\(s\)/);
    // The other meeting had no objection; its period saw no emergency use.
    const other = await bundleOf(ids.v1);
    expect(other.objections).toEqual([]);
    expect(other.emergencyUses.uses).toEqual([]);
    // The township’s evidence verifies the service’s own bundle.
    expect((await ok(get(`/v1/meetings/${ids.v2}/filing/evidence`, p.staffA))).json().verification).toMatchObject({ verified: true, problems: [] });
  });

  it('fails an objection or emergency use changed, dropped or malformed, naming the section', async () => {
    const bundle = await bundleOf(ids.v2);
    const cases: [string, (b: AnyJson) => void, RegExp][] = [
      ['answer changed, manifest recomputed by no one', (b) => void (b.objections[0].answer.text = '没有问题。'), /objections: the section differs from the manifest[\s\S]*objection 1 .*answer differs from the audit chain/],
      ['objection dropped with its manifest', (b) => {
        b.objections = [];
        b.manifest.objections = { count: 0, sha256: '4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945' };
      }, /the audit chain records objection .* missing from the bundle/],
      ['amount changed', (b) => void (b.emergencyUses.uses[0].amountFen = '88000'), /emergency use 1 .*differs from the audit chain’s emergency_use.filed/],
      ['status changed', (b) => void (b.emergencyUses.uses[0].status = 'questioned'), /status questioned is not the one its steps lead to/],
      ['use dropped', (b) => void (b.emergencyUses.uses = []), /emergencyUses: the section differs from the manifest[\s\S]*emergency_use:.* filed while the meeting ran, missing/],
      ['malformed', (b) => void (b.objections[0] = 'x'), /objection 1: not well-formed/],
      ['section missing', (b) => void delete b.emergencyUses, /emergency uses: missing/],
      ['period moved', (b) => void (b.emergencyUses.from = b.emergencyUses.to), /period does not begin/],
    ];
    for (const [name, alter, message] of cases) {
      const b = structuredClone(bundle);
      alter(b);
      expect(verifyBundle(b, { publicKey }).problems.join('\n'), name).toMatch(message);
    }
  });

  it('a bundle of version 1 (exported before) still verifies, saying what it lacks', async () => {
    const bundle = await bundleOf(ids.v2);
    const { township: _t, objections: _o, emergencyUses: _e, manifest: _m, ...v1 } = bundle;
    const result = verifyBundle({ ...v1, version: 1 }, { publicKey });
    expect(result.problems).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/bundle version 1: it carries no objections, emergency uses or proxy endings/);
  });

  it('a bundle of version 2 (exported before proxy endings were) still verifies, saying what it lacks', async () => {
    const bundle = await bundleOf(ids.v2);
    const { proxyEndings: _p, manifest: { proxyEndings: _m, ...manifest }, ...rest } = bundle;
    const result = verifyBundle({ ...rest, manifest, version: 2 }, { publicKey });
    expect(result.problems).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/bundle version 2: it carries no proxy endings/);
    expect(result.notes.join('\n')).toMatch(/1 objection\(s\)/);
  });
});
