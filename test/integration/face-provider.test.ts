import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { FaceProviderError, cloudFaceProviderFromConfig } from '../../src/identity/face/index.ts';
import { tencentFaceProvider } from '../../src/identity/face/tencent.ts';
import { loopbackAgent } from '../fakes/tencent-cloud.ts';
import { type TencentFaceidFake, startTencentFaceidFake } from '../fakes/tencent-faceid.ts';

/**
 * The Tencent Cloud 人脸核身 adapter through the official SDK (tencentcloud-sdk-nodejs,
 * faceid only) against a local fake that checks the TC3 signature and answers as the provider.
 */

const keys = { secretId: 'AKIDgongjueFaceTestId', secretKey: 'faceid-test-secret-key-41d0' };
const ruleId = '7';
const owner = { name: '张三', idNumber: '11010519491231002X', redirectUrl: 'https://gongjue.example/app/verify/done', reference: 'fc_0193a' };

describe('Tencent Cloud face verification', () => {
  const agent = loopbackAgent();
  let fake: TencentFaceidFake;
  const provider = (overrides: Partial<Parameters<typeof tencentFaceProvider>[0]> = {}) =>
    tencentFaceProvider({ ...keys, ruleId, endpoint: fake.endpoint, agent, ...overrides });

  beforeAll(async () => {
    fake = await startTencentFaceidFake({ ...keys, ruleId });
  });
  afterAll(async () => {
    await fake?.close();
    agent.destroy();
  });

  it('start: DetectAuth with the rule, name, number, redirect and our reference; answers the BizToken and the H5 URL', async () => {
    const face = provider();
    expect(face.name).toBe('tencent');
    const started = await face.start(owner);
    const check = fake.checks.at(-1)!;
    expect(started).toEqual({ token: check.bizToken, url: `https://faceid.qq.com/api/auth/getfaceidh5?token=${check.bizToken}` });
    expect(check).toMatchObject({ name: owner.name, idCard: owner.idNumber, redirectUrl: owner.redirectUrl, extra: owner.reference });
    expect(fake.refusals).toEqual([]);
  });

  it('outcome: pending until the owner finishes, then passed with the identity the provider names (text only asked)', async () => {
    const face = provider();
    const { token } = await face.start(owner);
    expect(await face.outcome(token)).toEqual({ status: 'pending' });
    fake.finish(token, { kind: 'passed', name: owner.name, idCard: owner.idNumber });
    expect(await face.outcome(token)).toEqual({ status: 'passed', name: owner.name, idNumber: owner.idNumber, providerReference: token });
    expect(fake.checks.find((c) => c.bizToken === token)!.infoTypes).toEqual(['1', '1']);
  });

  it('outcome: failed with the provider\'s message when the face does not match; failed when the token expired or is unknown', async () => {
    const face = provider();
    const { token } = await face.start(owner);
    fake.finish(token, { kind: 'failed', errCode: 1007, errMsg: '比对相似度未达到通过标准' });
    expect(await face.outcome(token)).toEqual({ status: 'failed', reason: '1007: 比对相似度未达到通过标准' });
    fake.finish(token, { kind: 'expired' });
    expect(await face.outcome(token)).toEqual({ status: 'failed', reason: 'InvalidParameterValue.BizTokenExpired' });
    expect(await face.outcome('00000000-0000-0000-0000-000000000000')).toEqual({ status: 'failed', reason: 'InvalidParameterValue.BizTokenIllegal' });
  });

  it('the provider unavailable: start throws, outcome cannot say yet (pending)', async () => {
    const face = provider();
    const { token } = await face.start(owner);
    fake.failWith(502);
    try {
      await expect(face.start(owner)).rejects.toBeInstanceOf(FaceProviderError);
      expect(await face.outcome(token)).toEqual({ status: 'pending' });
    } finally {
      fake.failWith(null);
    }
  });

  it('a wrong secret key is refused by the signature check, and the error never carries the identity number', async () => {
    const error = await provider({ secretKey: 'not-the-key' })
      .start(owner)
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(FaceProviderError);
    expect(error).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
    expect(String((error as Error).message)).not.toContain(owner.idNumber);
    expect(fake.refusals.at(-1)).toBe('AuthFailure.SignatureFailure');
    // A wrong rule is the provider's refusal too.
    await expect(provider({ ruleId: '8' }).start(owner)).rejects.toMatchObject({ code: 'InvalidParameterValue.RuleIdNotExist' });
  });

  it('is built from the configuration: FACE_PROVIDER=tencent; development and unset give no cloud provider', async () => {
    const config = loadConfig({
      FACE_PROVIDER: 'tencent',
      TENCENT_FACEID_SECRET_ID: keys.secretId,
      TENCENT_FACEID_SECRET_KEY: keys.secretKey,
      TENCENT_FACEID_RULE_ID: ruleId,
      TENCENT_FACEID_ENDPOINT: fake.endpoint,
    });
    const face = cloudFaceProviderFromConfig(config, { agent })!;
    const { token } = await face.start(owner);
    expect(fake.checks.at(-1)!.bizToken).toBe(token);
    expect(cloudFaceProviderFromConfig(loadConfig({ FACE_PROVIDER: 'development' }))).toBeNull();
    expect(cloudFaceProviderFromConfig(loadConfig({}))).toBeNull();
  });

  it('building the provider loads no Tencent Cloud SDK: the faceid client is imported at the first check, and nothing else of the SDK', () => {
    // A fresh process on the compiled code (dist/, built by the global setup), as production runs it.
    const script = `
      import { createRequire } from 'node:module';
      const { cloudFaceProviderFromConfig } = await import('./dist/src/identity/face/index.js');
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/tencentcloud-sdk-nodejs/'));
      const face = cloudFaceProviderFromConfig({ face: { provider: 'tencent', secretId: 'a', secretKey: 'b', ruleId: '1', region: undefined, endpoint: 'http://faceid.invalid:9' } });
      const before = loaded().length;
      await face.outcome('token');
      const after = loaded();
      console.log(JSON.stringify({ before, faceid: after.some((f) => f.includes('/services/faceid/')), others: after.filter((f) => f.includes('/services/') && !f.includes('/services/faceid/')).length }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.resolve(import.meta.dirname, '../..'), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim())).toEqual({ before: 0, faceid: true, others: 0 });
  });
});
