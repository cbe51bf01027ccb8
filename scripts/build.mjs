#!/usr/bin/env node
// The compiled JavaScript in dist/ is what runs: `npm start`, `npm run worker`,
// `npm run migrate` and the `gongjue` command line import it with plain node,
// so no TypeScript loader (tsx) is in the running process: it costs tens of
// megabytes of memory and a third of a second at every start.
//
// ensureBuilt() compiles only when dist/ is missing or stale. The inputs are
// every file under src/ and migrations/, the tsconfigs, package.json,
// package-lock.json and this file. Their paths, sizes and modification times
// are compared with those recorded beside the output at the last build (a few
// milliseconds); when those differ, a digest of their contents is compared
// too, so that the same bytes written again (npm prune rewrites
// package-lock.json; a copy that does not keep times) rebuild nothing, while
// an edited, added or deleted source does.
// A lock directory keeps processes starting at once (tests, several instances)
// from compiling over each other; the fingerprint is written last, so a build
// that died half way is redone.
//
// The web apps (web/: the owner app and the staff console) are a second target
// with inputs of their own — everything under web/, the package files and this
// file — and stamps of their own (dist/.web-fingerprint, dist/.web-digest):
// `ensureBuilt({ web: true })` (what `npm start` and the tests ask for) also runs
// Vite into dist/web when that is missing or stale. The command line and the
// worker never need it, so a tally does not wait for a web build.
//
// `node scripts/build.mjs` (npm run build) always compiles both, type-checking as it
// goes; builds started on demand skip the type check (`tsc --noCheck`, a third
// of the time): checking is `npm run typecheck`'s job, and CI runs it.
// Only what the check needs is imported here; the compiler's helpers are loaded when it runs.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/**
 * What is built, from what. server: what tsconfig.build.json emits — dist/src, dist/migrations
 * and dist/package.json (src/plugins/openapi.ts reads the version). web: Vite's dist/web.
 */
const TARGETS = {
  server: {
    dirs: ['src', 'migrations'],
    files: ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json', 'scripts/build.mjs'],
    outputs: ['src', 'migrations', 'package.json'],
    stamp: '.build-fingerprint',
    digest: '.build-digest',
  },
  web: {
    dirs: ['web'],
    files: ['package.json', 'package-lock.json', 'scripts/build.mjs'],
    outputs: ['web'],
    stamp: '.web-fingerprint',
    digest: '.web-digest',
  },
};

function* files(root, dir) {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) yield* files(root, rel);
    else yield rel;
  }
}

const inputsOf = (root, target) => [...target.dirs.flatMap((dir) => [...files(root, dir)]), ...target.files].sort();

