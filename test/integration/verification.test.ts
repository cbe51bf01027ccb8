import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { registryCsv, residentId, uscc } from '../helpers/identity.ts';
import { clientToken } from '../helpers/sessions.ts';
import { importRegistry, twoTownships } from '../helpers/places.ts';

const clock = manualClock(new Date('2026-11-22T08:00:00Z'));
let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;

const zhang = { name: '张三', id: residentId('19800101', 11) };
const li = { name: '李四', id: residentId('19810202', 22) };
const wang = { name: '王 五', id: residentId('19820303', 33) };
const developer = { name: '阳光地产有限公司', id: uscc('91350100M00010001'), idType: 'uscc' };

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(
    t,
    p.staffA,
    p.estateA,
    registryCsv([
      { registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '90.00', owners: [zhang] },
      { registryNo: 'R-2', building: '1栋', stair: '1单元', room: '102', area: '60.00', owners: [zhang] },
      { registryNo: 'R-3', building: '1栋', stair: '2单元', room: '201', area: '75.50', owners: [zhang, li] },
      { registryNo: 'P-1', building: '车库', room: 'P1', area: '12.00', kind: 'parking', owners: [zhang] },
      { registryNo: 'R-4', building: '2栋', room: '301', area: '100.00', owners: [wang] },
      { registryNo: 'S-1', building: '2栋', room: '商1', area: '40.00', kind: 'commercial', developerHeld: true, owners: [developer] },
      { registryNo: 'S-2', building: '2栋', room: '商2', area: '40.00', kind: 'commercial', developerHeld: true, owners: [developer] },
    ]),
  );
  // 张三 also owns a flat in another township's estate.
  await importRegistry(
    t,
    p.staffB,
    p.estateB,
    registryCsv([{ registryNo: 'B-1', building: 'A座', room: '1801', area: '130.00', owners: [zhang] }]),
  );
});
afterAll(async () => t?.close());

const verify = (token: string, body: object) =>
  t.app.inject({ method: 'POST', url: '/v1/me/verification', headers: bearer(token), payload: body });

describe('verifying oneself as a registry owner', () => {
  it('binds the account to the owner in every estate, and the owner sees units, heads and weight', async () => {
    const session = await logIn(t, '13600000001');
    const res = await verify(session.accessToken, { name: '张三', idType: 'resident_id', idNumber: zhang.id.toLowerCase() });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.verifiedOwners.map((o: { estateId: string }) => o.estateId).sort()).toEqual([p.estateA, p.estateB].sort());

    const holdings = await t.app.inject({ url: `/v1/me/estates/${p.estateA}/holdings`, headers: bearer(body.accessToken) });
    expect(holdings.statusCode).toBe(200);
    const h = holdings.json();
    expect(h.units.map((u: { registryNo: string }) => u.registryNo).sort()).toEqual(['P-1', 'R-1', 'R-2', 'R-3']);
    expect(h.units.find((u: { registryNo: string }) => u.registryNo === 'P-1').counted).toBe(false); // countParking: false
    // R1.2: 张三 alone is one head; 张三 with 李四 is another.
    expect(h.voters.map((v: { area: string; units: string[] }) => [v.area, v.units.length]).sort()).toEqual([
      ['150.00', 2],
      ['75.50', 1],
    ]);
    const shared = h.voters.find((v: { area: string }) => v.area === '75.50');
    expect(shared.owners.filter((o: { you: boolean }) => o.you)).toHaveLength(1);
    expect(shared.owners).toHaveLength(2);
    // Estate: 张三, 张三+李四, 王五, the developer = 4 heads; 90+60+75.5+100+40+40 = 405.50 m².
    expect(h.estateTotal).toEqual({ area: '405.50', heads: 4 });

    // A token from before the verification has no owner grant; a refreshed one has.
    const stale = await t.app.inject({ url: `/v1/me/estates/${p.estateA}/holdings`, headers: bearer(session.accessToken) });
    expect(stale.statusCode).toBe(403);
    const refreshed = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: session.refreshToken } });
    const me = await t.app.inject({ url: '/v1/me', headers: bearer(refreshed.json().accessToken) });
    expect(me.json().grants.filter((g: { role: string }) => g.role === 'owner')).toHaveLength(2);
  });

  it('a mismatch is one plain refusal, whichever field was wrong', async () => {
    clock.advance(60 * 60_000);
    const session = await logIn(t, '13600000002');
    const wrongName = await verify(session.accessToken, { name: '李三', idType: 'resident_id', idNumber: li.id });
    const wrongNumber = await verify(session.accessToken, { name: '李四', idType: 'resident_id', idNumber: residentId('19810202', 23) });
    const malformed = await verify(session.accessToken, { name: '李四', idType: 'resident_id', idNumber: '123' });
    for (const res of [wrongName, wrongNumber, malformed]) {
      expect(res.statusCode).toBe(422);
      expect(res.json().type).toBe('urn:gongjue:problem:not-verified');
    }
    const strip = (r: typeof wrongName) => ({ ...r.json(), requestId: undefined });
    expect(strip(wrongName)).toEqual(strip(wrongNumber));
    expect(strip(wrongName)).toEqual(strip(malformed));
    const bindings = await t.testDatabase.database.db.selectFrom('owner_bindings').select('id').where('account_id', '=', session.accountId).execute();
    expect(bindings).toHaveLength(0);
  });

  it('names compare with spaces collapsed; five failures lock verification for 15 minutes', async () => {
    clock.advance(60 * 60_000);
    const session = await logIn(t, '13600000003');
    for (let i = 0; i < 5; i++) expect((await verify(session.accessToken, { name: '王五', idNumber: wang.id })).statusCode).toBe(422);
    const locked = await verify(session.accessToken, { name: '王 五', idNumber: wang.id });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    clock.advance(15 * 60_000 + 1000);
    const ok = await verify(session.accessToken, { name: '  王   五 ', idNumber: wang.id });
    expect(ok.statusCode).toBe(200);
  });

  it('an owner already bound to another account is refused with advice, binding nothing', async () => {
    clock.advance(60 * 60_000);
    const other = await logIn(t, '13600000004');
    const res = await verify(other.accessToken, { name: '张三', idNumber: zhang.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/in person/);
  });

  it('an API client has no account to verify', async () => {
    const client = await t.tokenFor();
    const { token: clientAccess } = await clientToken(t.app, t.testDatabase.database.db, { access: 'read', townshipIds: [p.townshipA], estateIds: [] });
    expect((await verify(clientAccess, { name: '张三', idNumber: zhang.id })).statusCode).toBe(403);
    expect(client).toBeTruthy();
  });
});

