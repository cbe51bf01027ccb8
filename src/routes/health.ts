import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTimeout } from '../lib/timeout.ts';
import { sendProblem } from '../plugins/problems.ts';
import { problemResponses } from '../problems.ts';
import { deliveryCounts } from '../webhooks/subscriptions.ts';

const checkSchema = z.object({
  status: z.enum(['ok', 'failing', 'not_configured']),
  detail: z.string().optional(),
});

const queueCountsSchema = z.object({ waiting: z.number().int(), delayed: z.number().int(), active: z.number().int(), failed: z.number().int() });

const jobsSchema = z
  .object({
    mode: z.enum(['bullmq', 'in-process', 'off']).describe('bullmq: Redis queues; in-process: no Redis, this instance runs every job; off: jobs run elsewhere'),
    queues: z.record(z.string(), queueCountsSchema).describe('Depth and failures per queue (failed jobs are kept 15 minutes)'),
    webhooks: z.object({ pending: z.number().int(), failed: z.number().int().describe('Deliveries waiting for an admin to replay them') }),
  })
  .describe('Queue depth and failures: information, never a reason to be unready');

const ballotsSchema = z
  .object({
    waiting: z.number().int().describe('Ballots received, waiting for a batch'),
    sending: z.number().int().describe('Batches at the database now'),
    batches: z.number().int().describe('Batches sent since the process started'),
    ballots: z.number().int().describe('Ballots sent since the process started (ballots ÷ batches: the mean batch)'),
  })
  .describe('Online ballots on their way to the database, in this process');

const readySchema = z
  .object({
    status: z.literal('ready'),
    checks: z.object({ database: checkSchema, redis: checkSchema }),
    jobs: jobsSchema.optional(),
    ballots: ballotsSchema,
  })
  .meta({
    example: {
      status: 'ready',
      checks: { database: { status: 'ok' }, redis: { status: 'not_configured' } },
      jobs: { mode: 'in-process', queues: { 'in-process': { waiting: 0, delayed: 2, active: 0, failed: 0 } }, webhooks: { pending: 0, failed: 0 } },
      ballots: { waiting: 0, sending: 1, batches: 1520, ballots: 24310 },
    },
  });

type Check = z.infer<typeof checkSchema>;

/** Runs one check. The reason goes to the log; the unauthenticated answer says only that it failed. */
async function probe(app: FastifyInstance, name: string, run: () => Promise<unknown>): Promise<Check> {
  try {
    await run();
    return { status: 'ok' };
  } catch (err) {
    app.log.warn({ check: name, err: { message: (err as Error).message } }, 'readiness check failed');
    return { status: 'failing', detail: `${name} did not answer` };
  }
}

/** Liveness and readiness, for load balancers and orchestrators. Unauthenticated by design: they reveal no data. */
export default async function health(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/healthz',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['operations'],
        summary: 'Liveness: the process is up',
        response: { 200: z.object({ status: z.literal('ok') }).meta({ example: { status: 'ok' } }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        operationId: 'getReadiness',
        tags: ['operations'],
        summary: 'Readiness: the database (and Redis, when configured) answer',
        response: { 200: readySchema, ...problemResponses(503) },
      },
    },
    async (request, reply) => {
      const redis = app.redis;
      const [database, redisCheck] = await Promise.all([
        probe(app, 'database', () => app.database.ping()),
        redis ? probe(app, 'redis', () => pingRedis(redis)) : Promise.resolve<Check>({ status: 'not_configured' }),
      ]);
      const checks = { database, redis: redisCheck };
      if (database.status === 'failing' || redisCheck.status === 'failing') {
        const failing = Object.entries(checks)
          .filter(([, c]) => c.status === 'failing')
          .map(([name, c]) => `${name}: ${c.detail}`);
        return sendProblem(request, reply, 'not-ready', failing.join('; '), { checks });
      }
      return { status: 'ready' as const, checks, ...(await jobFigures(app)), ballots: app.ballotBatches.statistics };
    },
  );
}

/** The job system's figures, when they can be had quickly; readiness never waits on them. */
async function jobFigures(app: FastifyInstance): Promise<{ jobs?: z.infer<typeof jobsSchema> }> {
  try {
    const [queues, deliveries] = await withTimeout(
      Promise.all([
        app.jobs.stats(),
        deliveryCounts(app.database.db),
      ]),
      2_000,
    );
    return { jobs: { mode: app.jobs.mode, queues, webhooks: deliveries } };
  } catch (err) {
    app.log.warn({ err: { message: (err as Error).message } }, 'job figures unavailable');
    return {};
  }
}

async function pingRedis(redis: NonNullable<FastifyInstance['redis']>): Promise<void> {
  if (redis.status !== 'ready') throw new Error(`connection ${redis.status}`);
  await withTimeout(redis.ping(), 2_000);
}
