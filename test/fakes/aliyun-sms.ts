import { createHash, createHmac, randomUUID } from 'node:crypto';
import { type FakeAnswer, type FakeRequest, type HttpFake, json, startHttpFake } from './http-fake.ts';

/**
 * Alibaba Cloud SMS (Dysmsapi 2017-05-25) as the official v4 SDK meets it:
 * RPC-style actions named by the x-acs-action / x-acs-version headers, their
 * parameters in the query, each call signed ACS3-HMAC-SHA256 in the
 * Authorization header. The signature is recomputed here from the request as
 * received (not with the SDK's code), and the answers follow the provider's:
 * business refusals as HTTP 200 with a Code, signature and parameter errors as
 * 4xx, throttling as Throttling.User.
 */

export interface AliyunSent {
  phone: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  outId: string | null;
  bizId: string;
  sentAt: Date;
  /** Set by deliver(): 3 delivered, 2 failed; 1 until then. */
  sendStatus: 1 | 2 | 3;
  errCode: string;
  receivedAt: Date | null;
}

/** What the fake answers a SendSms to a phone, instead of accepting it. */
export type AliyunScript =
  | { code: string; message: string }
  | { throttle: true; retryAfterMs?: number }
  | { httpStatus: number; body?: string }
  /** Never answer (the adapter's timeout must end the call). */
  | { hang: true };

export interface AliyunSmsFake extends HttpFake {
  sent: AliyunSent[];
  /** Every refused call's code, in order (signature, missing parameters, …). */
  refusals: string[];
  /** Every accepted call's action. */
  actions: string[];
  script(phone: string, answer: AliyunScript | null): void;
  deliver(outId: string, report: { delivered: boolean; errCode?: string; at?: Date }): void;
}

const VERSION = '2017-05-25';
const REQUIRED_SIGNED = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

