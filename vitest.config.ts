import { defineConfig } from 'vitest/config';

// Three runs: pure unit tests (no I/O), integration tests against the real
// PostgreSQL/Redis (each file in its own database cloned from a migrated
// template, see test/helpers/global-setup.ts), and a small run that proves the
// embedded PGlite path works with the same migrations. Each first brings dist/ up to date
// (test/helpers/build.ts): the processes tests start run the compiled code, as production does.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // web/src/**/*.test.ts: the web apps' pure modules (type-checked with web/ by vue-tsc).
          include: ['test/unit/**/*.test.ts', 'test/tally/**/*.test.ts', 'web/src/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/build.ts'],
          // Property tests run hundreds of cases each; on a machine shared with other runs the
          // default 5 s is not a verdict on the code.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/build.ts', 'test/helpers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The web apps in Debian's Chromium (playwright-core): the built dist/web served by the real app.
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/build.ts', 'test/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'embedded',
          include: ['test/embedded/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/build.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
