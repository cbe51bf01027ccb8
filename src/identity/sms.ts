import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { maskPhone } from './mask.ts';

/** Sends a text message to a phone. Called inside the request's transaction. */
export interface SmsSender {
  readonly name: string;
  send(trx: Kysely<DB>, message: { phone: string; purpose: 'login_code' | 'notice'; body: string }): Promise<void>;
}

/**
 * NOT FOR PRODUCTION. Sends nothing: writes each message to the sms_outbox
 * table and to the log, so developers and tests can read login codes.
 */
export function developmentSmsSender(log: Pick<FastifyBaseLogger, 'warn'>): SmsSender {
  return {
    name: 'development',
    async send(trx, message) {
      await trx
        .insertInto('sms_outbox')
        .values({ phone: message.phone, purpose: message.purpose, body: message.body, sender: 'development' })
        .execute();
      log.warn(
        { sms: { to: maskPhone(message.phone), purpose: message.purpose } },
        `DEVELOPMENT SMS SENDER (not for production) to ${maskPhone(message.phone)}: ${message.body}`,
      );
    },
  };
}
