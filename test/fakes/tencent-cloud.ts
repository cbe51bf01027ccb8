import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import { type FakeAnswer, type FakeRequest, type HttpFake, json, startHttpFake } from './http-fake.ts';

/**
 * A Tencent Cloud API 3.0 service as its SDKs meet it: POST / with a JSON
 * body, the action and version in X-TC-Action / X-TC-Version, each call signed
 * TC3-HMAC-SHA256 in the Authorization header. The signature is recomputed
 * here from the request as received (not with the SDK's code). Every answer is
 * HTTP 200 {Response: {...}}, errors as Response.Error {Code, Message}.
 *
 * The signing service is the endpoint's first label, so the adapters are
 * pointed at http://sms.tencentcloudapi.test:PORT (faceid.…) and connect
 * through loopbackAgent(), which resolves every name to 127.0.0.1.
 */

export type TencentAnswer = { response: Record<string, unknown> } | { error: string; message: string } | { httpStatus: number } | { hang: true };

export interface TencentCloudFake extends HttpFake {
  /** The endpoint URL to give the adapter. */
  endpoint: string;
  refusals: string[];
  actions: string[];
}

const sha256hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** An agent that connects every host name to 127.0.0.1, so the signed host can be the service's own name. */
export function loopbackAgent(): Agent {
  const lookup = ((_host: string, opts: unknown, cb: (...args: unknown[]) => void) => {
    const all = typeof opts === 'object' && opts !== null && 'all' in opts && opts.all === true;
    if (all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
    else cb(null, '127.0.0.1', 4);
  }) as unknown as LookupFunction;
  return new Agent({ lookup });
}

export async function startTencentCloudFake(options: {
  service: string;
  version: string;
  secretId: string;
  secretKey: string;
  /** SMS requires X-TC-Region; faceid takes none. */
  requireRegion: boolean;
  handle: (action: string, params: Record<string, unknown>) => TencentAnswer;
}): Promise<TencentCloudFake> {
  const refusals: string[] = [];
  const actions: string[] = [];
  const answer = (body: Record<string, unknown>): FakeAnswer => json(200, { Response: { ...body, RequestId: randomUUID() } });
  const refuse = (code: string, message: string): FakeAnswer => {
    refusals.push(code);
    return answer({ Error: { Code: code, Message: message } });
  };

  function checkSignature(req: FakeRequest): FakeAnswer | null {
    const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      String(req.headers.authorization ?? ''),
    );
    if (!auth) return refuse('AuthFailure.InvalidAuthorization', 'Authorization header does not follow the TC3-HMAC-SHA256 standard.');
    const [, secretId, date, service, signedList, signature] = auth as unknown as [string, string, string, string, string, string];
    if (secretId !== options.secretId) return refuse('AuthFailure.SecretIdNotFound', 'The SecretId is not found.');
    const timestamp = Number(req.headers['x-tc-timestamp']);
    if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return refuse('AuthFailure.SignatureExpire', 'Signature expired.');
    if (date !== new Date(timestamp * 1000).toISOString().slice(0, 10)) return refuse('AuthFailure.InvalidAuthorization', 'The credential date is not the timestamp\'s.');
    if (service !== options.service) return refuse('AuthFailure.InvalidAuthorization', `The credential scope names service ${service}, not ${options.service}.`);
    const signed = signedList.split(';');
    if (!signed.includes('content-type') || !signed.includes('host')) return refuse('AuthFailure.InvalidAuthorization', 'content-type and host must be signed.');
    // The host is signed without the port (the SDK signs URL.hostname).
    const value = (h: string) => (h === 'host' ? String(req.headers.host ?? '').replace(/:\d+$/, '') : String(req.headers[h] ?? '')).trim().toLowerCase();
    const url = new URL(req.url, 'http://fake');
    const canonical = [req.method, url.pathname, url.search.slice(1), signed.map((h) => `${h}:${value(h)}\n`).join(''), signedList, sha256hex(req.body)].join('\n');
    const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/${service}/tc3_request`, sha256hex(canonical)].join('\n');
    const key = hmac(hmac(hmac(`TC3${options.secretKey}`, date), service), 'tc3_request');
    if (createHmac('sha256', key).update(stringToSign).digest('hex') !== signature) {
      return refuse('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
    }
    return null;
  }

  const server = await startHttpFake((req) => {
    if (req.method !== 'POST') return refuse('UnsupportedProtocol', 'POST only here.');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse('InvalidParameter', 'Expected a JSON body.');
    const bad = checkSignature(req);
    if (bad) return bad;
    if (req.headers['x-tc-version'] !== options.version) return refuse('NoSuchVersion', 'The API version does not exist.');
    if (options.requireRegion && !req.headers['x-tc-region']) return refuse('MissingParameter', 'The request is missing a required parameter `Region`.');
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return refuse('InvalidParameter', 'The body is not JSON.');
    }
    const action = String(req.headers['x-tc-action'] ?? '');
    const result = options.handle(action, params);
    if ('hang' in result) return new Promise<FakeAnswer>(() => {});
    if ('httpStatus' in result) {
      refusals.push(`http ${result.httpStatus}`);
      return { status: result.httpStatus, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' };
    }
    if ('error' in result) return refuse(result.error, result.message);
    actions.push(action);
    return answer(result.response);
  });

  return { ...server, endpoint: `http://${options.service}.tencentcloudapi.test:${server.port}`, refusals, actions };
}

/** A parameter check in the provider's words: MissingParameter names the first absent one. */
export function missing(params: Record<string, unknown>, names: readonly string[]): TencentAnswer | null {
  const absent = names.find((n) => params[n] === undefined || params[n] === null || params[n] === '');
  return absent ? { error: 'MissingParameter', message: `The request is missing a required parameter \`${absent}\`.` } : null;
}
