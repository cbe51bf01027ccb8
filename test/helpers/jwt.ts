import { createHmac, sign } from 'node:crypto';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../src/identity/principal.ts';

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

/** Builds a JWT by hand: header and payload as given, signed by `signer`. */
export function forgeJwt(header: object, payload: object, signer: (input: string) => Buffer | string): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = signer(input);
  return `${input}.${typeof signature === 'string' ? signature : b64url(signature)}`;
}

/** An ES256 access token signed with a PEM private key, with the service's issuer and audience. */
export function es256Token(privateKeyPem: string, claims: object): string {
  const now = Math.floor(Date.now() / 1000);
  return forgeJwt(
    { alg: 'ES256', typ: 'JWT' },
    { iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 600, ...claims },
    (input) => sign('sha256', Buffer.from(input), { key: privateKeyPem, dsaEncoding: 'ieee-p1363' }),
  );
}

/** A properly signed admin token that expired an hour ago. */
export function expiredToken(privateKeyPem: string): string {
  const now = Math.floor(Date.now() / 1000);
  return es256Token(privateKeyPem, { sub: 'x', kind: 'person', grants: [{ role: 'admin' }], iat: now - 7200, exp: now - 3600 });
}

/** The algorithm-confusion forgery: HS256 with the service's public key as the secret, granting what it likes. */
export function hs256Forgery(publicKeyPem: string, grants: object[]): string {
  return forgeJwt(
    { alg: 'HS256', typ: 'JWT' },
    { sub: 'x', kind: 'person', grants, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 },
    (input) => createHmac('sha256', publicKeyPem).update(input).digest(),
  );
}
