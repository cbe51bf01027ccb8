import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import { type Logger, stdSerializers, symbols } from 'pino';
import type { Config } from './config.ts';

/**
 * Fields pino blanks out of every log line. Identity numbers, login codes and
 * tokens must never reach a log, even when a handler logs a whole object:
 * a field with one of these names is replaced wherever it sits in the first
 * three levels of a line (a field of the line, of an object in it, or of an
 * object in that), and so are these request and response headers.
 */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'secret',
  'otp',
  'loginCode',
  'idNumber',
  'identityNumber',
  // 不动产权证书号: a second factor of self-verification (issue 14), kept only as an HMAC.
  'certificateNumber',
]);
/**
 * A field named `code` is blanked only where a login code sits: in a request
 * body (`POST /v1/auth/sessions {phone, code}`), logged as `body` or
 * `*.body`. Elsewhere `code` is what errors carry — PostgreSQL's SQLSTATE,
 * Node's `ECONNREFUSED`, Fastify's `FST_…` — and must stay readable.
 */
export const SECRET_BODY_FIELDS: ReadonlySet<string> = new Set(['code']);
export const SECRET_HEADERS: ReadonlySet<string> = new Set(['authorization', 'cookie', 'x-api-key', 'idempotency-key', 'set-cookie']);
export const CENSOR = '[redacted]';

/** Levels of a log line searched for secret fields: `token`, `*.token` and `*.*.token`. */
const DEPTH = 3;

/**
 * `value` with every secret field below it replaced, for a value found at
 * `depth` (0: the line itself). Returns `value` itself when it holds no
 * secret, a copy otherwise: what the caller logged is never changed.
 *
 * pino's own `redact` option did this before, from path patterns
 * (`*.token`, `*.*.token`, …); with these wildcards it cost ≈ 40 µs a request
 * (two lines and a child logger), about a tenth of the ballot route's CPU.
 * test/unit/log-redaction.test.ts holds this walk to what those patterns did.
 */
export function censored(value: unknown, depth: number, inHeaders = false, inBody = false): unknown {
  if (depth >= DEPTH || value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof Date) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    const next =
      field !== undefined && (SECRET_FIELDS.has(key) || (inHeaders && SECRET_HEADERS.has(key)) || (inBody && SECRET_BODY_FIELDS.has(key)))
        ? CENSOR
        : censored(field, depth + 1, depth === 1 && key === 'headers', key === 'body');
    if (next !== field) {
      copy ??= (Array.isArray(value) ? [...(value as unknown[])] : { ...value }) as Record<string, unknown>;
      copy[key] = next;
    }
  }
  return copy ?? value;
}

/** Fields of a line that pino hands to a serializer: censored after it, as pino's redaction did. */
const serializers = {
  // Query strings can carry anything a client typed; log only the path.
  req: (req: { method: string; url: string; id: string; ip?: string }) => ({ method: req.method, path: req.url.split('?')[0], ip: req.ip }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
  err: (err: Error) => censored(stdSerializers.err(err), 1) as ReturnType<typeof stdSerializers.err>,
};

/** A log line's (or a child logger's) own fields, censored; the serialized ones are censored by their serializer. */
function censoredFields(fields: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(fields)) {
    if (key in serializers) continue;
    const field = fields[key];
    const next = field !== undefined && SECRET_FIELDS.has(key) ? CENSOR : censored(field, 1, false, key === 'body');
    if (next !== field) {
      copy ??= { ...fields };
      copy[key] = next;
    }
  }
  return copy ?? fields;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * One access line per request, written when it is answered — method, path,
 * client, status and time — instead of Fastify's two ("incoming request" and
 * "request completed"): under load a log line costs as much as a tenth of
 * the ballot route. Errors are logged as Fastify logs them.
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** Use the caller's X-Request-Id when it is a plain token (so traces join up), else make one. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** A secret field's name as it appears in a line's JSON text. */
const SECRET_NAME_IN_JSON = new RegExp(`"(?:${[...SECRET_FIELDS, ...SECRET_HEADERS, ...SECRET_BODY_FIELDS].map((n) => n.replace(/[-.]/g, '\\$&')).join('|')})":`);

/**
 * A child logger's own fields (pino applies `formatters.bindings` only to
 * the root's): pino has already written them out as JSON text, which is
 * rewritten, censored, only when it names a secret field. A request's child
 * logger carries only its request id, so the common case is one regex test.
 */
function censorChild(child: Logger) {
  const holder = child as unknown as Record<symbol, string>;
  const text = holder[symbols.chindingsSym]!;
  if (!SECRET_NAME_IN_JSON.test(text)) return;
  const fields = censoredFields(JSON.parse(`{${text.slice(1)}}`) as Record<string, unknown>);
  holder[symbols.chindingsSym] = Object.entries(fields)
    .map(([key, field]) => `,${JSON.stringify(key)}:${JSON.stringify(field)}`)
    .join('');
}

export function loggerOptions(
  config: Pick<Config, 'logLevel' | 'env'>,
): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level: config.logLevel,
    serializers,
    formatters: { log: censoredFields, bindings: censoredFields },
    onChild: censorChild,
  };
}
