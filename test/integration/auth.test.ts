import { createHmac, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../src/identity/principal.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { es256Token, forgeJwt as forge } from '../helpers/jwt.ts';
import { sessionToken } from '../helpers/sessions.ts';

let t: TestApp;
/** A real session: a forged token is refused for its forgery, never merely for naming no live session. */
let session: { accountId: string; sessionId: string };
beforeAll(async () => {
  t = await createTestApp();
  session = await sessionToken(t.app, t.testDatabase.database.db, []);
});
afterAll(async () => t?.close());

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const adminClaims = () => ({
  sub: session.accountId,
  sid: session.sessionId,
  kind: 'person',
  grants: [{ role: 'admin' }],
  iss: TOKEN_ISSUER,
  aud: TOKEN_AUDIENCE,
  iat: now(),
  exp: now() + 600,
});

async function listWith(token: string) {
  return t.app.inject({ url: '/v1/townships', headers: bearer(token) });
}

describe('access tokens', () => {
  it('a valid token is accepted', async () => {
    expect((await listWith(await t.tokenFor({ role: 'admin' }))).statusCode).toBe(200);
  });

  it('no token is a 401 problem', async () => {
    const res = await t.app.inject({ url: '/v1/townships' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().type).toBe('urn:gongjue:problem:unauthenticated');
  });

  it('a tampered token is refused', async () => {
    const token = await t.tokenFor({ role: 'township_staff', townshipId: '00000000-0000-4000-8000-000000000000' });
    const [h, , s] = token.split('.');
    const res = await listWith(`${h}.${b64url(JSON.stringify(adminClaims()))}.${s}`);
    expect(res.statusCode).toBe(401);
  });

  it('an expired token is refused', async () => {
    // Signed with our own key, all claims right, but its time is over.
    const token = es256Token(t.keys.jwt.privateKey, { ...adminClaims(), iat: now() - 3600, exp: now() - 60 });
    const fresh = es256Token(t.keys.jwt.privateKey, adminClaims());
    expect((await listWith(fresh)).statusCode).toBe(200); // the forging itself is sound
    const res = await listWith(token);
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/expired/);
  });

  it('alg "none" is refused', async () => {
    const res = await listWith(forge({ alg: 'none', typ: 'JWT' }, adminClaims(), () => ''));
    expect(res.statusCode).toBe(401);
  });

  it('HS256 signed with the public key (algorithm confusion) is refused', async () => {
    const token = forge({ alg: 'HS256', typ: 'JWT' }, adminClaims(), (input) =>
      createHmac('sha256', t.keys.jwt.publicKey).update(input).digest(),
    );
    expect((await listWith(token)).statusCode).toBe(401);
  });

  it('an ES256 token from another key is refused', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = es256Token(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), adminClaims());
    expect((await listWith(token)).statusCode).toBe(401);
  });

  it('a token of ours with claims of the wrong shape is refused', async () => {
    const token = t.app.jwt.sign({ sub: 'x', kind: 'person', grants: [{ role: 'emperor' }] } as never);
    expect((await listWith(token)).statusCode).toBe(401);
  });

  it('a token accepted before is refused once it expires (verified tokens are remembered only until then)', async () => {
    const token = es256Token(t.keys.jwt.privateKey, { ...adminClaims(), exp: now() + 60 });
    expect((await listWith(token)).statusCode).toBe(200);
    expect((await listWith(token)).statusCode).toBe(200); // now answered from the remembered verification
    vi.useFakeTimers({ toFake: ['Date'], now: (now() + 61) * 1000 });
    try {
      const res = await listWith(token);
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toMatch(/expired/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a remembered token changed by one character is verified afresh and refused', async () => {
    const token = es256Token(t.keys.jwt.privateKey, adminClaims());
    expect((await listWith(token)).statusCode).toBe(200);
    // A character inside the signature (the last one may carry only padding bits).
    const i = token.length - 10;
    const changed = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    expect((await listWith(changed)).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/townships', headers: { authorization: `Bearer ${token} ` } })).statusCode).toBe(401);
  });
});
