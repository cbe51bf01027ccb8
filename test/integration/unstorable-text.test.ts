import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { registryCsv } from '../helpers/identity.ts';
import { zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * A NUL or an unpaired surrogate in any free-text field or query parameter is
 * refused as validation-failed naming the field (PostgreSQL cannot store
 * either: it answered 500), and nothing is written. One rule for every route
 * (src/plugins/storable-text.ts); here across the fields where it was found.
 */
const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const scan = { url: 'https://files.example/s.pdf', sha256: 'b'.repeat(64) };

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: string;
let owner: string;
let fresh: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] }]);
  organiser = (await appointed(t, p.staffA, p.estateA, 'organiser')).accessToken;
  owner = (await verifiedOwner(t, zhang)).accessToken;
  fresh = await t.tokenFor();
  const open = await openMeeting(t, clock, START, organiser, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: 'x' }]);
  ids.open = open.meetingId;
  const draft = await t.app.inject({
    method: 'POST',
    url: `/v1/estates/${p.estateA}/meetings`,
    headers: bearer(organiser),
    payload: { kind: 'regular', title: '草稿', votingOpensAt: '2027-06-01T00:00:00Z', votingClosesAt: '2027-06-10T00:00:00Z' },
  });
  ids.draft = draft.json().id;
  const units = (await t.app.inject({ url: `/v1/estates/${p.estateA}/units`, headers: bearer(p.staffA) })).json().items;
  ids.owner = units[0].owners[0].id;
}, 60_000);
afterAll(async () => t?.close());

type Case = { name: string; method: 'POST' | 'PUT' | 'GET'; url: () => string; token: () => string; body?: (bad: string) => object; path: string };

const cases: Case[] = [
  { name: 'township name', method: 'POST', url: () => '/v1/townships', token: () => p.admin, body: (x) => ({ code: '350881555', name: `街道${x}` }), path: 'body.name' },
  { name: 'estate name', method: 'POST', url: () => `/v1/townships/${p.townshipA}/estates`, token: () => p.staffA, body: (x) => ({ name: `小区${x}` }), path: 'body.name' },
  {
    name: 'meeting title',
    method: 'POST',
    url: () => `/v1/estates/${p.estateA}/meetings`,
    token: () => organiser,
    body: (x) => ({ kind: 'regular', title: `会议${x}`, votingOpensAt: '2027-06-01T00:00:00Z', votingClosesAt: '2027-06-10T00:00:00Z' }),
    path: 'body.title',
  },
  {
    name: 'meeting description',
    method: 'POST',
    url: () => `/v1/estates/${p.estateA}/meetings`,
    token: () => organiser,
    body: (x) => ({ kind: 'regular', title: '会议', description: `说明${x}`, votingOpensAt: '2027-06-01T00:00:00Z', votingClosesAt: '2027-06-10T00:00:00Z' }),
    path: 'body.description',
  },
  { name: 'motion title', method: 'POST', url: () => `/v1/meetings/${ids.draft}/motions`, token: () => organiser, body: (x) => ({ matter: 'other_major', kind: 'yes_no', title: `议题${x}` }), path: 'body.title' },
  { name: 'cancel reason', method: 'POST', url: () => `/v1/meetings/${ids.draft}/cancel`, token: () => organiser, body: (x) => ({ reason: `理由${x}` }), path: 'body.reason' },
  { name: 'petition title', method: 'POST', url: () => `/v1/estates/${p.estateA}/petitions`, token: () => owner, body: (x) => ({ purpose: 'temporary_meeting', title: `提议${x}` }), path: 'body.title' },
  {
    name: 'ruling reference',
    method: 'POST',
    url: () => `/v1/meetings/${ids.open}/filing/rulings`,
    token: () => p.staffA,
    body: (x) => ({ kind: 'revoked', reference: `(2027)1号${x}`, text: '撤销' }),
    path: 'body.reference',
  },
  { name: 'verification name', method: 'POST', url: () => '/v1/me/verification', token: () => fresh, body: (x) => ({ name: `张三${x}`, idType: 'resident_id', idNumber: zhang.id }), path: 'body.name' },
  {
    name: 'document note',
    method: 'POST',
    url: () => `/v1/estates/${p.estateA}/owners/${ids.owner}/in-person-verification`,
    token: () => p.staffA,
    body: (x) => ({ phone: '13600000001', documentType: 'resident_id', documentNote: `身份证${x}` }),
    path: 'body.documentNote',
  },
  { name: 'API client name', method: 'POST', url: () => '/v1/api-clients', token: () => p.admin, body: (x) => ({ name: `系统${x}`, access: 'read', townshipIds: [p.townshipA] }), path: 'body.name' },
  {
    name: 'webhook description',
    method: 'POST',
    url: () => '/v1/webhooks',
    token: () => p.admin,
    body: (x) => ({ estateId: p.estateA, url: 'https://receiver.example/hook', events: ['meeting.noticed'], description: `说明${x}` }),
    path: 'body.description',
  },
  {
    name: 'proxy instructions (a field name)',
    method: 'POST',
    url: () => `/v1/meetings/${ids.open}/proxies`,
    token: () => organiser,
    body: (x) => ({ grantorOwnerId: ids.owner, holderPhone: '13900001111', document: scan, instructions: { [`k${x}`]: 'agree' } }),
    path: 'body.instructions',
  },
  { name: 'units ?building', method: 'GET', url: () => `/v1/estates/${p.estateA}/units?building=1%00`, token: () => p.staffA, path: 'query.building' },
  { name: 'units ?after', method: 'GET', url: () => `/v1/estates/${p.estateA}/units?after=R%00`, token: () => p.staffA, path: 'query.after' },
];

