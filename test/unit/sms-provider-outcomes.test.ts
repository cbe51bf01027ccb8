import { describe, expect, it } from 'vitest';
import { aliyunOutcome } from '../../src/notifications/providers/aliyun.ts';
import { beijingDate, beijingTimeToDate, orderedParams, untilNextBeijingDay, untilNextBeijingMonth } from '../../src/notifications/providers/provider-limits.ts';
import { tencentOutcome } from '../../src/notifications/providers/tencent.ts';

/** How the cloud providers' answers become outcomes, and when their limits lift (Beijing days and months). */

const H = 3_600_000;

describe('provider limits in Beijing time', () => {
  it('the next Beijing midnight, whatever the UTC date', () => {
    expect(untilNextBeijingDay(new Date('2026-12-05T15:59:00Z'))).toBe(60_000); // 23:59 in Beijing
    expect(untilNextBeijingDay(new Date('2026-12-05T16:00:00Z'))).toBe(24 * H); // 00:00 in Beijing, the 6th
    expect(untilNextBeijingDay(new Date('2026-12-05T00:00:00Z'))).toBe(16 * H);
  });

  it('the first of next Beijing month, across a year', () => {
    expect(untilNextBeijingMonth(new Date('2026-12-31T15:00:00Z'))).toBe(H); // 23:00 on the 31st in Beijing
    expect(untilNextBeijingMonth(new Date('2026-11-30T16:00:00Z'))).toBe(31 * 24 * H); // already 1 December in Beijing
  });

  it('providers\' wall-clock times and dates are Beijing\'s', () => {
    expect(beijingTimeToDate('2026-12-06 00:30:00')).toEqual(new Date('2026-12-05T16:30:00Z'));
    expect(beijingTimeToDate('')).toBeNull();
    expect(beijingDate(new Date('2026-12-05T16:30:00Z'))).toBe('20261206');
  });

  it('template parameters in template order, or the names missing', () => {
    expect(orderedParams(['estate', 'meeting'], { meeting: 'M', estate: 'E' })).toEqual({ values: ['E', 'M'] });
    expect(orderedParams(['estate', 'meeting'], { estate: 'E' })).toEqual({ missing: ['meeting'] });
  });
});

describe('Alibaba Cloud answers', () => {
  const now = new Date('2026-12-05T07:00:00Z'); // 15:00 in Beijing
  it.each([
    ['isv.BUSINESS_LIMIT_CONTROL', '触发天级流控Permits:10', true, 9 * H],
    ['isv.MONTH_LIMIT_CONTROL', '触发月发送限额', true, 26 * 24 * H + 9 * H],
    ['isv.OUT_OF_SERVICE', '业务停机', true, H],
    ['Throttling.Api', 'API flow control', true, 1_000],
    ['isp.SYSTEM_ERROR', '系统错误', true, undefined],
    ['isv.MOBILE_COUNT_OVER_LIMIT', '手机号码数量超过限制', false, undefined],
    ['isv.SMS_SIGN_ILLEGAL', '签名禁止使用', false, undefined],
    ['isp.RAM_PERMISSION_DENY', 'RAM权限不足', false, undefined],
    ['Forbidden.RAM', 'User not authorized', false, undefined],
  ])('%s → retryable %s', (code, message, isRetryable, after) => {
    const outcome = aliyunOutcome(code, message, now);
    expect(outcome).toMatchObject({ status: 'failed', retryable: isRetryable, reason: `${code}: ${message}` });
    expect(outcome.status === 'failed' ? outcome.retryAfterMs : 'sent').toBe(after);
  });
});

describe('Tencent Cloud answers', () => {
  const now = new Date('2026-12-05T07:00:00Z');
  it.each([
    ['LimitExceeded.AppDailyLimit', true, 9 * H],
    ['LimitExceeded.PhoneNumberCountLimit', true, 60_000],
    ['FailedOperation.InsufficientBalanceInSmsPackage', true, H],
    ['InternalError.RequestTimeException', true, undefined],
    ['FailedOperation.ContainSensitiveWord', false, undefined],
    ['UnauthorizedOperation.SmsSdkAppIdVerifyFail', false, undefined],
    ['AuthFailure.SignatureExpire', false, undefined],
  ])('%s → retryable %s', (code, isRetryable, after) => {
    const outcome = tencentOutcome(code, '说明', now);
    expect(outcome).toMatchObject({ status: 'failed', retryable: isRetryable, reason: `${code}: 说明` });
    expect(outcome.status === 'failed' ? outcome.retryAfterMs : 'sent').toBe(after);
  });
});
