import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, type ServerProcess, startServer, waitUntilReady } from '../helpers/server-process.ts';

/**
 * Issue 12: `npx gongjue admin grant PHONE` failed while `npm start` ran on
 * the same embedded data directory (the database is one process's). The
 * command now asks the running service, over a local endpoint guarded by a
 * secret the service writes into DATA_DIR/secrets.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const running: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/** `gongjue admin grant PHONE` as its own process, with only the data directory in its environment. */
function grant(dataDir: string, phone: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', "const { main } = await import('./src/cli.ts'); process.exitCode = await main(['admin', 'grant', process.argv[1]]);", phone],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

describe('gongjue admin grant on a running embedded service', () => {
  it('asks the running service, which appoints the admin; the grant is in the database after it stops', { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gongjue-admin-'));
    const server = startServer({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    running.push(server);
    // A first start migrates a fresh embedded database: slow on a loaded machine.
    await waitUntilReady(server, 150_000);

    const endpointFile = path.join(dataDir, 'secrets', 'local-admin.json');
    expect(statSync(endpointFile).mode & 0o777).toBe(0o600);

    const first = await grant(dataDir, '13800138000');
    expect(first.out).toMatch(/admin appointed: account [0-9a-f-]{36}/);
    expect(first.code).toBe(0);
    const again = await grant(dataDir, '138 0013 8000');
    expect(again.out).toMatch(/already an admin/);
    expect(again.code).toBe(0);
    const bad = await grant(dataDir, '12345');
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/not a mainland mobile number/);

    // The endpoint answers only the secret of this process, and no forwarded request.
    const { secret } = JSON.parse(readFileSync(endpointFile, 'utf8')) as { secret: string };
    const post = (headers: Record<string, string>) =>
      fetch(`${server.baseUrl}/local/admin-grants`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ phone: '13900139000' }) });
    for (const headers of [{} as Record<string, string>, { 'gongjue-local-secret': 'guess' }, { 'gongjue-local-secret': secret, 'x-forwarded-for': '203.0.113.9' }]) {
      const refused = await post(headers);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect((await post({ 'gongjue-local-secret': secret })).status).toBe(201);

    expect(await server.stop()).toBe(0);
    expect(existsSync(endpointFile)).toBe(false);
    // Without a running service the command opens the database itself: both admins are there.
    const direct = await grant(dataDir, '13800138000');
    expect(direct.out).toMatch(/already an admin/);
    expect((await grant(dataDir, '13900139000')).out).toMatch(/already an admin/);
  });
});