/** RFC 3986 percent-encoding, as the ACS3 canonical query wants it. */
const percent = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function beijing(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export async function startAliyunSmsFake(options: {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Approved templates: code → its parameter names. */
  templates: Record<string, readonly string[]>;
}): Promise<AliyunSmsFake> {
  const sent: AliyunSent[] = [];
  const refusals: string[] = [];
  const actions: string[] = [];
  const scripts = new Map<string, AliyunScript>();
  const nonces = new Set<string>();

  const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}): FakeAnswer => {
    refusals.push(code);
    return json(status, { RequestId: randomUUID(), HostId: 'dysmsapi.aliyuncs.com', Code: code, Message: message }, headers);
  };

  /** The Authorization header checked as the provider checks it; an error answer, or null when it holds. */
  function checkSignature(req: FakeRequest): FakeAnswer | null {
    const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization ?? ''));
    if (!auth) return refuse(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    const [, keyId, signedList, signature] = auth as unknown as [string, string, string, string];
    if (keyId !== options.accessKeyId) return refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const signed = signedList.split(';');
    if (REQUIRED_SIGNED.some((h) => !signed.includes(h)) || [...signed].sort().join(';') !== signedList) {
      return refuse(400, 'IncompleteSignature', 'Required headers are not signed.');
    }
    const date = Date.parse(String(req.headers['x-acs-date'] ?? ''));
    if (!Number.isFinite(date) || Math.abs(Date.now() - date) > 15 * 60_000) return refuse(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    const nonce = String(req.headers['x-acs-signature-nonce'] ?? '');
    if (nonce === '' || nonces.has(nonce)) return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    const payloadHash = sha256hex(req.body);
    if (req.headers['x-acs-content-sha256'] !== payloadHash) return refuse(400, 'SignatureDoesNotMatch', 'The body does not match x-acs-content-sha256.');
    const url = new URL(req.url, 'http://fake');
    const query = [...url.searchParams.entries()]
      .map(([k, v]) => [percent(k), percent(v)] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const headers = signed.map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('');
    const canonical = [req.method, url.pathname, query, headers, signedList, payloadHash].join('\n');
    const stringToSign = `ACS3-HMAC-SHA256\n${sha256hex(canonical)}`;
    const expected = createHmac('sha256', options.accessKeySecret).update(stringToSign).digest('hex');
    if (expected !== signature) return refuse(400, 'SignatureDoesNotMatch', 'Specified signature does not match our calculation.');
    nonces.add(nonce);
    return null;
  }

  function sendSms(q: URLSearchParams): FakeAnswer | Promise<FakeAnswer> {
    for (const p of ['PhoneNumbers', 'SignName', 'TemplateCode']) {
      if (!q.get(p)) return refuse(400, `Missing${p}`, `${p} is mandatory for this action.`);
    }
    const phone = q.get('PhoneNumbers')!;
    const script = scripts.get(phone);
    if (script && 'throttle' in script) {
      return refuse(400, 'Throttling.User', 'Request was denied due to user flow control.', script.retryAfterMs ? { 'x-acs-retry-after': String(script.retryAfterMs) } : {});
    }
    if (script && 'hang' in script) return new Promise<FakeAnswer>(() => {});
    if (script && 'httpStatus' in script) {
      refusals.push(`http ${script.httpStatus}`);
      return { status: script.httpStatus, headers: { 'content-type': 'text/html' }, body: script.body ?? '<html>Service Unavailable</html>' };
    }
    const ok = (code: string, message: string) => {
      refusals.push(code);
      return json(200, { RequestId: randomUUID(), Code: code, Message: message });
    };
    if (script) return ok(script.code, script.message);
    if (!/^1\d{10}$/.test(phone)) return ok('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    if (q.get('SignName') !== options.signName) return ok('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    const names = options.templates[q.get('TemplateCode')!];
    if (!names) return ok('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    let param: Record<string, string>;
    try {
      param = JSON.parse(q.get('TemplateParam') ?? '{}') as Record<string, string>;
    } catch {
      return ok('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    if (names.some((n) => typeof param[n] !== 'string') || Object.keys(param).length !== names.length) {
      return ok('isv.TEMPLATE_MISSING_PARAMETERS', '模板变量缺少对应参数值');
    }
    const bizId = `${Math.floor(Math.random() * 1e15)}^0`;
    sent.push({
      phone,
      signName: q.get('SignName')!,
      templateCode: q.get('TemplateCode')!,
      templateParam: param,
      outId: q.get('OutId'),
      bizId,
      sentAt: new Date(),
      sendStatus: 1,
      errCode: 'DELIVERING',
      receivedAt: null,
    });
    return json(200, { RequestId: randomUUID(), Code: 'OK', Message: 'OK', BizId: bizId });
  }

  function querySendDetails(q: URLSearchParams): FakeAnswer {
    for (const p of ['PhoneNumber', 'SendDate', 'PageSize', 'CurrentPage']) {
      if (!q.get(p)) return refuse(400, `Missing${p}`, `${p} is mandatory for this action.`);
    }
    if (!/^\d{8}$/.test(q.get('SendDate')!)) return refuse(400, 'isv.INVALID_PARAMETERS', 'SendDate 格式错误');
    const size = Number(q.get('PageSize'));
    if (!(size >= 1 && size <= 50)) return refuse(400, 'isv.INVALID_PARAMETERS', 'PageSize 超出范围');
    const page = Number(q.get('CurrentPage'));
    const matching = sent.filter((s) => s.phone === q.get('PhoneNumber') && beijing(s.sentAt).slice(0, 10).replaceAll('-', '') === q.get('SendDate'));
    const slice = matching.slice((page - 1) * size, page * size);
    return json(200, {
      RequestId: randomUUID(),
      Code: 'OK',
      Message: 'OK',
      TotalCount: String(matching.length),
      SmsSendDetailDTOs: {
        SmsSendDetailDTO: slice.map((s) => ({
          PhoneNum: s.phone,
          SendStatus: s.sendStatus,
          ErrCode: s.errCode,
          TemplateCode: s.templateCode,
          Content: `【${s.signName}】…`,
          SendDate: beijing(s.sentAt),
          ReceiveDate: s.receivedAt ? beijing(s.receivedAt) : '',
          OutId: s.outId ?? '',
        })),
      },
    });
  }

  const server = await startHttpFake((req) => {
    if (req.method !== 'POST' && req.method !== 'GET') return refuse(405, 'UnsupportedHTTPMethod', 'Method not allowed');
    const action = String(req.headers['x-acs-action'] ?? '');
    if (req.headers['x-acs-version'] !== VERSION) return refuse(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
    const bad = checkSignature(req);
    if (bad) return bad;
    const q = new URL(req.url, 'http://fake').searchParams;
    if (action === 'SendSms') {
      actions.push(action);
      return sendSms(q);
    }
    if (action === 'QuerySendDetails') {
      actions.push(action);
      return querySendDetails(q);
    }
    return refuse(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
  });

  return {
    ...server,
    sent,
    refusals,
    actions,
    script(phone, answer) {
      if (answer) scripts.set(phone, answer);
      else scripts.delete(phone);
    },
    deliver(outId, report) {
      const s = sent.find((m) => m.outId === outId);
      if (!s) throw new Error(`no message with OutId ${outId}`);
      s.sendStatus = report.delivered ? 3 : 2;
      s.errCode = report.delivered ? 'DELIVERED' : (report.errCode ?? 'MK:0001');
      s.receivedAt = report.at ?? new Date();
    },
  };
}
