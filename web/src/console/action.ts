import { ref, type Ref } from 'vue';
import { describe } from './problems.ts';

/**
 * Something a page does at the service (save, publish, verify, file…): whether it is under way,
 * and the problem as a sentence when it failed (problems.ts). `run` asks first when given a
 * confirmation (confirm.ts: every binding or destructive action says what will happen), then does
 * the work once at a time, and answers whether it was done. `said` may put a refusal in the page's
 * own words (a reason the page knows better); otherwise describe() says it.
 */
export interface Action {
  busy: Ref<boolean>;
  problem: Ref<string>;
  run(work: () => Promise<unknown>, options?: { confirm?: () => Promise<boolean>; said?: (error: unknown) => string | undefined }): Promise<boolean>;
}

export function useAction(): Action {
  const busy = ref(false);
  const problem = ref('');
  async function run(work: () => Promise<unknown>, { confirm, said }: { confirm?: () => Promise<boolean>; said?: (error: unknown) => string | undefined } = {}) {
    if (busy.value) return false;
    problem.value = '';
    if (confirm && !(await confirm())) return false;
    busy.value = true;
    try {
      await work();
      return true;
    } catch (error) {
      problem.value = said?.(error) ?? describe(error);
      return false;
    } finally {
      busy.value = false;
    }
  }
  return { busy, problem, run };
}
