import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticateApiClient } from '../identity/api-clients.ts';
import { requestLoginCode } from '../identity/otp.ts';
import { sendMessageNow } from '../jobs/handlers.ts';
import { logInWithCode, logOut, refreshSession, type SessionDeps } from '../identity/sessions.ts';
import { inTransaction } from '../db/transaction.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from '../identity/principal.ts';
import { ProblemError, problemResponses } from '../problems.ts';
import { phoneSchema } from './schemas.ts';

const sessionSchema = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().describe('Seconds the access token is valid'),
    refreshToken: z.string().describe('Single use: each refresh returns the next one'),
    accountId: z.uuid(),
  })
  .meta({
    id: 'Session',
    example: {
      accessToken: 'eyJhbGciOiJFUzI1NiJ9…',
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshToken: 'rt_…',
      accountId: '6b1f…',
    },
  });

const refreshBody = z.object({ refreshToken: z.string().min(1).max(200) }).strict();

/** Logging in and out: phone + one-time code for people, client credentials for other systems. */
export default async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const limits = app.config.identityLimits;
  const loginCodeLimits = {
    perAddressPerHour: limits.loginCodesPerAddressPerHour,
    perEstatePerDay: limits.loginCodesPerEstatePerDay,
    unattachedPerDay: limits.loginCodesUnattachedPerDay,
  };
  const deps = (): SessionDeps => ({
    hmacKey: app.keys.identityHmacKey,
    clock: app.clock,
    signAccessToken: app.issueAccessToken,
  });

  app.post(
    '/auth/login-codes',
    {
      schema: {
        operationId: 'requestLoginCode',
        tags: ['auth'],
        summary: 'Text a one-time login code to a phone (valid 5 minutes)',
        description:
          'At most one code a minute and five an hour per phone, LOGIN_CODES_PER_ADDRESS_PER_HOUR per client address, and a ' +
          'daily ceiling on codes sent to the phones of one estate (phones of no estate share one): 429 with Retry-After.',
        body: z.object({ phone: phoneSchema }).strict(),
        response: {
          202: z.object({ expiresAt: z.iso.datetime() }).meta({ example: { expiresAt: '2026-11-22T08:05:00.000Z' } }),
          ...problemResponses(400, 429),
        },
      },
    },
    async (request, reply) => {
      const { expiresAt, deliveryId } = await inTransaction(app.database.db, (trx) =>
        requestLoginCode(trx, { hmacKey: app.keys.identityHmacKey, limits: loginCodeLimits }, {
          phone: request.body.phone,
          ip: request.ip,
          now: app.clock.now(),
        }),
      );
      // After commit: the code goes out at once, from this process (the job system retries it if it must).
      await sendMessageNow(app.jobDeps, app.jobs, deliveryId);
      return reply.code(202).send({ expiresAt: expiresAt.toISOString() });
    },
  );

  app.post(
    '/auth/sessions',
    {
      schema: {
        operationId: 'logIn',
        tags: ['auth'],
        summary: 'Log in with the phone and its one-time code (at most 5 tries per code)',
        body: z
          .object({ phone: phoneSchema, code: z.string().regex(/^\d{6}$/, 'expected the 6-digit code') })
          .strict()
          .meta({ example: { phone: '13800138000', code: '123456' } }),
        response: { 201: sessionSchema, ...problemResponses(400, 401) },
      },
    },
    async (request, reply) => reply.code(201).send(await logInWithCode(app.database.db, deps(), request.body)),
  );

  app.post(
    '/auth/refresh',
    {
      schema: {
        operationId: 'refreshSession',
        tags: ['auth'],
        summary: 'Exchange a refresh token for a new access token and the next refresh token',
        body: refreshBody,
        response: { 200: sessionSchema, ...problemResponses(400, 401) },
      },
    },
    async (request) => refreshSession(app.database.db, deps(), request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        operationId: 'logOut',
        tags: ['auth'],
        summary: 'End the session the refresh token belongs to; its access tokens are refused from the next request',
        body: refreshBody,
        response: { 204: z.null().describe('Logged out'), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      await logOut(app.database.db, app.clock, request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/token',
    {
      schema: {
        operationId: 'issueClientToken',
        tags: ['auth'],
        summary: 'OAuth 2.0 client credentials: an access token for another system',
        body: z
          .object({
            grant_type: z.literal('client_credentials'),
            client_id: z.uuid('expected the client id (UUID)'),
            client_secret: z.string().min(1).max(200),
          })
          .strict(),
        response: {
          200: z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int() }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const principal = await authenticateApiClient(app.database.db, request.body.client_id, request.body.client_secret);
      if (!principal) throw new ProblemError('unauthenticated', 'Unknown client or wrong secret');
      return { access_token: app.issueAccessToken(principal), token_type: 'Bearer' as const, expires_in: ACCESS_TOKEN_TTL_SECONDS };
    },
  );
}
