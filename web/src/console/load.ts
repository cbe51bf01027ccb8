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
  // Reads may overlap (a filter changed twice, the next page asked for before the last arrived) and be
  // answered in either order: only the latest read's answer is shown, never an earlier one arriving late.
  let latest = 0;
  async function reload() {
    const mine = ++latest;
    loading.value = true;
    problem.value = '';
    try {
      const answer = await read();
      if (mine === latest) data.value = answer;
    } catch (error) {
      if (mine === latest) problem.value = describe(error);
    } finally {
      if (mine === latest) loading.value = false;
    }
  }
  if (immediate) onMounted(reload);
  return { data, loading, problem, reload };
}
