import type { Agent } from 'node:http';
import type { Config } from '../../config.ts';
import type { SmsProvider } from '../sms-provider.ts';
import { aliyunSmsProvider } from './aliyun.ts';
import { tencentSmsProvider } from './tencent.ts';

export { aliyunSmsProvider } from './aliyun.ts';
export { tencentSmsProvider } from './tencent.ts';

/**
 * The cloud SMS provider the configuration names (SMS_SENDER=aliyun or
 * tencent), or null when the sender is `development` or `http`, which are not
 * template providers and are built elsewhere. `connect.agent` is for tests
 * (see tencentSmsProvider).
 */
export function smsProviderFromConfig(config: Pick<Config, 'smsCloud'>, connect: { agent?: Agent } = {}): SmsProvider | null {
  const cloud = config.smsCloud;
  if (!cloud) return null;
  if (cloud.provider === 'aliyun') {
    return aliyunSmsProvider({
      accessKeyId: cloud.accessKeyId,
      accessKeySecret: cloud.accessKeySecret,
      signName: cloud.signName,
      templates: cloud.templates,
      regionId: cloud.regionId,
      ...(cloud.endpoint ? { endpoint: cloud.endpoint } : {}),
    });
  }
  return tencentSmsProvider({
    secretId: cloud.secretId,
    secretKey: cloud.secretKey,
    smsSdkAppId: cloud.smsSdkAppId,
    signName: cloud.signName,
    templates: cloud.templates,
    region: cloud.region,
    ...(cloud.endpoint ? { endpoint: cloud.endpoint } : {}),
    ...(connect.agent ? { agent: connect.agent } : {}),
  });
}
