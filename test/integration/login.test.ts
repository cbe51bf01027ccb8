import { once } from 'node:events';
import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { OTP_LIMITS } from '../../src/identity/otp.ts';
import { developmentSmsProvider, smsProviderFor } from '../../src/notifications/sms.ts';
import { bearer, createTestApp, lastCodeFor, logIn, type TestApp } from '../helpers/app.ts';
import { registryCsv, residentId } from '../helpers/identity.ts';
import { importRegistry } from '../helpers/places.ts';
import { twoTownships } from '../factories/places.ts';

const clock = manualClock(new Date('2026-11-22T08:00:00Z'));
let t: TestApp;
const ESTATE_CEILING = 3;
beforeAll(async () => {
  // The per-address limit is left at its default: a registration day must fit in it.
  t = await createTestApp({ clock, env: { LOGIN_CODES_PER_ESTATE_PER_DAY: String(ESTATE_CEILING) } });
});
afterAll(async () => t?.close());

let phones = 0;
const newPhone = () => `139${String(10_000_000 + ++phones).slice(-8)}`;

const askCode = (phone: string, ip = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/v1/auth/login-codes', payload: { phone }, remoteAddress: ip });
const submit = (phone: string, code: string) => t.app.inject({ method: 'POST', url: '/v1/auth/sessions', payload: { phone, code } });
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('login with a one-time code', () => {
  it('texts a code (development sender: outbox) and logs in with it; the code works once', async () => {
    const phone = newPhone();
    const asked = await askCode(phone);
    expect(asked.statusCode).toBe(202);
    expect(asked.json().expiresAt).toBe('2026-11-22T08:05:00.000Z');
    const code = await lastCodeFor(t, phone);

    const res = await submit(phone, code);
    expect(res.statusCode).toBe(201);
    const session = res.json();
    expect(session).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(session.refreshToken).toMatch(/^rt_/);
    expect((await t.app.inject({ url: '/v1/townships', headers: bearer(session.accessToken) })).statusCode).toBe(200);

    expect((await submit(phone, code)).statusCode).toBe(401);
    // The code itself is stored only as an HMAC.
    const stored = await t.testDatabase.database.db.selectFrom('otp_challenges').select('code_hash').where('phone', '=', phone).execute();
    expect(stored[0]?.code_hash).not.toContain(code);
    expect(stored[0]?.code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a phone written with +86 and spaces, and rejects a non-mobile number', async () => {
    expect((await askCode('+86 139 8888 0001')).statusCode).toBe(202);
    const bad = await askCode('010-12345678');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.phone');
  });

  it('a code expires after 5 minutes', async () => {
    const phone = newPhone();
    await askCode(phone);
    const code = await lastCodeFor(t, phone);
    clock.advance(5 * 60_000);
    const res = await submit(phone, code);
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/expired/);
  });

  it('allows at most 5 tries per code; after that even the right code is refused', async () => {
    clock.advance(10 * 60_000);
    const phone = newPhone();
    await askCode(phone);
    const code = await lastCodeFor(t, phone);
    for (let i = 1; i <= 4; i++) expect((await submit(phone, wrongCode(code))).json().detail).toMatch(/not correct/);
    expect((await submit(phone, wrongCode(code))).json().detail).toMatch(/Too many wrong codes/);
    const right = await submit(phone, code);
    expect(right.statusCode).toBe(401);
    expect(right.json().detail).toMatch(/Too many wrong codes/);
  });

  it('rate-limits per phone: one a minute, five an hour, with Retry-After', async () => {
    const phone = newPhone();
    expect((await askCode(phone)).statusCode).toBe(202);
    const soon = await askCode(phone);
    expect(soon.statusCode).toBe(429);
    expect(soon.json().type).toBe('urn:gongjue:problem:rate-limited');
    expect(Number(soon.headers['retry-after'])).toBe(60);
    for (let i = 2; i <= OTP_LIMITS.perPhonePerHour; i++) {
      clock.advance(61_000);
      expect((await askCode(phone)).statusCode).toBe(202);
    }
    clock.advance(61_000);
    const sixth = await askCode(phone);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().detail).toMatch(/last hour/);
    clock.advance(3_600_000);
    expect((await askCode(phone)).statusCode).toBe(202);
  });

  it('a registration day fits the default per-address limit: 210 phones behind one address in an hour', async () => {
    clock.advance(2 * 3_600_000);
    const ip = '203.0.113.9';
    const answers: number[] = [];
    for (let i = 0; i < 210; i++) answers.push((await askCode(newPhone(), ip)).statusCode);
    expect(answers.filter((s) => s !== 202)).toEqual([]);
    expect(loadConfig({}).identityLimits.loginCodesPerAddressPerHour).toBeGreaterThanOrEqual(200);
  }, 60_000);

  it('a 429 leaves no challenge behind and sends nothing', async () => {
    clock.advance(2 * 3_600_000);
    const phone = newPhone();
    await askCode(phone);
    await askCode(phone);
    const db = t.testDatabase.database.db;
    expect(await db.selectFrom('otp_challenges').select('id').where('phone', '=', phone).execute()).toHaveLength(1);
    expect(t.sentSms.filter((m) => m.phone === phone)).toHaveLength(1);
  });
});

