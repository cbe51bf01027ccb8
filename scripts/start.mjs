#!/usr/bin/env node
// `npm start`, `npm run worker` and `npm run migrate`: compile dist/ if it is
// missing or stale (scripts/build.mjs), then run the compiled entry point in
// THIS process with plain node. The package.json scripts `exec` this file, so
// the process npm starts is the server itself: a SIGTERM sent to npm's child
// (as a process supervisor or `kill` does) reaches the server's own graceful
// shutdown, and there is no loader process in between to leave it orphaned.
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
try {
  await ensureBuilt();
} catch (error) {
  process.stderr.write(`gongjue: ${error.message}\n`);
  process.exit(1);
}
await import(ENTRIES[name]);
