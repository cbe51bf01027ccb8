import type { FastifyInstance } from 'fastify';
import health from './health.ts';
import townships from './townships.ts';

/** Every route of the API. Domain routes live under /v1. */
export default async function routes(app: FastifyInstance) {
  await app.register(health);
  await app.register(townships, { prefix: '/v1' });
}
