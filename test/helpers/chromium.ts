/**
 * Debian's Chromium as the browser tests (browser.ts) and bench:web drive it: where it is, the
 * flags it runs with, and the phone it plays — a 375 × 667 Android phone in WeChat. No test
 * runner here, so a benchmark can use it too.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** WeChat's built-in browser on an Android phone (XWeb, Chrome 87 underneath). */
export const WECHAT_ANDROID_UA =
  'Mozilla/5.0 (Linux; Android 10; VOG-AL00 Build/HUAWEIVOG-AL00; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 ' +
  'Chrome/87.0.4280.141 Mobile Safari/537.36 XWEB/4317 MMWEBSDK/20221011 Mobile MicroMessenger/8.0.30.2260(0x28001E3B) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

/** The options of a browser context that is that phone. */
export const WECHAT_PHONE = {
  viewport: { width: 375, height: 667 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent: WECHAT_ANDROID_UA,
  locale: 'zh-CN',
  // A phone in China: times the app formats in the phone's own zone (a login code's expiry) read as the estate's do.
  timezoneId: 'Asia/Shanghai',
} as const;
