import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, templateVariable } from '../../src/config.ts';
import { aliyunSmsProvider } from '../../src/notifications/providers/aliyun.ts';
import { smsProviderFromConfig } from '../../src/notifications/providers/index.ts';
import { untilNextBeijingDay } from '../../src/notifications/providers/provider-limits.ts';
import { tencentSmsProvider } from '../../src/notifications/providers/tencent.ts';
import { MESSAGE_KINDS, type MessageKind, type SmsRequest, TEMPLATE_PARAMS } from '../../src/notifications/sms-provider.ts';
import { type AliyunSmsFake, startAliyunSmsFake } from '../fakes/aliyun-sms.ts';
import { loopbackAgent } from '../fakes/tencent-cloud.ts';
import { type TencentSmsFake, startTencentSmsFake } from '../fakes/tencent-sms.ts';

/**
 * The cloud SMS adapters through the official SDKs against local fakes of
 * the providers, which check each call's signature and parameters as the
 * providers do and answer in their words.
 */

const SIGN = '共决';
// A fixed instant for outcomes that depend on the Beijing day: 2026-12-05 15:00 in Beijing.
const NOW = new Date('2026-12-05T07:00:00Z');

/** Every kind's parameters filled with recognisable values. */
function requestFor(kind: MessageKind, phone = '13812345678'): SmsRequest {
  const params = Object.fromEntries(TEMPLATE_PARAMS[kind].map((name) => [name, `${name}-值`]));
  return { phone, kind, params, text: `一条${kind}短信` };
}