describe('a daily ceiling of codes per estate', () => {
  it('charges codes to the estate of the phone; past the ceiling its phones get 429 for the day, other estates and staff do not', async () => {
    clock.advance(2 * 3_600_000);
    const p = await twoTownships(t);
    const owner = (i: number) => ({ name: `业主${i}`, id: residentId('19700101', i), phone: `1580000000${i}` });
    await importRegistry(
      t,
      p.staffA,
      p.estateA,
      registryCsv([1, 2, 3, 4, 5].map((i) => ({ registryNo: `R-${i}`, building: '1栋', room: `10${i}`, area: '80.00', owners: [owner(i)] }))),
    );
    await importRegistry(t, p.staffB, p.estateB, registryCsv([{ registryNo: 'B-1', building: 'A座', room: '1', area: '90.00', owners: [owner(6)] }]));
    const staffPhone = '15900000001';
    expect((await t.app.inject({ method: 'POST', url: `/v1/townships/${p.townshipA}/staff`, headers: bearer(p.admin), payload: { phone: staffPhone } })).statusCode).toBe(201);

    // Different addresses, each phone once: only the estate's ceiling can refuse.
    for (let i = 1; i <= ESTATE_CEILING; i++) expect((await askCode(owner(i).phone, `198.51.100.${i}`)).statusCode).toBe(202);
    const over = await askCode(owner(4).phone, '198.51.100.4');
    expect(over.statusCode).toBe(429);
    expect(over.json().detail).toMatch(/this estate/);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    expect(t.sentSms.filter((m) => m.phone === owner(4).phone)).toHaveLength(0);

    expect((await askCode(owner(6).phone, '198.51.100.6')).statusCode).toBe(202); // estate B
    expect((await askCode(staffPhone, '198.51.100.7')).statusCode).toBe(202); // township staff: no ceiling
    clock.advance(24 * 3_600_000);
    expect((await askCode(owner(4).phone, '198.51.100.4')).statusCode).toBe(202);
  });
});

