import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import type { Action } from '../identity/permissions.ts';
import { accountOf, actorOf } from '../identity/principal.ts';
import { problemResponses } from '../problems.ts';
import { CANVASS_STATUSES, canvassList, recordVisit, remindChosen, revealPhone, visitHistory, walkingLists } from '../voting/canvass.ts';
import { bearerSecurity, floorSchema, uuidParam } from './schemas.ts';

const statusSchema = z.enum(CANVASS_STATUSES).meta({
  id: 'CanvassStatus',
  description:
    'What was found at the door: visited 已上门, not_home 不在家, refused 拒绝, lives_elsewhere 人户分离, paper_ballot 将交纸质票, needs_help 需要协助',
});

const visitSchema = z
  .object({
    status: statusSchema,
    note: z.string().nullable(),
    setBy: z.object({ accountId: z.uuid(), phone: z.string().describe('Masked: 138****1234') }).describe('The organiser who recorded it'),
    setAt: z.iso.datetime(),
  })
  .meta({ id: 'CanvassVisit' });

const placeSchema = z.object({ building: z.string(), stair: z.string().nullable(), room: z.string() });

const canvassVoterSchema = z
  .object({
    voterId: z.uuid().describe('The voter on the meeting’s first motion: what statuses, reminders (and paper ballots of that motion) name'),
    developer: z.boolean().describe('The developer’s units (R1.2: one head)'),
    owners: z.array(
      z.object({
        id: z.uuid(),
        name: z.string().describe('Masked: 张*'),
        kind: z.enum(['person', 'organisation']),
        phone: z.string().nullable().describe('Masked: 138****1234; the full number only through POST …/canvass/owners/{ownerId}/phone'),
      }),
    ),
    units: z.array(placeSchema).describe('The voter’s units (the first ten), in walking order'),
    unitCount: z.number().int(),
    motions: z.number().int().describe('Motions open to the voter (or the chosen motion)'),
    voted: z.number().int().describe('Of those, how many it has voted on'),
    latest: visitSchema.nullable().describe('What was last found at the door; null: no visit recorded'),
    visits: z.number().int().describe('Visits recorded, the latest included'),
  })
  .meta({ id: 'CanvassVoter' });

const placeQuery = {
  motionId: z.uuid('expected a motion id (UUID)').optional().describe('Not voted on this motion; without it: not voted on at least one motion open to the voter'),
  building: z.string().trim().min(1).max(100).optional(),
  stair: z.string().trim().min(1).max(100).optional(),
  floor: floorSchema.optional(),
};

const meetingParams = z.object({ meetingId: uuidParam('a meeting') });

/**
 * Canvassing (扫楼, issue 16): the voters of an open meeting who have not
 * voted, what organisers found at their doors, walking lists, a phone to call
 * (audited), and reminders to chosen voters. Committee members and organisers
 * of the estate only.
 */
