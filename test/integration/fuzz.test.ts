import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { PROBLEM_TYPES } from '../../src/problems.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { registryCsv, residentId } from '../helpers/identity.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Every operation of the OpenAPI document, fuzzed: edge-case and malformed
 * path ids, queries and bodies (wrong types, huge strings, NUL, unpaired
 * surrogates, bad JSON, other media types, no body), sent by people of every
 * kind — admin, township staff, organiser, owner, another township's staff,
 * an account with no grants, nobody. The server never answers 5xx, and every
 * error is application/problem+json with a stable type.
 *
 * Seeded and bounded (RUNS_PER_OPERATION each): a failure names its seed and
 * path, and reruns exactly.
 */
// FUZZ_SEED and FUZZ_RUNS explore further by hand; CI runs the fixed seed.
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 50);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_204);

const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const scan = { url: 'https://files.example/s.pdf', sha256: 'b'.repeat(64) };

type JsonSchema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  body?: { contentTypes: string[]; schema: JsonSchema; required: boolean };
}

let t: TestApp;
const operations: Operation[] = [];
let components: Record<string, JsonSchema> = {};
const ids: Record<string, string[]> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] }]);
  const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  const owner = await verifiedOwner(t, zhang);
  // Subscribed before the meeting is noticed, so a delivery exists.
  const subscription = (
    await t.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: bearer(p.admin),
      payload: { estateId: p.estateA, url: 'https://receiver.example/hook', events: ['meeting.noticed'] },
    })
  ).json();
  const open = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '开放会议' }]);
  const voter = (await myBallots(t, owner.accessToken, open.meetingId))[0]!.voterId;
  const receipt = (await castBallot(t, owner.accessToken, open.meetingId, open.motionIds[0]!, voter, 'agree')).json().receipt as string;
  const get = async (url: string, token: string) => (await t.app.inject({ url, headers: bearer(token) })).json();
  const post = async (url: string, token: string, payload: object) => (await t.app.inject({ method: 'POST', url, headers: bearer(token), payload })).json();
  const units = (await get(`/v1/estates/${p.estateA}/units`, p.staffA)).items;
  const paper = await post(`/v1/meetings/${open.meetingId}/motions/${open.motionIds[0]}/paper-ballots`, organiser.accessToken, { voterId: voter, choice: 'oppose', scan });
  const proxy = await post(`/v1/meetings/${open.meetingId}/proxies`, organiser.accessToken, { grantorOwnerId: units[0].owners[0].id, holderPhone: '13900001111', document: scan });
  const petition = await post(`/v1/estates/${p.estateA}/petitions`, owner.accessToken, { purpose: 'temporary_meeting', title: '提议' });
  const attachment = (
    await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/attachments?name=scan.pdf`,
      headers: { ...bearer(organiser.accessToken), 'content-type': 'application/pdf' },
      payload: '%PDF-1.7\n%%EOF\n',
    })
  ).json();
  const roles = (await get(`/v1/estates/${p.estateA}/roles`, p.staffA)).items;
  const staff = await post(`/v1/townships/${p.townshipA}/staff`, p.admin, { phone: '13700000002' });
  const client = await post('/v1/api-clients', p.admin, { name: 'bureau', access: 'read', townshipIds: [p.townshipA] });
  const imported = await t.app.inject({
    method: 'POST',
    url: `/v1/estates/${p.estateA}/registry-imports`,
    headers: { ...bearer(p.staffA), 'content-type': 'text/csv' },
    payload: registryCsv([{ registryNo: 'R-1', building: '1栋', room: '101', area: '91.00', owners: [zhang] }]),
  });
  const delivery = await t.testDatabase.database.db.selectFrom('webhook_deliveries').select('id').executeTakeFirstOrThrow();
  const message = await t.testDatabase.database.db.selectFrom('notifications').select('id').where('recipient', '=', 'owner').executeTakeFirstOrThrow();
  // A face check the owner started (this app has no provider: its completion answers 409 to the owner, 404 to others).
  const faceCheck = await t.testDatabase.database.db
    .insertInto('face_checks')
    .values({ account_id: owner.accountId, provider: 'development', token: 'fuzz-token', name: zhang.name, id_key: Buffer.alloc(32), created_at: t.app.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const emergencyUse = await post(`/v1/estates/${p.estateA}/emergency-uses`, p.committeeA, { kind: 'lift', title: '电梯抢修', reason: '困人', amountFen: 120_000 });
  // An objection needs a published result with a window: the open meeting is given one in the database, the objection with it.
  const db = t.testDatabase.database.db;
  await db
    .insertInto('objection_windows')
    .values({ meeting_id: open.meetingId, estate_id: p.estateA, days: 7, opened_at: START, closes_at: new Date(START.getTime() + 7 * 86_400_000) })
    .execute();
  const objection = await db
    .insertInto('objections')
    .values({ meeting_id: open.meetingId, estate_id: p.estateA, motion_id: open.motionIds[0]!, voter_id: voter, owner_id: units[0].owners[0].id, account_id: owner.accountId, text: '我的票记错了', created_at: START })
    .returning('id')
    .executeTakeFirstOrThrow();
  Object.assign(ids, {
    useId: [emergencyUse.id],
    objectionId: [objection.id],
    deliveryId: [delivery.id],
    messageId: [message.id],
    townshipId: [p.townshipA, p.townshipB],
    estateId: [p.estateA, p.estateB],
    meetingId: [open.meetingId],
    motionId: open.motionIds,
    entryId: [paper.id],
    proxyId: [proxy.id],
    petitionId: [petition.id],
    attachmentId: [attachment.id],
    unitId: [units[0].id],
    ownerId: [units[0].owners[0].id],
    voterId: [voter],
    grantorOwnerId: [units[0].owners[0].id],
    importId: [imported.json().id],
    assignmentId: [roles[0]?.id, staff.id].filter(Boolean),
    clientId: [client.client.id],
    subscriptionId: [subscription.subscription.id],
    receipt: [receipt],
    checkId: [faceCheck.id],
  });
  Object.assign(tokens, {
    admin: p.admin,
    staff: p.staffA,
    organiser: organiser.accessToken,
    committee: p.committeeA,
    owner: owner.accessToken,
    otherTownship: p.staffB,
    noGrants: (await logIn(t, '13900002222', '192.0.2.77')).accessToken,
    holder: (await logIn(t, '13900001111', '192.0.2.78')).accessToken,
  });

  const doc = t.app.swagger() as unknown as {
    paths: Record<string, Record<string, { operationId: string; parameters?: Parameter[]; requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> } }>>;
    components: { schemas: Record<string, JsonSchema> };
  };
  components = doc.components.schemas;
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      const types = Object.keys(content);
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        parameters: op.parameters ?? [],
        ...(types.length ? { body: { contentTypes: types, schema: content[types[0]!]!.schema, required: op.requestBody?.required ?? false } } : {}),
      });
    }
  }
}, 120_000);
afterAll(async () => t?.close());

// ---------------------------------------------------------------- arbitraries

const JUNK_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00',
  '😀',
  'x'.repeat(5_000),
  '%ZZ',
  '../../etc/passwd',
  "'; drop table meetings; --",
  '<script>alert(1)</script>',
  '0',
  '-1',
  'null',
  '1e309',
  'NaN',
  '2026-02-30T25:61:00Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];
const junkString = fc.oneof(fc.constantFrom(...JUNK_STRINGS), fc.string({ unit: 'binary', maxLength: 40 }));
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  junkString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 1e308, 2 ** 53 + 1, [], {}, [null], { '': null }),
  fc.jsonValue({ maxDepth: 2 }),
);

function resolve(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (schema?.$ref) return components[schema.$ref.split('/').pop()!];
  return schema;
}

/** Mostly values of the schema's shape (so requests get past validation into the services), now and then anything at all. */
function valueOf(schema: JsonSchema | undefined, name: string, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (!s || depth > 5) return junkValue;
  const mostly = (good: fc.Arbitrary<unknown>) => fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: junkValue });
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => valueOf(v, name, depth + 1)));
  if (s.allOf?.length) return valueOf(s.allOf[0], name, depth + 1);
  if (s.const !== undefined) return mostly(fc.constant(s.const));
  if (s.enum) return mostly(fc.constantFrom(...s.enum));
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const of = types.filter((x) => x !== 'null').map((type): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string': {
        if (s.format === 'uuid') {
          const known = ids[name] ?? Object.values(ids).flat();
          return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: fc.uuid() });
        }
        if (s.format === 'date-time') return fc.date({ min: new Date('2026-01-01'), max: new Date('2028-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
        if (s.format === 'uri') return fc.oneof(fc.webUrl(), fc.constant('https://receiver.example/hook'));
        // Fields whose shape a pattern or a check decides: values that pass, so the rest of the request is what is tried.
        const examples = [...((s.examples as unknown[] | undefined) ?? []), ...(s.example === undefined ? [] : [s.example])];
        if (name === 'code') return fc.oneof(fc.integer({ min: 100, max: 999 }).map((n) => `350881${n}`), fc.constant('350881100'));
        if (name === 'timeZone') return fc.constantFrom('Asia/Shanghai', 'Asia/Urumqi', 'Etc/UTC');
        if (name === 'idNumber') return fc.constantFrom(zhang.id, residentId('19900101', 1));
        if (examples.length && !s.maxLength) return fc.oneof(fc.constantFrom(...examples), fc.string({ maxLength: 20 }));
        if (/phone/i.test(name)) return fc.constantFrom('13800138000', '13900001111', '+86 139 0000 1111', '1380013800');
        if (/sha256/i.test(name)) return fc.constantFrom('b'.repeat(64), 'B'.repeat(64), 'b'.repeat(63));
        const max = Math.min(s.maxLength ?? 60, 60);
        // Free text of the right type but not storable, or not what anyone would type, is the point of half the cases.
        return fc.oneof(
          fc.string({ maxLength: max }),
          fc.string({ unit: 'grapheme', maxLength: max }),
          fc.constantFrom('张三', 'agree', 'oppose', 'abstain', 'R-1'),
          fc.constantFrom('\u0000', '名\u0000', '\ud800', '名\udfff', '\udc00名', ' ', '\t\n', 'x'.repeat(s.maxLength ?? 5000)),
          fc.constantFrom('\u0000', '名\u0000', '\ud800', '名\udfff'),
        );
      }
      case 'integer':
        return fc.oneof(fc.integer({ min: s.minimum ?? -10, max: Math.min(s.maximum ?? 10_000, 2 ** 31) }), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 1.5));
      case 'number':
        return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(valueOf(s.items, name, depth + 1), { maxLength: 4 });
      case 'object': {
        const props = s.properties ?? {};
        const model = Object.fromEntries(Object.entries(props).map(([key, sub]) => [key, valueOf(sub, key, depth + 1)]));
        const required = (s.required ?? []).filter((k) => k in props);
        const record = fc.oneof(
          { weight: 3, arbitrary: fc.record(model, { requiredKeys: required }) },
          { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
        );
        const extra = typeof s.additionalProperties === 'object' ? fc.dictionary(fc.string({ maxLength: 8 }), valueOf(s.additionalProperties, name, depth + 1), { maxKeys: 3 }) : fc.constant({});
        return fc.tuple(record, extra, fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'binary', maxLength: 6 }), junkValue) })).map(([r, x, unknown]) => ({
          ...x,
          ...r,
          ...(unknown ? { [unknown[0]]: unknown[1] } : {}),
        }));
      }
      default:
        return junkValue;
    }
  });
  if (types.includes('null')) of.push(fc.constant(null));
  if (of.length === 0) return junkValue;
  return mostly(fc.oneof(...of));
}

/** A path segment: mostly a real id of the right kind, else a random one, else something that is no id at all (inserted raw). */
function segmentFor(name: string): fc.Arbitrary<string> {
  const known = ids[name] ?? [];
  return fc.oneof(
    { weight: 6, arbitrary: known.length ? fc.constantFrom(...known) : fc.uuid() },
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 2,
      arbitrary: fc.constantFrom('x', '%00', '%ED%A0%80', '%ZZ', '%', 'a'.repeat(150), '%F0%9F%98%80', '..', '%2F', 'null', '0', '00000000-0000-0000-0000-000000000000', randomUUID().toUpperCase()),
    },
  );
}

/** The query: each parameter maybe, of its shape or not; now and then raw junk. */
function queryFor(op: Operation): fc.Arbitrary<string> {
  const params = op.parameters.filter((x) => x.in === 'query');
  const model = Object.fromEntries(params.map((x) => [x.name, valueOf(x.schema, x.name)]));
  const shaped = fc.record(model, { requiredKeys: [] }).map((values) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(values)) {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      // URLSearchParams writes an unpaired surrogate as U+FFFD; raw surrogate bytes come from the junk queries below.
      search.append(key, text);
    }
    const s = search.toString();
    return s ? `?${s}` : '';
  });
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    { weight: 1, arbitrary: fc.constantFrom('?%ZZ=1', '?limit=%00', '?building=%ED%A0%80', '?a=1&a=2&limit=1&limit=2', '?limit[]=1', `?${'x'.repeat(3000)}=1`, '?status=failed&estateId=') },
  );
}

type Body = { payload?: string; contentType?: string };
function bodyFor(op: Operation): fc.Arbitrary<Body> {
  if (!op.body && op.method === 'GET') return fc.constant({});
  const json = (v: unknown) => ({ payload: JSON.stringify(v), contentType: 'application/json' });
  const shaped = op.body ? valueOf(op.body.schema, 'body').map(json) : fc.constant({});
  return fc.oneof(
    { weight: 8, arbitrary: shaped },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { payload: '{"a":', contentType: 'application/json' },
        { payload: '', contentType: 'application/json' },
        { payload: '{"__proto__": {"admin": true}}', contentType: 'application/json' },
        { payload: '{"constructor": {"prototype": {"x": 1}}}', contentType: 'application/json' },
        { payload: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json' },
        { payload: '"\\u0000"', contentType: 'application/json' },
        { payload: '{"x": "\\ud800"}', contentType: 'application/json' },
        { payload: 'registryNo,building\nR-1,1', contentType: 'text/csv' },
        { payload: 'R-1\u0000,1', contentType: 'text/csv' },
        { payload: '<x/>', contentType: 'application/xml' },
        { payload: 'a=1', contentType: 'application/x-www-form-urlencoded' },
        { payload: '{}', contentType: 'application/json; charset=utf-16' },
        { payload: '{}', contentType: 'application/json; charset=latin1' },
        { payload: '{}', contentType: 'not a media type' },
        { payload: '{}' },
      ),
    },
  );
}

/** Mostly someone who may act (so requests reach the services), else anyone. */
const who = () =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('admin', 'staff', 'organiser', 'owner') },
    { weight: 2, arbitrary: fc.constantFrom(...Object.keys(tokens)) },
    { weight: 1, arbitrary: fc.constantFrom('nobody', 'garbage') },
  );
const authorization = (name: string): Record<string, string> =>
  name === 'nobody' ? {} : name === 'garbage' ? { authorization: 'Bearer not.a.token' } : bearer(tokens[name]!);

// ---------------------------------------------------------------- the verdict

const KNOWN_TYPES = new Set(Object.keys(PROBLEM_TYPES).map((slug) => `urn:gongjue:problem:${slug}`));

function expectWellFormed(res: { statusCode: number; headers: Record<string, unknown>; body: string }, what: string) {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 500)}`).toBeLessThan(500);
  if (res.statusCode < 400) return;
  expect(String(res.headers['content-type']), `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body) as { type?: string; status?: number };
  expect(KNOWN_TYPES.has(body.type ?? ''), `${what}: type ${body.type}`).toBe(true);
  expect(body.status, what).toBe(res.statusCode);
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it('covers the whole document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(60);
  });

  it('every operation: no 5xx, every error problem+json with a known type', async () => {
    // Each operation is its own property, so one report lists every operation that fails.
    const failures: string[] = [];
    for (const op of operations) {
      const segments = op.parameters.filter((x) => x.in === 'path');
      const pathArb = fc.tuple(...segments.map((x) => segmentFor(x.name))).map((values) => {
        let path = op.path;
        segments.forEach((x, i) => (path = path.replace(`{${x.name}}`, values[i]!)));
        return path;
      });
      const verdict = await fc.check(
        fc.asyncProperty(pathArb, queryFor(op), bodyFor(op), who(), async (path, query, body, caller) => {
          const res = await t.app.inject({
            method: op.method as 'GET',
            url: path + query,
            headers: { ...authorization(caller), ...(body.contentType ? { 'content-type': body.contentType } : {}) },
            ...(body.payload === undefined ? {} : { payload: body.payload }),
          });
          expectWellFormed(res, `${op.operationId} ${op.method} ${path}${query.slice(0, 80)} as ${caller} with ${body.contentType ?? 'no type'} ${(body.payload ?? '').slice(0, 120)}`);
        }),
        { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
      );
      if (verdict.failed) failures.push(`${op.operationId}: ${String((verdict.errorInstance as Error | undefined)?.message ?? verdict.errorInstance).split('\n')[0]}`);
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('any method on any path, and URLs no router would match: problems too', async () => {
    const methods = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS');
    const urls = fc.oneof(
      fc.constantFrom(...operations.map((op) => op.path.replace(/\{[^}]+\}/g, '%ZZ'))),
      fc.constantFrom(...operations.map((op) => op.path.replace(/\{[^}]+\}/g, 'a'.repeat(300)))),
      fc.constantFrom(...operations.map((op) => op.path.replace(/\{[^}]+\}/g, () => randomUUID()))),
      fc.constantFrom('/', '//v1//townships', '/v1/%', '/v1/townships/%C0%AF', '/v1/townships?%', '/v1/../admin/queues', '/.well-known/', '/docs/static/%2e%2e/x', '/admin/queues/api/%ZZ'),
      fc.webPath().map((x) => `/v1${x}`),
    );
    await fc.assert(
      fc.asyncProperty(methods, urls, who(), async (method, url, caller) => {
        const res = await t.app.inject({ method: method as 'GET', url, headers: authorization(caller) });
        if (method === 'HEAD') {
          expect(res.statusCode, `HEAD ${url}`).toBeLessThan(500);
          return;
        }
        expectWellFormed(res, `${method} ${url} as ${caller}`);
      }),
      { numRuns: 300, seed: SEED, endOnFailure: true },
    );
  });
});

/**
 * For every operation with ids in its path: someone who may not see estate
 * A's records gets the same answer for them as for records that do not exist
 * (no 200, 403 or 409 that would reveal them).
 */
describe('existence is not revealed', () => {
  it('every operation: another township’s staff and an account without grants get the answer of a missing record', async () => {
    const differences: string[] = [];
    const unseeded = new Set<string>();
    let pastValidation = 0;
    let tried = 0;
    for (const op of operations) {
      const segments = op.parameters.filter((x) => x.in === 'path');
      if (segments.length === 0) continue;
      // A new kind of record in a path must be seeded above, or its operations would be "checked" with the word undefined.
      for (const x of segments) if (!ids[x.name]?.length) unseeded.add(`${op.operationId}: {${x.name}}`);
      if (segments.some((x) => !ids[x.name]?.length)) continue;
      const payload = op.method === 'GET' ? undefined : JSON.stringify(op.body ? plausible(op.body.schema, 'body') : {});
      const real = segments.reduce((path, x) => path.replace(`{${x.name}}`, ids[x.name]![0]!), op.path);
      const missing = segments.reduce((path, x) => path.replace(`{${x.name}}`, x.name === 'receipt' ? 'f'.repeat(64) : randomUUID()), op.path);
      for (const caller of ['otherTownship', 'noGrants']) {
        const send = (url: string) =>
          t.app.inject({ method: op.method as 'GET', url, headers: { ...authorization(caller), 'content-type': 'application/json' }, ...(payload === undefined ? {} : { payload }) });
        const [a, b] = [await send(real), await send(missing)];
        tried += 1;
        if (b.statusCode !== 400 && b.statusCode !== 415) pastValidation += 1;
        const sameAnswer = a.statusCode === b.statusCode && a.json().type === b.json().type;
        if (!sameAnswer || a.statusCode === 200 || a.statusCode === 409) differences.push(`${op.operationId} as ${caller}: ${a.statusCode} ${a.json().type} vs missing ${b.statusCode} ${b.json().type}`);
      }
    }
    expect([...unseeded]).toEqual([]);
    expect(differences).toEqual([]);
    // The bodies are valid enough that most requests reach the access check, not only the validator.
    expect(pastValidation / tried).toBeGreaterThan(0.9);
  });
});

/** The simplest value a schema accepts (first variant, first enum, known ids, examples), so a request gets past validation. */
function plausible(schema: JsonSchema | undefined, name: string, depth = 0): unknown {
  const s = resolve(schema);
  if (!s || depth > 6) return null;
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return plausible(variants.find((v) => resolve(v)?.type !== 'null') ?? variants[0], name, depth + 1);
  if (s.allOf?.length) return plausible(s.allOf[0], name, depth + 1);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const type = (Array.isArray(s.type) ? s.type : [s.type]).find((x) => x !== 'null');
  switch (type) {
    case 'object': {
      const props = s.properties ?? {};
      return Object.fromEntries((s.required ?? []).filter((k) => k in props).map((k) => [k, plausible(props[k], k, depth + 1)]));
    }
    case 'array':
      return [plausible(s.items, name, depth + 1)];
    case 'integer':
    case 'number':
      return Math.max(Number(s.minimum ?? 1), 1);
    case 'boolean':
      return false;
    case 'string': {
      if (s.format === 'uuid') return (ids[name] ?? ids.voterId)![0];
      if (s.format === 'date-time') return '2026-12-20T02:00:00.000Z';
      if (s.format === 'uri') return 'https://receiver.example/hook';
      const examples = [...((s.examples as unknown[] | undefined) ?? []), ...(s.example === undefined ? [] : [s.example])];
      if (examples.length) return examples[0];
      if (/phone/i.test(name)) return '13900001111';
      if (/sha256/i.test(name)) return 'b'.repeat(64);
      if (name === 'code') return '350881123';
      if (name === 'idNumber') return zhang.id;
      return '说明';
    }
    default:
      return null;
  }
}