async function fingerprint() {
  const db = t.testDatabase.database.db;
  const tables = ['townships', 'estates', 'meetings', 'motions', 'petitions', 'owner_bindings', 'api_clients', 'audit_log', 'proxies'] as const;
  return Promise.all(tables.map(async (table) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)));
}

const BAD = { NUL: '\u0000', 'lone high surrogate': '\ud800', 'lone low surrogate': '\udc00' };

describe.each(cases)('$name', (c) => {
  it.each(Object.entries(BAD))('%s: 400 validation-failed naming the field, nothing written', async (_what, bad) => {
    const before = await fingerprint();
    const body = c.body?.(bad);
    const res = await t.app.inject({
      method: c.method,
      url: c.url(),
      headers: { ...bearer(c.token()), ...(body ? { 'content-type': 'application/json' } : {}) },
      // JSON.stringify writes a lone surrogate as the escape \ud800, exactly as a client would send it.
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().type).toBe('urn:gongjue:problem:validation-failed');
    const paths = (res.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths.some((path) => path.startsWith(c.path)), paths.join(', ')).toBe(true);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('what stays allowed', () => {
  it('a surrogate pair (an emoji) and any other Unicode are ordinary text', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/townships', headers: bearer(p.admin), payload: { code: '350881556', name: '街道 😀 \u200b é' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().name).toBe('街道 😀 \u200b é');
  });

  it('a CSV registry file with a NUL is refused as well', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/registry-imports`,
      headers: { ...bearer(p.staffA), 'content-type': 'text/csv' },
      payload: registryCsv([{ registryNo: 'R-\u00001', building: '1栋', room: '101', area: '90.00', owners: [zhang] }]),
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('webhook receiver URLs that are not URLs', () => {
  it.each(['', 'not a url', 'http://', '://x', 'https://exa mple.com/'])('%j: 400 naming body.url', async (url) => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: bearer(p.admin), payload: { estateId: p.estateA, url, events: ['meeting.noticed'] } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.json().errors as { path: string }[]).map((e) => e.path)).toContain('body.url');
  });
});
