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
// `node scripts/build.mjs` (npm run build) always compiles, type-checking as it
// goes; builds started on demand skip the type check (`tsc --noCheck`, a third
// of the time): checking is `npm run typecheck`'s job, and CI runs it.
// Only what the check needs is imported here; the compiler's helpers are loaded when it runs.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INPUT_DIRS = ['src', 'migrations'];
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json', 'scripts/build.mjs'];
/** What tsconfig.build.json emits: dist/src, dist/migrations and dist/package.json (src/plugins/openapi.ts reads the version). */
const OUTPUTS = ['src', 'migrations', 'package.json'];

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

const inputsOf = (root) => [...INPUT_DIRS.flatMap((dir) => [...files(root, dir)]), ...INPUT_FILES].sort();

/** Every input's path, size and modification time, one line each (kept whole: hashing would load node:crypto). */
export function fingerprint(root = ROOT) {
  const lines = [];
  for (const rel of inputsOf(root)) {
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
export async function contentDigest(root = ROOT) {
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  for (const rel of inputsOf(root)) {
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

const stampFile = (root) => path.join(root, 'dist', '.build-fingerprint');
const digestFile = (root) => path.join(root, 'dist', '.build-digest');

function readOr(file, otherwise) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return otherwise;
  }
}

/** 'current', 'missing' (never built, or a build that did not finish) or 'stale'. */
async function buildState(root) {
  const times = fingerprint(root);
  const recorded = readOr(stampFile(root), undefined);
  if (recorded === undefined) return 'missing';
  if (recorded === times) return 'current';
  if (readOr(digestFile(root), undefined) !== (await contentDigest(root))) return 'stale';
  // The same contents with new times: record the times, so the next check is quick again.
  try {
    writeFileSync(stampFile(root), times);
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

/**
 * Compiles into dist/ when it is missing or stale (or always, with force).
 * Returns whether it compiled. Throws when the compiler fails.
 */
export async function ensureBuilt({ root = ROOT, force = false, check = false, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  if (!force && (await buildState(root)) === 'current') return false;
  const unlock = await lock(root);
  try {
    // Another process may have built it while this one waited for the lock.
    const state = force ? 'forced' : await buildState(root);
    if (state === 'current') return false;
    // Taken before compiling: a source changed during the build makes the next start build again.
    const times = fingerprint(root);
    const digest = await contentDigest(root);
    const why = { forced: 'npm run build', missing: 'no complete build yet', stale: 'the sources changed since the last build' }[state];
    const started = Date.now();
    log(`gongjue: compiling TypeScript into dist/ (${why}) …`);
    rmSync(stampFile(root), { force: true });
    // Emptied first, so a deleted source leaves no module behind.
    for (const out of OUTPUTS) rmSync(path.join(root, 'dist', out), { recursive: true, force: true });
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
    writeFileSync(digestFile(root), digest);
    writeFileSync(stampFile(root), times);
    log(`gongjue: compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  } finally {
    unlock();
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await ensureBuilt({ force: true, check: true, log: (line) => process.stdout.write(`${line}\n`) });
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
