import type { ConfigProviderThemeVars } from 'vant';

/**
 * 长辈版 (MIIT 2021 适老化; WCAG 2.2 AA), set once for the whole app through
 * Vant's ConfigProvider (App.vue, scope "global" so popups teleported to
 * <body> get it too). Sizes are rem, so they follow the reader's text size
 * (a browser's font setting, WeChat's care mode) up to 200 %; 1rem = 16 px at
 * the default size.
 *
 * Colours: Vant's defaults fail 4.5:1 on white (blue #1989fa 3.1:1, red
 * #ee0a24 4.0:1, orange 2.1:1, green 2.3:1, grey text #969799 2.9:1); these
 * pass on white and on the page background #f7f8fa (ratios in the comments, on
 * white).
 */
export const elderThemeVars: ConfigProviderThemeVars = {
  primaryColor: '#0b5cad', // 6.6:1
  successColor: '#0a7a3d', // 5.6:1
  dangerColor: '#c2161b', // 6.0:1
  warningColor: '#a34f00', // 5.7:1
  textColor: '#1f1f1f', // 16.4:1
  textColor2: '#4a4a4a', // 8.9:1
  textColor3: '#5c5c5c', // 6.9:1
  borderColor: '#8a8a8a', // 3.4:1: field and button outlines are visible (non-text 3:1)
  fontSizeXs: '1.125rem', // 18 px: nothing smaller anywhere
  fontSizeSm: '1.125rem',
  fontSizeMd: '1.25rem', // 20 px
  fontSizeLg: '1.375rem', // 22 px
  lineHeightXs: '1.7rem',
  lineHeightSm: '1.7rem',
  lineHeightMd: '1.875rem',
  lineHeightLg: '2.0625rem',
  buttonDefaultHeight: '3.75rem', // 60 px targets
  buttonLargeHeight: '4rem',
  buttonNormalFontSize: '1.25rem', // 20 px on buttons
  buttonDefaultFontSize: '1.25rem',
  buttonSmallHeight: '3.75rem',
  buttonSmallFontSize: '1.125rem',
  buttonRadius: '0.5rem',
  buttonDefaultBorderColor: '#8a8a8a', // a visible outline (3.4:1), not Vant's faint grey
  cellFontSize: '1.25rem',
  cellLineHeight: '1.875rem',
  cellVerticalPadding: '0.9375rem', // 30 px text + 2 × 15 = a 60 px row
  cellLabelFontSize: '1.125rem',
  cellLabelLineHeight: '1.7rem',
  cellLabelColor: '#4a4a4a',
  cellValueColor: '#1f1f1f',
  fieldLabelWidth: '4.5em',
  fieldLabelColor: '#1f1f1f',
  fieldPlaceholderTextColor: '#5c5c5c',
  fieldErrorMessageFontSize: '1.125rem',
  fieldErrorMessageColor: '#c2161b',
  fieldIconSize: '1.5rem',
  fieldClearIconSize: '1.5rem',
  fieldClearIconColor: '#5c5c5c',
  toastFontSize: '1.25rem',
  toastTextPadding: '1rem 1.25rem',
  loadingTextFontSize: '1.125rem',
  loadingTextColor: '#4a4a4a',
};

/**
 * 标准版, for owners who choose it: text ≥ 16 px, targets ≥ 44 px (WCAG 2.2 AA, Apple's
 * and Android's guidelines); the same colours.
 */
export const standardThemeVars: ConfigProviderThemeVars = {
  ...elderThemeVars,
  fontSizeXs: '1rem', // 16 px: nothing smaller anywhere
  fontSizeSm: '1rem',
  fontSizeMd: '1.0625rem', // 17 px
  fontSizeLg: '1.25rem',
  lineHeightXs: '1.5rem',
  lineHeightSm: '1.5rem',
  lineHeightMd: '1.625rem',
  lineHeightLg: '1.875rem',
  buttonDefaultHeight: '2.75rem', // 44 px targets
  buttonLargeHeight: '3rem',
  buttonNormalFontSize: '1.0625rem',
  buttonDefaultFontSize: '1.0625rem',
  buttonSmallHeight: '2.75rem',
  buttonSmallFontSize: '1rem',
  cellFontSize: '1.0625rem',
  cellLineHeight: '1.625rem',
  cellVerticalPadding: '0.5625rem', // 26 px text + 2 × 9 = a 44 px row
  cellLabelFontSize: '1rem',
  cellLabelLineHeight: '1.5rem',
  fieldErrorMessageFontSize: '1rem',
  toastFontSize: '1.0625rem',
  loadingTextFontSize: '1rem',
};