/** Every input's path, size and modification time, one line each (kept whole: hashing would load node:crypto). */
export function fingerprint(root = ROOT, target = TARGETS.server) {
  const lines = [];
  for (const rel of inputsOf(root, target)) {
    let stat;
    try {
      stat = statSync(path.join(root, rel));
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      lines.push(`${rel} -`);
      continue;
    }
    lines.push(`${rel} ${stat.size} ${stat.mtimeMs}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A SHA-256 of every input's path and bytes: read only when the times differ. */
export async function contentDigest(root = ROOT, target = TARGETS.server) {
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  for (const rel of inputsOf(root, target)) {
    hash.update(`${rel}\0`);
    try {
      hash.update(readFileSync(path.join(root, rel)));
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      hash.update('-');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

const stampFile = (root, target) => path.join(root, 'dist', target.stamp);
const digestFile = (root, target) => path.join(root, 'dist', target.digest);

function readOr(file, otherwise) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return otherwise;
  }
}

/** 'current', 'missing' (never built, or a build that did not finish) or 'stale'. */
async function buildState(root, target) {
  const times = fingerprint(root, target);
  const recorded = readOr(stampFile(root, target), undefined);
  if (recorded === undefined) return 'missing';
  if (recorded === times) return 'current';
  if (readOr(digestFile(root, target), undefined) !== (await contentDigest(root, target))) return 'stale';
  // The same contents with new times: record the times, so the next check is quick again.
  try {
    writeFileSync(stampFile(root, target), times);
  } catch {
    // A read-only install: the digest is compared at each start, still correct.
  }
  return 'current';
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Takes the build lock (a directory: mkdir is atomic), waiting while a live process holds it. */
async function lock(root) {
  const dir = path.join(root, '.dist.lock');
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'pid'), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let holder = Number.NaN;
    try {
      holder = Number.parseInt(readFileSync(path.join(dir, 'pid'), 'utf8'), 10);
    } catch {
      // Just created, its pid not written yet.
    }
    if (Number.isInteger(holder) && !alive(holder)) {
      rmSync(dir, { recursive: true, force: true }); // its builder died
      continue;
    }
    await sleep(100);
  }
}

/**
 * The command line's tally path as one file: dist/src/cli.bundle.js holds cli.js, the tally
 * engine and zod. Node's ESM loader spends about a millisecond on each module, and these are
 * some 130 (zod alone 94, its locales 64 of them): one file starts in a third of the time.
 * Every other package stays external, and the lazily loaded commands (verify, admin) stay
 * dynamic imports of the compiled modules beside it in dist/src.
 */
async function bundleCli(root) {
  let esbuild;
  try {
    const { createRequire } = await import('node:module');
    esbuild = await import(createRequire(path.join(root, 'package.json')).resolve('esbuild'));
  } catch {
    throw new Error('cannot build dist/: esbuild is not installed (run `npm ci`)');
  }
  const external = { external: true };
  try {
    await bundleWith(esbuild, root, external);
  } finally {
    // esbuild answers through a service process it keeps for later builds: a server that had to
    // build before starting would keep it as a child for its whole life.
    await esbuild.stop();
  }
}

async function bundleWith(esbuild, root, external) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['dist/src/cli.js'],
    outfile: 'dist/src/cli.bundle.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'tally-path-only',
        setup(build) {
          // zod's 64 locales, 369 kB of the 860 kB bundle, are only the `z.locales` namespace, which the tally
          // path never reads (zod's English messages, its default, come from locales/en.js imported on its own):
          // left out, the command starts ≈ 20 ms sooner (parsing the bundle was 38 ms of its 0.19 s).
          build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
            /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'unused-zod-locales' } : undefined,
          );
          build.onLoad({ filter: /.*/, namespace: 'unused-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'dynamic-import') return { path: args.path, ...external };
            if (args.kind === 'entry-point' || /^\.{0,2}\//.test(args.path) || /^zod(\/|$)/.test(args.path)) return undefined;
            return { path: args.path, ...external };
          });
        },
      },
    ],
  });
}

/** Whether this checkout has the web apps' sources (a copy of the server alone has none: nothing to build). */
const hasWeb = (root) => {
  try {
    return statSync(path.join(root, 'web', 'vite.config.ts')).isFile();
  } catch {
    return false;
  }
};

/**
 * Compiles into dist/ when it is missing or stale (or always, with force); with `web`, also
 * builds the web apps into dist/web when those are missing or stale.
 * Returns whether it built anything. Throws when a compiler fails.
 */
export async function ensureBuilt({ root = ROOT, force = false, check = false, web = false, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const wanted = [TARGETS.server, ...(web && hasWeb(root) ? [TARGETS.web] : [])];
  const states = async () => Promise.all(wanted.map(async (target) => (force ? 'forced' : await buildState(root, target))));
  if ((await states()).every((state) => state === 'current')) return false;
  const unlock = await lock(root);
  try {
    // Another process may have built them while this one waited for the lock.
    const now = await states();
    let built = false;
    for (const [i, target] of wanted.entries()) {
      if (now[i] === 'current') continue;
      await buildTarget(root, target, now[i], { check, log });
      built = true;
    }
    return built;
  } finally {
    unlock();
  }
}

async function buildTarget(root, target, state, { check, log }) {
  // Taken before building: a source changed during the build makes the next start build again.
  const times = fingerprint(root, target);
  const digest = await contentDigest(root, target);
  const why = { forced: 'npm run build', missing: 'no complete build yet', stale: 'the sources changed since the last build' }[state];
  const started = Date.now();
  log(target === TARGETS.web ? `gongjue: building the web apps into dist/web (${why}) …` : `gongjue: compiling TypeScript into dist/ (${why}) …`);
  rmSync(stampFile(root, target), { force: true });
  // Emptied first, so a deleted source leaves no module behind.
  for (const out of target.outputs) rmSync(path.join(root, 'dist', out), { recursive: true, force: true });
  if (target === TARGETS.web) runVite(root, await import('node:child_process'), await import('node:module'));
  else await compileServer(root, check);
  writeFileSync(digestFile(root, target), digest);
  writeFileSync(stampFile(root, target), times);
  log(`gongjue: ${target === TARGETS.web ? 'built' : 'compiled'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function compileServer(root, check) {
  const [{ spawnSync }, { createRequire }] = await Promise.all([import('node:child_process'), import('node:module')]);
  let tsc;
  try {
    tsc = createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('cannot build dist/: the TypeScript compiler is not installed (run `npm ci`)');
  }
  const args = [tsc, '-p', path.join(root, 'tsconfig.build.json'), ...(check ? [] : ['--noCheck'])];
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    throw new Error(`cannot build dist/: tsc exited with ${result.status ?? result.signal} (are the development dependencies installed? \`npm ci\`)`);
  }
  await bundleCli(root);
}

/**
 * Vite in a process of its own, like tsc: the server that had to build first does not keep the
 * bundler's memory for its whole life. Its output goes to standard error (warnings only).
 */
function runVite(root, { spawnSync }, { createRequire }) {
  let vite;
  try {
    vite = path.join(path.dirname(createRequire(path.join(root, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    throw new Error('cannot build dist/web: Vite is not installed (run `npm ci`)');
  }
  const args = [vite, 'build', '--config', path.join(root, 'web', 'vite.config.ts'), '--logLevel', 'warn'];
  // Always a production build: Vite takes process.env.NODE_ENV from the environment when it is set,
  // and a server started with NODE_ENV=development (or the tests' NODE_ENV=test) would otherwise
  // ship Vue's development code — larger, slower, with its warnings.
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 2, 'inherit'] });
  if (result.status !== 0) throw new Error(`cannot build dist/web: vite exited with ${result.status ?? result.signal}`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await ensureBuilt({ force: true, check: true, web: true, log: (line) => process.stdout.write(`${line}\n`) });
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
