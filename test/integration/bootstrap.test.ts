import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { grantAdmin } from '../../src/identity/bootstrap.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the first admin (gongjue admin grant PHONE)', () => {
  it('appoints an admin once, who then logs in with admin rights', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.testDatabase.url });
    const first = await grantAdmin(config, '+86 138 0000 9999');
    expect(first.created).toBe(true);
    expect(await grantAdmin(config, '13800009999')).toEqual({ accountId: first.accountId, created: false });
    await expect(grantAdmin(config, '12345')).rejects.toThrow(/not a mainland mobile number/);

    const session = await logIn(t, '13800009999');
    expect(session.accountId).toBe(first.accountId);
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/townships',
      headers: bearer(session.accessToken),
      payload: { code: '350881777', name: '首个街道' },
    });
    expect(created.statusCode).toBe(201);
  });

  it('offers no local admin endpoint with an external PostgreSQL: the command writes to the database itself', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/local/admin-grants', payload: { phone: '13800009998' } });
    expect(res.statusCode).toBe(404);
  });
});