describe('codes are never stored or logged in the clear', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let d: TestApp;
  beforeAll(async () => {
    // The development sender itself, behind the test's capture: what it stores and logs is what is checked.
    d = await createTestApp({ clock, logStream: sink, sms: (db) => developmentSmsProvider(db, capture(), { showSecrets: false }) });
  });
  afterAll(async () => d?.close());
  function capture() {
    return { warn: (fields: object, msg: string) => lines.push(JSON.stringify({ ...fields, msg })) } as never;
  }

  it('the SMS outbox, the message outbox, the challenge and the log hold no login code', async () => {
    const phone = '13912345678';
    expect((await d.app.inject({ method: 'POST', url: '/v1/auth/login-codes', payload: { phone } })).statusCode).toBe(202);
    const db = d.testDatabase.database.db;
    const outbox = await db.selectFrom('sms_outbox').selectAll().where('phone', '=', phone).execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.body).not.toMatch(/\d{6}/);
    const code = await lastCodeFor(d, phone);
    expect(outbox[0]!.body).not.toContain(code);
    expect(JSON.stringify(await db.selectFrom('otp_challenges').selectAll().where('phone', '=', phone).execute())).not.toContain(code);
    // The message row: its text blanked, its sealed code wiped once sent; its delivery says sent.
    const messages = await db.selectFrom('notifications').selectAll().where('phone', '=', phone).execute();
    expect(messages).toEqual([expect.objectContaining({ kind: 'login_code', recipient: 'phone', params: null, sealed: null })]);
    expect(JSON.stringify(messages)).not.toContain(code);
    expect(await db.selectFrom('message_deliveries').select(['status', 'provider', 'attempts']).where('phone', '=', phone).execute()).toEqual([
      { status: 'sent', provider: 'development', attempts: 1 },
    ]);
    // A login with the code is logged too (its body must not be).
    expect((await d.app.inject({ method: 'POST', url: '/v1/auth/sessions', payload: { phone, code } })).statusCode).toBe(201);
    d.app.log.info({ body: { phone, code } }, 'a careless handler logs its body');
    expect(lines.join('\n')).not.toContain(code);
    expect(lines.some((l) => l.includes('DEVELOPMENT SMS SENDER'))).toBe(true);
  });
});

describe('SMS providers', () => {
  const params = { code: '314159' };
  const message = { phone: '13812345678', kind: 'login_code' as const, params, text: '【共决】您的登录验证码是314159，5分钟内有效。' };

  it('the development provider shows the code in the log only when NODE_ENV=development, and never stores it', async () => {
    const db = t.testDatabase.database.db;
    for (const env of ['development', 'test'] as const) {
      const logged: string[] = [];
      const provider = smsProviderFor({ env, smsSender: 'development', smsHttp: undefined, smsCloud: undefined }, db, { warn: (_f: object, msg: string) => logged.push(msg) } as never);
      expect(await provider.send(message)).toMatchObject({ status: 'sent' });
      expect(logged.join('\n').includes('314159')).toBe(env === 'development');
    }
    const stored = await db.selectFrom('sms_outbox').select('body').where('phone', '=', message.phone).execute();
    expect(stored).toHaveLength(2);
    for (const row of stored) expect(row.body).toBe('【共决】您的登录验证码是******，5分钟内有效。');
  });

  it('the http provider posts the message to the gateway and stores it without the code; its answers map to statuses', async () => {
    const received: { auth?: string; body: string }[] = [];
    let status = 200;
    let answer = '{"id":"gw-1"}';
    const gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body });
        res.writeHead(status, status === 429 ? { 'retry-after': '7' } : {}).end(answer);
      });
    });
    gateway.listen(0, '127.0.0.1');
    await once(gateway, 'listening');
    const url = `http://127.0.0.1:${(gateway.address() as { port: number }).port}/send`;
    try {
      const db = t.testDatabase.database.db;
      const provider = smsProviderFor({ env: 'production', smsSender: 'http', smsHttp: { url, token: 'gw-token' }, smsCloud: undefined }, db, { warn: () => {} } as never);
      const phone = '13812340000';
      expect(await provider.send({ ...message, phone })).toEqual({ status: 'sent', providerMessageId: 'gw-1' });
      expect(received).toEqual([{ auth: 'Bearer gw-token', body: JSON.stringify({ to: phone, purpose: 'login_code', kind: 'login_code', text: message.text }) }]);
      expect(await db.selectFrom('sms_outbox').select(['body', 'sender']).where('phone', '=', phone).execute()).toEqual([
        { body: '【共决】您的登录验证码是******，5分钟内有效。', sender: 'http' },
      ]);
      status = 500;
      answer = 'down';
      expect(await provider.send({ ...message, phone })).toEqual({ status: 'failed', retryable: true, reason: 'the gateway answered 500: down' });
      status = 429;
      expect(await provider.send({ ...message, phone })).toMatchObject({ status: 'failed', retryable: true, retryAfterMs: 7_000 });
      status = 400;
      answer = 'invalid number';
      expect(await provider.send({ ...message, phone })).toEqual({ status: 'failed', retryable: false, reason: 'the gateway answered 400: invalid number' });
    } finally {
      gateway.close();
    }
  });
});

