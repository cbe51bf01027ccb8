#!/usr/bin/env node
// The `gongjue` command line. It runs the compiled JavaScript in dist/ with
// plain node, compiling first when dist/ is missing or stale (a few seconds,
// once; checking costs milliseconds), so the command still works straight
// from a clone without a build step.
import { ensureBuilt } from '../scripts/build.mjs';

try {
  await ensureBuilt();
} catch (error) {
  process.stderr.write(`gongjue: ${error.message}\n`);
  process.exit(1);
}
// The tally path bundled into one file (scripts/build.mjs): it starts in a third of the time.
const { main } = await import('../dist/src/cli.bundle.js');
process.exitCode = await main(process.argv.slice(2));
