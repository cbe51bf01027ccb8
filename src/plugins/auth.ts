import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Keys } from '../identity/keys.ts';
import { type AccessClaims, type Principal, claimsOf, principalFromClaims } from '../identity/principal.ts';
import { ProblemError } from '../problems.ts';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: Principal;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: rejects the request with 401 unless it carries a valid access token. */
    authenticate: (request: FastifyRequest) => Promise<void>;
    issueAccessToken: (principal: Principal) => string;
  }
}

export const TOKEN_ISSUER = 'gongjue';
export const TOKEN_AUDIENCE = 'gongjue-api';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/**
 * Access tokens: ES256 only. The verifier is pinned to that one algorithm so
 * a token signed with "none" or with an HMAC over the public key is refused.
 */
export default fp(
  async function auth(app: FastifyInstance, options: { keys: Keys }) {
    await app.register(fastifyJwt, {
      secret: { private: options.keys.jwt.privateKey, public: options.keys.jwt.publicKey },
      sign: { algorithm: 'ES256', expiresIn: ACCESS_TOKEN_TTL_SECONDS * 1000, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE },
      // Verified tokens are remembered (LRU, keyed by a hash of the whole token, never past its exp):
      // a phone sends the same token with every ballot, and ECDSA verification was a sixth of the
      // service's CPU under load. Failures are never cached; a changed token is a different key.
      verify: { algorithms: ['ES256'], allowedIss: TOKEN_ISSUER, allowedAud: TOKEN_AUDIENCE, cache: 10_000 },
      formatUser: (payload) => principalFromClaims(payload),
    });

    app.decorate('authenticate', async (request: FastifyRequest) => {
      try {
        await request.jwtVerify();
      } catch (err) {
        if (err instanceof ProblemError) throw err;
        const code = (err as { code?: string }).code;
        const detail =
          code === 'FST_JWT_NO_AUTHORIZATION_IN_HEADER'
            ? 'Send an access token: Authorization: Bearer <token>'
            : code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED'
              ? 'The access token has expired'
              : 'The access token is not valid';
        throw new ProblemError('unauthenticated', detail);
      }
    });

    app.decorate('issueAccessToken', (principal: Principal) => app.jwt.sign(claimsOf(principal)));
  },
  { name: 'auth' },
);
