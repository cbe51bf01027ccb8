import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { manualClock } from '../../src/clock.ts';
import { inLongTransaction } from '../../src/db/transaction.ts';
import { sectionDigest } from '../../src/results/bundle.ts';
import { closeMeeting } from '../../src/results/closing.ts';
import { verifyBundle } from '../../src/results/verify.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { li, wang, zhang, zhao } from '../factories/cast.ts';
import { fourFlats } from '../factories/four-flats.ts';
import { openMeeting } from '../factories/meetings.ts';
import { verifiedOwner, type Session } from '../factories/people.ts';
import { actorFor } from '../factories/who.ts';

/**
 * The export bundle, version 3 (docs/bundle.md): the meeting's written proxies (R4.3) that were
 * rejected or revoked, each as the audit chain recorded its end — the grantor masked as in the
 * notice, the holder by the masked phone, how and when it ended, the reason, the written
 * revocation's scan. `gongjue verify` checks them against the audit chain and the manifest, and
 * fails (exit 3) a bundle that leaves out an end the chain records, even with its manifest redone.
 */
const START = new Date('2026-11-03T02:00:00Z');
const clock = manualClock(START);
const scan = { url: 'https://files.example/scan/proxy.pdf', sha256: 'b'.repeat(64) };
const revocationScan = { url: 'https://files.example/scan/revocation.pdf', sha256: 'c'.repeat(64) };
const HOLDER_PHONE = '13700007777';

type AnyJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let zhangS: Session;
let organiser: Session;
let holder: { accessToken: string };
let meetingId: string;
const proxyIds = { rejected: '', byGrantor: '', inWriting: '', standing: '' };

const inject = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload }) });
const ok = async (res: Promise<{ statusCode: number; body: string; json: () => AnyJson }>, status = 200) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};
const bundle = async (): Promise<AnyJson> => ok(inject('GET', `/v1/meetings/${meetingId}/bundle`, zhangS.accessToken));

async function cliVerify(name: string, content: unknown) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongjue-proxy-bundle-'));
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(content));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['verify', file], { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), readFile: (f: string) => readFile(f, 'utf8') });
  return { code, out: out.join(''), err: err.join('') };
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  const flats = await fourFlats(t);
  const p = flats.places;
  organiser = flats.organiser;
  zhangS = await verifiedOwner(t, zhang);
  holder = await logIn(t, HOLDER_PHONE, '192.0.2.60');
  const owners = new Map((await t.testDatabase.database.db.selectFrom('owners').select(['id', 'name']).where('estate_id', '=', p.estateA).execute()).map((o) => [o.name, o.id]));

  const opened = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '加装门禁' }]);
  meetingId = opened.meetingId;
  const register = async (grantor: string) =>
    (await ok(inject('POST', `/v1/meetings/${meetingId}/proxies`, organiser.accessToken, { grantorOwnerId: owners.get(grantor), holderPhone: HOLDER_PHONE, document: scan }), 201)).id as string;
  const approve = async (grantor: string) => {
    const id = await register(grantor);
    await ok(inject('POST', `/v1/meetings/${meetingId}/proxies/${id}/approve`, organiser.accessToken));
    return id;
  };
  const voteUnder = async (id: string) => {
    const [motion] = (await ok(inject('GET', '/v1/me/proxies', holder.accessToken))).held.find((x: { id: string }) => x.id === id).motions;
    await ok(inject('POST', `/v1/meetings/${meetingId}/motions/${motion.motionId}/proxy-ballots`, holder.accessToken, { proxyId: id, voterId: motion.voterId, choice: 'agree' }), 201);
  };
  const later = () => clock.advance(60_000);

  proxyIds.rejected = await register('赵六');
  later();
  await ok(inject('POST', `/v1/meetings/${meetingId}/proxies/${proxyIds.rejected}/reject`, organiser.accessToken, { reason: '委托书签名与登记不符' }));
  proxyIds.byGrantor = await approve('张三');
  await voteUnder(proxyIds.byGrantor);
  later();
  await ok(inject('POST', `/v1/me/proxies/${proxyIds.byGrantor}/revoke`, zhangS.accessToken));
  proxyIds.inWriting = await approve('王五');
  later();
  await ok(inject('POST', `/v1/meetings/${meetingId}/proxies/${proxyIds.inWriting}/revocation`, organiser.accessToken, { document: revocationScan, reason: '业主书面撤销' }));
  proxyIds.standing = await approve('李四');
  await voteUnder(proxyIds.standing);

  clock.set(opened.closesAt);
  await inLongTransaction(t.testDatabase.database.db, t.app.config.databaseLongStatementMs, (trx) => closeMeeting(trx, meetingId, actorFor(t, organiser.accessToken), opened.closesAt));
  later();
  await ok(inject('POST', `/v1/meetings/${meetingId}/publish`, organiser.accessToken));
}, 120_000);
afterAll(async () => t?.close());

