import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/unavailable.ts';
import { type FieldError, PROBLEM_TYPES, ProblemError, type ProblemSlug, problemBody } from '../problems.ts';
import { BASELINE_SECURITY_HEADERS } from './security-headers.ts';

/**
 * Every error leaves as application/problem+json. Client mistakes get a
 * precise 4xx; anything unexpected is logged in full and answered with a
 * bare 500 that carries no stack, SQL or message.
 */
export default fp(
  async function problems(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const problem = classify(error, request);
      if (problem.slug === 'internal-error') {
        request.log.error({ err: error }, 'unhandled error');
      } else if (problem.status >= 500) {
        request.log.warn({ err: { message: error.message, code: error.code } }, problem.detail ?? problem.slug);
      }
      if (error instanceof ProblemError) reply.headers(error.headers);
      if (problem.headers) reply.headers(problem.headers);
      return sendProblem(request, reply, problem.slug, problem.detail, problem.extensions, problem.status);
    });

    // A GET for a path no route serves may be a page of the owner app (src/plugins/web-app.ts puts
    // its fallback here). Not a wildcard route: that would also catch what the router refuses
    // (a path segment over maxParamLength is a 414, not a page).
    app.decorate('pageFallbacks', []);
    app.setNotFoundHandler((request, reply) => {
      for (const fallback of app.pageFallbacks) if (fallback(request)) return fallback.answer(request, reply);
      return answerNotFound(request, reply);
    });
  },
  { name: 'problems' },
);

/** A page served for paths no route serves: called with a request, says whether it is one of its paths. */
export interface PageFallback {
  (request: FastifyRequest): boolean;
  answer(request: FastifyRequest, reply: FastifyReply): FastifyReply;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Asked in order before a 404 problem is answered (one shared list: the web apps add theirs). */
    pageFallbacks: PageFallback[];
  }
}

/** The answer to a path no route serves: a 404 problem (also sent by the web apps' fallback for the API's paths). */
export function answerNotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, 'not-found', `No route ${request.method} ${request.url.split('?')[0]}`);
}

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

function classify(error: FastifyError, request: FastifyRequest): Classified {
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
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      // Say what this route takes: an upload of files takes no JSON (issue 16).
      const accepted = acceptedTypes(request);
      return { slug: 'unsupported-media-type', status: 415, detail: `Send the body as ${accepted.join(' or ')}`, extensions: { accepted } };
    }
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

/** The media types the request's route accepts (its schema's `consumes`), JSON where it names none. */
function acceptedTypes(request: FastifyRequest): string[] {
  const consumes = (request.routeOptions.schema as { consumes?: unknown } | undefined)?.consumes;
  return Array.isArray(consumes) && consumes.length > 0 && consumes.every((c) => typeof c === 'string') ? consumes : ['application/json'];
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

/**
 * Errors Fastify meets before any route or hook runs (the router's): a URL
 * that is not valid percent-encoding, a path segment over `maxParamLength`.
 * Pass as the `frameworkErrors` option. Hooks do not run for these, so the
 * security headers are set here.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(BASELINE_SECURITY_HEADERS);
  reply.header('x-request-id', request.id);
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      sendProblem(request, reply, 'malformed-request', 'The URL is not valid: bad percent-encoding');
      return;
    case 'FST_ERR_MAX_PARAM_LENGTH':
      sendProblem(request, reply, 'uri-too-long', 'A path segment is longer than any identifier');
      return;
    default:
      request.log.error({ err: error }, 'framework error');
      sendProblem(request, reply, 'internal-error');
  }
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers too
 * large, a request that is not HTTP, a timeout) is answered on the socket
 * itself, as problem+json, and the connection closed. Pass as the
 * `clientErrorHandler` option.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const slug: ProblemSlug =
    error.code === 'HPE_HEADER_OVERFLOW' ? 'headers-too-large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request-timeout' : 'malformed-request';
  this.log.debug({ err: { message: error.message, code: error.code } }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify(problemBody(slug, { detail: slug === 'malformed-request' ? 'The HTTP request could not be parsed' : undefined }));
    const headers = {
      ...BASELINE_SECURITY_HEADERS,
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    };
    const status = PROBLEM_TYPES[slug].status;
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')}\r\n${body}`,
    );
  }
  socket.destroy(error);
}
