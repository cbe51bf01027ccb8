import { describe, expect, it } from 'vitest';
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
});
