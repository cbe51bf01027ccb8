import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import type { Action } from '../identity/permissions.ts';
import { actorOf } from '../identity/principal.ts';
import { problemResponses, ProblemError } from '../problems.ts';
import { EMERGENCY_KINDS } from '../fund/emergency-kinds.ts';
import { emergencyUsesInTownship, emergencyUsesOf, emergencyUseView, fileEmergencyUse, placeOfEmergencyUse, reviewStep } from '../fund/emergency-uses.ts';
import { bearerSecurity, uuidParam } from './schemas.ts';

const STATUSES = ['awaiting_review', 'acknowledged', 'questioned'] as const;

const emergencyUseSchema = z
  .object({
    id: z.uuid(),
    estateId: z.uuid(),
    estateName: z.string(),
    townshipId: z.uuid(),
    kind: z.enum(EMERGENCY_KINDS),
    kindText: z.object({ zh: z.string(), en: z.string() }),
    title: z.string(),
    reason: z.string(),
    amountFen: z.string().describe('The amount in fen (1/100 yuan), an exact integer as a decimal string'),
    amountText: z.string().describe('The amount in yuan as the service writes it, e.g. 12,345.67'),
    withoutVote: z.literal(true).describe('Always true: spent from the maintenance fund without the owners’ vote (民法典 第二百八十一条)'),
    status: z.enum(STATUSES).describe('awaiting_review: filed or answered, for the township; acknowledged; questioned: the township asked, the committee answers'),
    filedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    quotes: z.array(
      z.object({ id: z.uuid(), name: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string(), url: z.string(), createdAt: z.iso.datetime() }),
    ),
    events: z.array(z.object({ kind: z.enum(['filed', 'acknowledged', 'questioned', 'answered']), actor: z.string(), at: z.iso.datetime(), text: z.string() })),
  })
  .meta({ id: 'EmergencyUse', description: 'R4.9/R7.1: an emergency repair paid from the maintenance fund without a vote' });

const text = (max: number) => z.string().trim().max(max);
const useParams = z.object({ useId: uuidParam('an emergency use') });

/** Emergency use of the maintenance fund (R4.9, R7.1, 民法典 第二百八十一条): filed by the committee, reviewed by the township, seen by every owner. */
export default async function emergencyUseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };
  const db = () => app.database.db;

  /** Authorizes on the use's estate and township (another's: 404), runs the step, answers the use as it now is. */
  const step = async (request: FastifyRequest, useId: string, action: Action, kind: 'acknowledged' | 'questioned' | 'answered', body: string) => {
    const place = await placeOfEmergencyUse(db(), useId);
    if (!place) throw new ProblemError('not-found', 'No such emergency use');
    await requireAccess(db(), { principal: request.user, action, place });
    await inTransaction(db(), (trx) => reviewStep(trx, { useId, step: kind, text: body, actor: actorOf(request.user), now: app.clock.now() }));
    return emergencyUseView(db(), useId);
  };

  app.get(
    '/estates/:estateId/emergency-uses',
    {
      ...secured,
      schema: {
        operationId: 'listEmergencyUses',
        tags: ['emergency'],
        summary: 'An estate’s emergency uses of the maintenance fund, newest first: what every owner of the estate sees, flagged as spent without a vote',
        security: bearerSecurity,
        params: z.object({ estateId: uuidParam('an estate') }),
        response: { 200: z.object({ items: z.array(emergencyUseSchema) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { estate } = await requireAccess(db(), { principal: request.user, action: 'emergency.read', estate: request.params.estateId });
      return { items: await emergencyUsesOf(db(), estate.id) };
    },
  );

  app.post(
    '/estates/:estateId/emergency-uses',
    {
      ...secured,
      schema: {
        operationId: 'fileEmergencyUse',
        tags: ['emergency'],
        summary:
          'File an emergency repair paid from the maintenance fund without a vote (the owners’ committee): lift, fire_safety, water_supply or danger_to_persons only; any other kind is refused (not-an-emergency)',
        security: bearerSecurity,
        params: z.object({ estateId: uuidParam('an estate') }),
        body: z
          .object({
            kind: z.string().max(40).describe('lift, fire_safety, water_supply or danger_to_persons; anything else is refused with not-an-emergency'),
            title: text(200).min(1, 'the title must not be empty'),
            reason: text(5000).min(1, 'the reason must not be empty'),
            amountFen: z.number().int('the amount is whole fen').positive('the amount must be more than 0').max(Number.MAX_SAFE_INTEGER).describe('The amount in fen (1/100 yuan)'),
            quoteIds: z.array(z.uuid()).max(20).default([]).describe('Quotes: attachments of the estate (PDF or image) uploaded first (POST …/attachments)'),
          })
          .strict(),
        response: { 201: emergencyUseSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { estate } = await requireAccess(db(), { principal: request.user, action: 'emergency.file', estate: request.params.estateId });
      const { kind, title, reason, amountFen, quoteIds } = request.body;
      const id = await inTransaction(db(), (trx) =>
        fileEmergencyUse(trx, { estate, kind, title, reason, amountFen: BigInt(amountFen), quoteIds, actor: actorOf(request.user), now: app.clock.now() }),
      );
      return reply.code(201).send(await emergencyUseView(db(), id));
    },
  );

  const stepSchema = <B extends z.ZodType>(operationId: string, summary: string, body: B) => ({
    operationId,
    tags: ['emergency'],
    summary,
    security: bearerSecurity,
    params: useParams,
    body,
    response: { 200: emergencyUseSchema, ...problemResponses(400, 401, 403, 404, 409) },
  });

  app.post(
    '/emergency-uses/:useId/acknowledge',
    {
      ...secured,
      schema: stepSchema(
        'acknowledgeEmergencyUse',
        'Acknowledge an emergency use awaiting review (township staff of its estate)',
        z.object({ text: text(5000).default('') }).strict(),
      ),
    },
    async (request) => step(request, request.params.useId, 'emergency.review', 'acknowledged', request.body.text),
  );
  app.post(
    '/emergency-uses/:useId/question',
    {
      ...secured,
      schema: stepSchema(
        'questionEmergencyUse',
        'Question an emergency use awaiting review, in writing (township staff); the committee answers',
        z.object({ text: text(5000).min(1, 'the question must not be empty') }).strict(),
      ),
    },
    async (request) => step(request, request.params.useId, 'emergency.review', 'questioned', request.body.text),
  );
  app.post(
    '/emergency-uses/:useId/answer',
    {
      ...secured,
      schema: stepSchema(
        'answerEmergencyUse',
        'Answer the township’s question about an emergency use, in writing (the owners’ committee); it returns to review',
        z.object({ text: text(5000).min(1, 'the answer must not be empty') }).strict(),
      ),
    },
    async (request) => step(request, request.params.useId, 'emergency.file', 'answered', request.body.text),
  );

  app.get(
    '/townships/:townshipId/emergency-uses',
    {
      ...secured,
      schema: {
        operationId: 'listTownshipEmergencyUses',
        tags: ['emergency'],
        summary: 'Emergency uses of the maintenance fund in a township’s estates (township staff), newest first; by default all',
        security: bearerSecurity,
        params: z.object({ townshipId: uuidParam('a township') }),
        querystring: z.object({ status: z.enum([...STATUSES, 'all']).default('all') }).strict(),
        response: { 200: z.object({ items: z.array(emergencyUseSchema) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await requireAccess(db(), { principal: request.user, action: 'emergency.review', township: request.params.townshipId });
      return { items: await emergencyUsesInTownship(db(), request.params.townshipId, request.query.status) };
    },
  );
}
