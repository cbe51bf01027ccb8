/**
 * Vue's devtools are off in production builds (__VUE_PROD_DEVTOOLS__, __INTLIFY_PROD_DEVTOOLS__:
 * web/vite.config.ts), yet vue-i18n, vue-router and pinia import @vue/devtools-api, whose
 * module-level code the bundler keeps (about 5 KB gzipped on the owner's first load). This
 * stands in for it: never called, since every call is behind those flags.
 */
export function setupDevtoolsPlugin(): void {}
