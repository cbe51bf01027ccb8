import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { yuanText } from '../../src/fund/emergency-kinds.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { wang, zhang } from '../factories/cast.ts';
import { appointed, verifiedOwner, type Session } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 17, emergency use of the maintenance fund (R4.9, R7.1, 民法典 第二百八十一条): the committee
 * files a repair of one of four kinds with its reason, amount in fen and quotes; any other kind is
 * refused (never a way around a vote); the township acknowledges or questions it, the committee
 * answers; every owner of the estate sees it flagged as spent without a vote. Other estates and
 * townships: 404; owners and organisers do not file; the committee does not acknowledge.
 */
const clock = manualClock(new Date('2026-11-01T00:00:00Z'));
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let owner: Session;
let ownerB: Session;
let organiser: Session;
let committeeB: string;
let quoteId: string;
let useId: string;
const get = (url: string, token: string) => t.app.inject({ url, headers: bearer(token) });
const post = (url: string, token: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: bearer(token), payload });
const lift = { kind: 'lift', title: '3栋电梯曳引机故障停运', reason: '3栋电梯曳引机损坏，电梯停运，楼内有行动不便的老人，需立即更换。', amountFen: 1_234_567 };

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', room: '101', area: '100.00', owners: [zhang] }]);
  await importRegistry(t, p.staffB, p.estateB, [{ registryNo: 'B-1', building: '1栋', room: '101', area: '90.00', owners: [wang] }]);
  owner = await verifiedOwner(t, zhang);
  ownerB = await verifiedOwner(t, wang);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  committeeB = await t.tokenFor({ role: 'committee', estateId: p.estateB });
  const upload = await t.app.inject({
    method: 'POST',
    url: `/v1/estates/${p.estateA}/attachments?name=${encodeURIComponent('电梯维修报价.pdf')}`,
    headers: { ...bearer(p.committeeA), 'content-type': 'application/pdf' },
    payload: PDF,
  });
  expect(upload.statusCode, upload.body).toBe(201);
  quoteId = upload.json().id;
}, 120_000);
afterAll(async () => t?.close());

describe('yuanText', () => {
  it('writes fen as yuan exactly, from the integer’s digits', () => {
    expect(yuanText(1_234_567n)).toBe('12,345.67');
    expect(yuanText(5n)).toBe('0.05');
    expect(yuanText(100n)).toBe('1.00');
    expect(yuanText(900_719_925_474_099_1n)).toBe('90,071,992,547,409.91');
  });
});

