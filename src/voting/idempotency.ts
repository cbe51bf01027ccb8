import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { claimIdempotencyKey, storedReply, storeReply } from './idempotency-keys-repository.ts';

/**
 * Idempotency-Key: a phone on a bad connection retries; the retry must not
 * vote twice. The key is claimed inside the same transaction as the work, so
 * either both are written or neither; a concurrent retry with the same key
 * waits for the first and then gets its stored reply.
 */

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,100}$/;

export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

export async function idempotent<T>(
  trx: Kysely<DB>,
  claim: { accountId: string; key: string; request: unknown },
  work: () => Promise<{ statusCode: number; body: T }>,
): Promise<{ statusCode: number; body: T; replayed: boolean }> {
  const hash = requestHash(claim.request);
  if (!(await claimIdempotencyKey(trx, { accountId: claim.accountId, key: claim.key, requestHash: hash }))) {
    const stored = await storedReply(trx, claim.accountId, claim.key);
    if (stored.request_hash !== hash) {
      throw new ProblemError('validation-failed', 'This Idempotency-Key was used for a different request', {
        errors: [{ path: 'headers.idempotency-key', message: 'already used for a different request' }],
      });
    }
    return { statusCode: stored.status_code, body: stored.response as T, replayed: true };
  }
  const result = await work();
  await storeReply(trx, claim.accountId, claim.key, result);
  return { ...result, replayed: false };
}
