import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Starts the service exactly as `npm start` does — `node scripts/start.mjs`: the compiled
 * dist/src/server.js in that same process, no loader — or the worker as `npm run worker` does
 * (`entry` 'worker'; 'src/server.ts' and 'src/worker.ts' are read as 'server' and 'worker'),
 * in its own process with only the environment given (plus PATH/HOME), so no DATABASE_URL or
 * REDIS_URL leaks in from the test runner. Queues get a prefix of their own, so no other
 * test's workers take this process's jobs. dist/ is built before the tests (test/helpers/build.ts).
 */
export function startServer(env: Record<string, string>, entry = 'server'): ServerProcess {
  const port = env.PORT ?? '0';
  const child = spawn(process.execPath, ['scripts/start.mjs', entry.replace(/^src\/(.*)\.ts$/, '$1')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      LOG_LEVEL: 'warn',
      JOBS_QUEUE_PREFIX: `test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls /readyz until 200; fails with the server's output after the deadline or if it exits. */
export async function waitUntilReady(server: ServerProcess, deadlineMs = 30_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (server.child.exitCode !== null) throw new Error(`server exited (${server.child.exitCode}):\n${server.output()}`);
    try {
      const res = await fetch(`${server.baseUrl}/readyz`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready within ${deadlineMs} ms:\n${server.output()}`);
}
