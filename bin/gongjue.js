#!/usr/bin/env node
// The `gongjue` command line. The sources are TypeScript run through tsx, so
// the command works straight from a clone without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
