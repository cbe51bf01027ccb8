import { randomUUID } from 'node:crypto';
import { type TencentAnswer, type TencentCloudFake, missing, startTencentCloudFake } from './tencent-cloud.ts';

/** Tencent Cloud 人脸核身 2018-03-01, H5 flow: DetectAuth and GetDetectInfoEnhanced. */

export interface FaceCheck {
  bizToken: string;
  name: string;
  idCard: string;
  redirectUrl: string;
  extra: string;
  /** What GetDetectInfoEnhanced tells, set by finish(). */
  state: { kind: 'pending' } | { kind: 'passed'; name: string; idCard: string } | { kind: 'failed'; errCode: number; errMsg: string } | { kind: 'expired' };
  infoTypes: string[];
}

export interface TencentFaceidFake extends TencentCloudFake {
  checks: FaceCheck[];
  finish(bizToken: string, state: FaceCheck['state']): void;
  /** Make the next calls fail at the HTTP level (null: answer again). */
  failWith(httpStatus: number | null): void;
}

export async function startTencentFaceidFake(options: { secretId: string; secretKey: string; ruleId: string }): Promise<TencentFaceidFake> {
  const checks: FaceCheck[] = [];
  let failing: number | null = null;

  function detectAuth(p: Record<string, unknown>): TencentAnswer {
    const absent = missing(p, ['RuleId']);
    if (absent) return absent;
    if (p.RuleId !== options.ruleId) return { error: 'InvalidParameterValue.RuleIdNotExist', message: 'RuleId 不存在，请到人脸核身控制台申请。' };
    // This flow is configured to take the identity from the caller: name and number are required.
    const identity = missing(p, ['IdCard', 'Name']);
    if (identity) return identity;
    const bizToken = randomUUID().toUpperCase();
    checks.push({
      bizToken,
      name: String(p.Name),
      idCard: String(p.IdCard),
      redirectUrl: typeof p.RedirectUrl === 'string' ? p.RedirectUrl : '',
      extra: typeof p.Extra === 'string' ? p.Extra : '',
      state: { kind: 'pending' },
      infoTypes: [],
    });
    return { response: { Url: `https://faceid.qq.com/api/auth/getfaceidh5?token=${bizToken}`, BizToken: bizToken } };
  }

  const nullText = { ErrCode: null, ErrMsg: null, IdCard: null, Name: null, LiveStatus: null, LiveMsg: null, Comparestatus: null, Comparemsg: null, Extra: null };

  function getDetectInfoEnhanced(p: Record<string, unknown>): TencentAnswer {
    const absent = missing(p, ['BizToken', 'RuleId']);
    if (absent) return absent;
    if (p.RuleId !== options.ruleId) return { error: 'InvalidParameterValue.RuleIdNotExist', message: 'RuleId 不存在' };
    const check = checks.find((c) => c.bizToken === p.BizToken);
    if (!check) return { error: 'InvalidParameterValue.BizTokenIllegal', message: 'BizToken 不合法。' };
    check.infoTypes.push(typeof p.InfoType === 'string' ? p.InfoType : '0');
    const s = check.state;
    if (s.kind === 'expired') return { error: 'InvalidParameterValue.BizTokenExpired', message: 'BizToken 过期。' };
    const text =
      s.kind === 'pending'
        ? nullText
        : s.kind === 'passed'
          ? { ...nullText, ErrCode: 0, ErrMsg: '成功', IdCard: s.idCard, Name: s.name, LiveStatus: 0, LiveMsg: '成功', Comparestatus: 0, Comparemsg: '成功', Sim: '96.81', Extra: check.extra }
          : { ...nullText, ErrCode: s.errCode, ErrMsg: s.errMsg, IdCard: check.idCard, Name: check.name, Extra: check.extra };
    return { response: { Text: text, IdCardData: null, BestFrame: null, VideoData: null } };
  }

  const fake = await startTencentCloudFake({
    service: 'faceid',
    version: '2018-03-01',
    secretId: options.secretId,
    secretKey: options.secretKey,
    requireRegion: false,
    handle: (action, params) => {
      if (failing !== null) return { httpStatus: failing };
      if (action === 'DetectAuth') return detectAuth(params);
      if (action === 'GetDetectInfoEnhanced') return getDetectInfoEnhanced(params);
      return { error: 'InvalidAction', message: `The action ${action} does not exist.` };
    },
  });

  return {
    ...fake,
    checks,
    finish(bizToken, state) {
      const check = checks.find((c) => c.bizToken === bizToken);
      if (!check) throw new Error(`no check ${bizToken}`);
      check.state = state;
    },
    failWith(httpStatus) {
      failing = httpStatus;
    },
  };
}
