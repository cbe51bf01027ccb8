import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { expiredToken, hs256Forgery } from '../helpers/jwt.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Every results route refuses another township's staff, an account not
 * verified in the estate, an expired token and a forged one — and changes
 * nothing. Each meeting is in the state where the route would act: one
 * tallied (publish, certify, return), one returned (re-submit), one
 * certified and published (rulings, notice, receipts, bundle).
 */
const DAY = 24 * 3_600_000;
const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
const ids: Record<'tallied' | 'returned' | 'certified' | 'receipt', string> = { tallied: '', returned: '', certified: '', receipt: '' };
let unverified: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] }]);
  const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  const owner = await verifiedOwner(t, zhang);
  for (const which of ['tallied', 'returned', 'certified'] as const) {
    const open = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: which }]);
    ids[which] = open.meetingId;
    const voter = (await myBallots(t, owner.accessToken, open.meetingId))[0]!.voterId;
    ids.receipt = (await castBallot(t, owner.accessToken, open.meetingId, open.motionIds[0]!, voter, 'agree')).json().receipt;
  }
  clock.set(new Date(START.getTime() + 30 * DAY));
  const step = async (token: string, url: string, payload?: object) => {
    const res = await t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.body}`);
  };
  for (const id of Object.values(ids).slice(0, 3)) await step(organiser.accessToken, `/v1/meetings/${id}/close`);
  await step(p.staffA, `/v1/meetings/${ids.returned}/filing/return`, { reasons: '请补充' });
  await step(p.staffA, `/v1/meetings/${ids.certified}/filing/certify`);
  await step(organiser.accessToken, `/v1/meetings/${ids.certified}/publish`);
  unverified = (await logIn(t, '13900002222', '192.0.2.77')).accessToken;
}, 120_000);
afterAll(async () => t?.close());

type Method = 'GET' | 'POST';
const routes: [Method, () => string, (() => object)?][] = [
  ['POST', () => `/v1/meetings/${ids.tallied}/publish`],
  ['GET', () => `/v1/meetings/${ids.certified}/notice`],
  ['GET', () => `/v1/meetings/${ids.certified}/notice.html`],
  ['GET', () => `/v1/meetings/${ids.certified}/receipts/${ids.receipt}`],
  ['GET', () => `/v1/meetings/${ids.certified}/bundle`],
  ['GET', () => `/v1/meetings/${ids.certified}/filing`],
  ['POST', () => `/v1/meetings/${ids.tallied}/filing/certify`],
  ['POST', () => `/v1/meetings/${ids.tallied}/filing/return`, () => ({ reasons: '不合规' })],
  ['POST', () => `/v1/meetings/${ids.returned}/filing/resubmit`, () => ({ response: '已补充' })],
  ['POST', () => `/v1/meetings/${ids.certified}/filing/rulings`, () => ({ kind: 'revoked', reference: '(2027)1号', text: '撤销' })],
  ['GET', () => `/v1/townships/${p.townshipA}/filings`],
];

async function fingerprint() {
  const db = t.testDatabase.database.db;
  const tables = ['meetings', 'filings', 'filing_events', 'notifications', 'audit_log'] as const;
  const counts = await Promise.all(tables.map(async (table) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)));
  const meetings = await db.selectFrom('meetings').select(['id', 'status', 'published_at']).orderBy('id').execute();
  const filings = await db.selectFrom('filings').select(['meeting_id', 'status', 'signature']).orderBy('meeting_id').execute();
  return { counts, meetings, filings };
}

describe.each(routes)('%s %s', (method, url, payload) => {
  it('refuses another township’s staff, an unverified account, expired and forged tokens, changing nothing', async () => {
    const before = await fingerprint();
    const send = (token: string) =>
      t.app.inject({ method, url: url(), headers: bearer(token), ...(payload ? { payload: payload() as Record<string, unknown> } : {}) });
    for (const [who, token] of [['outsider', p.staffB], ['unverified', unverified]] as const) {
      const res = await send(token);
      expect(res.statusCode, `${who}: ${res.statusCode} ${res.body}`).toBe(404);
      expect(res.body).not.toMatch(/agree|张/);
    }
    const forged = hs256Forgery(t.keys.jwt.publicKey, [{ role: 'township_staff', townshipId: p.townshipA }]);
    for (const token of [expiredToken(t.keys.jwt.privateKey), forged]) expect((await send(token)).statusCode).toBe(401);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('the result-signing key', () => {
  it('is public at its well-known address, without signing in', async () => {
    const res = await t.app.inject({ url: '/.well-known/gongjue/result-signing-key' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ algorithm: 'Ed25519', keyId: t.keys.resultSigning.keyId, publicKey: t.keys.resultSigning.publicKey });
    expect(res.json().publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });
});
