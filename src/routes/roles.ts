import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import { may, rolesAllowed } from '../identity/permissions.ts';
import { actorOf } from '../identity/principal.ts';
import { appointRole, listEstateRoles, listRoles, removeRole } from '../identity/roles.ts';
import { problemResponses } from '../problems.ts';
import { bearerSecurity, phoneSchema, uuidParam } from './schemas.ts';

const assignmentSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    phone: z.string(),
    role: z.enum(['admin', 'township_staff', 'committee', 'organiser']),
    townshipId: z.uuid().nullable(),
    estateId: z.uuid().nullable(),
    grantedAt: z.iso.datetime(),
  })
  .meta({ id: 'RoleAssignment' });

const roleNameSchema = z.enum(['admin', 'township_staff', 'committee', 'organiser', 'owner', 'client']);

const townshipParams = z.object({ townshipId: uuidParam('a township') });
const estateParams = z.object({ estateId: uuidParam('an estate') });

/** Appointing township staff (admin) and an estate's committee members and organisers (its township's staff). */
export default async function roleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };
  const accountOf = (request: { user: { kind: string; subject: string } }) => (request.user.kind === 'person' ? request.user.subject : null);

  app.post(
    '/townships/:townshipId/staff',
    {
      ...secured,
      schema: {
        operationId: 'appointTownshipStaff',
        tags: ['roles'],
        summary: 'Appoint a person (by phone) as staff of a township (admin)',
        security: bearerSecurity,
        params: townshipParams,
        body: z.object({ phone: phoneSchema }).strict(),
        response: { 201: assignmentSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { township } = await requireAccess(app.database.db, { principal: request.user, action: 'township.appoint_staff', township: request.params.townshipId });
      const townshipId = township.id;
      const assignment = await inTransaction(app.database.db, (trx) =>
        appointRole(trx, {
          phone: request.body.phone,
          scope: { role: 'township_staff', townshipId },
          actor: actorOf(request.user),
          grantedBy: accountOf(request),
          now: app.clock.now(),
        }),
      );
      return reply.code(201).send(assignment);
    },
  );

  app.get(
    '/townships/:townshipId/staff',
    {
      ...secured,
      schema: {
        operationId: 'listTownshipStaff',
        tags: ['roles'],
        summary: "A township's staff (admin)",
        security: bearerSecurity,
        params: townshipParams,
        response: { 200: z.object({ items: z.array(assignmentSchema) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { township } = await requireAccess(app.database.db, { principal: request.user, action: 'township.appoint_staff', township: request.params.townshipId });
      return { items: await listRoles(app.database.db, { townshipId: township.id }) };
    },
  );

  app.delete(
    '/townships/:townshipId/staff/:assignmentId',
    {
      ...secured,
      schema: {
        operationId: 'removeTownshipStaff',
        tags: ['roles'],
        summary: 'Remove a staff appointment (admin); the person is logged out everywhere, their access tokens refused from the next request',
        security: bearerSecurity,
        params: townshipParams.extend({ assignmentId: uuidParam('an assignment') }),
        response: { 204: z.null().describe('Removed'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      // Only authorized: removing from an unknown township finds no such assignment.
      await requireAccess(app.database.db, { principal: request.user, action: 'township.appoint_staff', place: { townshipId: request.params.townshipId } });
      await inTransaction(app.database.db, (trx) =>
        removeRole(trx, {
          assignmentId: request.params.assignmentId,
          within: { townshipId: request.params.townshipId },
          actor: actorOf(request.user),
          removedBy: accountOf(request),
          now: app.clock.now(),
        }),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/estates/:estateId/roles',
    {
      ...secured,
      schema: {
        operationId: 'appointEstateRole',
        tags: ['roles'],
        summary: 'Appoint a committee member or organiser of an estate (admin, staff of its township)',
        security: bearerSecurity,
        params: estateParams,
        body: z
          .object({ phone: phoneSchema, role: z.enum(['committee', 'organiser']) })
          .strict()
          .meta({ example: { phone: '13900139000', role: 'organiser' } }),
        response: { 201: assignmentSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { estate } = await requireAccess(app.database.db, { principal: request.user, action: 'estate.appoint_roles', estate: request.params.estateId });
      const assignment = await inTransaction(app.database.db, (trx) =>
        appointRole(trx, {
          phone: request.body.phone,
          scope: { role: request.body.role, estateId: estate.id },
          actor: actorOf(request.user),
          grantedBy: accountOf(request),
          now: app.clock.now(),
        }),
      );
      return reply.code(201).send(assignment);
    },
  );

  app.get(
    '/estates/:estateId/roles',
    {
      ...secured,
      schema: {
        operationId: 'listEstateRoles',
        tags: ['roles'],
        summary: "An estate's committee members and organisers, phones masked (admin, staff of its township, its committee and organisers), and whether the caller may appoint and remove them",
        security: bearerSecurity,
        params: estateParams,
        response: {
          200: z
            .object({
              items: z.array(assignmentSchema).describe('Oldest appointment first; each phone masked (138****1234)'),
              mayAppoint: z.boolean().describe('Whether the caller may appoint and remove committee members and organisers here'),
              appointableBy: z.array(roleNameSchema).describe('The roles that may appoint and remove them (of this estate or its township)'),
            })
            .meta({ id: 'EstateRoles' }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { estate } = await requireAccess(app.database.db, { principal: request.user, action: 'estate.read_roles', estate: request.params.estateId });
      return {
        items: await listEstateRoles(app.database.db, estate.id),
        mayAppoint: may(request.user, 'estate.appoint_roles', { estateId: estate.id, townshipId: estate.township_id }),
        appointableBy: rolesAllowed('estate.appoint_roles'),
      };
    },
  );

  app.delete(
    '/estates/:estateId/roles/:assignmentId',
    {
      ...secured,
      schema: {
        operationId: 'removeEstateRole',
        tags: ['roles'],
        summary: 'Remove a committee member or organiser; the person is logged out everywhere, their access tokens refused from the next request',
        security: bearerSecurity,
        params: estateParams.extend({ assignmentId: uuidParam('an assignment') }),
        response: { 204: z.null().describe('Removed'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { estate } = await requireAccess(app.database.db, { principal: request.user, action: 'estate.appoint_roles', estate: request.params.estateId });
      await inTransaction(app.database.db, (trx) =>
        removeRole(trx, {
          assignmentId: request.params.assignmentId,
          within: { estateId: estate.id },
          actor: actorOf(request.user),
          removedBy: accountOf(request),
          now: app.clock.now(),
        }),
      );
      return reply.code(204).send(null);
    },
  );
}
