import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../identity/permissions.ts';
import { type Principal, principalFromClaims } from '../identity/principal.ts';
import { BullmqRunner } from '../jobs/bullmq-runner.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from '../identity/principal.ts';
import { PROBLEM_TYPES, ProblemError, type ProblemSlug, problemBody } from '../problems.ts';
import { sendProblem } from './problems.ts';
import { CSP } from './security-headers.ts';

export const DASHBOARD_PATH = '/admin/queues';
const LOGIN_PATH = '/admin/login';
const COOKIE = 'gongjue_dashboard';

/**
 * The BullMQ queue dashboard (bull-board), for admins only. A browser cannot
 * send an Authorization header by itself, so an admin pastes an access token
 * into the login form once; it comes back as an HttpOnly, SameSite=Strict
 * cookie for the dashboard's path only, good until the token expires. API
 * tools may send the Bearer header instead. Nothing here is in the OpenAPI
 * document: it is an operator's page, not part of the API.
 */
export default async function queueDashboard(app: FastifyInstance) {
  if (!(app.jobs instanceof BullmqRunner)) return; // No queues without Redis: nothing to show.
  const queues = [...app.jobs.queues.values()];

  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    // The login form posts a plain HTML form.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    // A token whose session or client has ended is no token, here as on the API.
    const principalOf = async (token: string | undefined): Promise<Principal | undefined> => {
      if (!token) return undefined;
      let principal: Principal;
      try {
        principal = principalFromClaims(scope.jwt.verify(token));
      } catch {
        return undefined;
      }
      return (await app.accessRevocation(principal)) === null ? principal : undefined;
    };
    const isAdmin = (p: Principal | undefined) => p !== undefined && may(p, 'jobs.dashboard');

    scope.addHook('onRequest', async (request, reply) => {
      reply.header('content-security-policy', request.url.startsWith(DASHBOARD_PATH) ? CSP.adminDashboard : CSP.adminLogin);
    });

    scope.get(LOGIN_PATH, async (_request, reply) => reply.type('text/html; charset=utf-8').send(loginPage()));
    scope.post(LOGIN_PATH, async (request, reply) => {
      const token = (request.body as Record<string, string> | undefined)?.token?.trim();
      if (!isAdmin(await principalOf(token))) {
        return reply.code(401).type('text/html; charset=utf-8').send(loginPage('令牌无效或不是管理员 · Not a valid admin access token'));
      }
      const secure = app.config.publicBaseUrl.startsWith('https://') ? '; Secure' : '';
      reply.header('set-cookie', `${COOKIE}=${token}; Path=${DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${ACCESS_TOKEN_TTL_SECONDS}${secure}`);
      return reply.redirect(DASHBOARD_PATH, 303);
    });

    await scope.register(async (board) => {
      board.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const header = request.headers.authorization;
        const token = header?.startsWith('Bearer ') ? header.slice(7) : cookieOf(request.headers.cookie, COOKIE);
        const principal = await principalOf(token);
        if (isAdmin(principal)) return;
        if (principal === undefined && (request.headers.accept ?? '').includes('text/html')) return reply.redirect(LOGIN_PATH, 303);
        return principal === undefined
          ? sendProblem(request, reply, 'unauthenticated', 'Send an admin access token: Authorization: Bearer <token>, or log in at /admin/login')
          : sendProblem(request, reply, 'forbidden', 'The queue dashboard is for admins');
      });
      // bull-board answers its errors in its own JSON, and catches ours (e.g. a NUL in a query) as its 500:
      // every error leaves here as problem+json too, ours with its own type and status.
      const errors = new WeakMap<FastifyRequest, Error>();
      board.addHook('onError', async (request, _reply, error) => {
        errors.set(request, error);
      });
      board.addHook('onSend', async (request, reply, payload) => {
        if (reply.statusCode < 400 || String(reply.getHeader('content-type') ?? '').startsWith('application/problem+json')) return payload;
        const error = errors.get(request);
        const slug: ProblemSlug = error instanceof ProblemError ? error.slug : slugForStatus(reply.statusCode);
        const body = problemBody(slug, {
          instance: request.url.split('?')[0],
          requestId: String(request.id),
          ...(error instanceof ProblemError ? { detail: error.detail, extensions: error.extensions } : {}),
        });
        reply.code(body.status).type('application/problem+json; charset=utf-8');
        return JSON.stringify(body);
      });
      const serverAdapter = new FastifyAdapter();
      serverAdapter.setBasePath(DASHBOARD_PATH);
      createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter, options: { uiConfig: { boardTitle: 'Gongjue 共决 jobs' } } });
      await board.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
    });
  });
}

/** The problem type of a status bull-board chose: the first type with that status. */
function slugForStatus(status: number): ProblemSlug {
  const slug = (Object.keys(PROBLEM_TYPES) as ProblemSlug[]).find((s) => PROBLEM_TYPES[s].status === status);
  return slug ?? (status >= 500 ? 'internal-error' : 'malformed-request');
}

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function loginPage(error?: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>任务队列 · Job queues</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}textarea{width:100%;height:8rem}button{font-size:1rem;padding:.4rem 1.2rem}.error{color:#b00020}</style>
</head><body>
<h1>任务队列 · Job queues</h1>
<p>粘贴管理员的访问令牌（15 分钟内有效）。<br>Paste an admin access token (valid 15 minutes).</p>
${error ? `<p class="error">${error}</p>` : ''}
<form method="post" action="${LOGIN_PATH}"><textarea name="token" required autocomplete="off"></textarea><p><button type="submit">进入 · Enter</button></p></form>
</body></html>`;
}
