import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Idempotency keys: the rows. The rule (claim in the work's transaction, replay the stored reply) is in idempotency.ts. */

/** Claims the key for this request; false when it is already claimed (a concurrent claim waits for the first to end). */
export async function claimIdempotencyKey(trx: Kysely<DB>, claim: { accountId: string; key: string; requestHash: string }): Promise<boolean> {
  const claimed = await trx
    .insertInto('idempotency_keys')
    .values({ account_id: claim.accountId, key: claim.key, request_hash: claim.requestHash, status_code: 0, response: '{}' })
    .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** The request a claimed key was for and the reply stored for it. */
export async function storedReply(trx: Kysely<DB>, accountId: string, key: string) {
  return trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
}

export async function storeReply(trx: Kysely<DB>, accountId: string, key: string, reply: { statusCode: number; body: unknown }): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ status_code: reply.statusCode, response: JSON.stringify(reply.body) })
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .execute();
}
