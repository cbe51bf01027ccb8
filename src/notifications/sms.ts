import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { maskPhone } from '../lib/mask.ts';

/** A text message for one phone. `body` is what the phone receives. */
export interface SmsMessage {
  phone: string;
  purpose: 'login_code' | 'notice';
  body: string;
  /**
   * The secret inside `body` (a login code). It reaches the phone and nothing
   * else: what is stored or logged carries `storableBody()` instead.
   */
  secret?: string;
}

/** Sends a text message to a phone. Called inside the request's transaction. */
export interface SmsSender {
  readonly name: string;
  send(trx: Kysely<DB>, message: SmsMessage): Promise<void>;
}

const SECRET_SHOWN_AS = '******';

/** The message with its secret blanked: the only form that is stored or logged outside development. */
export function storableBody(message: SmsMessage): string {
  return message.secret ? message.body.split(message.secret).join(SECRET_SHOWN_AS) : message.body;
}

async function recordInOutbox(trx: Kysely<DB>, message: SmsMessage, sender: string): Promise<void> {
  await trx
    .insertInto('sms_outbox')
    .values({ phone: message.phone, purpose: message.purpose, body: storableBody(message), sender })
    .execute();
}

/**
 * NOT FOR PRODUCTION (refused at start when NODE_ENV=production). Sends
 * nothing: records each message in sms_outbox with its code blanked, and —
 * only when NODE_ENV=development, for the developer at the keyboard — writes
 * the whole message, code included, to the log.
 */
export function developmentSmsSender(log: Pick<FastifyBaseLogger, 'warn'>, options: { showSecrets: boolean }): SmsSender {
  return {
    name: 'development',
    async send(trx, message) {
      await recordInOutbox(trx, message, 'development');
      const text = options.showSecrets ? message.body : storableBody(message);
      log.warn(
        { sms: { to: maskPhone(message.phone), purpose: message.purpose } },
        `DEVELOPMENT SMS SENDER (not for production) to ${maskPhone(message.phone)}: ${text}`,
      );
    },
  };
}

/**
 * Posts each message as JSON `{to, purpose, text}` to an SMS gateway
 * (`SMS_HTTP_URL`, with `Authorization: Bearer SMS_HTTP_TOKEN` when set) and
 * records it, code blanked, in sms_outbox. A gateway that fails or does not
 * answer in time makes the request fail with 503, so the challenge is not kept.
 */
export function httpSmsSender(options: { url: string; token: string | undefined; timeoutMs?: number }): SmsSender {
  return {
    name: 'http',
    async send(trx, message) {
      let status: number;
      try {
        const res = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
          body: JSON.stringify({ to: message.phone, purpose: message.purpose, text: message.body }),
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
        });
        status = res.status;
        await res.body?.cancel();
      } catch {
        status = 0;
      }
      if (status < 200 || status >= 300) {
        throw new ProblemError('not-ready', 'The text message could not be sent; try again shortly', { retryAfterSeconds: 30 }, { 'retry-after': '30' });
      }
      await recordInOutbox(trx, message, 'http');
    },
  };
}

/** The sender the configuration names. */
export function smsSenderFor(config: Pick<Config, 'env' | 'smsSender' | 'smsHttp'>, log: Pick<FastifyBaseLogger, 'warn'>): SmsSender {
  if (config.smsSender === 'http' && config.smsHttp) return httpSmsSender(config.smsHttp);
  return developmentSmsSender(log, { showSecrets: config.env === 'development' });
}
