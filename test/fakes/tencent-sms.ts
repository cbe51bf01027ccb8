import { type TencentAnswer, type TencentCloudFake, missing, startTencentCloudFake } from './tencent-cloud.ts';

/** Tencent Cloud SMS 2021-01-11: SendSms and PullSmsSendStatusByPhoneNumber, with per-number send statuses. */

export interface TencentSent {
  phoneNumber: string;
  signName: string;
  templateId: string;
  templateParams: string[];
  serialNo: string;
  sentAt: Date;
  report: { status: 'SUCCESS' | 'FAIL'; description: string; at: Date } | null;
}

/** Instead of accepting a number: a per-number status Code, a request-level error, or an HTTP failure. */
export type TencentSmsScript = { statusCode: string; message: string } | { error: string; message: string } | { httpStatus: number } | { hang: true };

export interface TencentSmsFake extends TencentCloudFake {
  sent: TencentSent[];
  script(phoneNumber: string, answer: TencentSmsScript | null): void;
  deliver(serialNo: string, report: { delivered: boolean; description?: string; at?: Date }): void;
}

export async function startTencentSmsFake(options: {
  secretId: string;
  secretKey: string;
  smsSdkAppId: string;
  signName: string;
  /** Approved templates: id → number of parameters. */
  templates: Record<string, number>;
}): Promise<TencentSmsFake> {
  const sent: TencentSent[] = [];
  const scripts = new Map<string, TencentSmsScript>();
  let serial = 0;

  const status = (phone: string, code: string, message: string, serialNo = '') => ({
    SerialNo: serialNo,
    PhoneNumber: phone,
    Fee: code === 'Ok' ? 1 : 0,
    SessionContext: '',
    Code: code,
    Message: message,
    IsoCode: 'CN',
  });

  function sendSms(p: Record<string, unknown>): TencentAnswer {
    const absent = missing(p, ['PhoneNumberSet', 'SmsSdkAppId', 'TemplateId', 'SignName']);
    if (absent) return absent;
    if (p.SmsSdkAppId !== options.smsSdkAppId) return { error: 'UnauthorizedOperation.SmsSdkAppIdVerifyFail', message: 'SmsSdkAppId 校验失败' };
    const phones = p.PhoneNumberSet as string[];
    if (!Array.isArray(phones) || phones.length === 0) return { error: 'InvalidParameterValue.IncorrectPhoneNumber', message: '手机号格式错误' };
    for (const phone of phones) {
      const s = scripts.get(phone);
      if (s && !('statusCode' in s)) return s;
    }
    const params = (p.TemplateParamSet ?? []) as string[];
    return {
      response: {
        SendStatusSet: phones.map((phone) => {
          const s = scripts.get(phone);
          if (s && 'statusCode' in s) return status(phone, s.statusCode, s.message);
          if (!/^\+861\d{10}$/.test(phone)) return status(phone, 'InvalidParameterValue.IncorrectPhoneNumber', '手机号格式错误');
          if (p.SignName !== options.signName) return status(phone, 'FailedOperation.SignatureIncorrectOrUnapproved', '签名未审批或格式错误');
          const count = options.templates[String(p.TemplateId)];
          if (count === undefined) return status(phone, 'FailedOperation.TemplateIncorrectOrUnapproved', '模板未审批或内容不匹配');
          if (params.length !== count || params.some((v) => typeof v !== 'string')) {
            return status(phone, 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate', '请求内容与审核通过的模板内容不匹配');
          }
          const serialNo = `2028:${String(++serial).padStart(19, '0')}`;
          sent.push({ phoneNumber: phone, signName: String(p.SignName), templateId: String(p.TemplateId), templateParams: params, serialNo, sentAt: new Date(), report: null });
          return status(phone, 'Ok', 'send success', serialNo);
        }),
      },
    };
  }

  function pullByPhone(p: Record<string, unknown>): TencentAnswer {
    const absent = missing(p, ['BeginTime', 'Offset', 'Limit', 'PhoneNumber', 'SmsSdkAppId']);
    if (absent) return absent;
    if (p.SmsSdkAppId !== options.smsSdkAppId) return { error: 'UnauthorizedOperation.SmsSdkAppIdVerifyFail', message: 'SmsSdkAppId 校验失败' };
    if (typeof p.Limit !== 'number' || p.Limit < 1 || p.Limit > 100) return { error: 'InvalidParameterValue', message: 'Limit 超出范围' };
    const begin = Number(p.BeginTime);
    const end = p.EndTime === undefined ? Infinity : Number(p.EndTime);
    if (Date.now() / 1000 - begin > 7 * 86_400 + 60) return { error: 'InvalidParameterValue', message: 'BeginTime 超过 7 天' };
    const reports = sent
      .filter((s) => s.phoneNumber === p.PhoneNumber && s.report)
      .filter((s) => s.report!.at.getTime() / 1000 >= begin && s.report!.at.getTime() / 1000 <= end)
      .slice(0, p.Limit);
    return {
      response: {
        PullSmsSendStatusSet: reports.map((s) => ({
          UserReceiveTime: Math.floor(s.report!.at.getTime() / 1000),
          CountryCode: '86',
          SubscriberNumber: s.phoneNumber.slice(3),
          PhoneNumber: s.phoneNumber,
          SerialNo: s.serialNo,
          ReportStatus: s.report!.status,
          Description: s.report!.description,
          SessionContext: '',
        })),
      },
    };
  }

  const fake = await startTencentCloudFake({
    service: 'sms',
    version: '2021-01-11',
    secretId: options.secretId,
    secretKey: options.secretKey,
    requireRegion: true,
    handle: (action, params) => {
      if (action === 'SendSms') return sendSms(params);
      if (action === 'PullSmsSendStatusByPhoneNumber') return pullByPhone(params);
      return { error: 'InvalidAction', message: `The action ${action} does not exist.` };
    },
  });

  return {
    ...fake,
    sent,
    script(phoneNumber, answer) {
      if (answer) scripts.set(phoneNumber, answer);
      else scripts.delete(phoneNumber);
    },
    deliver(serialNo, report) {
      const s = sent.find((m) => m.serialNo === serialNo);
      if (!s) throw new Error(`no message with SerialNo ${serialNo}`);
      s.report = {
        status: report.delivered ? 'SUCCESS' : 'FAIL',
        description: report.description ?? (report.delivered ? 'DELIVRD' : 'MK:0001'),
        at: report.at ?? new Date(),
      };
    },
  };
}
