import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { listApiClients, registerApiClient, revokeApiClient } from '../identity/api-clients.ts';
import { requireAccess } from '../identity/access.ts';
import { actorOf } from '../identity/principal.ts';
import { problemResponses } from '../problems.ts';
import { bearerSecurity, uuidParam } from './schemas.ts';

const clientSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    access: z.enum(['read', 'read_write']),
    townshipIds: z.array(z.uuid()),
    estateIds: z.array(z.uuid()),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiClient' });

/** Registering other systems (admin). They then obtain tokens at POST /v1/auth/token. */
export default async function apiClientRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };

  app.post(
    '/api-clients',
    {
      ...secured,
      schema: {
        operationId: 'createApiClient',
        tags: ['roles'],
        summary: 'Register another system, scoped to townships and/or estates (admin). The secret is shown once.',
        security: bearerSecurity,
        body: z
          .object({
            name: z.string().trim().min(1).max(100),
            access: z.enum(['read', 'read_write']),
            townshipIds: z.array(z.uuid()).max(1000).default([]),
            estateIds: z.array(z.uuid()).max(10000).default([]),
          })
          .strict()
          .refine((c) => c.townshipIds.length + c.estateIds.length > 0, {
            message: 'name at least one township or estate',
            path: ['estateIds'],
          }),
        response: {
          201: z.object({ client: clientSchema, clientSecret: z.string().describe('Shown only now; stored as a hash') }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      await requireAccess(app.database.db, { principal: request.user, action: 'api_client.manage' });
      const created = await inTransaction(app.database.db, (trx) =>
        registerApiClient(trx, {
          ...request.body,
          createdBy: request.user.kind === 'person' ? request.user.subject : null,
          actor: actorOf(request.user),
          now: app.clock.now(),
        }),
      );
      return reply.code(201).send({ client: created.client, clientSecret: created.secret });
    },
  );

  app.get(
    '/api-clients',
    {
      ...secured,
      schema: {
        operationId: 'listApiClients',
        tags: ['roles'],
        summary: 'Registered systems (admin)',
        security: bearerSecurity,
        response: { 200: z.object({ items: z.array(clientSchema) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      await requireAccess(app.database.db, { principal: request.user, action: 'api_client.manage' });
      return { items: await listApiClients(app.database.db) };
    },
  );

  app.delete(
    '/api-clients/:clientId',
    {
      ...secured,
      schema: {
        operationId: 'revokeApiClient',
        tags: ['roles'],
        summary: 'Revoke a system: no new tokens are issued to it, and those it holds are refused from the next request (admin)',
        security: bearerSecurity,
        params: z.object({ clientId: uuidParam('a client') }),
        response: { 204: z.null().describe('Revoked'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await requireAccess(app.database.db, { principal: request.user, action: 'api_client.manage' });
      await inTransaction(app.database.db, (trx) =>
        revokeApiClient(trx, { clientId: request.params.clientId, actor: actorOf(request.user), now: app.clock.now() }),
      );
      return reply.code(204).send(null);
    },
  );
}
