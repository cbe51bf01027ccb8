import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../api/client.ts';
import { useLoad } from './load.ts';

/** A read the test answers by hand, in the order it chooses. */
function reads() {
  const pending: { resolve: (value: string) => void; reject: (error: unknown) => void }[] = [];
  const read = () => new Promise<string>((resolve, reject) => pending.push({ resolve, reject }));
  return { read, pending };
}

describe('useLoad', () => {
  it('shows the latest read’s answer when an earlier one arrives after it', async () => {
    const { read, pending } = reads();
    const load = useLoad(read, { immediate: false });
    const first = load.reload();
    const second = load.reload();
    pending[1]!.resolve('page 3');
    await second;
    expect(load.data.value).toBe('page 3');
    expect(load.loading.value).toBe(false);
    pending[0]!.resolve('page 2');
    await first;
    expect(load.data.value).toBe('page 3');
    expect(load.loading.value).toBe(false);
  });

  it('is loading until the latest read is answered, and keeps no earlier read’s failure', async () => {
    const { read, pending } = reads();
    const load = useLoad(read, { immediate: false });
    const first = load.reload();
    const second = load.reload();
    pending[0]!.reject(new ApiFailure({ kind: 'network' }));
    await first;
    expect(load.loading.value).toBe(true);
    expect(load.problem.value).toBe('');
    pending[1]!.resolve('answer');
    await second;
    expect(load.data.value).toBe('answer');
    expect(load.loading.value).toBe(false);
  });

  it('says the latest read’s failure as a sentence', async () => {
    const { read, pending } = reads();
    const load = useLoad(read, { immediate: false });
    const only = load.reload();
    pending[0]!.reject(new ApiFailure({ kind: 'network' }));
    await only;
    expect(load.problem.value).toBe('网络连接不上。请检查网络后再试一次。');
    expect(load.loading.value).toBe(false);
  });
});
