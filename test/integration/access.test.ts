import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { es256Token } from '../helpers/jwt.ts';
import { registryCsv, residentId } from '../helpers/identity.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';
import { zhang } from '../factories/cast.ts';

/**
 * For every protected route: a person of another township or estate, an
 * account with no role or verification, an expired token and a tampered one
 * are all refused — and the refusal changes nothing.
 */

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let ownerIdA: string;
let importIdA: string;
let roleIdA: string;
let staffRoleIdA: string;
let clientId: string;
let unverified: string;

beforeAll(async () => {
  t = await createTestApp();
  p = await twoTownships(t);
  await importRegistry(
    t,
    p.staffA,
    p.estateA,
    [{ registryNo: 'A-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] }],
  );
  const units = await t.app.inject({ url: `/v1/estates/${p.estateA}/units`, headers: bearer(p.staffA) });
  ownerIdA = units.json().items[0].owners[0].id;
  importIdA = (
    await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/registry-imports`,
      headers: { ...bearer(p.staffA), 'content-type': 'text/csv' },
      payload: registryCsv([{ registryNo: 'A-1', building: '1栋', room: '101', area: '91.00', owners: [zhang] }]),
    })
  ).json().id;
  roleIdA = (
    await t.app.inject({ method: 'POST', url: `/v1/estates/${p.estateA}/roles`, headers: bearer(p.staffA), payload: { phone: '13700000001', role: 'organiser' } })
  ).json().id;
  staffRoleIdA = (
    await t.app.inject({ method: 'POST', url: `/v1/townships/${p.townshipA}/staff`, headers: bearer(p.admin), payload: { phone: '13700000002' } })
  ).json().id;
  clientId = (
    await t.app.inject({
      method: 'POST',
      url: '/v1/api-clients',
      headers: bearer(p.admin),
      payload: { name: 'bureau', access: 'read', townshipIds: [p.townshipA] },
    })
  ).json().client.id;
  unverified = (await logIn(t, '13700000099')).accessToken;
});
afterAll(async () => t?.close());

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: () => string;
  payload?: () => unknown;
  headers?: Record<string, string>;
  /** Who is refused as an outsider (staff of the other township). Admin-only routes refuse everyone but admins. */
  outsider: () => string;
  /**
   * 403 where the refused caller may see the record (staff of township A
   * appointing staff) or there is no record (admin-only routes); otherwise
   * 404, exactly as for a record that does not exist.
   */
  refusal?: { outsider: 403 | 404; unverified: 403 | 404 };
}

const adminOnly = { outsider: 403, unverified: 403 } as const;
const ownTownship = { outsider: 403, unverified: 404 } as const;

const csvHeaders = { 'content-type': 'text/csv' };

const routes: Route[] = [
  { method: 'POST', url: () => '/v1/townships', payload: () => ({ code: '350881999', name: 'x' }), outsider: () => p.staffB, refusal: adminOnly },
  { method: 'GET', url: () => `/v1/townships/${p.townshipA}`, outsider: () => p.staffB },
  { method: 'POST', url: () => `/v1/townships/${p.townshipA}/estates`, payload: () => ({ name: '新小区' }), outsider: () => p.staffB },
  { method: 'GET', url: () => `/v1/townships/${p.townshipA}/estates`, outsider: () => p.staffB },
  { method: 'GET', url: () => `/v1/estates/${p.estateA}`, outsider: () => p.staffB },
  { method: 'PUT', url: () => `/v1/estates/${p.estateA}/settings`, payload: () => ({ noticeDays: 20 }), outsider: () => p.staffB },
  { method: 'GET', url: () => `/v1/estates/${p.estateA}/settings`, outsider: () => p.staffB },
  { method: 'POST', url: () => `/v1/townships/${p.townshipA}/staff`, payload: () => ({ phone: '13700000003' }), outsider: () => p.staffA, refusal: ownTownship },
  { method: 'GET', url: () => `/v1/townships/${p.townshipA}/staff`, outsider: () => p.staffA, refusal: ownTownship },
  { method: 'DELETE', url: () => `/v1/townships/${p.townshipA}/staff/${staffRoleIdA}`, outsider: () => p.staffA, refusal: ownTownship },
  { method: 'POST', url: () => `/v1/estates/${p.estateA}/roles`, payload: () => ({ phone: '13700000004', role: 'committee' }), outsider: () => p.staffB },
  { method: 'GET', url: () => `/v1/estates/${p.estateA}/roles`, outsider: () => p.staffB },
  { method: 'DELETE', url: () => `/v1/estates/${p.estateA}/roles/${roleIdA}`, outsider: () => p.staffB },
  { method: 'POST', url: () => '/v1/api-clients', payload: () => ({ name: 'x', access: 'read', townshipIds: [p.townshipA] }), outsider: () => p.staffA, refusal: adminOnly },
  { method: 'GET', url: () => '/v1/api-clients', outsider: () => p.staffA, refusal: adminOnly },
  { method: 'DELETE', url: () => `/v1/api-clients/${clientId}`, outsider: () => p.staffA, refusal: adminOnly },
  {
    method: 'POST',
    url: () => `/v1/estates/${p.estateA}/registry-imports`,
    headers: csvHeaders,
    payload: () => registryCsv([{ registryNo: 'Z', building: '1', room: '1', area: '1.00', owners: [{ name: 'x', id: residentId('19900101', 1) }] }]),
    outsider: () => p.staffB,
  },
  { method: 'GET', url: () => `/v1/estates/${p.estateA}/registry-imports/${importIdA}`, outsider: () => p.staffB },
  { method: 'POST', url: () => `/v1/estates/${p.estateA}/registry-imports/${importIdA}/apply`, outsider: () => p.staffB },
  { method: 'GET', url: () => `/v1/estates/${p.estateA}/units`, outsider: () => p.staffB },
  {
    method: 'POST',
    url: () => `/v1/estates/${p.estateA}/owners/${ownerIdA}/in-person-verification`,
    payload: () => ({ phone: '13700000005', documentType: 'resident_id' }),
    outsider: () => p.staffB,
  },
  { method: 'GET', url: () => `/v1/me/estates/${p.estateA}/holdings`, outsider: () => p.staffB },
  // Issue 17: emergency uses of the maintenance fund, and the township's lists of them and of objections.
  { method: 'GET', url: () => `/v1/estates/${p.estateA}/emergency-uses`, outsider: () => p.staffB },
  {
    method: 'POST',
    url: () => `/v1/estates/${p.estateA}/emergency-uses`,
    payload: () => ({ kind: 'lift', title: '电梯', reason: '停运', amountFen: 100 }),
    outsider: () => p.staffB,
  },
  { method: 'GET', url: () => `/v1/townships/${p.townshipA}/emergency-uses`, outsider: () => p.staffB },
  { method: 'GET', url: () => `/v1/townships/${p.townshipA}/objections`, outsider: () => p.staffB },
];

async function fingerprint() {
  const db = t.testDatabase.database.db;
  const n = async (table: 'townships' | 'estates' | 'units' | 'role_assignments' | 'api_clients' | 'registry_imports' | 'owner_bindings' | 'audit_log') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const revoked = await db.selectFrom('role_assignments').select('id').where('revoked_at', 'is not', null).execute();
  const settings = await db.selectFrom('estates').select('settings').where('id', '=', p.estateA).executeTakeFirstOrThrow();
  const imports = await db.selectFrom('registry_imports').select(['id', 'status']).orderBy('id').execute();
  return {
    counts: await Promise.all(
      (['townships', 'estates', 'units', 'role_assignments', 'api_clients', 'registry_imports', 'owner_bindings', 'audit_log'] as const).map(n),
    ),
    revoked: revoked.length,
    settings: JSON.stringify(settings),
    imports,
  };
}

function send(route: Route, token: string) {
  const payload = route.payload?.();
  return t.app.inject({
    method: route.method,
    url: route.url(),
    headers: { ...bearer(token), ...(route.headers ?? {}) },
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
}

function expired(): string {
  const now = Math.floor(Date.now() / 1000);
  return es256Token(t.keys.jwt.privateKey, { sub: 'x', kind: 'person', grants: [{ role: 'admin' }], iat: now - 7200, exp: now - 3600 });
}

function tampered(): string {
  // A staff token of township B whose payload is rewritten to claim admin: the signature no longer matches.
  const [h, , s] = p.staffB.split('.');
  const claims = { sub: 'x', kind: 'person', grants: [{ role: 'admin' }], iss: 'gongjue', aud: 'gongjue-api', exp: Math.floor(Date.now() / 1000) + 600 };
  return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
}

function hs256Forgery(): string {
  const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(
    JSON.stringify({ sub: 'x', kind: 'person', grants: [{ role: 'admin' }], iss: 'gongjue', aud: 'gongjue-api', exp: Math.floor(Date.now() / 1000) + 600 }),
  ).toString('base64url');
  const sig = createHmac('sha256', t.keys.jwt.publicKey).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

describe.each(routes)('$method $url', (route) => {
  it('refuses an outsider, an unverified account, an expired and a tampered token, changing nothing', async () => {
    const before = await fingerprint();
    const refusal = route.refusal ?? { outsider: 404, unverified: 404 };
    const outsider = await send(route, route.outsider());
    expect(outsider.statusCode, `outsider: ${outsider.body}`).toBe(refusal.outsider);
    const nobody = await send(route, unverified);
    expect(nobody.statusCode, `unverified: ${nobody.body}`).toBe(refusal.unverified);
    for (const token of [expired(), tampered(), hs256Forgery(), '']) {
      const res = await send(route, token);
      expect(res.statusCode, `bad token: ${res.body}`).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await fingerprint()).toEqual(before);
  });
});

describe('outsiders learn nothing', () => {
  it("another township's estate answers 404, the same as an estate that does not exist", async () => {
    const foreign = await t.app.inject({ url: `/v1/estates/${p.estateA}`, headers: bearer(p.staffB) });
    const missing = await t.app.inject({ url: '/v1/estates/00000000-0000-4000-8000-000000000000', headers: bearer(p.staffB) });
    expect(foreign.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(foreign.json().title).toBe(missing.json().title);
  });
});
