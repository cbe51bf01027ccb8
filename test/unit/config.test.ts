import { describe, expect, it } from 'vitest';
import { trustProxyOption } from '../../src/app.ts';
import { startServer } from '../helpers/server-process.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';

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
    expect(problemsOf({ FACE_PROVIDER: 'somebody' })).toEqual([expect.stringMatching(/^FACE_PROVIDER: expected development/)]);
    expect(loadConfig({}).faceProvider).toBeUndefined();
    expect(loadConfig({ FACE_PROVIDER: 'development' }).faceProvider).toBe('development');
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
});
