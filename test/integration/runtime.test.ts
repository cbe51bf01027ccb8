// How the service is run (issue 12, "Runtime and memory"): `npm start` and `npm run worker`
// run the compiled JavaScript with plain node in the very process npm starts, so a SIGTERM to
// that process — what a supervisor or `kill` sends — stops the server gracefully and frees its
// port; the compiled output is rebuilt when a source changes.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { freePort } from '../helpers/server-process.ts';
import { redisUrl } from '../helpers/urls.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every live process's parent, from /proc. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      map.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  return map;
}

const childrenOf = (pid: number) => [...parents()].filter(([, parent]) => parent === pid).map(([child]) => child);

function descendantsOf(pid: number): number[] {
  const all = parents();
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of all) {
      if (parent === p) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** The command line of a process, as its argv. */
const argv = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether something accepts connections on the port. */
async function listening(port: number): Promise<boolean> {
  const socket = connect(port, '127.0.0.1');
  try {
    await Promise.race([once(socket, 'connect'), once(socket, 'error').then(([e]) => Promise.reject(e as Error))]);
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

interface NpmRun {
  npm: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** `npm <args>` in the project, as a person or a supervisor runs it, with only the environment given. */
function npm(args: string[], env: Record<string, string>): NpmRun {
  const child = spawn('npm', args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { npm: child, output: () => output, exited };
}

// Every process these tests start, and every one those start: whatever a test leaves behind
// (an orphaned server, on a failure) is killed here, not left to answer on its port.
const started = new Set<number>();
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const pid of started) {
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  for (const d of databases) await d.drop();
});

async function startNpm(script: string[], env: Record<string, string>, ready: (run: NpmRun) => boolean | Promise<boolean>) {
  const run = npm(script, env);
  started.add(run.npm.pid!);
  await until(`npm ${script.join(' ')} to be ready`, async () => {
    for (const pid of descendantsOf(run.npm.pid!)) started.add(pid);
    if (run.npm.exitCode !== null) throw new Error(`npm exited (${run.npm.exitCode}):\n${run.output()}`);
    return (await ready(run)) ? true : undefined;
  }, 60_000);
  for (const pid of descendantsOf(run.npm.pid!)) started.add(pid);
  return run;
}

async function serverEnv(): Promise<Record<string, string>> {
  const database = await createTestDatabase();
  databases.push(database);
  return { DATABASE_URL: database.url, DATA_DIR: '/tmp/gongjue-unused', PORT: String(await freePort()) };
}

const ready = (port: string) => async () => {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('is plain node running the compiled server in the very process npm starts: no shell, no tsx, nothing below it', async () => {
    const env = await serverEnv();
    const run = await startNpm(['start'], env, ready(env.PORT!));
    const [server, ...more] = childrenOf(run.npm.pid!);
    expect(more).toEqual([]);
    const [executable, ...args] = argv(server!);
    expect(path.basename(executable!)).toBe('node');
    expect(args).toEqual(['scripts/start.mjs']); // which imports dist/src/server.js
    expect(descendantsOf(server!).map(argv)).toEqual([]);
    expect(readFileSync(`/proc/${server}/environ`, 'utf8')).not.toMatch(/tsx/);
    process.kill(server!, 'SIGTERM');
    expect(await run.exited).toBe(0);
  }, 90_000);

  it('stops gracefully and frees its port on a SIGTERM sent only to the process npm started', async () => {
    const env = await serverEnv();
    const run = await startNpm(['start'], env, ready(env.PORT!));
    const [child] = childrenOf(run.npm.pid!);
    // Signalled alone, as the issue found it: not npm, not a process group.
    process.kill(child!, 'SIGTERM');
    await until('the port to be freed', async () => ((await listening(Number(env.PORT))) ? undefined : true));
    expect(await run.exited).toBe(0);
    expect(alive(child!)).toBe(false);
    expect(run.output()).toMatch(/"signal":"SIGTERM".*"msg":"shutting down"/);
  }, 90_000);

  it('stops gracefully when npm itself gets SIGTERM (npm passes it on to the server)', async () => {
    const env = await serverEnv();
    const run = await startNpm(['start'], env, ready(env.PORT!));
    const all = descendantsOf(run.npm.pid!);
    run.npm.kill('SIGTERM');
    await until('the port to be freed', async () => ((await listening(Number(env.PORT))) ? undefined : true));
    await until('every process of npm start to exit', () => (all.some(alive) ? undefined : true));
    await run.exited;
    expect(run.output()).toMatch(/"signal":"SIGTERM".*"msg":"shutting down"/);
  }, 90_000);

  it('stops gracefully on SIGINT to the server too', async () => {
    const env = await serverEnv();
    const run = await startNpm(['start'], env, ready(env.PORT!));
    const [child] = childrenOf(run.npm.pid!);
    process.kill(child!, 'SIGINT');
    await until('the port to be freed', async () => ((await listening(Number(env.PORT))) ? undefined : true));
    await run.exited;
    expect(alive(child!)).toBe(false);
    expect(run.output()).toMatch(/"signal":"SIGINT".*"msg":"shutting down"/);
  }, 90_000);
});

describe('npm run worker', () => {
  it('is node running the compiled worker in the process npm starts, and stops on SIGTERM to it', async () => {
    const env = await serverEnv();
    const run = await startNpm(['run', 'worker'], { ...env, REDIS_URL: redisUrl(), JOBS_QUEUE_PREFIX: `test-rt-${process.pid}` }, (r) =>
      r.output().includes('BullMQ workers started'),
    );
    const [worker, ...more] = childrenOf(run.npm.pid!);
    expect(more).toEqual([]);
    const [executable, ...args] = argv(worker!);
    expect(path.basename(executable!)).toBe('node');
    expect(args).toEqual(['scripts/start.mjs', 'worker']);
    process.kill(worker!, 'SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('finishing the jobs in hand');
  }, 90_000);
});

/** A copy of the project without dist/, so that a build here never races the dist/ other tests run. */
function projectCopy(): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'gongjue-build-'));
  for (const entry of ['src', 'migrations', 'scripts', 'bin', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json']) {
    cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  return copy;
}

describe('the compiled output', () => {
  it('a server that first had to compile keeps nothing of the build running below it (the bundler’s service process)', async () => {
    const copy = projectCopy();
    try {
      const env = await serverEnv();
      const server = spawn(process.execPath, ['scripts/start.mjs'], {
        cwd: copy,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      started.add(server.pid!);
      let errors = '';
      server.stderr.on('data', (d) => (errors += d));
      const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
      await until('the server to compile and be ready', async () => {
        for (const pid of descendantsOf(server.pid!)) started.add(pid);
        if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${errors}`);
        return (await ready(env.PORT!)()) ? true : undefined;
      }, 180_000);
      expect(errors).toMatch(/compiling TypeScript into dist\//);
      expect(descendantsOf(server.pid!).map(argv)).toEqual([]);
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 240_000);

  it('is built when missing, reused while the sources are unchanged (touched or not), and rebuilt when one is edited or deleted', () => {
    const copy = projectCopy();
    try {
      const gongjue = (...args: string[]) => spawnSync(process.execPath, [path.join(copy, 'bin/gongjue.js'), ...args], { cwd: tmpdir(), encoding: 'utf8', timeout: 120_000 });

      const first = gongjue('--help');
      expect(first.status, first.stderr).toBe(0);
      expect(first.stderr).toMatch(/compiling TypeScript into dist\//);
      expect(first.stdout).toContain('gongjue tally RECORD.json');
      const stamp = statSync(path.join(copy, 'dist/src/cli.js')).mtimeMs;

      const second = gongjue('--help');
      expect(second.status).toBe(0);
      expect(second.stderr).toBe('');
      expect(statSync(path.join(copy, 'dist/src/cli.js')).mtimeMs).toBe(stamp);

      // Touched, or the package files written again unchanged (as npm prune does): nothing to compile.
      const cli = path.join(copy, 'src/cli.ts');
      const later = new Date(Date.now() + 5000);
      utimesSync(cli, later, later);
      writeFileSync(path.join(copy, 'package-lock.json'), readFileSync(path.join(copy, 'package-lock.json')));
      const touched = gongjue('--help');
      expect(touched.status).toBe(0);
      expect(touched.stderr).toBe('');
      expect(statSync(path.join(copy, 'dist/src/cli.js')).mtimeMs).toBe(stamp);

      // A source edited: the next run compiles again and runs the new code.
      writeFileSync(cli, readFileSync(cli, 'utf8').replace("'gongjue tally RECORD.json [--json]'", "'gongjue tally RECORD.json [--json] (edited)'"));
      const third = gongjue('--help');
      expect(third.status, third.stderr).toBe(0);
      expect(third.stderr).toMatch(/compiling TypeScript into dist\//);
      expect(third.stdout).toContain('gongjue tally RECORD.json [--json] (edited)');

      // A source deleted: rebuilt too, and its module is gone from dist/.
      rmSync(path.join(copy, 'src/tally/json-schema.ts'));
      writeFileSync(path.join(copy, 'src/tally/index.ts'), readFileSync(path.join(copy, 'src/tally/index.ts'), 'utf8').replace(/^export \{ tallyRecordJsonSchema \}.*$/m, ''));
      writeFileSync(cli, readFileSync(cli, 'utf8').replace('tallyRecordJsonSchema,', '').replace('JSON.stringify(tallyRecordJsonSchema(), null, 2)', '"{}"'));
      const fourth = gongjue('schema');
      expect(fourth.stderr).toMatch(/compiling TypeScript into dist\//);
      expect(fourth.stdout).toBe('{}\n');
      expect(() => statSync(path.join(copy, 'dist/src/tally/json-schema.js'))).toThrow();
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 240_000);
});
