import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function create(token: string, body: unknown) {
  return t.app.inject({ method: 'POST', url: '/v1/townships', headers: bearer(token), payload: body as object });
}

describe('townships', () => {
  it('an admin registers a township; it is stored and listed', async () => {
    const admin = await t.tokenFor({ role: 'admin' });
    const res = await create(admin, { code: '350881001', name: '桂林街道' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ code: '350881001', name: '桂林街道' });
    expect(res.headers.location).toBe(`/v1/townships/${body.id}`);

    const stored = await t.testDatabase.database.db.selectFrom('townships').selectAll().where('id', '=', body.id).execute();
    expect(stored).toHaveLength(1);

    const list = await t.app.inject({ url: '/v1/townships', headers: bearer(admin) });
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(body.id);
  });

  it('a second township with the same code is a 409 conflict and writes nothing', async () => {
    const admin = await t.tokenFor({ role: 'admin' });
    expect((await create(admin, { code: '350881002', name: '甲街道' })).statusCode).toBe(201);
    const again = await create(admin, { code: '350881002', name: '乙街道' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.json().type).toBe('urn:gongjue:problem:conflict');
    const rows = await t.testDatabase.database.db.selectFrom('townships').select('name').where('code', '=', '350881002').execute();
    expect(rows).toEqual([{ name: '甲街道' }]);
  });

  it('township staff may not register townships', async () => {
    const staff = await t.tokenFor({ role: 'township_staff', townshipId: randomUUID() });
    const res = await create(staff, { code: '350881003', name: '丙街道' });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe('urn:gongjue:problem:forbidden');
    const rows = await t.testDatabase.database.db.selectFrom('townships').select('id').where('code', '=', '350881003').execute();
    expect(rows).toHaveLength(0);
  });

  it('staff see their own township and not another one', async () => {
    const admin = await t.tokenFor({ role: 'admin' });
    const mine = (await create(admin, { code: '350881004', name: '丁街道' })).json();
    const other = (await create(admin, { code: '350881005', name: '戊街道' })).json();
    const staff = await t.tokenFor({ role: 'township_staff', townshipId: mine.id });

    const list = await t.app.inject({ url: '/v1/townships', headers: bearer(staff) });
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([mine.id]);

    expect((await t.app.inject({ url: `/v1/townships/${mine.id}`, headers: bearer(staff) })).statusCode).toBe(200);
    // Another township's record is not even acknowledged to exist.
    const hidden = await t.app.inject({ url: `/v1/townships/${other.id}`, headers: bearer(staff) });
    expect(hidden.statusCode).toBe(404);
  });

  it('an API client reads only the townships it is registered for', async () => {
    const admin = await t.tokenFor({ role: 'admin' });
    const granted = (await create(admin, { code: '350881006', name: '己街道' })).json();
    const other = (await create(admin, { code: '350881007', name: '庚街道' })).json();
    const client = await t.tokenFor({ role: 'client', access: 'read', townshipIds: [granted.id], estateIds: [] });
    expect((await t.app.inject({ url: `/v1/townships/${granted.id}`, headers: bearer(client) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/v1/townships/${other.id}`, headers: bearer(client) })).statusCode).toBe(404);
    expect((await create(client, { code: '350881008', name: '辛街道' })).statusCode).toBe(403);
  });

  it('a person with no grants sees an empty list', async () => {
    const nobody = await t.tokenFor();
    const res = await t.app.inject({ url: '/v1/townships', headers: bearer(nobody) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [] });
  });
});
