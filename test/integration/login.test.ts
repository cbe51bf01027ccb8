import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { OTP_LIMITS } from '../../src/identity/otp.ts';
import { bearer, createTestApp, lastCodeFor, logIn, type TestApp } from '../helpers/app.ts';

const clock = manualClock(new Date('2026-11-22T08:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
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

  it('rate-limits per client address across phones', async () => {
    clock.advance(2 * 3_600_000);
    const ip = '203.0.113.9';
    for (let i = 0; i < OTP_LIMITS.perIpPerHour; i++) expect((await askCode(newPhone(), ip)).statusCode).toBe(202);
    const over = await askCode(newPhone(), ip);
    expect(over.statusCode).toBe(429);
    expect(over.json().detail).toMatch(/address/);
    // Another address is unaffected.
    expect((await askCode(newPhone(), '203.0.113.10')).statusCode).toBe(202);
  });

  it('a 429 leaves no challenge behind and sends nothing', async () => {
    clock.advance(2 * 3_600_000);
    const phone = newPhone();
    await askCode(phone);
    await askCode(phone);
    const db = t.testDatabase.database.db;
    expect(await db.selectFrom('otp_challenges').select('id').where('phone', '=', phone).execute()).toHaveLength(1);
    expect(await db.selectFrom('sms_outbox').select('id').where('phone', '=', phone).execute()).toHaveLength(1);
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
