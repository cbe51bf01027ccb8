import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CENSOR, loggerOptions, SECRET_BODY_FIELDS, SECRET_FIELDS, SECRET_HEADERS } from '../../src/logger.ts';

/** A logger that keeps its lines, parsed, without the time. */
function capture(options: pino.LoggerOptions) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      const { time: _time, ...line } = JSON.parse(String(chunk));
      lines.push(line);
      done();
    },
  });
  return { log: pino(options, stream), lines };
}

const ours = () => capture(loggerOptions({ logLevel: 'info', env: 'production' }));

/** What the service configured before: pino's own redaction, from path patterns. */
const patterns = () =>
  capture({
    level: 'info',
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'req.headers["idempotency-key"]',
        'res.headers["set-cookie"]',
        ...[...SECRET_FIELDS].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
        ...[...SECRET_BODY_FIELDS].flatMap((key) => [`body.${key}`, `*.body.${key}`]),
      ],
      censor: CENSOR,
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, path: req.url.split('?')[0], ip: req.ip }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: pino.stdSerializers.err,
    },
  });

const keys = fc.constantFrom(...SECRET_FIELDS, 'code', 'body', 'owner', 'list', 'a', 'b', 'name', 'status', 'detail');
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 5 },
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    tie('object'),
    tie('array'),
  ),
  object: fc.dictionary(keys, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  array: fc.array(tie('value'), { maxLength: 3 }),
}));
const fields = fc.dictionary(keys, value, { maxKeys: 5, noNullPrototype: true });
const failure = fc.record({ message: fc.string({ maxLength: 8 }), extra: fc.dictionary(keys, value, { maxKeys: 3, noNullPrototype: true }) }).map(({ message, extra }) => {
  const err = new Error(message);
  Object.assign(err, extra);
  return err;
});

describe('log redaction', () => {
  it('blanks exactly what the path patterns blanked, in any line, and never changes what was logged', () => {
    fc.assert(
      fc.property(fields, fc.option(failure, { nil: undefined }), fields, (line, err, bindings) => {
        const before = JSON.stringify(line);
        const now = ours();
        now.log.info(err ? { ...line, err } : line, 'message');
        now.log.child(bindings).warn(line, 'child');
        expect(JSON.stringify(line)).toBe(before);
        // A copy for the patterns: in some nestings they blanked the caller's own object too.
        const then = patterns();
        const copy = structuredClone(line);
        then.log.info(err ? { ...copy, err } : copy, 'message');
        then.log.child(structuredClone(bindings)).warn(copy, 'child');
        for (const l of [...now.lines, ...then.lines]) delete (l as { err?: { stack?: string } }).err?.stack;
        expect(now.lines).toEqual(then.lines);
      }),
      { numRuns: 500 },
    );
  }, 30_000);

  it('blanks secret headers wherever a headers object is logged', () => {
    const { log, lines } = ours();
    const headers = Object.fromEntries([...SECRET_HEADERS].map((h) => [h, 'secret-value']));
    log.info({ upstream: { headers: { ...headers, accept: 'application/json' } } }, 'proxied');
    expect(JSON.stringify(lines)).not.toContain('secret-value');
    expect(lines[0]).toMatchObject({ upstream: { headers: { authorization: CENSOR, accept: 'application/json' } } });
  });

  it('keeps error codes readable (SQLSTATE, errno) while a login code in a request body is blanked', () => {
    const { log, lines } = ours();
    const failure = Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001', severity: 'ERROR' });
    log.error({ err: failure }, 'request errored');
    log.warn({ upstream: { code: 'ECONNREFUSED' } }, 'receiver down');
    log.info({ body: { phone: '13800138000', code: '482913' } }, 'careless handler');
    log.info({ request: { body: { phone: '13800138000', code: '482913' } } }, 'careless handler');
    expect(lines[0]).toMatchObject({ err: { code: '40001' } });
    expect(lines[1]).toMatchObject({ upstream: { code: 'ECONNREFUSED' } });
    expect(JSON.stringify(lines)).not.toContain('482913');
    expect(lines[2]).toMatchObject({ body: { phone: '13800138000', code: CENSOR } });
    expect(lines[3]).toMatchObject({ request: { body: { code: CENSOR } } });
  });
});
