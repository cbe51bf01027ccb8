import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAccess } from '../identity/access.ts';
import { visibleTownships } from '../identity/permissions.ts';
import { createTownship, listTownships } from '../places/townships.ts';
import { problemResponses } from '../problems.ts';

const example = {
  id: '3f1c2a9e-8d4b-4c1a-9f0e-2b7d5a6c8e10',
  code: '350881001',
  name: '桂林街道',
  createdAt: '2026-11-22T08:00:00.000Z',
};

const townshipSchema = z
  .object({
    id: z.uuid(),
    code: z.string().describe('Administrative division code (行政区划代码), 9 or 12 digits'),
    name: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Township', example });

const newTownshipSchema = z
  .object({
    code: z.string().regex(/^[0-9]{9}([0-9]{3})?$/, 'expected a 9- or 12-digit administrative division code'),
    name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  })
  .strict()
  .meta({ example: { code: example.code, name: example.name } });

const townshipParams = z.object({ townshipId: z.uuid('expected a township id (UUID)') });

export default async function townships(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };
  const security = [{ bearer: [] }];

  app.post(
    '/townships',
    {
      ...secured,
      schema: {
        operationId: 'createTownship',
        tags: ['places'],
        summary: 'Register a township (admin)',
        security,
        body: newTownshipSchema,
        response: { 201: townshipSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      await requireAccess(app.database.db, { principal: request.user, action: 'township.create' });
      const township = await createTownship(app.database.db, request.body);
      request.log.info({ townshipId: township.id }, 'township created');
      return reply.code(201).header('location', `/v1/townships/${township.id}`).send(township);
    },
  );

  app.get(
    '/townships',
    {
      ...secured,
      schema: {
        operationId: 'listTownships',
        tags: ['places'],
        summary: 'List the townships visible to the caller',
        security,
        response: { 200: z.object({ items: z.array(townshipSchema) }), ...problemResponses(401) },
      },
    },
    async (request) => {
      await requireAccess(app.database.db, { principal: request.user, action: 'township.list' });
      return { items: await listTownships(app.database.db, visibleTownships(request.user)) };
    },
  );

  app.get(
    '/townships/:townshipId',
    {
      ...secured,
      schema: {
        operationId: 'getTownship',
        tags: ['places'],
        summary: 'One township',
        security,
        params: townshipParams,
        response: { 200: townshipSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { township } = await requireAccess(app.database.db, { principal: request.user, action: 'township.read', township: request.params.townshipId });
      return township;
    },
  );
}
