import { createI18n } from 'vue-i18n';
import type { Area } from './messages/area.ts';
import common from './messages/areas/common.ts';
import type zhCN from './messages/zh-CN.ts';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const STORAGE_KEY = 'gongjue.locale';

/** Chinese unless the owner chose English on this phone before (a preference, never a token). */
export function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN'; // storage refused (private mode): Chinese
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  // The words of every page (the app's name, the problems); each page adds its own (addWords).
  messages: { 'zh-CN': common.zh, en: common.en },
});

type Words = typeof zhCN;
type PageArea = Exclude<keyof Words, keyof typeof common.zh>;
const added = new Set<string>();

/**
 * A page's words (both languages), added when the page is first shown: they come with the page's
 * code, so an SMS link's first load carries only the words it shows — on a slow phone network,
 * fewer bytes before the meeting appears. messages/zh-CN.ts and en.ts list every area.
 */
export function addWords(areas: { [K in PageArea]?: Area<Words[K]> }): void {
  for (const [name, area] of Object.entries(areas) as [string, Area<unknown>][]) {
    if (added.has(name)) continue;
    added.add(name);
    i18n.global.mergeLocaleMessage('zh-CN', { [name]: area.zh });
    i18n.global.mergeLocaleMessage('en', { [name]: area.en });
  }
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not kept: the next visit starts in Chinese again.
  }
}
