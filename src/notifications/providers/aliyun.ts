import DysmsapiModule, { QuerySendDetailsRequest, SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { randomUUID } from 'node:crypto';
import { type MessageKind, type SmsOutcome, type SmsProvider, type SmsReceipt, type SmsRequest, TEMPLATE_PARAMS } from '../sms-provider.ts';
import {
  HOUR_MS,
  MINUTE_MS,
  beijingDate,
  beijingTimeToDate,
  orderedParams,
  permanent,
  retryable,
  unreachable,
  untilNextBeijingDay,
  untilNextBeijingMonth,
} from './provider-limits.ts';

/**
 * Alibaba Cloud SMS (阿里云短信服务, Dysmsapi 2017-05-25) through its official
 * SDK, which signs each call with ACS3-HMAC-SHA256 (an Authorization header
 * over the canonical request, the x-acs-* headers and the body's SHA-256).
 */

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** The approved sign name (签名), without the brackets the phone shows. */
  signName: string;
  /** The approved template code (SMS_…) of each message kind. */
  templates: Readonly<Record<MessageKind, string>>;
  /** Default cn-hangzhou. */
  regionId?: string;
  /** Default https://dysmsapi.aliyuncs.com; tests give http://127.0.0.1:PORT. */
  endpoint?: string;
  /** Connect and read timeout of each call. Default 10 s. */
  timeoutMs?: number;
  now?: () => Date;
}

// Node gives an ES module the CommonJS exports object, whose .default is the client class; vitest's loader gives
// the class itself. Either way, the class.
const Dysmsapi = ((DysmsapiModule as unknown as { default?: unknown }).default ?? DysmsapiModule) as typeof DysmsapiModule.default;

export const ALIYUN_DEFAULT_ENDPOINT = 'https://dysmsapi.aliyuncs.com';

/** Answers that will never succeed for this message: the number, the template, the sign or the content is refused. */
const PERMANENT_CODES = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.MOBILE_COUNT_OVER_LIMIT',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.SMS_SIGN_ILLEGAL',
  'isv.SIGN_STATE_ILLEGAL',
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.TEMPLATE_PARAMS_ILLEGAL',
  'isv.INVALID_PARAMETERS',
  'isv.INVALID_JSON_PARAM',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.PARAM_NOT_SUPPORT_URL',
  'isv.SMS_CONTENT_ILLEGAL',
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
  'isv.EXTEND_CODE_ERROR',
  'isp.RAM_PERMISSION_DENY',
]);

/**
 * How an Alibaba Cloud answer code becomes an outcome. `message` matters for
 * one code: isv.BUSINESS_LIMIT_CONTROL (the per-number limit, by default one a
 * minute, five an hour, ten a day) says which window was hit.
 */
export function aliyunOutcome(code: string, message: string, now: Date, retryAfterMs?: number): SmsOutcome {
  const reason = `${code}: ${message}`.slice(0, 300);
  if (code === 'isv.BUSINESS_LIMIT_CONTROL') {
    if (message.includes('分钟')) return retryable(reason, MINUTE_MS);
    if (message.includes('小时')) return retryable(reason, HOUR_MS);
    return retryable(reason, untilNextBeijingDay(now));
  }
  if (code === 'isv.DAY_LIMIT_CONTROL') return retryable(reason, untilNextBeijingDay(now));
  if (code === 'isv.MONTH_LIMIT_CONTROL') return retryable(reason, untilNextBeijingMonth(now));
  if (code.startsWith('Throttling')) return retryable(reason, Math.max(retryAfterMs ?? 0, 1_000));
  // The account cannot send now (balance, arrears): the operator can fix it and the message then goes.
  if (code === 'isv.OUT_OF_SERVICE' || code === 'isv.AMOUNT_NOT_ENOUGH') return retryable(reason, HOUR_MS);
  if (PERMANENT_CODES.has(code)) return permanent(reason);
  // Platform errors (isp.*, ServiceUnavailable, InternalError) pass.
  if (code.startsWith('isp.') || code === 'ServiceUnavailable' || code === 'InternalError') return retryable(reason);
  // Everything else (wrong keys or signature, RAM permission, account closed, an unknown isv.* code): the
  // same call will be refused again until someone changes the configuration; sending it again is not our call.
  return permanent(reason);
}

interface AlibabaError {
  code: string;
  message: string;
  statusCode: number;
  retryAfter?: number;
  data?: { Message?: unknown };
}

function isAlibabaError(err: unknown): err is AlibabaError {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && 'statusCode' in err && typeof err.statusCode === 'number';
}

