import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticateApiClient } from '../identity/api-clients.ts';
import { requestLoginCode } from '../identity/otp.ts';
import { sendMessageNow } from '../jobs/handlers.ts';
import { logInWithCode, logOut, refreshSession, type Session, type SessionDeps } from '../identity/sessions.ts';
import { inTransaction } from '../db/transaction.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from '../identity/principal.ts';
import { REFRESH_TOKEN_TTL_MS } from '../identity/refresh-tokens.ts';
import { cookieValue, setCookie } from '../lib/cookies.ts';
import { ProblemError, problemResponses } from '../problems.ts';
import { phoneSchema } from './schemas.ts';

const sessionSchema = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().describe('Seconds the access token is valid'),
    refreshToken: z
      .string()
      .optional()
      .describe('Single use: each refresh returns the next one. Absent when it went into the browser\'s refresh cookie (refreshTokenIn: cookie)'),
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

/** One of the service's own answers, carried inside another: its status and its JSON body (a problem when not 2xx). */
const carriedAnswerSchema = z.object({ status: z.number().int(), body: z.unknown() });

/**
 * The refresh, and the meeting an SMS link opens: on a phone's slow network each round trip costs
 * about half a second, and the meeting's reads need the refreshed access token — one request
 * instead of two in a row.
 */
const refreshedSessionSchema = sessionSchema
  .extend({
    withMeeting: z
      .object({
        meeting: carriedAnswerSchema.describe('What GET /v1/meetings/{meetingId} answers with the new access token'),
        myBallots: carriedAnswerSchema.describe('What GET /v1/meetings/{meetingId}/my-ballots answers with the new access token'),
      })
      .optional()
      .describe('Present when asked for (withMeeting): the meeting\'s two reads, answered by their own routes'),
  })
  .meta({ id: 'RefreshedSession' });

/**
 * Browsers keep the refresh token where no script can read it: an HttpOnly, SameSite=Strict
 * cookie sent back only to the refresh route (Secure in production). The web apps keep the
 * access token in memory and, after a reload, get a new one from POST /v1/auth/refresh with `{}`.
 * API clients keep using the JSON body.
 */
export const REFRESH_COOKIE = 'gongjue_refresh';
export const REFRESH_COOKIE_PATH = '/v1/auth/refresh';

const refreshTokenIn = z
  .enum(['body', 'cookie'])
  .default('body')
  .describe('Where the refresh token goes: the JSON answer (API clients), or an HttpOnly cookie for the refresh route (browsers; then absent from the answer)');

/**
 * The meeting's two reads as the app would send them next, answered by their own routes (their
 * access checks, problems and schemas: one home for each), in this process.
 */
async function meetingReads(app: FastifyInstance, meetingId: string, accessToken: string) {
  const read = async (url: string) => {
    const answer = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${accessToken}` } });
    return { status: answer.statusCode, body: answer.json<unknown>() };
  };
  const [meeting, myBallots] = await Promise.all([read(`/v1/meetings/${meetingId}`), read(`/v1/meetings/${meetingId}/my-ballots`)]);
  return { meeting, myBallots };
}

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

  const secure = app.config.env === 'production' || app.config.publicBaseUrl.startsWith('https://');
  const refreshCookie = (value: string, maxAgeSeconds: number) =>
    setCookie(REFRESH_COOKIE, value, { path: REFRESH_COOKIE_PATH, maxAgeSeconds, secure });
  /** The session's refresh token goes into the cookie; the answer keeps the rest. */
  const intoCookie = (reply: FastifyReply, { refreshToken, ...rest }: Session) => {
    reply.header('set-cookie', refreshCookie(refreshToken, REFRESH_TOKEN_TTL_MS / 1000));
    return rest;
  };

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
          .object({ phone: phoneSchema, code: z.string().regex(/^\d{6}$/, 'expected the 6-digit code'), refreshTokenIn })
          .strict()
          .meta({ example: { phone: '13800138000', code: '123456' } }),
        response: { 201: sessionSchema, ...problemResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const { refreshTokenIn: into, ...credentials } = request.body;
      const session = await logInWithCode(app.database.db, deps(), credentials);
      return reply.code(201).send(into === 'cookie' ? intoCookie(reply, session) : session);
    },
  );

  app.post(
    '/auth/refresh',
    {
      schema: {
        operationId: 'refreshSession',
        tags: ['auth'],
        summary: 'Exchange a refresh token for a new access token and the next refresh token',
        description:
          'Send { refreshToken }, or {} from a browser that logged in with refreshTokenIn: cookie: the refresh cookie is used, ' +
          'and the next refresh token replaces it (absent from the answer). A refused cookie is cleared. With withMeeting, the ' +
          'answer also carries that meeting\'s GET /v1/meetings/{meetingId} and …/my-ballots answers, read with the new access token.',
        body: refreshBody.partial().extend({
          withMeeting: z
            .uuid('expected a meeting id (UUID)')
            .optional()
            .describe('Also read this meeting and my ballots on it with the new access token (withMeeting in the answer): an SMS link opens on one round trip'),
        }),
        response: { 200: refreshedSessionSchema, ...problemResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const { refreshToken: fromBody, withMeeting } = request.body;
      const token = fromBody ?? cookieValue(request.headers.cookie, REFRESH_COOKIE);
      if (token === undefined) throw new ProblemError('unauthenticated', 'No refresh token: send { refreshToken }, or log in again');
      try {
        const session = await refreshSession(app.database.db, deps(), token);
        const answer = fromBody === undefined ? intoCookie(reply, session) : session;
        return withMeeting === undefined ? answer : { ...answer, withMeeting: await meetingReads(app, withMeeting, session.accessToken) };
      } catch (refusal) {
        // A spent, revoked or unknown cookie is of no further use: the browser drops it.
        if (fromBody === undefined && refusal instanceof ProblemError && refusal.slug === 'unauthenticated') reply.header('set-cookie', refreshCookie('', 0));
        throw refusal;
      }
    },
  );

  app.delete(
    '/auth/refresh',
    {
      schema: {
        operationId: 'logOutBrowser',
        tags: ['auth'],
        summary: 'Log a browser out: end the session of its refresh cookie and clear the cookie',
        description: 'The browser counterpart of POST /v1/auth/logout. Without a cookie there is nothing to end: 204 all the same.',
        response: { 204: z.null().describe('Logged out'), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const token = cookieValue(request.headers.cookie, REFRESH_COOKIE);
      if (token !== undefined) await logOut(app.database.db, app.clock, token);
      return reply.code(204).header('set-cookie', refreshCookie('', 0)).send(null);
    },
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
