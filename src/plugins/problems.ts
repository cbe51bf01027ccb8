import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/unavailable.ts';
import { type FieldError, ProblemError, type ProblemSlug, problemBody } from '../problems.ts';

/**
 * Every error leaves as application/problem+json. Client mistakes get a
 * precise 4xx; anything unexpected is logged in full and answered with a
 * bare 500 that carries no stack, SQL or message.
 */
export default fp(
  async function problems(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const problem = classify(error);
      if (problem.slug === 'internal-error') {
        request.log.error({ err: error }, 'unhandled error');
      } else if (problem.status >= 500) {
        request.log.warn({ err: { message: error.message, code: error.code } }, problem.detail ?? problem.slug);
      }
      if (error instanceof ProblemError) reply.headers(error.headers);
      if (problem.headers) reply.headers(problem.headers);
      return sendProblem(request, reply, problem.slug, problem.detail, problem.extensions, problem.status);
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(request, reply, 'not-found', `No route ${request.method} ${request.url.split('?')[0]}`),
    );
  },
  { name: 'problems' },
);

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  slug: ProblemSlug,
  detail?: string,
  extensions?: Record<string, unknown>,
  status?: number,
) {
  const body = problemBody(slug, {
    detail,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    extensions,
  });
  if (status !== undefined) body.status = status;
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

interface Classified {
  slug: ProblemSlug;
  status: number;
  detail?: string;
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

function classify(error: FastifyError): Classified {
  if (error instanceof ProblemError) {
    return { slug: error.slug, status: error.status, detail: error.detail, extensions: error.extensions };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = locationName(error.validationContext);
    const errors: FieldError[] = error.validation.flatMap((v) => {
      const path = [where, ...v.instancePath.split('/').filter(Boolean)];
      // Name each unknown field rather than the object that holds it.
      const unknownKeys = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: string[] }).keys : undefined;
      if (unknownKeys?.length) return unknownKeys.map((key) => ({ path: [...path, key].join('.'), message: 'unknown field' }));
      return [{ path: path.join('.'), message: v.message ?? 'invalid' }];
    });
    return {
      slug: 'validation-failed',
      status: 400,
      detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      extensions: { errors },
    };
  }
  if (isResponseSerializationError(error)) {
    return { slug: 'internal-error', status: 500 };
  }
  // The database down, restarting, frozen or full: a moment's wait, not a fault of the request or the code.
  if (isDatabaseUnavailable(error)) {
    return {
      slug: 'unavailable',
      status: 503,
      detail: 'The database is unavailable for a moment; retry after a few seconds',
      headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
    };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { slug: 'unsupported-media-type', status: 415, detail: 'Send the body as application/json' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { slug: 'payload-too-large', status: 413 };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { slug: 'malformed-request', status: 400, detail: 'The JSON body is empty' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { slug: 'malformed-request', status: 400, detail: 'The Content-Length does not match the body' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { slug: 'malformed-request', status: 400, detail: 'The body is not valid JSON' };
  }
  if (error.code?.startsWith('FST_JWT_') || error.code?.startsWith('FAST_JWT_')) {
    return { slug: 'unauthenticated', status: 401, detail: 'The access token is missing, invalid or expired' };
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return { slug: 'malformed-request', status: 400, detail: 'The body is not valid JSON' };
  }
  const status = error.statusCode ?? 500;
  if (status === 429) return { slug: 'rate-limited', status };
  if (status >= 400 && status < 500) {
    // A framework 4xx we have not mapped yet: keep the status, not its wording.
    return { slug: 'malformed-request', status, detail: error.code ?? undefined };
  }
  return { slug: 'internal-error', status: 500 };
}

function locationName(context: string | undefined): string {
  switch (context) {
    case 'querystring':
      return 'query';
    case undefined:
      return 'body';
    default:
      return context;
  }
}