describe('verification in person', () => {
  it('a committee member binds the owner to a phone, recording who did it and the document seen; the old binding ends', async () => {
    const units = await t.app.inject({ url: `/v1/estates/${p.estateA}/units?limit=1000`, headers: bearer(p.staffA) });
    const zhangId = units.json().items.find((u: { registryNo: string }) => u.registryNo === 'R-1').owners[0].id;
    const committee = await logIn(t, '13600000010');
    await t.app.inject({ method: 'POST', url: `/v1/estates/${p.estateA}/roles`, headers: bearer(p.staffA), payload: { phone: '13600000010', role: 'committee' } });
    const refreshed = (await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: committee.refreshToken } })).json();

    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/owners/${zhangId}/in-person-verification`,
      headers: bearer(refreshed.accessToken),
      payload: { phone: '13600000011', documentType: 'resident_id', documentNote: '身份证原件与不动产权证书' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().replacedAccountId).not.toBeNull();

    const db = t.testDatabase.database.db;
    const live = await db
      .selectFrom('owner_bindings')
      .select(['method', 'verified_by', 'document_type', 'document_note'])
      .where('owner_id', '=', zhangId)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toEqual([
      { method: 'in_person', verified_by: refreshed.accountId, document_type: 'resident_id', document_note: '身份证原件与不动产权证书' },
    ]);
    // The new owner account sees the holdings after logging in.
    const owner = await logIn(t, '13600000011');
    expect((await t.app.inject({ url: `/v1/me/estates/${p.estateA}/holdings`, headers: bearer(owner.accessToken) })).statusCode).toBe(200);
  });

  it('an owner of another estate cannot be verified through this one', async () => {
    const units = await t.app.inject({ url: `/v1/estates/${p.estateB}/units`, headers: bearer(p.staffB) });
    const ownerB = units.json().items[0].owners[0].id;
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/owners/${ownerB}/in-person-verification`,
      headers: bearer(p.staffA),
      payload: { phone: '13600000012', documentType: 'resident_id' },
    });
    expect(res.statusCode).toBe(404);
  });
});
