import type { Agent } from 'node:http';
import type { Config } from '../../config.ts';
import type { FaceProvider } from './face-provider.ts';
import { tencentFaceProvider } from './tencent.ts';

export { tencentFaceProvider, FaceProviderError } from './tencent.ts';

/**
 * The cloud face-verification provider the configuration names
 * (FACE_PROVIDER=tencent), or null: disabled, or the development fake, which
 * is built by developmentFaceProvider() (src/identity/face/development.ts).
 * Building it loads no SDK: the faceid client is imported at the first check.
 */
export function cloudFaceProviderFromConfig(config: Pick<Config, 'face'>, connect: { agent?: Agent } = {}): FaceProvider | null {
  const face = config.face;
  if (face?.provider !== 'tencent') return null;
  return tencentFaceProvider({
    secretId: face.secretId,
    secretKey: face.secretKey,
    ruleId: face.ruleId,
    ...(face.region ? { region: face.region } : {}),
    ...(face.endpoint ? { endpoint: face.endpoint } : {}),
    ...(connect.agent ? { agent: connect.agent } : {}),
  });
}
