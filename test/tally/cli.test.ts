// The command line, run as a user would: node bin/gongjue.js tally FILE.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => `test/tally/fixtures/${name}`;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/gongjue.js', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('gongjue tally', () => {
  it('exits 0 and prints the table for a valid record', () => {
    const { code, stdout } = run('tally', fixture('c1-quorum-boundary.json'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/Verdict 结论 +PASSED 通过/);
    expect(stdout).toContain('参与表决专有部分面积 2955.64㎡ ≥ 总面积的2/3（至少 2955.64㎡）✓');
  }, 60_000);

  it('prints the JSON report with --json', () => {
    const { code, stdout } = run('tally', fixture('lift-stair.json'), '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.format).toBe('gongjue.tally-report');
    expect(report.verdict).toEqual({ kind: 'yes_no', outcome: 'rejected' });
    expect(report.tests[0].liftConsent).toMatchObject({ value: 4, needed: 5, met: false });
  }, 60_000);

  it('exits 2 on an invalid record, naming the units and ballots at fault', () => {
    const shape = run('tally', fixture('invalid-shape.json'));
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain('unit "1-101": malformed area "89.505" has more than two decimals');
    expect(shape.stderr).toContain('unit "1-102": owner list is empty');
    expect(shape.stderr).toContain('unit "1-103": malformed area "-12" is negative');
    const ballots = run('tally', fixture('invalid-ballots.json'));
    expect(ballots.code).toBe(2);
    expect(ballots.stderr).toContain('ballot "ballot-3": unknown unit "9-999"');
    expect(ballots.stderr).toMatch(/ballot "ballot-4": unit "2-101" is outside the motion's scope/);
    expect(ballots.stderr).toMatch(/ballot "ballot-2": cast at the same instant .* as ballot "ballot-1"/);
    const units = run('tally', fixture('invalid-units.json'));
    expect(units.code).toBe(2);
    expect(units.stderr).toContain('unit "1-101": duplicate unit id');
  }, 60_000);
});

describe('the command line’s bundle (dist/src/cli.bundle.js)', () => {
  it('holds zod without its 63 other locales, and zod still explains a bad record in English', () => {
    // The bin builds dist/ when it is missing or stale, so the bundle read below is the one it ran.
    const dir = mkdtempSync(path.join(tmpdir(), 'gongjue-cli-'));
    const file = path.join(dir, 'units-not-a-list.json');
    writeFileSync(file, JSON.stringify({ format: 'gongjue.tally-record', version: 1, units: 'x' }));
    const shape = run('tally', file);
    rmSync(dir, { recursive: true, force: true });
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain('units: Invalid input: expected array, received string');
    const bundle = readFileSync(`${root}dist/src/cli.bundle.js`, 'utf8');
    const locales = [...bundle.matchAll(/^\/\/ node_modules\/zod\/v4\/locales\/(\S+)$/gm)].map((m) => m[1]);
    expect(locales).toEqual(['en.js']);
  }, 60_000);
});

describe('main()', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out, err,
      io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), readFile: async (p: string) => {
        if (p === 'bad.json') return '{ not json';
        throw new Error(`ENOENT ${p}`);
      } },
    };
  };

  it('exits 1 on usage and I/O errors, 2 on text that is not JSON', async () => {
    let t = io();
    expect(await main([], t.io)).toBe(1);
    expect(t.err.join('')).toMatch(/usage/);
    t = io();
    expect(await main(['nonsense'], t.io)).toBe(1);
    t = io();
    expect(await main(['tally'], t.io)).toBe(1);
    t = io();
    expect(await main(['tally', 'a.json', '--yaml'], t.io)).toBe(1);
    expect(t.err.join('')).toMatch(/unknown option --yaml/);
    t = io();
    expect(await main(['tally', 'missing.json'], t.io)).toBe(1);
    t = io();
    expect(await main(['tally', 'bad.json'], t.io)).toBe(2);
    t = io();
    expect(await main(['--help'], t.io)).toBe(0);
    expect(t.out.join('')).toMatch(/gongjue tally RECORD.json/);
  });

  it('prints the record’s JSON Schema', async () => {
    const t = io();
    expect(await main(['schema'], t.io)).toBe(0);
    expect(JSON.parse(t.out.join('')).title).toMatch(/tally record/);
  });
});
