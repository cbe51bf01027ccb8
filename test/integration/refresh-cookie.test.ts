import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, lastCodeFor, type TestApp } from '../helpers/app.ts';

/**
 * Browsers log in with refreshTokenIn: cookie (src/routes/auth.ts): the refresh token lives in
 * an HttpOnly, SameSite=Strict cookie for the refresh route only — never in the answer, so no
 * script (and no localStorage) ever holds it — and POST /v1/auth/refresh {} rotates it there.
 * The JSON flow of API clients is unchanged (login.test.ts, auth.test.ts).
 */
let t: TestApp;
let https: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  https = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://gongjue.example' } });
});
afterAll(async () => {
  await t?.close();
  await https?.close();
});

let phones = 0;
const newPhone = () => `137${String(20_000_000 + ++phones).slice(-8)}`;

async function browserLogin(app: TestApp, phone = newPhone()) {
  expect((await app.app.inject({ method: 'POST', url: '/v1/auth/login-codes', payload: { phone } })).statusCode).toBe(202);
  return app.app.inject({ method: 'POST', url: '/v1/auth/sessions', payload: { phone, code: await lastCodeFor(app, phone), refreshTokenIn: 'cookie' } });
}

/** The cookie as a browser keeps it: name=value, and its attributes. */
function cookieOf(res: { headers: Record<string, unknown> }) {
  const header = res.headers['set-cookie'];
  expect(typeof header, 'one Set-Cookie header').toBe('string');
  const [pair, ...attributes] = String(header).split('; ');
  return { pair: pair!, value: pair!.slice(pair!.indexOf('=') + 1), attributes };
}

const refresh = (cookie?: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload, headers: cookie ? { cookie } : {} });

describe('the refresh cookie of a browser login', () => {
  it('login puts the refresh token into an HttpOnly, SameSite=Strict cookie for the refresh route, and not into the answer', async () => {
    const res = await browserLogin(t);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(body).not.toHaveProperty('refreshToken');
    const cookie = cookieOf(res);
    expect(cookie.pair).toMatch(/^gongjue_refresh=rt_/);
    expect(cookie.attributes).toEqual(['Path=/v1/auth/refresh', 'Max-Age=2592000', 'HttpOnly', 'SameSite=Strict']);
    expect(res.body).not.toContain(cookie.value);
    expect((await t.app.inject({ url: '/v1/me', headers: bearer(body.accessToken) })).statusCode).toBe(200);
  });

  it('is Secure when the service is reached over https (PUBLIC_BASE_URL; production)', async () => {
    expect(cookieOf(await browserLogin(https)).attributes).toContain('Secure');
  });

  it('POST /v1/auth/refresh {} with the cookie: a new access token, the next cookie; the old cookie is spent, and reusing it ends the session', async () => {
    const first = cookieOf(await browserLogin(t));
    const res = await refresh(first.pair);
    expect(res.statusCode).toBe(200);
    expect(res.json()).not.toHaveProperty('refreshToken');
    const next = cookieOf(res);
    expect(next.value).toMatch(/^rt_/);
    expect(next.value).not.toBe(first.value);
    expect(next.attributes).toContain('Path=/v1/auth/refresh');
    const access = res.json().accessToken as string;
    expect((await t.app.inject({ url: '/v1/me', headers: bearer(access) })).statusCode).toBe(200);

    // The spent cookie again (copied?): refused, cleared, and the whole session ends.
    const reused = await refresh(first.pair);
    expect(reused.statusCode).toBe(401);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(cookieOf(reused)).toMatchObject({ value: '', attributes: expect.arrayContaining(['Max-Age=0', 'Path=/v1/auth/refresh']) });
    expect((await refresh(next.pair)).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/me', headers: bearer(access) })).statusCode).toBe(401);
  });

  it('without a cookie or a token: 401 problem, nothing set', async () => {
    const res = await refresh();
    expect(res.statusCode).toBe(401);
    expect(res.json().type).toBe('urn:gongjue:problem:unauthenticated');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await refresh('gongjue_refresh=rt_not-a-token')).statusCode).toBe(401);
  });

  it('a token in the body is used as before, cookie or not: answered in JSON, no cookie set', async () => {
    const phone = newPhone();
    await t.app.inject({ method: 'POST', url: '/v1/auth/login-codes', payload: { phone } });
    const login = await t.app.inject({ method: 'POST', url: '/v1/auth/sessions', payload: { phone, code: await lastCodeFor(t, phone) } });
    expect(login.headers['set-cookie']).toBeUndefined();
    const { refreshToken } = login.json();
    expect(refreshToken).toMatch(/^rt_/);
    const cookie = cookieOf(await browserLogin(t));
    const res = await refresh(cookie.pair, { refreshToken });
    expect(res.statusCode).toBe(200);
    expect(res.json().refreshToken).toMatch(/^rt_/);
    expect(res.headers['set-cookie']).toBeUndefined();
    // The cookie's own session was not touched.
    expect((await refresh(cookie.pair)).statusCode).toBe(200);
  });

  it('DELETE /v1/auth/refresh logs the browser out: the session ends, the cookie is cleared; without a cookie it is 204 all the same', async () => {
    const login = await browserLogin(t);
    const cookie = cookieOf(login);
    const out = await t.app.inject({ method: 'DELETE', url: '/v1/auth/refresh', headers: { cookie: cookie.pair } });
    expect(out.statusCode).toBe(204);
    expect(cookieOf(out)).toMatchObject({ value: '', attributes: expect.arrayContaining(['Max-Age=0', 'HttpOnly']) });
    expect((await t.app.inject({ url: '/v1/me', headers: bearer(login.json().accessToken) })).statusCode).toBe(401);
    expect((await refresh(cookie.pair)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/auth/refresh' })).statusCode).toBe(204);
  });

  it('refreshTokenIn takes only body or cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/auth/sessions', payload: { phone: newPhone(), code: '123456', refreshTokenIn: 'localStorage' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.refreshTokenIn');
  });
});