function endpointParts(endpoint: string): { protocol: 'http' | 'https'; host: string } {
  const url = new URL(endpoint);
  return { protocol: url.protocol === 'http:' ? 'http' : 'https', host: url.host };
}

export function aliyunSmsProvider(options: AliyunSmsOptions): SmsProvider {
  const { protocol, host } = endpointParts(options.endpoint ?? ALIYUN_DEFAULT_ENDPOINT);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const client = new Dysmsapi(
    new $OpenApiUtil.Config({
      accessKeyId: options.accessKeyId,
      accessKeySecret: options.accessKeySecret,
      regionId: options.regionId ?? 'cn-hangzhou',
      endpoint: host,
      protocol,
      connectTimeout: timeoutMs,
      readTimeout: timeoutMs,
    }),
  );
  const now = options.now ?? (() => new Date());

  /** An SDK error as an outcome: the provider's own refusal by its code, anything else as unreachable. */
  function failure(err: unknown): SmsOutcome {
    if (isAlibabaError(err)) {
      if (err.statusCode >= 500) return retryable(`aliyun ${err.statusCode}: ${err.code}`);
      const message = typeof err.data?.Message === 'string' ? err.data.Message : '';
      return aliyunOutcome(err.code, message, now(), err.retryAfter);
    }
    return unreachable('aliyun', err);
  }

  return {
    name: 'aliyun',

    async send(request: SmsRequest): Promise<SmsOutcome> {
      const params = orderedParams(TEMPLATE_PARAMS[request.kind], request.params);
      if ('missing' in params) return permanent(`template parameter missing: ${params.missing.join(', ')}`);
      const names = TEMPLATE_PARAMS[request.kind];
      const templateParam = Object.fromEntries(names.map((name, i) => [name, params.values[i]]));
      // Delivery reports (QuerySendDetails) carry OutId and not BizId: OutId is what later matches them.
      const outId = randomUUID();
      let body;
      try {
        const response = await client.sendSms(
          new SendSmsRequest({
            phoneNumbers: request.phone,
            signName: options.signName,
            templateCode: options.templates[request.kind],
            templateParam: JSON.stringify(templateParam),
            outId,
          }),
        );
        body = response.body;
      } catch (err) {
        return failure(err);
      }
      if (body?.code === 'OK') return { status: 'sent', providerMessageId: outId };
      return aliyunOutcome(body?.code ?? 'unknown', body?.message ?? '', now());
    },

    /**
     * QuerySendDetails, one phone and one Beijing day at a time (the API's
     * unit), for the days since `since` (at most the 30 the API keeps).
     * Messages still waiting for the carrier are left for a later call.
     */
    async receipts(since: Date, phones: readonly string[]): Promise<SmsReceipt[]> {
      const until = now();
      const earliest = Math.max(since.getTime(), until.getTime() - 29 * 86_400_000);
      const days: string[] = [];
      for (let t = earliest; ; t = Math.min(t + 86_400_000, until.getTime())) {
        const day = beijingDate(new Date(t));
        if (!days.includes(day)) days.push(day);
        if (t >= until.getTime()) break;
      }
      const receipts: SmsReceipt[] = [];
      for (const phone of phones) {
        for (const sendDate of days) {
          for (let page = 1; page <= 100; page++) {
            const response = await client.querySendDetails(
              new QuerySendDetailsRequest({ phoneNumber: phone, sendDate, pageSize: 50, currentPage: page }),
            );
            const body = response.body;
            if (body?.code !== 'OK') throw new Error(`aliyun QuerySendDetails refused: ${body?.code ?? 'unknown'}`);
            const details = body.smsSendDetailDTOs?.smsSendDetailDTO ?? [];
            for (const d of details) {
              // SendStatus 1: waiting for the carrier's report; 2: failed; 3: delivered.
              if ((d.sendStatus !== 2 && d.sendStatus !== 3) || !d.outId) continue;
              const sentAt = d.sendDate ? beijingTimeToDate(d.sendDate) : null;
              if (sentAt && sentAt.getTime() < since.getTime()) continue;
              const at = (d.receiveDate ? beijingTimeToDate(d.receiveDate) : null) ?? sentAt ?? until;
              receipts.push({
                providerMessageId: d.outId,
                phone: d.phoneNum ?? phone,
                delivered: d.sendStatus === 3,
                reason: d.sendStatus === 3 ? null : d.errCode || 'failed',
                at,
              });
            }
            if (details.length < 50) break;
          }
        }
      }
      return receipts;
    },
  };
}
