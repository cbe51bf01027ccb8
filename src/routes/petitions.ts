import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import { accountOf } from '../identity/principal.ts';
import { problemResponses } from '../problems.ts';
import { estatePetitions, petitionView, signPetition, startPetition } from '../voting/petitions.ts';
import { amountSchema, bearerSecurity, uuidParam } from './schemas.ts';

const petitionSchema = z
  .object({
    id: z.uuid(),
    estateId: z.uuid(),
    purpose: z.enum(['temporary_meeting', 'parking_expansion']),
    title: z.string(),
    text: z.string(),
    createdAt: z.iso.datetime(),
    thresholdReachedAt: z.iso.datetime().nullable(),
    progress: z
      .object({ signed: amountSchema, total: amountSchema, needed: amountSchema, met: z.boolean() })
      .describe('Signed area and heads against the 20 % / 20 % threshold (R3.4)'),
  })
  .meta({ id: 'Petition' });

/** Owners' petitions for a temporary meeting or before adding parking on common ground (R3.4). */
export default async function petitionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };
  const db = () => app.database.db;

  const personOf = (request: FastifyRequest) => accountOf(request.user, 'Only owners sign petitions');

  app.post(
    '/estates/:estateId/petitions',
    {
      ...secured,
      schema: {
        operationId: 'createPetition',
        tags: ['petitions'],
        summary: 'Start a petition (verified owners); the starter signs it too',
        security: bearerSecurity,
        params: z.object({ estateId: uuidParam('an estate') }),
        body: z
          .object({
            purpose: z.enum(['temporary_meeting', 'parking_expansion']),
            title: z.string().trim().min(1).max(200),
            text: z.string().max(20_000).default(''),
          })
          .strict(),
        response: { 201: petitionSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const accountId = personOf(request);
      const { estate } = await requireAccess(db(), { principal: request.user, action: 'petition.sign', estate: request.params.estateId });
      const id = await inTransaction(db(), (trx) => startPetition(trx, { estateId: estate.id, ...request.body, accountId, now: app.clock.now() }));
      return reply.code(201).send(await petitionView(db(), id));
    },
  );

  app.get(
    '/estates/:estateId/petitions',
    {
      ...secured,
      schema: {
        operationId: 'listPetitions',
        tags: ['petitions'],
        summary: 'An estate’s petitions, newest first, each with its progress by area and by heads against 20 % (R3.4)',
        security: bearerSecurity,
        params: z.object({ estateId: uuidParam('an estate') }),
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(100).default(20),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(petitionSchema), total: z.number().int() }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { estate } = await requireAccess(db(), { principal: request.user, action: 'petition.read', estate: request.params.estateId });
      return estatePetitions(db(), estate.id, request.query);
    },
  );

  app.get(
    '/petitions/:petitionId',
    {
      ...secured,
      schema: {
        operationId: 'getPetition',
        tags: ['petitions'],
        summary: 'A petition and its progress by area and by heads',
        security: bearerSecurity,
        params: z.object({ petitionId: uuidParam('a petition') }),
        response: { 200: petitionSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => petitionView(db(), (await requireAccess(db(), { principal: request.user, action: 'petition.read', petition: request.params.petitionId })).petition.id),
  );

  app.post(
    '/petitions/:petitionId/signatures',
    {
      ...secured,
      schema: {
        operationId: 'signPetition',
        tags: ['petitions'],
        summary: 'Sign, for every owner I am verified as in the estate; signing twice changes nothing',
        security: bearerSecurity,
        params: z.object({ petitionId: uuidParam('a petition') }),
        response: { 200: petitionSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const accountId = personOf(request);
      const { petition } = await requireAccess(db(), { principal: request.user, action: 'petition.sign', petition: request.params.petitionId });
      await inTransaction(db(), (trx) => signPetition(trx, { petitionId: petition.id, accountId, now: app.clock.now() }));
      return petitionView(db(), petition.id);
    },
  );
}
