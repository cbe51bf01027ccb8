import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../../scripts/build.mjs';

/**
 * `npm start` (scripts/start.mjs → ensureBuilt({ web: true })) builds the web apps into dist/web
 * when that is missing or stale, as it does dist/ — in a copy of the project, so this build never
 * races the dist/web other tests serve.
 */
function projectCopy(): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'gongjue-web-build-'));
  for (const entry of ['src', 'migrations', 'scripts', 'web', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json']) {
    cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  return copy;
}

describe('the web apps build', () => {
  it('is built when missing, reused while web/ is unchanged, rebuilt when a page changes; the command line never builds it', async () => {
    const copy = projectCopy();
    try {
      const lines: string[] = [];
      const log = (line: string) => lines.push(line);
      expect(await ensureBuilt({ root: copy, log })).toBe(true);
      expect(lines.join('\n')).not.toMatch(/web apps/); // without web: true (the command line, the worker)

      lines.length = 0;
      expect(await ensureBuilt({ root: copy, web: true, log })).toBe(true);
      expect(lines.join('\n')).toMatch(/building the web apps into dist\/web \(no complete build yet\)/);
      expect(lines.join('\n')).not.toMatch(/compiling TypeScript/);
      const index = readFileSync(path.join(copy, 'dist/web/index.html'), 'utf8');
      expect(index).toContain('<title>共决 · 业主投票</title>');
      expect(readFileSync(path.join(copy, 'dist/web/console/index.html'), 'utf8')).toContain('管理控制台');
      // A production build whatever NODE_ENV the starting process has (here vitest's "test"): no Vue development code.
      expect(process.env.NODE_ENV).toBe('test');
      const scripts = readdirSync(path.join(copy, 'dist/web/assets')).filter((f) => f.endsWith('.js'));
      expect(scripts.length).toBeGreaterThan(2);
      for (const file of scripts) expect(readFileSync(path.join(copy, 'dist/web/assets', file), 'utf8'), file).not.toContain('[Vue warn]');

      expect(await ensureBuilt({ root: copy, web: true, log })).toBe(false);

      const page = path.join(copy, 'web/index.html');
      writeFileSync(page, readFileSync(page, 'utf8').replace('<title>共决 · 业主投票</title>', '<title>共决 · 业主投票（新）</title>'));
      lines.length = 0;
      expect(await ensureBuilt({ root: copy, web: true, log })).toBe(true);
      expect(lines.join('\n')).toMatch(/the sources changed since the last build/);
      expect(readFileSync(path.join(copy, 'dist/web/index.html'), 'utf8')).toContain('业主投票（新）');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 240_000);
});
