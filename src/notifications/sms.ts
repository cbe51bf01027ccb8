import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { maskPhone } from '../lib/mask.ts';
import { smsProviderFromConfig } from './providers/index.ts';
import { insertSmsCopy } from './sms-outbox-repository.ts';
import type { SmsOutcome, SmsProvider, SmsRequest } from './sms-provider.ts';

/**
 * The SMS providers of this module: the development one (sends nothing) and
 * a plain HTTP gateway. Both keep a copy of each text in sms_outbox — a login
 * code blanked — so an operator sees what went out. Alibaba Cloud and Tencent
 * Cloud adapters implement the same SmsProvider interface elsewhere.
 */

const SECRET_SHOWN_AS = '******';

/** The text with its secret (a login code) blanked: the only form that is stored or logged outside development. */
export function storableText(request: Pick<SmsRequest, 'kind' | 'params' | 'text'>): string {
  const secret = request.kind === 'login_code' ? request.params.code : undefined;
  return secret ? request.text.split(secret).join(SECRET_SHOWN_AS) : request.text;
}

const purposeOf = (request: SmsRequest) => (request.kind === 'login_code' ? 'login_code' : 'notice');

async function recordInOutbox(db: Kysely<DB>, request: SmsRequest, sender: string): Promise<void> {
  await insertSmsCopy(db, { phone: request.phone, purpose: purposeOf(request), body: storableText(request), sender });
}

/**
 * NOT FOR PRODUCTION (refused at start when NODE_ENV=production). Sends
 * nothing: records each message in sms_outbox with its code blanked, and —
 * only when NODE_ENV=development, for the developer at the keyboard — writes
 * the whole message, code included, to the log.
 */
export function developmentSmsProvider(db: Kysely<DB>, log: Pick<FastifyBaseLogger, 'warn'>, options: { showSecrets: boolean }): SmsProvider {
  let sent = 0;
  return {
    name: 'development',
    async send(request) {
      await recordInOutbox(db, request, 'development');
      const text = options.showSecrets ? request.text : storableText(request);
      log.warn(
        { sms: { to: maskPhone(request.phone), kind: request.kind } },
        `DEVELOPMENT SMS SENDER (not for production) to ${maskPhone(request.phone)}: ${text}`,
      );
      return { status: 'sent', providerMessageId: `development-${process.pid}-${++sent}` };
    },
  };
}

/**
 * Posts each message as JSON `{to, purpose, kind, text}` to an SMS gateway
 * (`SMS_HTTP_URL`, with `Authorization: Bearer SMS_HTTP_TOKEN` when set) and
 * records it, code blanked, in sms_outbox. 2xx: sent (the answer's `id`, when
 * JSON, is the provider's message id); 429, 5xx, no answer: retryable (its
 * Retry-After respected); any other 4xx: refused for good, with its reason.
 */
export function httpSmsProvider(db: Kysely<DB>, options: { url: string; token: string | undefined; timeoutMs?: number }): SmsProvider {
  return {
    name: 'http',
    async send(request): Promise<SmsOutcome> {
      let res: Response;
      try {
        res = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
          body: JSON.stringify({ to: request.phone, purpose: purposeOf(request), kind: request.kind, text: request.text }),
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
        });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        return { status: 'failed', retryable: true, reason: e.name === 'TimeoutError' ? 'the gateway did not answer in time' : `the gateway could not be reached (${e.cause?.code ?? e.message})` };
      }
      const answer = (await res.text().catch(() => '')).slice(0, 300);
      if (res.status >= 200 && res.status < 300) {
        await recordInOutbox(db, request, 'http');
        let id: string | null = null;
        try {
          const parsed = JSON.parse(answer) as { id?: unknown };
          if (typeof parsed.id === 'string' || typeof parsed.id === 'number') id = String(parsed.id);
        } catch {
          // Not JSON: the gateway gives no message id.
        }
        return { status: 'sent', providerMessageId: id };
      }
      const retryAfter = Number(res.headers.get('retry-after'));
      const retryable = res.status === 429 || res.status >= 500;
      return {
        status: 'failed',
        retryable,
        reason: `the gateway answered ${res.status}${answer ? `: ${answer}` : ''}`,
        ...(retryable && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    },
  };
}

/** The provider SMS_SENDER names: Alibaba Cloud or Tencent Cloud (src/notifications/providers/), an HTTP gateway, or the development sender. */
export function smsProviderFor(config: Pick<Config, 'env' | 'smsSender' | 'smsHttp' | 'smsCloud'>, db: Kysely<DB>, log: Pick<FastifyBaseLogger, 'warn'>): SmsProvider {
  const cloud = smsProviderFromConfig(config);
  if (cloud) return cloud;
  if (config.smsSender === 'http' && config.smsHttp) return httpSmsProvider(db, config.smsHttp);
  return developmentSmsProvider(db, log, { showSecrets: config.env === 'development' });
}
