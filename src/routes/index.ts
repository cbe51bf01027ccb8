import type { FastifyInstance } from 'fastify';
import apiClients from './api-clients.ts';
import attachments from './attachments.ts';
import auth from './auth.ts';
import canvass from './canvass.ts';
import estates from './estates.ts';
import health from './health.ts';
import localAdmin from './local-admin.ts';
import me from './me.ts';
import messages from './messages.ts';
import meetings from './meetings.ts';
import objections from './objections.ts';
import emergencyUses from './emergency-uses.ts';
import paperAndProxies from './paper-and-proxies.ts';
import petitions from './petitions.ts';
import registry from './registry.ts';
import results, { wellKnownRoutes } from './results.ts';
import roles from './roles.ts';
import townships from './townships.ts';
import webhooks from './webhooks.ts';

/** Every route of the API. Domain routes live under /v1. */
export default async function routes(app: FastifyInstance) {
  await app.register(health);
  await app.register(wellKnownRoutes);
  // The embedded database has one process: `gongjue admin grant` asks it (src/routes/local-admin.ts).
  if (app.config.databaseUrl === undefined) await app.register(localAdmin);
  await app.register(
    async (v1) => {
      await v1.register(auth);
      await v1.register(townships);
      await v1.register(estates);
      await v1.register(roles);
      await v1.register(apiClients);
      await v1.register(registry);
      await v1.register(me);
      await v1.register(messages);
      await v1.register(meetings);
      await v1.register(paperAndProxies);
      await v1.register(attachments);
      await v1.register(canvass);
      await v1.register(petitions);
      await v1.register(webhooks);
      await v1.register(results);
      await v1.register(objections);
      await v1.register(emergencyUses);
    },
    { prefix: '/v1' },
  );
}