describe('Alibaba Cloud SMS', () => {
  const keys = { accessKeyId: 'LTAI5tGongjueTestKey', accessKeySecret: 'aliyun-test-secret-7f3a' };
  const templates = Object.fromEntries(MESSAGE_KINDS.map((kind, i) => [kind, `SMS_46500${i}`])) as Record<MessageKind, string>;
  let fake: AliyunSmsFake;
  let endpoint: string;
  const provider = (overrides: Partial<Parameters<typeof aliyunSmsProvider>[0]> = {}) =>
    aliyunSmsProvider({ ...keys, signName: SIGN, templates, endpoint, now: () => NOW, ...overrides });

  beforeAll(async () => {
    fake = await startAliyunSmsFake({
      ...keys,
      signName: SIGN,
      templates: Object.fromEntries(MESSAGE_KINDS.map((kind) => [templates[kind], TEMPLATE_PARAMS[kind]])),
    });
    endpoint = fake.url;
  });
  afterAll(async () => fake?.close());

  it('sends each kind with its template code, the sign name and its parameters by name; the OutId is the message id', async () => {
    const sms = provider();
    for (const kind of MESSAGE_KINDS) {
      const phone = `1390000${String(MESSAGE_KINDS.indexOf(kind)).padStart(4, '0')}`;
      const outcome = await sms.send(requestFor(kind, phone));
      expect(outcome).toEqual({ status: 'sent', providerMessageId: expect.any(String) });
      const sent = fake.sent.find((s) => s.phone === phone)!;
      expect(sent).toMatchObject({ signName: SIGN, templateCode: templates[kind], templateParam: requestFor(kind).params });
      expect(outcome.status === 'sent' && outcome.providerMessageId).toBe(sent.outId);
    }
    expect(fake.refusals).toEqual([]);
    expect(sms.name).toBe('aliyun');
  });

  it('an invalid number, a template or sign not approved, a blacklisted keyword: failed for good, with the provider\'s reason', async () => {
    expect(await provider().send(requestFor('login_code', '1381234567'))).toEqual({ status: 'failed', retryable: false, reason: expect.stringMatching(/^isv\.MOBILE_NUMBER_ILLEGAL/) });
    expect(await provider({ templates: { ...templates, login_code: 'SMS_999' } }).send(requestFor('login_code'))).toMatchObject({
      status: 'failed',
      retryable: false,
      reason: expect.stringMatching(/^isv\.SMS_TEMPLATE_ILLEGAL/),
    });
    expect(await provider({ signName: '别的签名' }).send(requestFor('login_code'))).toMatchObject({ retryable: false, reason: expect.stringMatching(/^isv\.SMS_SIGNATURE_ILLEGAL/) });
    fake.script('13800000001', { code: 'isv.BLACK_KEY_CONTROL_LIMIT', message: '黑名单管控' });
    expect(await provider().send(requestFor('voting_opened', '13800000001'))).toMatchObject({ retryable: false, reason: expect.stringMatching(/^isv\.BLACK_KEY_CONTROL_LIMIT/) });
  });

  it('throttling is retryable, after the window the provider names', async () => {
    const phone = '13800000002';
    fake.script(phone, { code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发小时级流控Permits:5' });
    expect(await provider().send(requestFor('voting_reminder', phone))).toMatchObject({ status: 'failed', retryable: true, retryAfterMs: 3_600_000 });
    fake.script(phone, { code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发分钟级流控Permits:1' });
    expect(await provider().send(requestFor('voting_reminder', phone))).toMatchObject({ retryable: true, retryAfterMs: 60_000 });
    fake.script(phone, { code: 'isv.DAY_LIMIT_CONTROL', message: '触发日发送限额' });
    // 15:00 in Beijing: the limit lifts at midnight, nine hours on.
    expect(await provider().send(requestFor('voting_reminder', phone))).toMatchObject({ retryable: true, retryAfterMs: 9 * 3_600_000 });
    expect(untilNextBeijingDay(NOW)).toBe(9 * 3_600_000);
    fake.script(phone, { throttle: true, retryAfterMs: 2_500 });
    expect(await provider().send(requestFor('voting_reminder', phone))).toMatchObject({ retryable: true, retryAfterMs: 2_500, reason: expect.stringMatching(/^Throttling\.User/) });
    fake.script(phone, null);
  });

  it('a 5xx, or no provider at all, is retryable', async () => {
    const phone = '13800000003';
    fake.script(phone, { httpStatus: 503, body: JSON.stringify({ Code: 'ServiceUnavailable', Message: 'The request has failed due to a temporary failure of the server.' }) });
    expect(await provider().send(requestFor('results_published', phone))).toEqual({ status: 'failed', retryable: true, reason: 'aliyun 503: ServiceUnavailable' });
    // A gateway's page instead of the provider's JSON.
    fake.script(phone, { httpStatus: 502 });
    expect(await provider().send(requestFor('results_published', phone))).toMatchObject({ status: 'failed', retryable: true });
    fake.script(phone, { hang: true });
    expect(await provider({ timeoutMs: 300 }).send(requestFor('results_published', phone))).toMatchObject({
      status: 'failed',
      retryable: true,
      reason: 'aliyun unreachable: timeout',
    });
    fake.script(phone, null);
    const closed = await startAliyunSmsFake({ ...keys, signName: SIGN, templates: {} });
    await closed.close();
    expect(await provider({ endpoint: closed.url }).send(requestFor('results_published', phone))).toEqual({
      status: 'failed',
      retryable: true,
      reason: 'aliyun unreachable: ECONNREFUSED',
    });
  });

  it('a wrong secret is refused by the signature check; an unknown key id too', async () => {
    const before = fake.sent.length;
    expect(await provider({ accessKeySecret: 'not-the-secret' }).send(requestFor('login_code'))).toMatchObject({
      status: 'failed',
      retryable: false,
      reason: expect.stringMatching(/^SignatureDoesNotMatch/),
    });
    expect(await provider({ accessKeyId: 'LTAI5tSomebodyElse' }).send(requestFor('login_code'))).toMatchObject({ retryable: false, reason: expect.stringMatching(/^InvalidAccessKeyId\.NotFound/) });
    expect(fake.refusals.slice(-2)).toEqual(['SignatureDoesNotMatch', 'InvalidAccessKeyId.NotFound']);
    expect(fake.sent.length).toBe(before);
  });

  it('the fake refuses what the provider refuses: an unsigned call, a wrong API version', async () => {
    const unsigned = await fetch(`${endpoint}/?PhoneNumbers=13800000000`, { method: 'POST', headers: { 'x-acs-action': 'SendSms', 'x-acs-version': '2017-05-25' } });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({ Code: 'IncompleteSignature' });
    const oldVersion = await fetch(`${endpoint}/`, { method: 'POST', headers: { 'x-acs-action': 'SendSms', 'x-acs-version': '2016-09-27' } });
    expect(await oldVersion.json()).toMatchObject({ Code: 'InvalidVersion' });
  });

  it('a request missing a template parameter fails for good without calling the provider', async () => {
    const calls = fake.actions.length;
    const request = requestFor('meeting_noticed');
    delete request.params.link;
    expect(await provider().send(request)).toEqual({ status: 'failed', retryable: false, reason: 'template parameter missing: link' });
    expect(fake.actions.length).toBe(calls);
  });

  it('receipts: delivered and failed reports by OutId, waiting ones left for later', async () => {
    const phone = '13800000004';
    const since = new Date(Date.now() - 60_000);
    const sms = aliyunSmsProvider({ ...keys, signName: SIGN, templates, endpoint });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const outcome = await sms.send(requestFor('meeting_noticed', phone));
      if (outcome.status !== 'sent' || !outcome.providerMessageId) throw new Error('not sent');
      ids.push(outcome.providerMessageId);
    }
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    fake.deliver(ids[0]!, { delivered: true, at });
    fake.deliver(ids[1]!, { delivered: false, errCode: 'MK:0010', at });
    const receipts = await sms.receipts!(since, [phone]);
    expect(receipts.sort((a, b) => ids.indexOf(a.providerMessageId) - ids.indexOf(b.providerMessageId))).toEqual([
      { providerMessageId: ids[0], phone, delivered: true, reason: null, at },
      { providerMessageId: ids[1], phone, delivered: false, reason: 'MK:0010', at },
    ]);
    expect(fake.actions).toContain('QuerySendDetails');
  });

  it('is built from the configuration: SMS_SENDER=aliyun and its variables', async () => {
    const env = {
      SMS_SENDER: 'aliyun',
      ALIYUN_SMS_ACCESS_KEY_ID: keys.accessKeyId,
      ALIYUN_SMS_ACCESS_KEY_SECRET: keys.accessKeySecret,
      ALIYUN_SMS_SIGN_NAME: SIGN,
      ALIYUN_SMS_ENDPOINT: endpoint,
      ...Object.fromEntries(MESSAGE_KINDS.map((kind) => [templateVariable(kind), templates[kind]])),
    };
    const sms = smsProviderFromConfig(loadConfig(env))!;
    expect(sms.name).toBe('aliyun');
    expect(await sms.send(requestFor('owner_bound', '13800000005'))).toMatchObject({ status: 'sent' });
    expect(fake.sent.at(-1)).toMatchObject({ phone: '13800000005', templateCode: templates.owner_bound });
    expect(smsProviderFromConfig(loadConfig({}))).toBeNull();
    expect(smsProviderFromConfig(loadConfig({ SMS_SENDER: 'http', SMS_HTTP_URL: 'https://sms.example/send' }))).toBeNull();
  });
});

describe('Tencent Cloud SMS', () => {
  const keys = { secretId: 'AKIDgongjueTestSecretId', secretKey: 'tencent-test-secret-key-9c2e' };
  const smsSdkAppId = '1400123456';
  const templates = Object.fromEntries(MESSAGE_KINDS.map((kind, i) => [kind, String(2_100_000 + i)])) as Record<MessageKind, string>;
  const agent = loopbackAgent();
  let fake: TencentSmsFake;
  const provider = (overrides: Partial<Parameters<typeof tencentSmsProvider>[0]> = {}) =>
    tencentSmsProvider({ ...keys, smsSdkAppId, signName: SIGN, templates, endpoint: fake.endpoint, agent, now: () => NOW, ...overrides });

  beforeAll(async () => {
    fake = await startTencentSmsFake({
      ...keys,
      smsSdkAppId,
      signName: SIGN,
      templates: Object.fromEntries(MESSAGE_KINDS.map((kind) => [templates[kind], TEMPLATE_PARAMS[kind].length])),
    });
  });
  afterAll(async () => {
    await fake?.close();
    agent.destroy();
  });

  it('sends each kind to +86… with its template id and its parameters in template order; the SerialNo is the message id', async () => {
    const sms = provider();
    for (const kind of MESSAGE_KINDS) {
      const phone = `1370000${String(MESSAGE_KINDS.indexOf(kind)).padStart(4, '0')}`;
      const outcome = await sms.send(requestFor(kind, phone));
      const sent = fake.sent.find((s) => s.phoneNumber === `+86${phone}`)!;
      expect(outcome).toEqual({ status: 'sent', providerMessageId: sent.serialNo });
      expect(sent).toMatchObject({ signName: SIGN, templateId: templates[kind], templateParams: TEMPLATE_PARAMS[kind].map((n) => `${n}-值`) });
    }
    expect(fake.refusals).toEqual([]);
    expect(sms.name).toBe('tencent');
  });

  it('an incorrect number, a blacklisted number, a template or sign not approved: failed for good', async () => {
    expect(await provider().send(requestFor('login_code', '1381234567'))).toMatchObject({
      status: 'failed',
      retryable: false,
      reason: expect.stringMatching(/^InvalidParameterValue\.IncorrectPhoneNumber/),
    });
    fake.script('+8613600000001', { statusCode: 'FailedOperation.PhoneNumberInBlacklist', message: '手机号在免打扰名单库中' });
    expect(await provider().send(requestFor('login_code', '13600000001'))).toMatchObject({ retryable: false, reason: expect.stringMatching(/^FailedOperation\.PhoneNumberInBlacklist/) });
    expect(await provider({ templates: { ...templates, login_code: '999' } }).send(requestFor('login_code'))).toMatchObject({
      retryable: false,
      reason: expect.stringMatching(/^FailedOperation\.TemplateIncorrectOrUnapproved/),
    });
    expect(await provider({ signName: '别的签名' }).send(requestFor('login_code'))).toMatchObject({ retryable: false, reason: expect.stringMatching(/^FailedOperation\.SignatureIncorrectOrUnapproved/) });
  });

  it('limits are retryable after their window; a request-level rate limit too', async () => {
    const phone = '13600000002';
    const answers: [string, number][] = [
      ['LimitExceeded.PhoneNumberThirtySecondLimit', 30_000],
      ['LimitExceeded.PhoneNumberOneHourLimit', 3_600_000],
      ['LimitExceeded.PhoneNumberDailyLimit', 9 * 3_600_000],
    ];
    for (const [code, after] of answers) {
      fake.script(`+86${phone}`, { statusCode: code, message: '频率限制' });
      expect(await provider().send(requestFor('voting_reminder', phone))).toEqual({ status: 'failed', retryable: true, retryAfterMs: after, reason: `${code}: 频率限制` });
    }
    fake.script(`+86${phone}`, { error: 'RequestLimitExceeded', message: '请求的次数超过了频率限制。' });
    expect(await provider().send(requestFor('voting_reminder', phone))).toMatchObject({ retryable: true, retryAfterMs: 1_000 });
    fake.script(`+86${phone}`, null);
  });

  it('a 5xx, an internal error or no provider at all is retryable', async () => {
    const phone = '13600000003';
    fake.script(`+86${phone}`, { httpStatus: 502 });
    expect(await provider().send(requestFor('result_certified', phone))).toEqual({ status: 'failed', retryable: true, reason: 'tencent http 502' });
    fake.script(`+86${phone}`, { error: 'InternalError.Timeout', message: '请求下发短信超时' });
    expect(await provider().send(requestFor('result_certified', phone))).toMatchObject({ retryable: true, reason: expect.stringMatching(/^InternalError\.Timeout/) });
    fake.script(`+86${phone}`, { hang: true });
    // The SDK counts its timeout in whole seconds: one second here.
    expect(await provider({ timeoutMs: 1_000 }).send(requestFor('result_certified', phone))).toEqual({ status: 'failed', retryable: true, reason: 'tencent unreachable: timeout' });
    fake.script(`+86${phone}`, null);
    const closed = await startTencentSmsFake({ ...keys, smsSdkAppId, signName: SIGN, templates: {} });
    await closed.close();
    expect(await provider({ endpoint: closed.endpoint }).send(requestFor('result_certified', phone))).toEqual({
      status: 'failed',
      retryable: true,
      reason: 'tencent unreachable: ECONNREFUSED',
    });
  });

  it('a wrong secret key is refused by the signature check; an unknown SecretId too', async () => {
    const before = fake.sent.length;
    expect(await provider({ secretKey: 'not-the-key' }).send(requestFor('login_code'))).toMatchObject({
      status: 'failed',
      retryable: false,
      reason: expect.stringMatching(/^AuthFailure\.SignatureFailure/),
    });
    expect(await provider({ secretId: 'AKIDsomebodyElse' }).send(requestFor('login_code'))).toMatchObject({ retryable: false, reason: expect.stringMatching(/^AuthFailure\.SecretIdNotFound/) });
    expect(fake.refusals.slice(-2)).toEqual(['AuthFailure.SignatureFailure', 'AuthFailure.SecretIdNotFound']);
    expect(fake.sent.length).toBe(before);
  });

  it('the fake refuses an unsigned call as the provider does', async () => {
    const unsigned = await fetch(`http://127.0.0.1:${fake.port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tc-action': 'SendSms', 'x-tc-version': '2021-01-11' },
      body: '{}',
    });
    expect(await unsigned.json()).toMatchObject({ Response: { Error: { Code: 'AuthFailure.InvalidAuthorization' } } });
  });

  it('receipts: reports pulled by phone number, matched by SerialNo', async () => {
    const phone = '13600000004';
    const since = new Date(Date.now() - 60_000);
    const sms = tencentSmsProvider({ ...keys, smsSdkAppId, signName: SIGN, templates, endpoint: fake.endpoint, agent });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const outcome = await sms.send(requestFor('petition_threshold', phone));
      if (outcome.status !== 'sent' || !outcome.providerMessageId) throw new Error('not sent');
      ids.push(outcome.providerMessageId);
    }
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    fake.deliver(ids[0]!, { delivered: true, at });
    fake.deliver(ids[2]!, { delivered: false, description: 'MK:0005', at });
    const receipts = await sms.receipts!(since, [phone]);
    expect(receipts.sort((a, b) => ids.indexOf(a.providerMessageId) - ids.indexOf(b.providerMessageId))).toEqual([
      { providerMessageId: ids[0], phone, delivered: true, reason: null, at },
      { providerMessageId: ids[2], phone, delivered: false, reason: 'MK:0005', at },
    ]);
    expect(fake.actions).toContain('PullSmsSendStatusByPhoneNumber');
  });

  it('is built from the configuration: SMS_SENDER=tencent and its variables', async () => {
    const env = {
      SMS_SENDER: 'tencent',
      TENCENT_SMS_SECRET_ID: keys.secretId,
      TENCENT_SMS_SECRET_KEY: keys.secretKey,
      TENCENT_SMS_SDK_APP_ID: smsSdkAppId,
      TENCENT_SMS_SIGN_NAME: SIGN,
      TENCENT_SMS_ENDPOINT: fake.endpoint,
      ...Object.fromEntries(MESSAGE_KINDS.map((kind) => [templateVariable(kind), templates[kind]])),
    };
    const sms = smsProviderFromConfig(loadConfig(env), { agent })!;
    expect(sms.name).toBe('tencent');
    expect(await sms.send(requestFor('verification_locked', '13600000005'))).toMatchObject({ status: 'sent' });
    expect(fake.sent.at(-1)).toMatchObject({ phoneNumber: '+8613600000005', templateId: templates.verification_locked });
  });
});

describe('the SDKs are loaded when first used, not at start', () => {
  it('starting the app loads neither SMS SDK; a cloud provider loads its own at its first message, and only its own', () => {
    // A fresh process on the compiled code (dist/, built by the global setup), as production runs it:
    // the two SDKs hold about 50 MB that a service sending through neither (or one) must not carry.
    const script = `
      import { createRequire } from 'node:module';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache);
      const sdks = () => ({
        aliyun: loaded().some((f) => f.includes('/@alicloud/')),
        tencent: loaded().some((f) => f.includes('/tencentcloud-sdk-nodejs-sms/') || f.includes('/tencentcloud-sdk-nodejs-common/')),
      });
      await import('./dist/src/app.js');
      const { smsProviderFor } = await import('./dist/src/notifications/sms.js');
      const atStart = sdks();
      const templates = Object.fromEntries(${JSON.stringify(MESSAGE_KINDS)}.map((kind) => [kind, 'SMS_1']));
      const aliyun = smsProviderFor({ smsCloud: { provider: 'aliyun', accessKeyId: 'a', accessKeySecret: 'b', signName: 's', regionId: 'cn-hangzhou', endpoint: 'http://127.0.0.1:9', templates } }, null, console);
      const built = sdks();
      const outcome = await aliyun.send({ phone: '13800000000', kind: 'login_code', params: { code: '123456' }, text: 'x' });
      console.log(JSON.stringify({ atStart, built, afterSend: sdks(), name: aliyun.name, outcome: outcome.status }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.resolve(import.meta.dirname, '../..'), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim())).toEqual({
      atStart: { aliyun: false, tencent: false },
      built: { aliyun: false, tencent: false },
      afterSend: { aliyun: true, tencent: false },
      name: 'aliyun',
      outcome: 'failed', // nothing listens on port 9
    });
  });
});
