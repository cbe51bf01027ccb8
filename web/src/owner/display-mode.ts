import { ref } from 'vue';

/**
 * 长辈版 (elder, the default: text ≥ 18 px, targets ≥ 60 px) or 标准版 (standard: text ≥ 16 px,
 * targets ≥ 44 px), which an owner can choose in 设置. A preference of this phone, kept in
 * localStorage (never a token), and marked on <html data-mode> for the styles; the theme of
 * Vant follows it in App.vue.
 */
export type DisplayMode = 'elder' | 'standard';
export const DISPLAY_MODES: readonly DisplayMode[] = ['elder', 'standard'];
const STORAGE_KEY = 'gongjue.mode';

function initialMode(): DisplayMode {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'standard' ? 'standard' : 'elder';
  } catch {
    return 'elder'; // storage refused (private mode): 长辈版
  }
}

export const displayMode = ref<DisplayMode>(initialMode());
document.documentElement.dataset.mode = displayMode.value;

export function setDisplayMode(mode: DisplayMode): void {
  displayMode.value = mode;
  document.documentElement.dataset.mode = mode;
  try {
    localStorage.setItem(STORAGE_KEY, mode);
  } catch {
    // Not kept: the next visit starts in 长辈版 again.
  }
}