export default async function canvassRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };
  const db = () => app.database.db;
  const now = () => app.clock.now();

  async function meetingFor(request: FastifyRequest, meetingId: string, action: Action = 'canvass.manage') {
    const { meeting } = await requireAccess(db(), { principal: request.user, action, meeting: meetingId });
    return meeting;
  }

  app.get(
    '/meetings/:meetingId/canvass',
    {
      ...secured,
      schema: {
        operationId: 'listCanvass',
        tags: ['canvassing'],
        summary: 'The voters of an open meeting who have not voted, by building, stairwell and floor, in walking order (committee members and organisers)',
        description:
          'Names and phones masked. A voter (one head, R1.2) is placed at the first of its units that matches the filters. ' +
          '`status` filters by what was last found at the door (`none`: no visit yet). Pages are numbered from 1.',
        security: bearerSecurity,
        params: meetingParams,
        querystring: z
          .object({
            ...placeQuery,
            status: z.union([statusSchema, z.literal('none')]).optional(),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: {
          200: z.object({
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            buildings: z.array(z.string()).describe('The buildings of the meeting’s electorate, to choose from'),
            items: z.array(canvassVoterSchema),
          }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const meeting = await meetingFor(request, request.params.meetingId);
      const { page, pageSize, ...filter } = request.query;
      return canvassList(db(), meeting, filter, { page, pageSize }, now());
    },
  );

  app.get(
    '/meetings/:meetingId/canvass/walking-lists',
    {
      ...secured,
      schema: {
        operationId: 'getWalkingLists',
        tags: ['canvassing'],
        summary: 'Walking lists to print (扫楼名单): per building, its voters who have not voted, with masked names and last status',
        security: bearerSecurity,
        params: meetingParams,
        querystring: z.object(placeQuery).strict(),
        response: {
          200: z.object({
            estate: z.string(),
            meeting: z.string(),
            printedAt: z.string().describe('Local time of the estate, YYYY-MM-DD HH:MM'),
            votingCloses: z.string().describe('Local time of the estate, YYYY-MM-DD HH:MM'),
            total: z.number().int(),
            buildings: z.array(
              z.object({
                building: z.string(),
                rows: z.array(z.object({ place: z.string().describe('The voter’s units'), names: z.string().describe('Masked'), status: statusSchema.nullable() })),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const meeting = await meetingFor(request, request.params.meetingId);
      return walkingLists(db(), meeting, request.query, now());
    },
  );

  const voterParams = meetingParams.extend({ voterId: uuidParam('a voter') });

  app.post(
    '/meetings/:meetingId/canvass/voters/:voterId/visits',
    {
      ...secured,
      schema: {
        operationId: 'recordCanvassVisit',
        tags: ['canvassing'],
        summary: 'Record what was found at a voter’s door; it becomes the voter’s status, earlier ones are kept',
        security: bearerSecurity,
        params: voterParams,
        body: z.object({ status: statusSchema, note: z.string().trim().max(500).optional() }).strict(),
        response: { 201: visitSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const meeting = await meetingFor(request, request.params.meetingId);
      const accountId = accountOf(request.user, 'Only people canvass');
      const note = request.body.note === undefined || request.body.note === '' ? null : request.body.note;
      const visit = await recordVisit(db(), meeting, { voterId: request.params.voterId, status: request.body.status, note, accountId, now: now() });
      return reply.code(201).send(visit);
    },
  );

  app.get(
    '/meetings/:meetingId/canvass/voters/:voterId/visits',
    {
      ...secured,
      schema: {
        operationId: 'listCanvassVisits',
        tags: ['canvassing'],
        summary: 'A voter’s recorded visits, newest first',
        security: bearerSecurity,
        params: voterParams,
        response: { 200: z.object({ items: z.array(visitSchema) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const meeting = await meetingFor(request, request.params.meetingId);
      return { items: await visitHistory(db(), meeting, request.params.voterId) };
    },
  );

  app.post(
    '/meetings/:meetingId/canvass/owners/:ownerId/phone',
    {
      ...secured,
      schema: {
        operationId: 'revealCanvassPhone',
        tags: ['canvassing'],
        summary: 'The full registry phone of one owner of the meeting’s electorate, to call them; each reveal is written to the audit log',
        description: 'No body. Answered for an open meeting only; an owner without a phone in the registry is not found.',
        security: bearerSecurity,
        params: meetingParams.extend({ ownerId: uuidParam('an owner') }),
        body: z.preprocess((body) => body ?? {}, z.object({}).strict()).optional(),
        response: {
          200: z.object({ ownerId: z.uuid(), name: z.string().describe('Masked'), phone: z.string() }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const meeting = await meetingFor(request, request.params.meetingId, 'canvass.reveal_phone');
      accountOf(request.user, 'Only people call owners');
      const revealed = await inTransaction(db(), (trx) => revealPhone(trx, meeting, { ownerId: request.params.ownerId, actor: actorOf(request.user), now: now() }));
      // A phone number is not to be kept by caches on the way.
      return reply.header('cache-control', 'no-store').send(revealed);
    },
  );

  app.post(
    '/meetings/:meetingId/canvass/reminders',
    {
      ...secured,
      schema: {
        operationId: 'remindCanvassVoters',
        tags: ['canvassing'],
        summary: 'Remind chosen voters who have not voted (R6.2: not those who opted out or were reminded today; SMS keep quiet hours and the daily ceiling)',
        security: bearerSecurity,
        params: meetingParams,
        body: z.object({ voterIds: z.array(z.uuid('expected voter ids (UUID)')).min(1).max(500) }).strict(),
        response: {
          200: z.object({
            chosen: z.number().int().describe('Voters chosen'),
            reminded: z.number().int().describe('Owners reminded: the owners of the chosen voters, less those who voted meanwhile, opted out, or were reminded today'),
          }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const meeting = await meetingFor(request, request.params.meetingId);
      accountOf(request.user, 'Only people canvass');
      const result = await inTransaction(db(), (trx) => remindChosen(trx, meeting, { voterIds: request.body.voterIds, actor: actorOf(request.user), now: now() }));
      app.jobs.kick();
      return result;
    },
  );
}
