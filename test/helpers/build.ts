import { ensureBuilt } from '../../scripts/build.mjs';

/**
 * Global setup of every test project: the processes tests start (the service, the worker,
 * the `gongjue` command line) run the compiled dist/, as in production, so it is brought up
 * to date once before any test — not by the first test that happens to start one, inside
 * its timeout. A no-op (milliseconds) when dist/ is current.
 */
export default async function setup() {
  await ensureBuilt({ web: true });
}