describe('behind a reverse proxy', () => {
  let b: TestApp;
  beforeAll(async () => {
    // The proxy is 127.0.0.1 (where inject's requests come from); codes per address are few here to test the limit.
    b = await createTestApp({ clock, env: { TRUST_PROXY: '127.0.0.1', LOGIN_CODES_PER_ADDRESS_PER_HOUR: '5', LOGIN_CODES_UNATTACHED_PER_DAY: '8' } });
  });
  afterAll(async () => b?.close());
  const viaProxy = (phone: string, forwardedFor: string) =>
    b.app.inject({ method: 'POST', url: '/v1/auth/login-codes', payload: { phone }, headers: { 'x-forwarded-for': forwardedFor } });

  it('a client that writes its own X-Forwarded-For is still counted by the address the proxy saw, up to the configured limit', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 30; i++) answers.push((await viaProxy(newPhone(), `10.9.${i}.1, 192.0.2.${i}, 203.0.113.50`)).statusCode);
    expect(answers.filter((s) => s === 202)).toHaveLength(5);
    expect(answers.filter((s) => s === 429)).toHaveLength(25);
    const over = await viaProxy(newPhone(), '203.0.113.50');
    expect(over.json().detail).toMatch(/address/);
    // Another client behind the same proxy is unaffected.
    expect((await viaProxy(newPhone(), '203.0.113.51')).statusCode).toBe(202);
  });

  it('phones of no estate share a daily ceiling', async () => {
    // 6 went out above; 2 more fit, from other addresses.
    for (let i = 1; i <= 2; i++) expect((await viaProxy(newPhone(), `203.0.113.${60 + i}`)).statusCode).toBe(202);
    const over = await viaProxy(newPhone(), '203.0.113.70');
    expect(over.statusCode).toBe(429);
    expect(over.json().detail).toMatch(/not yet known to any estate/);
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh returns a new pair; the old refresh token is spent', async () => {
    clock.advance(2 * 3_600_000);
    const session = await logIn(t, newPhone());
    const refreshed = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: session.refreshToken } });
    expect(refreshed.statusCode).toBe(200);
    const next = refreshed.json();
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.accountId).toBe(session.accountId);
    expect((await t.app.inject({ url: '/v1/townships', headers: bearer(next.accessToken) })).statusCode).toBe(200);
  });

  it('a reused refresh token ends the whole session family', async () => {
    const session = await logIn(t, newPhone());
    const first = (await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: session.refreshToken } })).json();
    const replay = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: session.refreshToken } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().detail).toMatch(/already used/);
    const afterTheft = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: first.refreshToken } });
    expect(afterTheft.statusCode).toBe(401);
  });

  it('logout revokes the refresh token; an unknown one is refused', async () => {
    const session = await logIn(t, newPhone());
    expect((await t.app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: session.refreshToken } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: session.refreshToken } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: 'rt_nonsense' } })).statusCode).toBe(401);
  });

  it('a refresh token expires after 30 days', async () => {
    const session = await logIn(t, newPhone());
    clock.advance(30 * 24 * 3_600_000 + 1);
    expect((await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: session.refreshToken } })).statusCode).toBe(401);
  });
});
