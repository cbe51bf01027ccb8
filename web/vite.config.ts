import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * One build, two pages: the owner app (index.html, served at /) and the staff
 * console (console/index.html, served at /console/). Output: dist/web, which
 * the service serves (src/plugins/web-app.ts); scripts/build.mjs runs this
 * build when dist/web is missing or stale.
 *
 * Target: the phones owners have. Chrome 87 (old Android WebViews, WeChat's
 * XWeb) and Safari 13 (old iPhones) run ES modules but not every later syntax,
 * so the code is lowered to ES2019.
 */
export const BROWSER_TARGET = ['es2019', 'chrome87', 'safari13'];

/**
 * Vant's icon font is a woff2 data: URL with a fallback on a CDN (at.alicdn.com). The apps load
 * nothing from elsewhere (CSP font-src 'self' data:), and every browser the target covers reads
 * woff2: the fallback is dropped, so no phone asks a third party for it.
 */
function vantIconFontFromDataOnly(): Plugin {
  return {
    name: 'gongjue:vant-icon-font-from-data-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]vant[\\/]es[\\/]icon[\\/]index\.css$/.test(id)) return null;
      const kept = code.replace(/,\s*url\(["']?(?:https?:)?\/\/[^)]*\)\s*format\(["'][a-z]+["']\)/g, '');
      if (kept === code) this.error('Vant icon font: no remote fallback found to drop (has Vant changed?)');
      return { code: kept, map: null };
    },
  };
}

/**
 * Each script and stylesheet also as .br and .gz beside it: the service sends those to browsers
 * that accept them (@fastify/static preCompressed), a third of the bytes on a slow phone network,
 * with no compressing at request time and no proxy needed for it.
 */
function precompressed(): Plugin {
  return {
    name: 'gongjue:precompressed',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!/\.(js|css)$/.test(fileName)) continue;
        const source = Buffer.from(output.type === 'chunk' ? output.code : output.source);
        const file = path.join(options.dir!, fileName);
        writeFileSync(`${file}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [vue(), vantIconFontFromDataOnly(), precompressed()],
  resolve: { alias: { '@vue/devtools-api': here('src/devtools-api-stub.ts') } },
  define: {
    // Vue and vue-i18n compile-time flags: composition API only, no devtools in production.
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: BROWSER_TARGET,
    cssTarget: ['chrome87', 'safari13'],
    // Served from this origin only: the CSP allows 'self' and nothing inline (src/plugins/security-headers.ts).
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rollupOptions: {
      input: { owner: here('index.html'), console: here('console/index.html') },
    },
  },
});
