import type { Agent } from 'node:http';
import { sms } from 'tencentcloud-sdk-nodejs-sms';
import { type MessageKind, type SmsOutcome, type SmsProvider, type SmsReceipt, type SmsRequest, TEMPLATE_PARAMS } from '../sms-provider.ts';
import { HOUR_MS, MINUTE_MS, orderedParams, permanent, retryable, unreachable, untilNextBeijingDay } from './provider-limits.ts';

/**
 * Tencent Cloud SMS (腾讯云短信, API 2021-01-11) through its official SDK,
 * which signs each call with TC3-HMAC-SHA256. The SDK takes the signing
 * service's name from the endpoint's first label, so an endpoint override must
 * keep it: sms.….
 */

export interface TencentSmsOptions {
  secretId: string;
  secretKey: string;
  /** The SMS application's SdkAppId (短信应用 SDK AppID). */
  smsSdkAppId: string;
  /** The approved sign name (签名内容, not its id). */
  signName: string;
  /** The approved template id of each message kind. */
  templates: Readonly<Record<MessageKind, string>>;
  /** Default ap-guangzhou. */
  region?: string;
  /** Default https://sms.tencentcloudapi.com. */
  endpoint?: string;
  /** Timeout of each call. Default 10 s. */
  timeoutMs?: number;
  /** The HTTP(S) agent the SDK connects through (tests: one that resolves the endpoint's name to the local fake). */
  agent?: Agent;
  now?: () => Date;
}

export const TENCENT_SMS_DEFAULT_ENDPOINT = 'https://sms.tencentcloudapi.com';

/** Codes per number, and request-level codes, that will never succeed for this message. */
const DAILY_LIMITS = new Set([
  'LimitExceeded.PhoneNumberDailyLimit',
  'LimitExceeded.PhoneNumberSameContentDailyLimit',
  'LimitExceeded.AppDailyLimit',
  'LimitExceeded.DailyLimit',
  'LimitExceeded.AppGlobalDailyLimit',
  'LimitExceeded.AppMainlandChinaDailyLimit',
]);

/** How a Tencent Cloud code (a SendStatus's Code, or a request's Error.Code) becomes an outcome. */
export function tencentOutcome(code: string, message: string, now: Date): SmsOutcome {
  const reason = `${code}: ${message}`.slice(0, 300);
  if (code === 'LimitExceeded.PhoneNumberThirtySecondLimit') return retryable(reason, 30_000);
  if (code === 'LimitExceeded.PhoneNumberOneHourLimit' || code === 'LimitExceeded.DeliveryFrequencyLimit') return retryable(reason, HOUR_MS);
  if (DAILY_LIMITS.has(code)) return retryable(reason, untilNextBeijingDay(now));
  if (code.startsWith('LimitExceeded')) return retryable(reason, MINUTE_MS);
  if (code.startsWith('RequestLimitExceeded')) return retryable(reason, 1_000);
  if (code.startsWith('InternalError') || code === 'ResourceUnavailable' || code.startsWith('ResourceUnavailable.')) return retryable(reason);
  // The account cannot send now: the operator can top it up and the message then goes.
  if (code === 'FailedOperation.InsufficientBalanceInSmsPackage' || code === 'UnauthorizedOperation.ServiceSuspendDueToArrears') {
    return retryable(reason, HOUR_MS);
  }
  // InvalidParameterValue.IncorrectPhoneNumber, FailedOperation.PhoneNumberInBlacklist, the sign or template not
  // approved (FailedOperation.SignatureIncorrectOrUnapproved, ….TemplateIncorrectOrUnapproved), sensitive words,
  // refused credentials (AuthFailure.*) and codes we do not know: the same call would be refused again.
  return permanent(reason);
}

interface TencentError {
  code?: string;
  httpCode?: number;
  message: string;
}

function asTencentError(err: unknown): TencentError | null {
  if (typeof err !== 'object' || err === null || !('requestId' in err) || !(err instanceof Error)) return null;
  const e = err as Error & { code?: unknown; httpCode?: unknown };
  return {
    message: e.message,
    ...(typeof e.code === 'string' && e.code !== '' ? { code: e.code } : {}),
    ...(typeof e.httpCode === 'number' ? { httpCode: e.httpCode } : {}),
  };
}

