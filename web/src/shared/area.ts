/**
 * One area of an app's words (a page or a group of pages), in both languages, in one file:
 * the English must have every key the Chinese has (a missing one is a compile error). Areas
 * are put together in each app's messages/zh-CN.ts and en.ts.
 */
export interface Area<T> {
  zh: T;
  en: T;
}
export const defineArea = <T>(zh: T, en: NoInfer<T>): Area<T> => ({ zh, en });
