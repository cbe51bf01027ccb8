// npm run bench:cli — how fast the command line starts: the `gongjue` bin
// (what `npx gongjue` runs, without npx's own start-up) tallying a 3-unit
// record, timed from outside as a user waits for it — process start to exit,
// node's own start-up included — beside bare `node -e 0` on the same machine
// in the same run, alternating. Target: ≤ 0.2 s wall (issue 12).
//
// dist/ is brought up to date first, so no run includes a compile.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../scripts/build.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const TARGET_S = 0.2;
const root = fileURLToPath(new URL('..', import.meta.url));

const unit = (id: string, building: string, owner: string) => ({
  id, building, area: '89.50', areaSource: 'registry', kind: 'residential', developerHeld: false, owners: [owner],
});
const record = {
  format: 'gongjue.tally-record',
  version: 1,
  estate: { id: 'estate-bench' },
  settings: { profile: 'civil-code-2021' },
  motion: { id: 'motion-1', matter: 'other_major', kind: 'yes_no', scope: { kind: 'estate' } },
  units: [unit('1-101', '1', 'owner-a'), unit('1-102', '1', 'owner-b'), unit('2-101', '2', 'owner-c')],
  ballots: [
    { id: 'ballot-1', unit: '1-101', choice: 'agree', castAt: '2024-05-02T09:00:00+08:00', channel: 'online' },
    { id: 'ballot-2', unit: '2-101', choice: 'agree', castAt: '2024-05-02T09:00:00+08:00', channel: 'online' },
  ],
};

await ensureBuilt();
const dir = mkdtempSync(path.join(tmpdir(), 'gongjue-bench-cli-'));
const file = path.join(dir, 'three-units.json');
writeFileSync(file, JSON.stringify(record));

/**
 * CPU seconds (user + system) of this process's children that have been waited for, from
 * /proc/self/stat (cutime, cstime; clock ticks of 10 ms): its growth over one spawnSync is
 * that child's CPU time. On a loaded machine wall time mostly measures the other processes;
 * CPU time is near what a quiet machine's wall time would be.
 */
function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Wall and CPU seconds of one run, from spawn to exit; fails on a wrong answer. */
function time(args: string[], check?: (stdout: string) => boolean): { wall: number; cpu: number } {
  const cpuBefore = childrenCpuSeconds();
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 || (check && !check(result.stdout))) {
    throw new Error(`${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
  }
  return { wall, cpu: childrenCpuSeconds() - cpuBefore };
}

const bin = ['bin/gongjue.js', 'tally', file];
const passed = (stdout: string) => /Verdict: passed/.test(stdout);
try {
  // One unmeasured run of each: the files in the page cache, as for a user's second command.
  time(bin, passed);
  time(['-e', '0']);
  const loadBefore = loadavg()[0]!;
  const cli: { wall: number; cpu: number }[] = [];
  const bare: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    cli.push(time(bin, passed));
    bare.push(time(['-e', '0']));
  }
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
  };
  const fmt = (x: { min: number; median: number; max: number }) =>
    `median ${x.median.toFixed(3)} s (min ${x.min.toFixed(3)}, max ${x.max.toFixed(3)})`;
  const wall = stats(cli.map((r) => r.wall));
  const cpu = stats(cli.map((r) => r.cpu));
  const bareWall = stats(bare.map((r) => r.wall));
  const bareCpu = stats(bare.map((r) => r.cpu));
  console.log(`bench:cli — ${RUNS} runs each, alternating; wall time from spawn to exit, CPU time user + system`);
  console.log(`  gongjue tally (3 units)  wall ${fmt(wall)}`);
  console.log(`                           CPU  ${fmt(cpu)}`);
  console.log(`  bare node -e 0           wall ${fmt(bareWall)}`);
  console.log(`                           CPU  ${fmt(bareCpu)}`);
  console.log(`  the bin over bare node: wall ${(wall.median - bareWall.median).toFixed(3)} s, CPU ${(cpu.median - bareCpu.median).toFixed(3)} s (medians)`);
  console.log(`  target ≤ ${TARGET_S} s wall: ${wall.median <= TARGET_S ? 'met' : 'MISSED'} (median wall ${wall.median.toFixed(3)} s)`);
  console.log(`  load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after, on ${availableParallelism()} cores: the machine is shared`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
