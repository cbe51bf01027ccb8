import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

/**
 * Paths pino blanks out of every log line. Identity numbers, codes and
 * tokens must never reach a log, even when a handler logs a whole object.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  ...['password', 'token', 'accessToken', 'refreshToken', 'clientSecret', 'secret', 'otp', 'code', 'idNumber', 'identityNumber'].flatMap(
    (key) => [key, `*.${key}`, `*.*.${key}`],
  ),
];

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Use the caller's X-Request-Id when it is a plain token (so traces join up), else make one. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export function loggerOptions(
  config: Pick<Config, 'logLevel' | 'env'>,
): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Query strings can carry anything a client typed; log only the path.
    serializers: {
      req(req: { method: string; url: string; id: string; ip?: string }) {
        return { method: req.method, path: req.url.split('?')[0], ip: req.ip };
      },
    },
  };
}