export function tencentEndpoint(endpoint: string): { protocol: string; host: string } {
  const url = new URL(endpoint);
  return { protocol: `${url.protocol}//`, host: url.host };
}

/** +86 and the 11 digits: the E.164 form the API wants. */
const e164 = (phone: string) => (phone.startsWith('+') ? phone : `+86${phone}`);
const national = (phone: string) => phone.replace(/^\+86/, '');

export function tencentSmsProvider(options: TencentSmsOptions): SmsProvider {
  const { protocol, host } = tencentEndpoint(options.endpoint ?? TENCENT_SMS_DEFAULT_ENDPOINT);
  const client = new sms.v20210111.Client({
    credential: { secretId: options.secretId, secretKey: options.secretKey },
    region: options.region ?? 'ap-guangzhou',
    profile: {
      httpProfile: {
        endpoint: host,
        protocol,
        reqTimeout: Math.max(1, Math.ceil((options.timeoutMs ?? 10_000) / 1000)),
        ...(options.agent ? { agent: options.agent } : {}),
      },
    },
  });
  const now = options.now ?? (() => new Date());

  function failure(err: unknown): SmsOutcome {
    const e = asTencentError(err);
    if (e?.code) return tencentOutcome(e.code, e.message, now());
    if (e?.httpCode !== undefined) return retryable(`tencent http ${e.httpCode}`);
    return unreachable('tencent', err);
  }

  return {
    name: 'tencent',

    async send(request: SmsRequest): Promise<SmsOutcome> {
      const params = orderedParams(TEMPLATE_PARAMS[request.kind], request.params);
      if ('missing' in params) return permanent(`template parameter missing: ${params.missing.join(', ')}`);
      let statuses;
      try {
        const response = await client.SendSms({
          PhoneNumberSet: [e164(request.phone)],
          SmsSdkAppId: options.smsSdkAppId,
          SignName: options.signName,
          TemplateId: options.templates[request.kind],
          TemplateParamSet: params.values,
        });
        statuses = response.SendStatusSet ?? [];
      } catch (err) {
        return failure(err);
      }
      const status = statuses[0];
      if (!status?.Code) return retryable('tencent answered without a send status');
      if (status.Code === 'Ok') return { status: 'sent', providerMessageId: status.SerialNo ?? null };
      return tencentOutcome(status.Code, status.Message ?? '', now());
    },

    /**
     * PullSmsSendStatusByPhoneNumber for each phone since `since` (the API
     * keeps seven days). Not PullSmsSendStatus: that one hands each report out
     * once, so a worker that died before recording them would lose them; this
     * one can be asked again.
     */
    async receipts(since: Date, phones: readonly string[]): Promise<SmsReceipt[]> {
      const until = Math.floor(now().getTime() / 1000);
      const receipts = new Map<string, SmsReceipt>();
      for (const phone of phones) {
        let begin = Math.max(Math.floor(since.getTime() / 1000), until - 7 * 86_400 + 60);
        for (let round = 0; round < 50; round++) {
          const response = await client.PullSmsSendStatusByPhoneNumber({
            BeginTime: begin,
            EndTime: until,
            Offset: 0,
            Limit: 100,
            PhoneNumber: e164(phone),
            SmsSdkAppId: options.smsSdkAppId,
          });
          const set = response.PullSmsSendStatusSet ?? [];
          let latest = begin;
          for (const s of set) {
            if (!s.SerialNo || (s.ReportStatus !== 'SUCCESS' && s.ReportStatus !== 'FAIL')) continue;
            const at = typeof s.UserReceiveTime === 'number' ? s.UserReceiveTime : until;
            latest = Math.max(latest, at);
            receipts.set(s.SerialNo, {
              providerMessageId: s.SerialNo,
              phone: s.SubscriberNumber ?? national(s.PhoneNumber ?? e164(phone)),
              delivered: s.ReportStatus === 'SUCCESS',
              reason: s.ReportStatus === 'SUCCESS' ? null : s.Description || 'FAIL',
              at: new Date(at * 1000),
            });
          }
          // Offset is fixed at 0: a full page is followed by asking again from its latest report (repeats are merged by SerialNo).
          if (set.length < 100 || latest <= begin) break;
          begin = latest;
        }
      }
      return [...receipts.values()];
    },
  };
}
