import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createRunner, jobDeps } from './deps.ts';
import type { JobRunner } from './runner.ts';
import type { JobDeps } from './work.ts';
import { messageSealKey } from '../notifications/seal.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The job system: kick it after a change that may have made work due. */
    jobs: JobRunner;
    /** What jobs run with: routes that send at once after commit (a login code) use the same. */
    jobDeps: JobDeps;
  }
}

/**
 * The job system inside the API process. With Redis: BullMQ queues, and
 * workers too unless RUN_JOBS=false (then `npm run worker` runs them). Without
 * Redis: the in-process runner (one instance), or nothing when RUN_JOBS=false.
 */
export default fp(
  async function jobs(app: FastifyInstance, options: { runWorkers: boolean }) {
    const deps = jobDeps(app.config, app.database.db, app.clock, app.log, { sms: app.sms, sealKey: messageSealKey(app.keys.identityHmacKey) });
    const runner = createRunner(app.config, deps, options.runWorkers);
    app.decorate('jobDeps', deps);
    app.decorate('jobs', runner);
    app.addHook('onReady', async () => runner.start());
    // Before the database closes: the job in hand finishes first.
    app.addHook('preClose', async () => runner.stop());
  },
  { name: 'jobs', dependencies: ['database'] },
);
