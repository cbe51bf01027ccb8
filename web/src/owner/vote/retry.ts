import { ApiFailure } from '../../api/client.ts';

/**
 * Sending a ballot again after a failure that may not have reached the service, or that the
 * service asked to be retried: no answer (the network), or a 5xx (503 while it is busy). The
 * request is sent again with the same Idempotency-Key, so the service casts it at most once.
 * A refusal (4xx) is an answer, and is not retried.
 */
export function worthRetrying(error: unknown): boolean {
  if (!(error instanceof ApiFailure)) return false;
  return error.failure.kind === 'network' || error.failure.status >= 500;
}

/** Waits before each retry, in ms: a few quick tries, then the owner is told and may tap again. */
export const RETRY_DELAYS_MS: readonly number[] = [400, 1200, 3000];

export async function withRetries<T>(send: () => Promise<T>, delays: readonly number[] = RETRY_DELAYS_MS, wait = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= delays.length || !worthRetrying(error)) throw error;
      await wait(delays[attempt]!);
    }
  }
}
