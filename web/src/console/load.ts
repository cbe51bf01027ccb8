import { onMounted, ref, type Ref } from 'vue';
import { describe } from './problems.ts';

/**
 * Something a page reads from the service: its data, whether it is loading, and the problem as
 * a sentence when it failed. `reload` reads it again (after a change, or the retry button).
 */
export function useLoad<T>(read: () => Promise<T>, { immediate = true } = {}): { data: Ref<T | undefined>; loading: Ref<boolean>; problem: Ref<string>; reload: () => Promise<void> } {
  const data: Ref<T | undefined> = ref<T>();
  const loading = ref(false);
  const problem = ref('');
  async function reload() {
    loading.value = true;
    problem.value = '';
    try {
      data.value = await read();
    } catch (error) {
      problem.value = describe(error);
    } finally {
      loading.value = false;
    }
  }
  if (immediate) onMounted(reload);
  return { data, loading, problem, reload };
}