describe('the organisers’ delivery report of these endings', () => {
  it('counts the proxy’s holder as reached — an account told by phone, not an owner', async () => {
    const report = await ok(inject('GET', `/v1/meetings/${meetingId}/deliveries`, organiser.accessToken));
    const kinds = new Map((report.kinds as { kind: string; inbox: number; ownersNotified: number; recipients: number }[]).map((k) => [k.kind, k]));
    // One rejection and two revocations, all told to the one holder: no owner among them, one person reached.
    expect(kinds.get('proxy_rejected')).toMatchObject({ inbox: 1, ownersNotified: 0, recipients: 1 });
    expect(kinds.get('proxy_revoked')).toMatchObject({ inbox: 2, ownersNotified: 0, recipients: 1 });
  });
});

describe('proxy endings in the export bundle', () => {
  it('carries each rejected or revoked proxy of the meeting, in the order they ended, naming no one', async () => {
    const b = await bundle();
    expect(b.version).toBe(3);
    expect(b.proxyEndings).toEqual([
      { proxyId: proxyIds.rejected, grantor: '赵*', holder: '137****7777', how: 'rejected', at: expect.any(String), reason: '委托书签名与登记不符', revocationDocumentSha256: null },
      { proxyId: proxyIds.byGrantor, grantor: '张*', holder: '137****7777', how: 'revoked_by_grantor', at: expect.any(String), reason: null, revocationDocumentSha256: null },
      { proxyId: proxyIds.inWriting, grantor: '王*', holder: '137****7777', how: 'revoked_in_writing', at: expect.any(String), reason: '业主书面撤销', revocationDocumentSha256: revocationScan.sha256 },
    ]);
    expect(b.manifest.proxyEndings).toEqual(sectionDigest(b.proxyEndings));
    const text = JSON.stringify(b);
    for (const name of [zhang.name, wang.name, zhao.name, li.name]) expect(text).not.toContain(name);
    expect(text).not.toContain(HOLDER_PHONE);
  });

  it('gongjue verify passes the genuine bundle (exit 0), saying it checked the proxy endings', async () => {
    const b = await bundle();
    expect(verifyBundle(b).problems).toEqual([]);
    const cli = await cliVerify('genuine', b);
    expect(cli.code, cli.err).toBe(0);
    expect(cli.out).toMatch(/3 proxy ending\(s\): as rejected or revoked in the audit chain/);
  });

  it('fails (exit 3) a bundle missing a proxy ending the audit chain records, even with the manifest made to match', async () => {
    const b = await bundle();
    b.proxyEndings = b.proxyEndings.filter((e: { how: string }) => e.how !== 'revoked_in_writing');
    b.manifest.proxyEndings = sectionDigest(b.proxyEndings);
    const cli = await cliVerify('dropped', b);
    expect(cli.code).toBe(3);
    expect(cli.err).toContain(`proxy endings: the audit chain records proxy:${proxyIds.inWriting} revoked, missing from the bundle`);
    // All of them gone: each is named.
    const none = await bundle();
    none.proxyEndings = [];
    none.manifest.proxyEndings = sectionDigest([]);
    const problems = verifyBundle(none).problems;
    expect(problems.filter((x) => x.includes('missing from the bundle'))).toHaveLength(3);
  });

  it('fails a proxy ending changed, malformed or missing as a section, naming it', async () => {
    const genuine = await bundle();
    const cases: [string, (b: AnyJson) => void, RegExp][] = [
      ['reason changed, manifest redone', (b) => {
        b.proxyEndings[0].reason = '无';
        b.manifest.proxyEndings = sectionDigest(b.proxyEndings);
      }, /proxy ending 1 \(.*\): differs from the audit chain’s proxy.rejected record/],
      ['how changed, manifest redone', (b) => {
        b.proxyEndings[1].how = 'revoked_in_writing';
        b.manifest.proxyEndings = sectionDigest(b.proxyEndings);
      }, /proxy ending 2 \(.*\): differs from the audit chain’s proxy.revoked record/],
      ['instant moved, manifest redone', (b) => {
        b.proxyEndings[2].at = b.proxyEndings[0].at;
        b.manifest.proxyEndings = sectionDigest(b.proxyEndings);
      }, /proxy ending 3 \(.*\): differs from the audit chain/],
      ['grantor changed, manifest not', (b) => void (b.proxyEndings[0].grantor = '钱*'), /proxyEndings: the section differs from the manifest/],
      ['malformed', (b) => void (b.proxyEndings[0] = 'x'), /proxy ending 1: not well-formed/],
      ['section missing', (b) => void delete b.proxyEndings, /proxy endings: missing/],
    ];
    for (const [name, alter, message] of cases) {
      const b = structuredClone(genuine);
      alter(b);
      expect(verifyBundle(b).problems.join('\n'), name).toMatch(message);
    }
  });
});
