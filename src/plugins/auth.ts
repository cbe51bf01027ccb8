import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { accessRevocation, unanswerable } from '../identity/access-revocation.ts';
import type { Keys } from '../identity/keys.ts';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  type AccessClaims,
  claimsOf,
  type Principal,
  principalFromClaims,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
} from '../identity/principal.ts';
import { ProblemError } from '../problems.ts';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: Principal;
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route asks whether a person's session lives in the very statement
     * that acts (the ballot route: cast_session_ballots), and in every path
     * that answers without it; authenticate then does not ask separately.
     */
    sessionCheckedByRoute?: boolean;
  }
  interface FastifyInstance {
    /** preHandler: rejects the request with 401 unless it carries a valid access token. */
    authenticate: (request: FastifyRequest) => Promise<void>;
    issueAccessToken: (principal: Principal) => string;
    /** Null while the principal's session or API client lives (asked of the database each time); otherwise why not. */
    accessRevocation: (principal: Principal) => Promise<string | null>;
  }
}


/**
 * Access tokens: ES256 only. The verifier is pinned to that one algorithm so
 * a token signed with "none" or with an HMAC over the public key is refused.
 * They live 15 minutes, and only while their session or API client does:
 * that is asked of the database on every request (src/identity/access-revocation.ts).
 */
export default fp(
  async function auth(app: FastifyInstance, options: { keys: Keys }) {
    await app.register(fastifyJwt, {
      secret: { private: options.keys.jwt.privateKey, public: options.keys.jwt.publicKey },
      // expiresIn in seconds: @fastify/jwt reads a number as seconds and multiplies it by 1000 itself.
      sign: { algorithm: 'ES256', expiresIn: ACCESS_TOKEN_TTL_SECONDS, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE },
      verify: { algorithms: ['ES256'], allowedIss: TOKEN_ISSUER, allowedAud: TOKEN_AUDIENCE },
      formatUser: (payload) => principalFromClaims(payload),
    });

    const verified = verifiedTokens();
    app.decorate('accessRevocation', (principal: Principal) => accessRevocation(app.database.db, principal));
    app.decorate('authenticate', async (request: FastifyRequest) => {
      const token = bearerToken(request.headers.authorization);
      const known = token === undefined ? undefined : verified.get(token);
      if (known) request.user = known;
      else await verify(request, token);
      // Asked every time, remembered never: a revocation on any instance stops the token at its next request.
      const byRoute = request.routeOptions.config.sessionCheckedByRoute === true && request.user.kind === 'person';
      const revoked = byRoute ? unanswerable(request.user) : await accessRevocation(app.database.db, request.user);
      if (revoked !== null) throw new ProblemError('unauthenticated', revoked);
    });

    /** Signature, algorithm, issuer, audience, expiry and claims; a success is remembered until the token expires. */
    async function verify(request: FastifyRequest, token: string | undefined): Promise<void> {
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
      if (token !== undefined) verified.remember(token, request.user, app.jwt.decode<AccessClaims & { exp?: number }>(token)?.exp);
    }

    app.decorate('issueAccessToken', (principal: Principal) => app.jwt.sign(claimsOf(principal)));
  },
  { name: 'auth' },
);

/** The token of an `Authorization: Bearer <token>` header, exactly as a verified one would be remembered. */
function bearerToken(header: string | undefined): string | undefined {
  return header !== undefined && header.startsWith('Bearer ') && header.length > 7 ? header.slice(7) : undefined;
}

/**
 * Principals of tokens already verified, by the token itself, until the token
 * expires. Only the verification is remembered, never whether the token is
 * still honoured (revocation is asked of the database each time): a phone sends the same token with every request, and each request
 * otherwise paid for ECDSA verification (a sixth of the service's CPU under
 * load, before any cache), or with fast-jwt's own cache for decoding the token,
 * hashing it and re-validating its claims (about a tenth of the ballot route's
 * CPU). Only successes are remembered; a token differing by one character is
 * another key. Tokens are held as they arrived, only as long as they are valid
 * anyway. Bounded: past the limit the oldest entries go first.
 */
function verifiedTokens(limit = 10_000) {
  const entries = new Map<string, { principal: Principal; expiresAt: number }>();
  return {
    get(token: string): Principal | undefined {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      // The verifier's clock; forgotten at exp, a millisecond before the verifier would refuse it.
      if (Date.now() >= entry.expiresAt) {
        entries.delete(token);
        return undefined;
      }
      return entry.principal;
    },
    remember(token: string, principal: Principal, exp: number | undefined) {
      // A token without exp (never issued here) is verified every time.
      if (exp === undefined) return;
      if (entries.size >= limit) entries.delete(entries.keys().next().value!);
      entries.set(token, { principal: Object.freeze(principal), expiresAt: exp * 1000 });
    },
  };
}
