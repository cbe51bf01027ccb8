import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    /** Present only when REDIS_URL is configured. */
    redis: Redis | undefined;
  }
}

/** The shared Redis connection, when one is configured; closed with the app. */
export default fp(
  async function redis(app: FastifyInstance, options: { url: string | undefined }) {
    if (options.url === undefined) {
      app.decorate('redis', undefined);
      return;
    }
    const client = new Redis(options.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      // Keep retrying in the background; readiness reports the outage meanwhile.
      retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
    });
    let lastError = '';
    client.on('error', (err: Error) => {
      if (err.message !== lastError) app.log.warn({ err: { message: err.message } }, 'redis connection error');
      lastError = err.message;
    });
    client.on('ready', () => {
      lastError = '';
    });
    client.connect().catch(() => {
      // Reported by the error listener and by /readyz; the app still starts.
    });
    app.decorate('redis', client);
    app.addHook('onClose', async () => {
      await client.quit().catch(() => client.disconnect());
    });
  },
  { name: 'redis' },
);
