import { createI18n } from 'vue-i18n';
import en from './messages/en.ts';
import zhCN from './messages/zh-CN.ts';

export type Locale = 'zh-CN' | 'en';
const STORAGE_KEY = 'gongjue.console.locale';

/** Chinese unless this person chose English in this browser before (a preference, never a token). */
function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const i18n = createI18n({ legacy: false, locale: initialLocale(), fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en } });

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not kept: the next visit starts in Chinese again.
  }
}
