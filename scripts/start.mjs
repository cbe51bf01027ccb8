#!/usr/bin/env node
// `npm start`, `npm run worker` and `npm run migrate`: compile dist/ if it is
// missing or stale (scripts/build.mjs), then run the compiled entry point in
// THIS process with plain node. The package.json scripts `exec` this file, so
// the process npm starts is the server itself: a SIGTERM sent to npm's child
// (as a process supervisor or `kill` does) reaches the server's own graceful
// shutdown, and there is no loader process in between to leave it orphaned.
import { setFlagsFromString } from 'node:v8';
import { ensureBuilt } from './build.mjs';

const ENTRIES = {
  server: '../dist/src/server.js',
  worker: '../dist/src/worker.js',
  migrate: '../dist/src/db/migrate-cli.js',
};
const name = process.argv[2] ?? 'server';
if (!Object.hasOwn(ENTRIES, name)) {
  process.stderr.write(`usage: node scripts/start.mjs [${Object.keys(ENTRIES).join('|')}]\n`);
  process.exit(1);
}
// V8 lets the old generation grow to up to four times what survived the last full collection
// before it collects again. Under sustained load the API's RSS climbed by about 8 MB every 10 s
// of voting (bench:vote: 130 MB idle, 197 MB after 80 s, and down to 130 MB once idle): garbage
// waiting for a collection, not data. Growing by at most half keeps it near what is live (157 MB
// after 40 s of load instead of 174) at no measurable cost in throughput. A GC heuristic only,
// read each time V8 sizes the heap, so setting it now, before the service allocates, takes effect;
// `node --heap-growing-percent=N scripts/start.mjs` chooses another value.
if (!process.execArgv.some((arg) => /^--heap[-_]growing[-_]percent/.test(arg))) {
  setFlagsFromString('--heap-growing-percent=50');
}

try {
  // The server serves the web apps (dist/web): built too when missing or stale. The worker and migrate need none.
  await ensureBuilt({ web: name === 'server' });
} catch (error) {
  process.stderr.write(`gongjue: ${error.message}\n`);
  process.exit(1);
}
await import(ENTRIES[name]);
