import type { Agent } from 'node:http';
import type { Config } from '../../config.ts';
import type { SmsProvider } from '../sms-provider.ts';

/**
 * A provider whose adapter (and so its SDK) is loaded at its first message,
 * not at start: the two SDKs together hold about 50 MB, which every process
 * would carry whether it sends through them or not (bench:vote's RSS target).
 */
function loadedWhenFirstUsed(name: string, load: () => Promise<SmsProvider>): SmsProvider {
  let loading: Promise<SmsProvider> | undefined;
  const provider = () => {
    // A failed load (a broken install) is tried again at the next message, not remembered.
    loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };
  return {
    name,
    send: async (request) => (await provider()).send(request),
    receipts: async (since, phones) => {
      const loaded = await provider();
      return loaded.receipts ? loaded.receipts(since, phones) : [];
    },
  };
}

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
    return loadedWhenFirstUsed('aliyun', async () => (await import('./aliyun.ts')).aliyunSmsProvider({
      accessKeyId: cloud.accessKeyId,
      accessKeySecret: cloud.accessKeySecret,
      signName: cloud.signName,
      templates: cloud.templates,
      regionId: cloud.regionId,
      ...(cloud.endpoint ? { endpoint: cloud.endpoint } : {}),
    }));
  }
  return loadedWhenFirstUsed('tencent', async () => (await import('./tencent.ts')).tencentSmsProvider({
    secretId: cloud.secretId,
    secretKey: cloud.secretKey,
    smsSdkAppId: cloud.smsSdkAppId,
    signName: cloud.signName,
    templates: cloud.templates,
    region: cloud.region,
    ...(cloud.endpoint ? { endpoint: cloud.endpoint } : {}),
    ...(connect.agent ? { agent: connect.agent } : {}),
  }));
}
