import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import { may, rolesAllowed } from '../identity/permissions.ts';
import { actorOf } from '../identity/principal.ts';
import { estateSettingsSchema, settingsOfEstate } from '../places/estate-settings.ts';
import { createEstate, estateView, listEstates, updateEstateSettings } from '../places/estates.ts';
import { matterThresholds, settingStatutes } from '../places/settings-statutes.ts';
import { problemResponses } from '../problems.ts';
import { bearerSecurity, uuidParam } from './schemas.ts';

const estateSchema = z
  .object({
    id: z.uuid(),
    townshipId: z.uuid(),
    name: z.string(),
    address: z.string().nullable(),
    timeZone: z.string(),
    settings: estateSettingsSchema,
    registryVersion: z.number().int().describe('How many registry imports have been applied'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Estate' });

const words = z.object({ zh: z.string(), en: z.string() });
const threshold = z.object({ num: z.number().int(), den: z.number().int(), strict: z.boolean().describe('true: more than (过半数); false: at least (以上)') });

const settingsExplainedSchema = z
  .object({
    settings: estateSettingsSchema,
    mayChange: z.boolean().describe('Whether the caller may replace these settings (PUT …/settings)'),
    changeableBy: z.array(z.enum(['admin', 'township_staff', 'committee', 'organiser', 'owner', 'client'])).describe('The roles that may change them (of this estate or its township)'),
    statutes: z.array(
      z.object({
        setting: z.string().describe('A key of settings'),
        rule: z.string().describe('The rule of the rulebook (domain.md) it belongs to'),
        statute: words.describe('The statute the setting refines'),
        statuteValue: words.describe('What the statute itself says'),
        refinement: words.describe('Which way an estate may move from it'),
      }),
    ),
    thresholds: z.array(
      z.object({
        matter: z.string(),
        item: z.number().int().describe('Item of 民法典 第二百七十八条'),
        title: words,
        test: z.enum(['ordinary', 'special', 'petition']),
        statute: words,
        floor: z.object({ quorum: threshold.nullable(), approval: threshold }).describe("The statute's floor under the estate's profile"),
        floorWords: words,
        override: z.object({ quorum: threshold.nullable(), approval: threshold.nullable() }).nullable().describe("The estate's stricter thresholds, if any"),
        appliedWords: words.describe('The rule a yes/no motion of this matter is decided by'),
      }),
    ),
  })
  .meta({ id: 'EstateSettingsExplained' });

const timeZone = z
  .string()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'expected an IANA time zone such as Asia/Shanghai');

const newEstateSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    address: z.string().trim().max(200).optional(),
    timeZone: timeZone.optional(),
    settings: z.record(z.string(), z.unknown()).optional().describe('Estate settings; omitted ones take their defaults'),
  })
  .strict()
  .meta({ example: { name: '阳光花园', address: '福建省漳平市桂林街道阳光路1号', settings: { countParking: false } } });

export default async function estateRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };

  app.post(
    '/townships/:townshipId/estates',
    {
      ...secured,
      schema: {
        operationId: 'createEstate',
        tags: ['places'],
        summary: 'Register an estate in a township (admin, staff of the township)',
        security: bearerSecurity,
        params: z.object({ townshipId: uuidParam('a township') }),
        body: newEstateSchema,
        response: { 201: estateSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { townshipId } = request.params;
      await requireAccess(app.database.db, { principal: request.user, action: 'estate.create', township: townshipId });
      const estate = await inTransaction(app.database.db, (trx) =>
        createEstate(trx, { townshipId, ...request.body, actor: actorOf(request.user), now: app.clock.now() }),
      );
      return reply.code(201).header('location', `/v1/estates/${estate.id}`).send(estate);
    },
  );

  app.get(
    '/townships/:townshipId/estates',
    {
      ...secured,
      schema: {
        operationId: 'listEstates',
        tags: ['places'],
        summary: "A township's estates (admin, its staff, API clients of the township)",
        security: bearerSecurity,
        params: z.object({ townshipId: uuidParam('a township') }),
        response: { 200: z.object({ items: z.array(estateSchema) }), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      // Only authorized: an unknown township the asker may read has no estates.
      await requireAccess(app.database.db, { principal: request.user, action: 'township.read', place: { townshipId: request.params.townshipId } });
      return { items: await listEstates(app.database.db, request.params.townshipId) };
    },
  );

  app.get(
    '/estates/:estateId',
    {
      ...secured,
      schema: {
        operationId: 'getEstate',
        tags: ['places'],
        summary: 'One estate with its settings',
        security: bearerSecurity,
        params: z.object({ estateId: uuidParam('an estate') }),
        response: { 200: estateSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { estate } = await requireAccess(app.database.db, { principal: request.user, action: 'estate.read', estate: request.params.estateId });
      return estateView(estate);
    },
  );

  app.get(
    '/estates/:estateId/settings',
    {
      ...secured,
      schema: {
        operationId: 'getEstateSettings',
        tags: ['places'],
        summary: "An estate's settings, each with the statute it refines and the statute's value, and whether the caller may change them",
        security: bearerSecurity,
        params: z.object({ estateId: uuidParam('an estate') }),
        response: { 200: settingsExplainedSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { estate } = await requireAccess(app.database.db, { principal: request.user, action: 'estate.read', estate: request.params.estateId });
      const { settings } = settingsOfEstate(estate);
      return {
        settings,
        mayChange: may(request.user, 'estate.configure', { estateId: estate.id, townshipId: estate.township_id }),
        changeableBy: rolesAllowed('estate.configure'),
        statutes: [...settingStatutes()],
        thresholds: matterThresholds(settings),
      };
    },
  );

  app.put(
    '/estates/:estateId/settings',
    {
      ...secured,
      schema: {
        operationId: 'replaceEstateSettings',
        tags: ['places'],
        summary: "Replace an estate's settings (admin, staff of its township). Overrides may only be stricter than the statute.",
        security: bearerSecurity,
        params: z.object({ estateId: uuidParam('an estate') }),
        body: z.record(z.string(), z.unknown()).meta({ example: { noticeDays: 15, countParking: false, nonVoters: 'excluded' } }),
        response: { 200: estateSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { estate } = await requireAccess(app.database.db, { principal: request.user, action: 'estate.configure', estate: request.params.estateId });
      return inTransaction(app.database.db, (trx) =>
        updateEstateSettings(trx, { estateId: estate.id, settings: request.body, actor: actorOf(request.user), now: app.clock.now() }),
      );
    },
  );
}
