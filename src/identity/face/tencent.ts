import type { Agent } from 'node:http';
// Types only: erased at build, so this line loads nothing.
import type { Client as FaceidClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/faceid/v20180301/faceid_client.js';
import type { FaceCheckOutcome, FaceCheckStart, FaceCheckStarted, FaceProvider } from './face-provider.ts';

/**
 * Tencent Cloud 人脸核身 (faceid, API 2018-03-01), H5 flow, through the
 * official SDK tencentcloud-sdk-nodejs. That package holds every Tencent Cloud
 * service (tens of megabytes): only its faceid client is imported, and only at
 * the first check, so a service that never verifies faces never loads it.
 */

export interface TencentFaceOptions {
  secretId: string;
  secretKey: string;
  /** The flow (业务流程) created in the faceid console. */
  ruleId: string;
  /** Optional: the API takes none. */
  region?: string;
  /** Default https://faceid.tencentcloudapi.com; the first label must stay faceid (the SDK signs with it). */
  endpoint?: string;
  timeoutMs?: number;
  /** The HTTP(S) agent the SDK connects through (tests: one that resolves the endpoint's name to the local fake). */
  agent?: Agent;
}

export const TENCENT_FACEID_DEFAULT_ENDPOINT = 'https://faceid.tencentcloudapi.com';

/** The provider could not be asked or refused the call; the check was not started. */
export class FaceProviderError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'FaceProviderError';
  }
}

/** Tokens that will never give a result: the check is over, failed. */
const DEAD_TOKEN_CODES = new Set(['InvalidParameterValue.BizTokenExpired', 'InvalidParameterValue.BizTokenIllegal']);

function errorCode(err: unknown): string | null {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && err.code !== '') return err.code;
  return null;
}

export function tencentFaceProvider(options: TencentFaceOptions): FaceProvider {
  const url = new URL(options.endpoint ?? TENCENT_FACEID_DEFAULT_ENDPOINT);
  let client: Promise<FaceidClient> | undefined;
  const faceid = () =>
    (client ??= import('tencentcloud-sdk-nodejs/tencentcloud/services/faceid/v20180301/faceid_client.js').then(
      ({ Client }) =>
        new Client({
          credential: { secretId: options.secretId, secretKey: options.secretKey },
          ...(options.region ? { region: options.region } : {}),
          profile: {
            httpProfile: {
              endpoint: url.host,
              protocol: `${url.protocol}//`,
              reqTimeout: Math.max(1, Math.ceil((options.timeoutMs ?? 10_000) / 1000)),
              ...(options.agent ? { agent: options.agent } : {}),
            },
          },
        }),
    ));

  return {
    name: 'tencent',

    async start(input: FaceCheckStart): Promise<FaceCheckStarted> {
      let answer;
      try {
        answer = await (await faceid()).DetectAuth({
          RuleId: options.ruleId,
          IdCard: input.idNumber,
          Name: input.name,
          RedirectUrl: input.redirectUrl,
          Extra: input.reference,
        });
      } catch (err) {
        // The SDK's message may echo the request; say only the code.
        const code = errorCode(err);
        throw new FaceProviderError(`tencent faceid DetectAuth failed: ${code ?? 'unreachable'}`, code);
      }
      if (!answer.BizToken || !answer.Url) throw new FaceProviderError('tencent faceid DetectAuth answered without BizToken or Url', null);
      return { token: answer.BizToken, url: answer.Url };
    },

    async outcome(token: string): Promise<FaceCheckOutcome> {
      let answer;
      try {
        // InfoType 1: the text result only — no photos or video of the owner are fetched, so none are held.
        answer = await (await faceid()).GetDetectInfoEnhanced({ BizToken: token, RuleId: options.ruleId, InfoType: '1' });
      } catch (err) {
        const code = errorCode(err);
        if (code && DEAD_TOKEN_CODES.has(code)) return { status: 'failed', reason: code };
        // Unreachable, throttled, an internal error: the provider cannot say yet.
        return { status: 'pending' };
      }
      const text = answer.Text;
      // Before the owner finishes the page the result fields are null.
      if (text?.ErrCode === undefined || text.ErrCode === null) return { status: 'pending' };
      if (text.ErrCode !== 0) return { status: 'failed', reason: `${text.ErrCode}: ${text.ErrMsg ?? ''}`.slice(0, 300) };
      if (!text.Name || !text.IdCard) return { status: 'failed', reason: 'passed without naming the identity it matched' };
      return { status: 'passed', name: text.Name, idNumber: text.IdCard, providerReference: token };
    },
  };
}
