import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estateChain, firstBreak, readChain, SYSTEM_CHAIN } from '../../src/audit/audit-log.ts';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { twoTownships } from '../factories/places.ts';

const clock = manualClock(new Date('2026-11-22T08:00:00Z'));
let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
});
afterAll(async () => t?.close());

const refresh = (refreshToken: string) => t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken } });

describe('appointing and removing roles', () => {
  it('staff appoint an organiser by phone; the organiser’s next token carries the role; removal ends their sessions', async () => {
    const session = await logIn(t, '13500000001');
    const appointed = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/roles`,
      headers: bearer(p.staffA),
      payload: { phone: '135 0000 0001', role: 'organiser' },
    });
    expect(appointed.statusCode).toBe(201);
    expect(appointed.json()).toMatchObject({ role: 'organiser', estateId: p.estateA, accountId: session.accountId });

    const twice = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/roles`,
      headers: bearer(p.staffA),
      payload: { phone: '13500000001', role: 'organiser' },
    });
    expect(twice.statusCode).toBe(409);

    const next = (await refresh(session.refreshToken)).json();
    expect((await t.app.inject({ url: `/v1/estates/${p.estateA}/units`, headers: bearer(next.accessToken) })).statusCode).toBe(200);

    const list = await t.app.inject({ url: `/v1/estates/${p.estateA}/roles`, headers: bearer(p.staffA) });
    // Phones masked: the list is read by the committee too.
    expect(list.json().items.map((r: { phone: string }) => r.phone)).toContain('135****0001');
    expect(list.json()).toMatchObject({ mayAppoint: true, appointableBy: ['admin', 'township_staff'] });

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/v1/estates/${p.estateA}/roles/${appointed.json().id}`,
      headers: bearer(p.staffA),
    });
    expect(removed.statusCode).toBe(204);
    expect((await refresh(next.refreshToken)).statusCode).toBe(401);

    // A new login (a minute later: one code per minute) no longer carries the role.
    clock.advance(61_000);
    const again = await logIn(t, '13500000001');
    expect((await t.app.inject({ url: `/v1/estates/${p.estateA}/units`, headers: bearer(again.accessToken) })).statusCode).toBe(404);
  });

  it('the estate’s organisers and committee read who is appointed (masked) and are told who may appoint; they may not appoint or remove; owners and other estates’ people are refused', async () => {
    const organiser = await logIn(t, '13500000011');
    const appointedOne = await t.app.inject({ method: 'POST', url: `/v1/estates/${p.estateA}/roles`, headers: bearer(p.staffA), payload: { phone: '13500000011', role: 'organiser' } });
    expect(appointedOne.statusCode).toBe(201);
    const token = (await refresh(organiser.refreshToken)).json<{ accessToken: string }>().accessToken;
    const list = await t.app.inject({ url: `/v1/estates/${p.estateA}/roles`, headers: bearer(token) });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ mayAppoint: false, appointableBy: ['admin', 'township_staff'] });
    const mine = list.json<{ items: { id: string; phone: string; role: string }[] }>().items.find((r) => r.id === appointedOne.json<{ id: string }>().id);
    expect(mine).toMatchObject({ phone: '135****0011', role: 'organiser' });
    for (const r of list.json<{ items: { phone: string }[] }>().items) expect(r.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const appoint = await t.app.inject({ method: 'POST', url: `/v1/estates/${p.estateA}/roles`, headers: bearer(token), payload: { phone: '13500000012', role: 'committee' } });
    expect(appoint.statusCode).toBe(403);
    const remove = await t.app.inject({ method: 'DELETE', url: `/v1/estates/${p.estateA}/roles/${appointedOne.json<{ id: string }>().id}`, headers: bearer(token) });
    expect(remove.statusCode).toBe(403);
    // Another estate's list is not there for them.
    expect((await t.app.inject({ url: `/v1/estates/${p.estateB}/roles`, headers: bearer(token) })).statusCode).toBe(404);
  });

  it('staff of one township cannot remove roles of another township’s estate', async () => {
    const appointed = (
      await t.app.inject({
        method: 'POST',
        url: `/v1/estates/${p.estateB}/roles`,
        headers: bearer(p.staffB),
        payload: { phone: '13500000002', role: 'committee' },
      })
    ).json();
    const res = await t.app.inject({ method: 'DELETE', url: `/v1/estates/${p.estateA}/roles/${appointed.id}`, headers: bearer(p.staffA) });
    expect(res.statusCode).toBe(404);
    const stillThere = await t.app.inject({ url: `/v1/estates/${p.estateB}/roles`, headers: bearer(p.staffB) });
    expect(stillThere.json().items.map((r: { id: string }) => r.id)).toContain(appointed.id);
  });

  it('an admin appoints township staff, who may then register estates there', async () => {
    const staff = await logIn(t, '13500000003');
    expect(
      (await t.app.inject({ method: 'POST', url: `/v1/townships/${p.townshipB}/staff`, headers: bearer(p.admin), payload: { phone: '13500000003' } }))
        .statusCode,
    ).toBe(201);
    const token = (await refresh(staff.refreshToken)).json().accessToken;
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/townships/${p.townshipB}/estates`,
      headers: bearer(token),
      payload: { name: '新建小区', settings: { temporaryNoticeDays: 7 } },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().settings).toMatchObject({ noticeDays: 15, temporaryNoticeDays: 7, profile: 'civil-code-2021', countParking: false });
  });

  it('estate settings refuse an override looser than the statute, naming the matter', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/v1/estates/${p.estateA}/settings`,
      headers: bearer(p.staffA),
      payload: { overrides: { rebuild: { num: 1, den: 2 } } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/rebuild/);
    const stricter = await t.app.inject({
      method: 'PUT',
      url: `/v1/estates/${p.estateA}/settings`,
      headers: bearer(p.staffA),
      payload: { noticeDays: 20, countParking: true },
    });
    expect(stricter.statusCode).toBe(200);
    expect(stricter.json().settings).toMatchObject({ noticeDays: 20, countParking: true });
  });

  it('every appointment and removal is in the audit chains, which are whole', async () => {
    const db = t.testDatabase.database.db;
    const estate = await readChain(db, estateChain(p.estateA));
    expect(estate.map((r) => r.action)).toEqual(expect.arrayContaining(['estate.created', 'role.appointed', 'role.removed', 'estate.settings_replaced']));
    expect(firstBreak(estate)).toBeNull();
    const system = await readChain(db, SYSTEM_CHAIN);
    expect(system.map((r) => r.action)).toContain('role.appointed');
    expect(firstBreak(system)).toBeNull();
    // Tampering with one record (as a superuser might, bypassing the trigger) is detected.
    const broken = estate.map((r, i) => (i === 1 ? { ...r, data: { ...r.data, role: 'admin' } } : r));
    expect(firstBreak(broken)).toBe(2);
  });
});

describe('API clients (client credentials)', () => {
  it('a registered read client gets a token and reads only within its scope; a revoked one gets none', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/api-clients',
      headers: bearer(p.admin),
      payload: { name: '住建局系统', access: 'read', townshipIds: [p.townshipA] },
    });
    expect(created.statusCode).toBe(201);
    const { client, clientSecret } = created.json();
    expect(clientSecret).toMatch(/^cs_/);
    const stored = await t.testDatabase.database.db.selectFrom('api_clients').select('secret_hash').where('id', '=', client.id).executeTakeFirstOrThrow();
    expect(stored.secret_hash).not.toContain(clientSecret);

    const token = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/token',
      payload: { grant_type: 'client_credentials', client_id: client.id, client_secret: clientSecret },
    });
    expect(token.statusCode).toBe(200);
    expect(token.json()).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    const access = token.json().access_token;

    expect((await t.app.inject({ url: `/v1/townships/${p.townshipA}/estates`, headers: bearer(access) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/v1/estates/${p.estateA}/units`, headers: bearer(access) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/v1/estates/${p.estateB}`, headers: bearer(access) })).statusCode).toBe(404);
    const write = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/registry-imports`,
      headers: { ...bearer(access), 'content-type': 'text/csv' },
      payload: 'registry_no\n',
    });
    expect(write.statusCode).toBe(403);

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/token',
      payload: { grant_type: 'client_credentials', client_id: client.id, client_secret: 'cs_wrong' },
    });
    expect(wrong.statusCode).toBe(401);

    expect((await t.app.inject({ method: 'DELETE', url: `/v1/api-clients/${client.id}`, headers: bearer(p.admin) })).statusCode).toBe(204);
    const revoked = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/token',
      payload: { grant_type: 'client_credentials', client_id: client.id, client_secret: clientSecret },
    });
    expect(revoked.statusCode).toBe(401);
  });
});
