import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { baseCompile } from '@intlify/message-compiler';
import vue from '@vitejs/plugin-vue';
import type { OutputChunk } from 'rolldown';
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

/**
 * Each app's first script goes into its page inline, before the app: it runs while the page is
 * parsed and starts the session restore (and the reads the address names) at once, a round trip
 * sooner than a script file could — the owner app's src/owner/boot.ts (an SMS link on slow 4G:
 * 0.56 s), the console's src/console/boot.ts (the cockpit, canvass list or walking lists opened
 * anew: the restore and the page's read while the console's code is fetched and run). The service
 * allows exactly these scripts by their hashes (src/plugins/web-app.ts), nothing else inline.
 */
const BOOT_SCRIPTS = [
  { app: 'owner', page: /[\\/]web[\\/]index\.html$/, chunk: 'boot', dev: '/src/owner/boot.ts' },
  { app: 'console', page: /[\\/]web[\\/]console[\\/]index\.html$/, chunk: 'consoleBoot', dev: '/src/console/boot.ts' },
];
function bootScripts(): Plugin {
  return {
    name: 'gongjue:boot-scripts',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const boot = BOOT_SCRIPTS.find((b) => b.page.test(ctx.filename));
        if (!boot) return undefined;
        // The dev server: a module script, still before the app's (module scripts run in order).
        if (!ctx.bundle) return [{ tag: 'script', attrs: { type: 'module', src: boot.dev }, injectTo: 'head' }];
        const chunk = Object.values(ctx.bundle).find((c): c is OutputChunk => c.type === 'chunk' && c.isEntry && c.name === boot.chunk);
        if (!chunk) throw new Error(`${boot.app} boot script: the ${boot.chunk} chunk is missing from the build`);
        if (chunk.imports.length > 0) throw new Error(`${boot.app} boot script: it imports ${chunk.imports.join(', ')} (it must stand alone to be inlined)`);
        // A classic script (the boot script imports nothing), in a function of its own so it leaves no globals.
        const code = `(function () {\n${chunk.code.trim()}\n})();`;
        if (/<\/script/i.test(code)) throw new Error(`${boot.app} boot script: its code cannot be inlined (it holds "</script")`);
        const tag = `<script>${code}</script>\n    `;
        // Before the app's own script: deferred module scripts run in order, so this one runs first.
        const at = html.indexOf('<script');
        if (at < 0) throw new Error(`${boot.app} boot script: the page has no script to go before`);
        return html.slice(0, at) + tag + html.slice(at);
      },
    },
  };
}

/**
 * The two apps share code (Vue, the API client) but never run each other: a chunk shared by both
 * must not import either app's entry chunk, or opening the console would start the owner app in
 * its page too (it did, when a helper both use was grouped with the owner's meeting page).
 */
function appsKeptApart(): Plugin {
  return {
    name: 'gongjue:apps-kept-apart',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
      const reach = (start: OutputChunk) => {
        const seen = new Set<string>();
        const visit = (file: string) => {
          if (seen.has(file)) return;
          seen.add(file);
          const chunk = bundle[file];
          if (chunk?.type === 'chunk') [...chunk.imports, ...chunk.dynamicImports].forEach(visit);
        };
        visit(start.fileName);
        return seen;
      };
      const entry = (name: string) => chunks.find((c) => c.isEntry && c.name === name);
      for (const [from, to] of [['console', 'owner'], ['owner', 'console']] as const) {
        const a = entry(from);
        const b = entry(to);
        if (a && b && reach(a).has(b.fileName)) this.error(`the ${from} app's chunks import the ${to} app's entry chunk (${b.fileName}): it would run inside the ${from} app`);
      }
    },
  };
}

/**
 * The apps' words compiled at build time (web/src/<app>/messages/), so the phone gets no message
 * compiler (vue-i18n's, ~5 KB gzipped; __INTLIFY_DROP_MESSAGE_COMPILER__ below) to download, parse
 * and run — at first use it compiled every word it showed, at a quarter of a desktop's speed on the
 * phones owners have. A word with placeholders, plurals or links ({n}, |, @) becomes the function
 * vue-i18n's compiler writes for it; a plain word a function that returns it. Every string in those
 * folders is a word (keys are property names): a word given to vue-i18n as a string elsewhere would
 * not be shown.
 */
function wordsPrecompiled(): Plugin {
  const plain = (word: string) => `function __msg__ (ctx) {\n  const { normalize: _normalize } = ctx\n  return _normalize([\n    ${JSON.stringify(word)}\n  ])\n}`;
  return {
    name: 'gongjue:words-precompiled',
    enforce: 'post', // after TypeScript is stripped
    transform(code, id) {
      if (!/[\\/]web[\\/]src[\\/][^\\/]+[\\/]messages[\\/].*\.ts$/.test(id)) return null;
      type Node = { type: string; start: number; end: number; value?: unknown; [key: string]: unknown };
      const words: Node[] = [];
      const skip = new Set<Node>();
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
        const n = node as Node;
        if (n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration') skip.add(n.source as Node);
        if (n.type === 'Property' && !n.computed) skip.add(n.key as Node);
        if (n.type === 'TemplateLiteral') this.error(`${id}: a template literal among the words (write it as a string, with {placeholders})`);
        if (n.type === 'Literal' && typeof n.value === 'string' && !skip.has(n)) words.push(n);
        for (const [key, value] of Object.entries(n)) if (key !== 'type') visit(value);
      };
      visit(this.parse(code));
      let out = '';
      let at = 0;
      for (const word of words.sort((a, b) => a.start - b.start)) {
        const text = word.value as string;
        const compiled = baseCompile(text, { mode: 'normal', jit: false, onError: (error) => this.error(`${id}: the word ${JSON.stringify(text)}: ${error.message}`) });
        out += code.slice(at, word.start) + (compiled.code === plain(text) ? `() => ${JSON.stringify(text)}` : `(${compiled.code})`);
        at = word.end;
      }
      return { code: out + code.slice(at), map: null };
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [vue(), vantIconFontFromDataOnly(), precompressed(), bootScripts(), wordsPrecompiled(), appsKeptApart()],
  resolve: { alias: { '@vue/devtools-api': here('src/devtools-api-stub.ts') } },
  define: {
    // Vue and vue-i18n compile-time flags: composition API only, no devtools in production.
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    // Words are compiled at build time (wordsPrecompiled): no message compiler in the apps.
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
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
      input: { owner: here('index.html'), console: here('console/index.html'), boot: here('src/owner/boot.ts'), consoleBoot: here('src/console/boot.ts') },
    },
  },
});
