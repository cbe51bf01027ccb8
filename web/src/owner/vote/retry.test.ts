import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../api/client.ts';
import { withRetries, worthRetrying } from './retry.ts';

const problem = (status: number) => new ApiFailure({ kind: 'problem', status, slug: 'x', problem: { type: 'urn:gongjue:problem:x', title: '', status } });

describe('retrying a ballot', () => {
  it('retries no answer and 5xx, never a refusal', () => {
    expect(worthRetrying(new ApiFailure({ kind: 'network' }))).toBe(true);
    expect(worthRetrying(problem(503))).toBe(true);
    expect(worthRetrying(problem(500))).toBe(true);
    expect(worthRetrying(problem(409))).toBe(false);
    expect(worthRetrying(problem(401))).toBe(false);
    expect(worthRetrying(new Error('bug'))).toBe(false);
  });

  it('sends again after each wait, then gives up with the last failure', async () => {
    let calls = 0;
    const waits: number[] = [];
    const ok = await withRetries(async () => (++calls < 3 ? Promise.reject(problem(503)) : 'cast'), [1, 2, 3], async (ms) => void waits.push(ms));
    expect([ok, calls, waits]).toEqual(['cast', 3, [1, 2]]);
    calls = 0;
    await expect(withRetries(async () => (++calls, Promise.reject(new ApiFailure({ kind: 'network' }))), [1, 1], async () => {})).rejects.toThrow('network');
    expect(calls).toBe(3);
    calls = 0;
    await expect(withRetries(async () => (++calls, Promise.reject(problem(403))), [1, 1], async () => {})).rejects.toThrow('403');
    expect(calls).toBe(1);
  });
});
