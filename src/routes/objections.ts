import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import { may } from '../identity/permissions.ts';
import { accountOf, actorOf, type Principal } from '../identity/principal.ts';
import { problemResponses } from '../problems.ts';
import { requirePublished } from '../results/notice.ts';
import { answerObjection, objectionsInTownship, objectionsOf, objectionWindowOf, raiseObjection } from '../results/objections.ts';
import { bearerSecurity, uuidParam } from './schemas.ts';

export const objectionWindowSchema = z
  .object({
    days: z.number().int(),
    openedAt: z.iso.datetime(),
    closesAt: z.iso.datetime(),
    closesAtLocal: z.string().describe('closesAt in the estate’s time zone, YYYY-MM-DD HH:mm'),
    finalAt: z.iso.datetime().nullable(),
    stage: z
      .enum(['preliminary', 'awaiting_answers', 'awaiting_final', 'final'])
      .describe(
        'preliminary: the window runs, owners may object; awaiting_answers: it ended with objections unanswered; ' +
          'awaiting_final: ended and all answered, about to be marked final; final: the result is final and may be certified',
      ),
    objections: z.number().int(),
    unanswered: z.number().int(),
  })
  .meta({ id: 'ObjectionWindow', description: 'R7.2: the objection window (询异公示) of a published result' });

const objectionFields = {
  id: z.uuid(),
  meetingId: z.uuid(),
  motionId: z.uuid(),
  motionPosition: z.number().int(),
  motionTitle: z.string(),
  voterId: z.uuid(),
  ballotId: z.uuid().nullable().describe('The standing ballot when the objection was raised; null when none of the voter’s was recorded'),
  owner: z.string().describe('The owner who raised it, masked as in the notice'),
  mine: z.boolean().describe('Raised by the asking owner'),
  text: z.string(),
  createdAt: z.iso.datetime(),
  answer: z.object({ text: z.string(), at: z.iso.datetime() }).nullable(),
};
const objectionSchema = z.object(objectionFields).meta({ id: 'Objection' });
const objectionsAnswer = z.object({ window: objectionWindowSchema.nullable(), items: z.array(objectionSchema) }).meta({ id: 'MeetingObjections' });

const meetingParams = z.object({ meetingId: uuidParam('a meeting') });

/** The objection window (询异公示, R7.2): owners object to how their own ballot was recorded, the committee answers, the township oversees. */
export default async function objectionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };
  const db = () => app.database.db;

  const answerFor = async (principal: Principal, meetingId: string) => {
    const { meeting, estate } = await requireAccess(db(), { principal, action: 'objection.read', meeting: meetingId });
    requirePublished(meeting);
    const place = { estateId: estate.id, townshipId: estate.township_id };
    // Owners see their own objections; those who answer or oversee see all.
    const seesAll = may(principal, 'objection.answer', place) || may(principal, 'filing.review', place);
    const [window, items] = await Promise.all([objectionWindowOf(db(), meeting, app.clock.now()), objectionsOf(db(), meeting, principal, seesAll)]);
    return { window, items };
  };

  app.get(
    '/meetings/:meetingId/objections',
    {
      ...secured,
      schema: {
        operationId: 'listObjections',
        tags: ['results'],
        summary: 'The objection window of a published result and its objections with their answers: all of them for the committee, organisers and township; an owner sees their own',
        security: bearerSecurity,
        params: meetingParams,
        response: { 200: objectionsAnswer, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => answerFor(request.user, request.params.meetingId),
  );

  app.post(
    '/meetings/:meetingId/objections',
    {
      ...secured,
      schema: {
        operationId: 'raiseObjection',
        tags: ['results'],
        summary: 'Object to how one’s own ballot on a motion was recorded, while the result’s objection window runs (verified owners of that voter)',
        security: bearerSecurity,
        params: meetingParams,
        body: z
          .object({
            motionId: z.uuid(),
            voterId: z.uuid().describe('The voter (a row of the notice) the owner belongs to'),
            text: z.string().trim().min(1, 'the objection must not be empty').max(2000),
          })
          .strict(),
        response: { 201: objectionsAnswer, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      accountOf(request.user, 'Only owners object to how their ballot was recorded');
      const { meeting } = await requireAccess(db(), { principal: request.user, action: 'objection.raise', meeting: request.params.meetingId });
      requirePublished(meeting);
      await inTransaction(db(), (trx) => raiseObjection(trx, { meeting, principal: request.user, ...request.body, now: app.clock.now() }));
      return reply.code(201).send(await answerFor(request.user, meeting.id));
    },
  );

  app.post(
    '/meetings/:meetingId/objections/:objectionId/answer',
    {
      ...secured,
      schema: {
        operationId: 'answerObjection',
        tags: ['results'],
        summary: 'Answer an objection in writing (committee members and organisers); an answer is final. The last answer after the window’s end makes the result final',
        security: bearerSecurity,
        params: meetingParams.extend({ objectionId: uuidParam('an objection') }),
        body: z.object({ answer: z.string().trim().min(1, 'the answer must not be empty').max(5000) }).strict(),
        response: { 200: objectionsAnswer, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { meeting } = await requireAccess(db(), { principal: request.user, action: 'objection.answer', meeting: request.params.meetingId });
      requirePublished(meeting);
      await inTransaction(db(), (trx) =>
        answerObjection(trx, { meeting, objectionId: request.params.objectionId, answer: request.body.answer, actor: actorOf(request.user), now: app.clock.now() }),
      );
      app.jobs.kick();
      return answerFor(request.user, meeting.id);
    },
  );

  app.get(
    '/townships/:townshipId/objections',
    {
      ...secured,
      schema: {
        operationId: 'listTownshipObjections',
        tags: ['results'],
        summary: 'Every objection raised in a township’s estates, newest first, with its answer (township staff)',
        security: bearerSecurity,
        params: z.object({ townshipId: uuidParam('a township') }),
        response: {
          200: z.object({
            items: z.array(z.object({ ...objectionFields, estateId: z.uuid(), estateName: z.string(), meetingTitle: z.string() })),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      await requireAccess(db(), { principal: request.user, action: 'filing.review', township: request.params.townshipId });
      return { items: await objectionsInTownship(db(), request.params.townshipId) };
    },
  );
}
