import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../api/client.ts';
import { useAction } from './action.ts';

describe('useAction', () => {
  it('is busy while the work runs, and clears an earlier problem', async () => {
    const action = useAction();
    action.problem.value = 'earlier';
    let release!: () => void;
    const running = action.run(() => new Promise<void>((resolve) => (release = resolve)));
    expect(action.busy.value).toBe(true);
    expect(action.problem.value).toBe('');
    // Once at a time: a second tap while it runs does nothing.
    expect(await action.run(() => Promise.reject(new Error('twice')))).toBe(false);
    release();
    expect(await running).toBe(true);
    expect(action.busy.value).toBe(false);
  });

  it('says a failure as a sentence and answers false', async () => {
    const action = useAction();
    expect(await action.run(() => Promise.reject(new ApiFailure({ kind: 'network' })))).toBe(false);
    expect(action.problem.value).toBe('网络连接不上。请检查网络后再试一次。');
    expect(action.busy.value).toBe(false);
  });

  it('lets the page say a refusal in its own words', async () => {
    const action = useAction();
    await action.run(() => Promise.reject(new ApiFailure({ kind: 'network' })), { said: () => '页面自己的话。' });
    expect(action.problem.value).toBe('页面自己的话。');
  });

  it('does nothing when the confirmation is declined', async () => {
    const action = useAction();
    let ran = false;
    expect(await action.run(async () => void (ran = true), { confirm: async () => false })).toBe(false);
    expect(ran).toBe(false);
    expect(await action.run(async () => void (ran = true), { confirm: async () => true })).toBe(true);
    expect(ran).toBe(true);
  });
});
