#!/usr/bin/env node
// npm 11 drops a platform-specific optional dependency from package-lock.json
// when the registry mirror lacks it (ours has no darwin/win32 builds of
// msgpackr-extract), and `npm ci` then refuses the lock file. This adds the
// missing entries as optional, platform-bound packages that npm ci skips on
// Linux. Run it after `npm install` changes the lock: `node scripts/check-lock.mjs --fix`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const added = [];
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const nested = `${path}/node_modules/${name}`;
    if (packages[key] || packages[nested]) continue;
    const platform = /-(darwin|linux|win32|freebsd|android)-(arm64|x64|arm|ia32)/.exec(name);
    if (!platform) continue;
    packages[key] = { version, cpu: [platform[2]], license: meta.license, optional: true, os: [platform[1]] };
    added.push(`${name}@${version}`);
  }
}
if (added.length === 0) {
  console.log('package-lock.json: no platform entries missing');
} else if (process.argv.includes('--fix')) {
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: added ${added.join(', ')}`);
} else {
  console.error(`package-lock.json lacks ${added.join(', ')}; run node scripts/check-lock.mjs --fix`);
  process.exit(1);
}
