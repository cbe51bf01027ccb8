import { describe, expect, it } from 'vitest';
import { trustProxyOption } from '../../src/app.ts';
import { startServer } from '../helpers/server-process.ts';
import { ConfigError, loadConfig, templateVariable } from '../../src/config.ts';
import { MESSAGE_KINDS } from '../../src/notifications/sms-provider.ts';
import { smsProviderFor } from '../../src/notifications/sms.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('configuration', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      redisUrl: undefined,
      logLevel: 'info',
      migrateOnStart: true,
      publicBaseUrl: 'http://localhost:3000',
    });
    expect(config.embeddedDatabaseDir).toMatch(/data\/pglite$/);
  });

  it('names each bad variable, one problem per line', () => {
    const problems = problemsOf({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://y' });
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('PORT:'))).toMatch(/port number.*"eighty"/);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toMatch(/expected one of/);
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toMatch(/postgres/);
    expect(problems.find((p) => p.startsWith('REDIS_URL:'))).toMatch(/redis/);
  });

  it('never repeats a secret value in its message', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://user:hunter2@db/x', IDENTITY_HMAC_KEY: 'short-secret' });
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(problems.join('\n')).not.toContain('short-secret');
    expect(problems.find((p) => p.startsWith('IDENTITY_HMAC_KEY:'))).toMatch(/32 random bytes/);
  });

  it('rejects a port out of range and a non-http base URL', () => {
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT: expected a port from 0 to 65535/);
    expect(problemsOf({ PUBLIC_BASE_URL: 'ftp://x' })[0]).toMatch(/^PUBLIC_BASE_URL:/);
  });

  it('treats empty strings as unset for optional URLs', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' })).toMatchObject({ databaseUrl: undefined, redisUrl: undefined });
  });

  it('requires shared keys and a public URL in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['IDENTITY_HMAC_KEY', 'JWT_PRIVATE_KEY', 'PUBLIC_BASE_URL', 'RESULT_SIGNING_KEY', 'SMS_SENDER']);
  });

  it('wants both halves of the JWT key pair', () => {
    const problems = problemsOf({ JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----' });
    expect(problems).toEqual(['JWT_PRIVATE_KEY / JWT_PUBLIC_KEY: set both or neither']);
  });

  const production = {
    NODE_ENV: 'production',
    JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----',
    JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----',
    IDENTITY_HMAC_KEY: Buffer.alloc(32, 7).toString('base64'),
    RESULT_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\ny\n-----END PRIVATE KEY-----',
    PUBLIC_BASE_URL: 'https://gongjue.example',
  };

  it('refuses the development SMS sender in production, naming SMS_SENDER; accepts an SMS gateway', () => {
    const problems = problemsOf({ ...production, SMS_SENDER: 'development' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SMS_SENDER: .*refused when NODE_ENV=production/);
    expect(problemsOf({ ...production, SMS_SENDER: 'http' })).toEqual(['SMS_HTTP_URL: required when SMS_SENDER=http']);
    const config = loadConfig({ ...production, SMS_SENDER: 'http', SMS_HTTP_URL: 'https://sms.example/send', SMS_HTTP_TOKEN: 't0ken' });
    expect(config).toMatchObject({ smsSender: 'http', smsHttp: { url: 'https://sms.example/send', token: 't0ken' } });
    // Outside production the development sender stays the default.
    expect(loadConfig({}).smsSender).toBe('development');
  });

  it('refuses the development face provider in production, naming FACE_PROVIDER; none by default', () => {
    const sms = { SMS_SENDER: 'http', SMS_HTTP_URL: 'https://sms.example/send' };
    const problems = problemsOf({ ...production, ...sms, FACE_PROVIDER: 'development' });
    expect(problems).toEqual([expect.stringMatching(/^FACE_PROVIDER: .*refused when NODE_ENV=production/)]);
    expect(problemsOf({ FACE_PROVIDER: 'somebody' })).toEqual([expect.stringMatching(/^FACE_PROVIDER: expected tencent or development/)]);
    expect(loadConfig({}).face).toBeUndefined();
    expect(loadConfig({ FACE_PROVIDER: 'development' }).face).toEqual({ provider: 'development' });
  });

  it('the server refuses to start in production with the development SMS sender: exit 78, naming SMS_SENDER', async () => {
    const server = startServer({ ...production, SMS_SENDER: 'development', DATA_DIR: '/nonexistent/gongjue' });
    expect(await server.exited).toBe(78);
    expect(server.output()).toMatch(/configuration error: SMS_SENDER: .*refused when NODE_ENV=production/);
  }, 30_000);

  it('TRUST_PROXY: false, a hop count or proxy addresses; never true, which would trust the client', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1,loopback' }).trustProxy).toEqual(['10.0.0.5', '10.0.1.0/24', '::1', 'loopback']);
    expect(problemsOf({ TRUST_PROXY: 'true' })[0]).toMatch(/^TRUST_PROXY: true would trust the address the client itself writes/);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.5,proxy.local' })[0]).toMatch(/^TRUST_PROXY: .*not an address: proxy\.local/);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/33' })[0]).toMatch(/^TRUST_PROXY:/);
    // A hop count trusts that many hops from the socket, and no more.
    const hops = trustProxyOption(2) as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => hops('198.51.100.1', hop))).toEqual([true, true, false]);
  });

  it('login-code and verification limits: a registration day fits the per-address default; each is configurable', () => {
    expect(loadConfig({}).identityLimits).toEqual({
      loginCodesPerAddressPerHour: 300,
      loginCodesPerEstatePerDay: 1000,
      loginCodesUnattachedPerDay: 2000,
      verificationFailuresPerOwner: 10,
      verificationFailuresPerAddressPerHour: 50,
    });
    expect(loadConfig({ LOGIN_CODES_PER_ADDRESS_PER_HOUR: '500' }).identityLimits.loginCodesPerAddressPerHour).toBe(500);
    expect(problemsOf({ LOGIN_CODES_PER_ESTATE_PER_DAY: '0' })[0]).toMatch(/^LOGIN_CODES_PER_ESTATE_PER_DAY: expected at least 1/);
  });

  describe('SMS and face-verification providers', () => {
    const aliyunTemplates = Object.fromEntries(MESSAGE_KINDS.map((kind, i) => [templateVariable(kind), `SMS_4650${i}`]));
    const tencentTemplates = Object.fromEntries(MESSAGE_KINDS.map((kind, i) => [templateVariable(kind), String(2_100_000 + i)]));
    const aliyun = {
      SMS_SENDER: 'aliyun',
      ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI5tKey',
      ALIYUN_SMS_ACCESS_KEY_SECRET: 'aliyun-secret-value',
      ALIYUN_SMS_SIGN_NAME: '共决',
      ...aliyunTemplates,
    };
    const tencent = {
      SMS_SENDER: 'tencent',
      TENCENT_SMS_SECRET_ID: 'AKIDkey',
      TENCENT_SMS_SECRET_KEY: 'tencent-secret-value',
      TENCENT_SMS_SDK_APP_ID: '1400123456',
      TENCENT_SMS_SIGN_NAME: '共决',
      ...tencentTemplates,
    };

    it('one template variable per message kind, named after it', () => {
      expect(MESSAGE_KINDS.map(templateVariable)).toEqual([
        'SMS_TEMPLATE_LOGIN_CODE',
        'SMS_TEMPLATE_MEETING_NOTICED',
        'SMS_TEMPLATE_VOTING_OPENED',
        'SMS_TEMPLATE_VOTING_REMINDER',
        'SMS_TEMPLATE_RESULTS_PUBLISHED',
        'SMS_TEMPLATE_RESULT_FINAL',
        'SMS_TEMPLATE_RESULT_CERTIFIED',
        'SMS_TEMPLATE_PETITION_THRESHOLD',
        'SMS_TEMPLATE_VERIFICATION_LOCKED',
        'SMS_TEMPLATE_OWNER_BOUND',
        'SMS_TEMPLATE_BALLOTS_RECORDED',
        'SMS_TEMPLATE_PROXY_REJECTED',
        'SMS_TEMPLATE_PROXY_REVOKED',
      ]);
    });

    it('SMS_SENDER=aliyun: keys, sign, region default and every template', () => {
      const config = loadConfig(aliyun);
      expect(config.smsSender).toBe('aliyun');
      expect(config.smsCloud).toEqual({
        provider: 'aliyun',
        accessKeyId: 'LTAI5tKey',
        accessKeySecret: 'aliyun-secret-value',
        signName: '共决',
        regionId: 'cn-hangzhou',
        endpoint: undefined,
        templates: Object.fromEntries(MESSAGE_KINDS.map((kind, i) => [kind, `SMS_4650${i}`])),
      });
      expect(loadConfig({ ...aliyun, ALIYUN_SMS_REGION: 'cn-shenzhen', ALIYUN_SMS_ENDPOINT: 'http://127.0.0.1:8080' }).smsCloud).toMatchObject({
        regionId: 'cn-shenzhen',
        endpoint: 'http://127.0.0.1:8080',
      });
    });

    it('the service sends through the cloud provider SMS_SENDER names, never silently through the development sender', () => {
      const log = { warn: () => {} };
      // The cloud providers need no database; the development and http ones record in sms_outbox.
      expect(smsProviderFor(loadConfig(aliyun), {} as never, log).name).toBe('aliyun');
      expect(smsProviderFor(loadConfig(tencent), {} as never, log).name).toBe('tencent');
      expect(smsProviderFor(loadConfig({}), {} as never, log).name).toBe('development');
    });

    it('SMS_SENDER=aliyun names every missing variable at once, each template by its kind', () => {
      const problems = problemsOf({ SMS_SENDER: 'aliyun' });
      expect(problems.map((p) => p.split(':')[0])).toEqual([
        'ALIYUN_SMS_ACCESS_KEY_ID',
        'ALIYUN_SMS_ACCESS_KEY_SECRET',
        'ALIYUN_SMS_SIGN_NAME',
        ...MESSAGE_KINDS.map(templateVariable),
      ]);
      expect(problems[0]).toBe('ALIYUN_SMS_ACCESS_KEY_ID: required when SMS_SENDER=aliyun');
      expect(problems.at(-1)).toBe('SMS_TEMPLATE_PROXY_REVOKED: required when SMS_SENDER=aliyun (the template of proxy_revoked messages)');
      const withoutOne: Record<string, string> = { ...aliyun };
      delete withoutOne.SMS_TEMPLATE_VOTING_REMINDER;
      expect(problemsOf(withoutOne)).toEqual(['SMS_TEMPLATE_VOTING_REMINDER: required when SMS_SENDER=aliyun (the template of voting_reminder messages)']);
    });

    it('template ids in the chosen provider\'s form', () => {
      expect(problemsOf({ ...aliyun, SMS_TEMPLATE_LOGIN_CODE: '2100000' })).toEqual([
        'SMS_TEMPLATE_LOGIN_CODE: expected an Alibaba Cloud template code such as SMS_123456789 (got "2100000")',
      ]);
      expect(problemsOf({ ...tencent, SMS_TEMPLATE_LOGIN_CODE: 'SMS_1' })).toEqual([
        'SMS_TEMPLATE_LOGIN_CODE: expected a Tencent Cloud template id, digits such as 1234567 (got "SMS_1")',
      ]);
    });

    it('SMS_SENDER=tencent: SecretId/SecretKey, SdkAppId, sign, region default and every template', () => {
      expect(loadConfig(tencent).smsCloud).toEqual({
        provider: 'tencent',
        secretId: 'AKIDkey',
        secretKey: 'tencent-secret-value',
        smsSdkAppId: '1400123456',
        signName: '共决',
        region: 'ap-guangzhou',
        endpoint: undefined,
        templates: Object.fromEntries(MESSAGE_KINDS.map((kind, i) => [kind, String(2_100_000 + i)])),
      });
      expect(problemsOf({ SMS_SENDER: 'tencent', ...tencentTemplates })).toEqual([
        'TENCENT_SMS_SECRET_ID: required when SMS_SENDER=tencent',
        'TENCENT_SMS_SECRET_KEY: required when SMS_SENDER=tencent',
        'TENCENT_SMS_SDK_APP_ID: required when SMS_SENDER=tencent',
        'TENCENT_SMS_SIGN_NAME: required when SMS_SENDER=tencent',
      ]);
      expect(problemsOf({ ...tencent, TENCENT_SMS_SDK_APP_ID: 'app-one' })[0]).toMatch(/^TENCENT_SMS_SDK_APP_ID: expected the SMS application's SdkAppId/);
    });

    it('endpoint overrides: scheme and host only; Tencent\'s must keep the service as first label; https in production', () => {
      expect(problemsOf({ ...aliyun, ALIYUN_SMS_ENDPOINT: 'https://dysmsapi.aliyuncs.com/path' })[0]).toMatch(/^ALIYUN_SMS_ENDPOINT: expected only a scheme and host/);
      expect(problemsOf({ ...aliyun, ALIYUN_SMS_ENDPOINT: 'ftp://x' })[0]).toMatch(/^ALIYUN_SMS_ENDPOINT: expected an http\(s\) URL/);
      expect(problemsOf({ ...tencent, TENCENT_SMS_ENDPOINT: 'http://127.0.0.1:9000' })).toEqual([
        'TENCENT_SMS_ENDPOINT: the host name must begin with "sms." (the SDK signs each call for the service its first label names)',
      ]);
      expect(loadConfig({ ...tencent, TENCENT_SMS_ENDPOINT: 'https://sms.ap-shanghai.tencentcloudapi.com' }).smsCloud?.endpoint).toBe('https://sms.ap-shanghai.tencentcloudapi.com');
      expect(problemsOf({ ...production, ...aliyun, ALIYUN_SMS_ENDPOINT: 'http://dysmsapi.internal' })).toEqual(['ALIYUN_SMS_ENDPOINT: expected https when NODE_ENV=production']);
      expect(problemsOf({ ...production, ...aliyun })).toEqual([]);
      expect(problemsOf({ ...production, ...tencent })).toEqual([]);
    });

    it('never repeats a provider secret in its message', () => {
      const problems = problemsOf({ ...aliyun, ALIYUN_SMS_ACCESS_KEY_SECRET: '   ', TENCENT_SMS_SECRET_KEY: ' ', TENCENT_FACEID_SECRET_KEY: '  ' });
      expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['ALIYUN_SMS_ACCESS_KEY_SECRET', 'TENCENT_FACEID_SECRET_KEY', 'TENCENT_SMS_SECRET_KEY']);
      for (const p of problems) expect(p).toMatch(/: expected a value, not blanks \(got "<\d+ characters, hidden>"\)$/);
    });

    it('FACE_PROVIDER: unset disables it; tencent wants its keys and rule; development is refused in production', () => {
      expect(loadConfig({}).face).toBeUndefined();
      expect(loadConfig({ FACE_PROVIDER: 'development' }).face).toEqual({ provider: 'development' });
      expect(problemsOf({ FACE_PROVIDER: 'tencent' })).toEqual([
        'TENCENT_FACEID_SECRET_ID: required when FACE_PROVIDER=tencent',
        'TENCENT_FACEID_SECRET_KEY: required when FACE_PROVIDER=tencent',
        'TENCENT_FACEID_RULE_ID: required when FACE_PROVIDER=tencent',
      ]);
      const face = { FACE_PROVIDER: 'tencent', TENCENT_FACEID_SECRET_ID: 'AKIDface', TENCENT_FACEID_SECRET_KEY: 'face-secret', TENCENT_FACEID_RULE_ID: '3' };
      expect(loadConfig(face).face).toEqual({ provider: 'tencent', secretId: 'AKIDface', secretKey: 'face-secret', ruleId: '3', region: undefined, endpoint: undefined });
      expect(problemsOf({ ...face, TENCENT_FACEID_ENDPOINT: 'https://sms.tencentcloudapi.com' })[0]).toMatch(/^TENCENT_FACEID_ENDPOINT: the host name must begin with "faceid\."/);
      expect(problemsOf({ FACE_PROVIDER: 'aws' })[0]).toMatch(/^FACE_PROVIDER: expected tencent or development/);
      const refused = problemsOf({ ...production, SMS_SENDER: 'http', SMS_HTTP_URL: 'https://sms.example/send', FACE_PROVIDER: 'development' });
      expect(refused).toEqual(['FACE_PROVIDER: development passes every check and is refused when NODE_ENV=production; use tencent, or leave it unset']);
      expect(problemsOf({ ...production, SMS_SENDER: 'http', SMS_HTTP_URL: 'https://sms.example/send', ...face })).toEqual([]);
    });

    it('SMS_SENDER names the cloud providers among its choices', () => {
      expect(problemsOf({ SMS_SENDER: 'twilio' })[0]).toBe('SMS_SENDER: expected aliyun, tencent, http or development (got "twilio")');
    });
  });
});
