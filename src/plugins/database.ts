import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
  }
}

/** Shares the process's database handle and closes it after the last request. */
export default fp(
  async function database(app: FastifyInstance, options: { database: Database; ownsDatabase: boolean }) {
    app.decorate('database', options.database);
    if (options.ownsDatabase) app.addHook('onClose', async () => options.database.close());
  },
  { name: 'database' },
);