describe('filing an emergency use (POST /v1/estates/{id}/emergency-uses)', () => {
  const url = () => `/v1/estates/${p.estateA}/emergency-uses`;

  it('refuses every kind but the four emergencies: other uses of the fund go to the owners’ vote', async () => {
    for (const kind of ['maintenance_fund_use', 'repaint_facade', 'garden', '']) {
      const res = await post(url(), p.committeeA, { ...lift, kind });
      expect(res.statusCode, kind).toBe(422);
      expect(res.json()).toMatchObject({ type: 'urn:gongjue:problem:not-an-emergency', allowed: ['lift', 'fire_safety', 'water_supply', 'danger_to_persons'] });
    }
    expect(await t.testDatabase.database.db.selectFrom('emergency_uses').selectAll().execute()).toEqual([]);
  });

  it('refuses an amount that is not whole fen above zero, an empty reason, and a quote of another estate', async () => {
    for (const amountFen of [0, -5, 12.5, '100']) expect((await post(url(), p.committeeA, { ...lift, amountFen })).statusCode).toBe(400);
    expect((await post(url(), p.committeeA, { ...lift, reason: '  ' })).statusCode).toBe(400);
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateB}/attachments?name=q.pdf`,
      headers: { ...bearer(committeeB), 'content-type': 'application/pdf' },
      payload: PDF,
    });
    const res = await post(url(), p.committeeA, { ...lift, quoteIds: [foreign.json().id] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.quoteIds.0');
  });

  it('is the committee’s: owners, organisers and township staff may not file (403); another estate’s committee and township do not see the estate (404)', async () => {
    for (const token of [owner.accessToken, organiser.accessToken, p.staffA]) expect((await post(url(), token, lift)).statusCode).toBe(403);
    for (const token of [committeeB, p.staffB, ownerB.accessToken]) expect((await post(url(), token, lift)).statusCode).toBe(404);
  });

  it('files a lift repair with its reason, exact amount and quote, flagged as spent without a vote, awaiting the township', async () => {
    const res = await post(url(), p.committeeA, { ...lift, quoteIds: [quoteId] });
    expect(res.statusCode, res.body).toBe(201);
    const use = res.json();
    useId = use.id;
    expect(use).toMatchObject({
      estateId: p.estateA,
      estateName: '阳光花园',
      townshipId: p.townshipA,
      kind: 'lift',
      kindText: { zh: '电梯故障' },
      amountFen: '1234567',
      amountText: '12,345.67',
      withoutVote: true,
      status: 'awaiting_review',
      quotes: [{ id: quoteId, name: '电梯维修报价.pdf', contentType: 'application/pdf' }],
      events: [{ kind: 'filed', text: lift.reason }],
    });
    const audit = await t.testDatabase.database.db.selectFrom('audit_log').select(['action', 'data']).where('subject', '=', `emergency_use:${useId}`).execute();
    expect(audit).toMatchObject([{ action: 'emergency_use.filed', data: { amountFen: '1234567', kind: 'lift' } }]);
  });
});

describe('the township’s review and the owners’ notice', () => {
  it('lets only the estate’s township acknowledge or question; the committee answers a question', async () => {
    const step = (what: string, token: string, text?: string) => post(`/v1/emergency-uses/${useId}/${what}`, token, text === undefined ? {} : { text });
    // The committee does not acknowledge its own filing; owners do nothing here; other townships do not see it.
    expect((await step('acknowledge', p.committeeA)).statusCode).toBe(403);
    expect((await step('question', owner.accessToken, '?')).statusCode).toBe(403);
    expect((await step('acknowledge', p.staffB)).statusCode).toBe(404);
    expect((await step('acknowledge', committeeB)).statusCode).toBe(404);
    expect((await post(`/v1/emergency-uses/${p.estateA}/acknowledge`, p.staffA)).statusCode).toBe(404);
    // Only a questioned use is answered; a question needs words.
    expect((await step('answer', p.committeeA, '已附报价')).statusCode).toBe(409);
    expect((await step('question', p.staffA, '')).statusCode).toBe(400);

    const questioned = await step('question', p.staffA, '请补充第二家单位的报价。');
    expect(questioned.statusCode, questioned.body).toBe(200);
    expect(questioned.json().status).toBe('questioned');
    expect((await step('acknowledge', p.staffA)).statusCode).toBe(409);
    expect((await step('answer', p.staffA, '好')).statusCode).toBe(403);
    const answered = await step('answer', p.committeeA, '已补充乙公司报价，甲公司报价最低。');
    expect(answered.json().status).toBe('awaiting_review');
    const acknowledged = await step('acknowledge', p.staffA, '情况属实，同意应急使用。');
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json().status).toBe('acknowledged');
    expect(acknowledged.json().events.map((e: { kind: string }) => e.kind)).toEqual(['filed', 'questioned', 'answered', 'acknowledged']);
    expect((await step('acknowledge', p.staffA)).statusCode).toBe(409);
  });

  it('shows every owner of the estate the use, flagged as without a vote; not to other estates or townships', async () => {
    const list = await get(`/v1/estates/${p.estateA}/emergency-uses`, owner.accessToken);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toMatchObject([{ id: useId, withoutVote: true, status: 'acknowledged', amountText: '12,345.67', title: lift.title }]);
    for (const token of [ownerB.accessToken, committeeB, p.staffB]) expect((await get(`/v1/estates/${p.estateA}/emergency-uses`, token)).statusCode).toBe(404);
    expect((await get(`/v1/estates/${p.estateB}/emergency-uses`, ownerB.accessToken)).json().items).toEqual([]);
  });

  it('lists a township’s emergency uses for its staff, by status', async () => {
    const all = await get(`/v1/townships/${p.townshipA}/emergency-uses`, p.staffA);
    expect(all.json().items.map((u: { id: string }) => u.id)).toEqual([useId]);
    expect((await get(`/v1/townships/${p.townshipA}/emergency-uses?status=awaiting_review`, p.staffA)).json().items).toEqual([]);
    expect((await get(`/v1/townships/${p.townshipA}/emergency-uses?status=bogus`, p.staffA)).statusCode).toBe(400);
    expect((await get(`/v1/townships/${p.townshipA}/emergency-uses`, p.staffB)).statusCode).toBe(404);
    expect((await get(`/v1/townships/${p.townshipA}/emergency-uses`, p.committeeA)).statusCode).toBe(404);
  });
});
