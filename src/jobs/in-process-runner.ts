import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type DeadlineDeps, reconcile } from './deadlines.ts';

/**
 * Runs the deadline reconciler inside the API process: at start, then every
 * interval. Until the BullMQ workers land (issue 6) every instance runs it;
 * opening and closing lock the meeting and re-check its status, so several
 * instances at once still open and close each meeting exactly once.
 */
export default fp(
  async function inProcessRunner(app: FastifyInstance, options: { intervalMs: number }) {
    const deps = (): DeadlineDeps => ({ db: app.database.db, clock: app.clock, log: app.log });
    let running: Promise<unknown> = Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    const tick = () => {
      // One pass at a time; a slow pass delays the next instead of overlapping it.
      running = running.then(() => reconcile(deps())).catch((err: unknown) => app.log.error({ err }, 'deadline pass failed'));
    };
    app.addHook('onReady', async () => {
      app.log.info({ intervalMs: options.intervalMs }, 'deadlines: in-process runner started (voting opens and closes on time)');
      tick();
      timer = setInterval(tick, options.intervalMs);
      timer.unref();
    });
    // Stop before the database closes, finishing the pass in hand.
    app.addHook('preClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'in-process-runner', dependencies: ['database'] },
);
