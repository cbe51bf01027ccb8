import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inLongTransaction, inTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import { type Action, may, rolesAllowed } from '../identity/permissions.ts';
import { accountOf, actorOf, type Principal } from '../identity/principal.ts';
import { verifyInPerson } from '../identity/verification.ts';
import { ProblemError, problemResponses } from '../problems.ts';
import { applyImport, previewImport, requireImport } from '../registry/import.ts';
import { readRegistryFile } from '../registry/parse-file.ts';
import { designateRepresentative } from '../registry/representative.ts';
import { ID_DOC_TYPES } from '../registry/types.ts';
import { listUnits } from '../registry/unit-listing.ts';
import { assuranceLevelSchema, bearerSecurity, phoneSchema, unitFields, unitKindSchema, uuidParam } from './schemas.ts';

/** A registry file may be large: 100,000 units of CSV are about 15 MB. */
export const REGISTRY_BODY_LIMIT = 64 * 1024 * 1024;

const ownerSummary = z.object({ name: z.string(), kind: z.enum(['person', 'organisation']), idType: z.string(), idTail: z.string() });

const previewSchema = z
  .object({
    id: z.uuid(),
    estateId: z.uuid(),
    status: z.enum(['previewed', 'applied', 'superseded']),
    baseVersion: z.number().int().describe('The registry version the diff was computed against'),
    format: z.enum(['csv', 'json']),
    units: z.number().int().describe('Units in the file'),
    counts: z.object({
      added: z.number().int(),
      removed: z.number().int(),
      changed: z.number().int(),
      transfers: z.number().int(),
      ownerUpdates: z.number().int(),
      unchanged: z.number().int(),
    }),
    diff: z.object({
      added: z.array(z.string()),
      removed: z.array(z.string()),
      changed: z.array(z.object({ registryNo: z.string(), fields: z.array(z.string()) })),
      transfers: z.array(z.object({ registryNo: z.string(), from: z.array(ownerSummary), to: z.array(ownerSummary) })),
      truncated: z.boolean().describe('Lists show at most 200 entries each; counts are complete'),
    }),
    createdAt: z.iso.datetime(),
    appliedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'RegistryImport' });

const unitSchema = z
  .object({
    ...unitFields,
    areaSource: z.enum(['registry', 'surveyed', 'contract']),
    kind: unitKindSchema,
    developerHeld: z.boolean(),
    owners: z.array(
      z.object({
        id: z.uuid(),
        name: z.string().describe('Masked (张*) unless the caller is authorised staff'),
        kind: z.enum(['person', 'organisation']),
        idTail: z.string().nullable().describe('Last 4 characters of the identity number; staff only'),
        phone: z.string().nullable().describe('Masked (138****1234) unless the caller is authorised staff'),
        verified: z.boolean().describe('Bound to an account'),
        assurance: assuranceLevelSchema.nullable().describe('How strongly the binding was established (README "Identity assurance"); null: not bound'),
        representative: z.boolean().describe('The co-owner designated to cast the unit’s vote (R1.4)'),
        inPersonOnly: z
          .boolean()
          .describe('An organisation or the developer (holds developer-held units): verified only in person by township staff, with `organisation` (R5.2)'),
      }),
    ),
  })
  .meta({ id: 'RegistryUnit' });

const estateParams = z.object({ estateId: uuidParam('an estate') });

/** Documents a natural person (an organisation's representative) may show. */
const PERSON_DOC_TYPES = ID_DOC_TYPES.filter((t): t is Exclude<(typeof ID_DOC_TYPES)[number], 'uscc'> => t !== 'uscc') as [
  Exclude<(typeof ID_DOC_TYPES)[number], 'uscc'>,
  ...Exclude<(typeof ID_DOC_TYPES)[number], 'uscc'>[],
];

/** The property registry of an estate: import (preview, apply), read, and in-person verification. */
export default async function registryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };

  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: REGISTRY_BODY_LIMIT }, (_request, body, done) => {
    done(null, body);
  });

  async function estateFor(request: { user: Principal }, estateId: string, action: Action) {
    return (await requireAccess(app.database.db, { principal: request.user, action, estate: estateId })).estate;
  }

  /**
   * A registry file may be 64 MiB, and parsing one costs seconds of CPU: who
   * may import is decided from the path and the token alone, before a byte
   * of the body is read (onRequest runs before the body is parsed).
   */
  async function mayImportBeforeReading(request: FastifyRequest) {
    const params = estateParams.safeParse(request.params);
    if (!params.success) {
      throw new ProblemError('validation-failed', 'params.estateId: expected an estate id (UUID)', {
        errors: [{ path: 'params.estateId', message: 'expected an estate id (UUID)' }],
      });
    }
    await estateFor(request, params.data.estateId, 'registry.import');
  }

  app.post(
    '/estates/:estateId/registry-imports',
    {
      onRequest: [app.authenticate, mayImportBeforeReading],
      bodyLimit: REGISTRY_BODY_LIMIT,
      schema: {
        operationId: 'previewRegistryImport',
        tags: ['registry'],
        summary: 'Upload a registry extract (text/csv or application/json); returns the diff to apply',
        description:
          'The whole file is validated first: any bad row makes a 422 listing every error with its line, and nothing is stored. ' +
          'Identity numbers are replaced by their keyed HMAC before anything is written. The preview is applied with ' +
          'POST …/registry-imports/{importId}/apply. Formats: docs/registry-import.md.',
        security: bearerSecurity,
        consumes: ['text/csv', 'application/json'],
        params: estateParams,
        response: { 201: previewSchema, ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const estate = await estateFor(request, request.params.estateId, 'registry.import');
      const file = readRegistryFile(request.body, app.keys.identityHmacKey);
      // A registry of 100,000 units takes seconds to diff and load: the long limits of jobs apply.
      const preview = await inLongTransaction(app.database.db, app.config.databaseLongStatementMs, (trx) =>
        previewImport(trx, { estateId: estate.id, registryVersion: estate.registry_version, ...file, createdBy: actorOf(request.user) }),
      );
      return reply.code(201).header('location', `/v1/estates/${estate.id}/registry-imports/${preview.id}`).send(preview);
    },
  );

  app.get(
    '/estates/:estateId/registry-imports/:importId',
    {
      ...secured,
      schema: {
        operationId: 'getRegistryImport',
        tags: ['registry'],
        summary: 'A registry import preview and its status',
        security: bearerSecurity,
        params: estateParams.extend({ importId: uuidParam('an import') }),
        response: { 200: previewSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const estate = await estateFor(request, request.params.estateId, 'registry.import');
      return requireImport(app.database.db, estate.id, request.params.importId);
    },
  );

  app.post(
    '/estates/:estateId/registry-imports/:importId/apply',
    {
      ...secured,
      schema: {
        operationId: 'applyRegistryImport',
        tags: ['registry'],
        summary: 'Apply a previewed import atomically (only onto the registry version it was computed from)',
        security: bearerSecurity,
        params: estateParams.extend({ importId: uuidParam('an import') }),
        response: { 200: previewSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const estate = await estateFor(request, request.params.estateId, 'registry.import');
      return inLongTransaction(app.database.db, app.config.databaseLongStatementMs, (trx) =>
        applyImport(
          trx,
          { estateId: estate.id, importId: request.params.importId, actor: actorOf(request.user), now: app.clock.now() },
          app.database.copyInto,
        ),
      );
    },
  );

  app.get(
    '/estates/:estateId/units',
    {
      ...secured,
      schema: {
        operationId: 'listUnits',
        tags: ['registry'],
        summary: "The estate's current units and owners (names and phones masked unless the caller is authorised staff)",
        security: bearerSecurity,
        params: estateParams,
        querystring: z.object({
          building: z.string().max(100).optional(),
          stair: z.string().max(100).optional(),
          room: z.string().max(100).optional().describe('A room number or its beginning'),
          unverified: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true')
            .describe('true: only units with an owner not yet bound to an account'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          after: z.string().max(200).optional().describe('Registry number to continue after (from the previous page)'),
        }),
        response: {
          200: z.object({
            total: z.number().int().describe('Units that pass the filters'),
            may: z
              .object({
                import: z.boolean(),
                readIdentities: z.boolean(),
                verifyInPerson: z.boolean(),
                verifyOrganisations: z.boolean(),
                designateRepresentative: z.boolean(),
              })
              .describe('What the caller may do with this registry (the permission rules, for the console)'),
            importableBy: z.array(z.enum(['admin', 'township_staff', 'committee', 'organiser', 'owner', 'client'])).describe('The roles that may import a registry file'),
            buildings: z.array(z.object({ building: z.string(), stair: z.string().nullable() })).describe("The estate's buildings and stairs, for the filters"),
            items: z.array(unitSchema),
            next: z.string().nullable(),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const estate = await estateFor(request, request.params.estateId, 'registry.read');
      const place = { estateId: estate.id, townshipId: estate.township_id };
      const identities = may(request.user, 'registry.read_identities', place);
      return {
        ...(await listUnits(app.database.db, estate.id, request.query, identities)),
        may: {
          import: may(request.user, 'registry.import', place),
          readIdentities: identities,
          verifyInPerson: may(request.user, 'owner.verify_in_person', place),
          verifyOrganisations: may(request.user, 'owner.verify_organisation_in_person', place),
          designateRepresentative: may(request.user, 'registry.designate_representative', place),
        },
        importableBy: rolesAllowed('registry.import'),
      };
    },
  );

  app.post(
    '/estates/:estateId/owners/:ownerId/in-person-verification',
    {
      ...secured,
      schema: {
        operationId: 'verifyOwnerInPerson',
        tags: ['registry'],
        summary: 'Record that the owner showed their document in person, and bind them to the account of a phone',
        description:
          'For committee members, organisers and township staff. Any earlier binding of this owner to another account is revoked. ' +
          'Organisations and the developer are verified only this way, by township staff, with `organisation`: the business licence (its credit code ' +
          'must match the registry) and the representative’s identity document, whose number is kept only as an HMAC.',
        security: bearerSecurity,
        params: estateParams.extend({ ownerId: uuidParam('an owner') }),
        body: z
          .object({
            phone: phoneSchema,
            documentType: z.enum(ID_DOC_TYPES),
            documentNote: z
              .string()
              .trim()
              .max(200)
              .refine((v) => !/[0-9]{15}/.test(v), 'must not contain an identity number: numbers are stored only as an HMAC')
              .optional()
              .describe('What was seen, e.g. "original ID card and property certificate"'),
            organisation: z
              .object({
                licenceCreditCode: z.string().trim().min(1).max(40).describe('统一社会信用代码 on the business licence seen; must be the registry’s'),
                representative: z
                  .object({
                    name: z.string().trim().min(1).max(100),
                    capacity: z.enum(['legal_representative', 'authorised_agent']).describe('authorised_agent: with the organisation’s written authorisation'),
                    idType: z.enum(PERSON_DOC_TYPES),
                    idNumber: z.string().trim().min(1).max(40).describe('Stored only as an HMAC and its last 4 characters'),
                  })
                  .strict(),
              })
              .strict()
              .optional()
              .describe('Required for an organisation or the developer, refused for a person: the licence seen and who represented them'),
          })
          .strict(),
        response: {
          201: z.object({ ownerId: z.uuid(), accountId: z.uuid(), replacedAccountId: z.uuid().nullable() }),
          ...problemResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const estate = await estateFor(request, request.params.estateId, 'owner.verify_in_person');
      const verifiedBy = accountOf(request.user, 'Only a person can verify an owner in person');
      const result = await inTransaction(app.database.db, (trx) =>
        verifyInPerson(trx, {
          estateId: estate.id,
          ownerId: request.params.ownerId,
          phone: request.body.phone,
          documentType: request.body.documentType,
          documentNote: request.body.documentNote ?? null,
          organisation: request.body.organisation ?? null,
          mayVerifyOrganisations: may(request.user, 'owner.verify_organisation_in_person', { estateId: estate.id, townshipId: estate.township_id }),
          hmacKey: app.keys.identityHmacKey,
          verifiedBy,
          now: app.clock.now(),
        }),
      );
      return reply.code(201).send({ ownerId: request.params.ownerId, accountId: result.accountId, replacedAccountId: result.replaced });
    },
  );

  app.put(
    '/estates/:estateId/units/:unitId/representative',
    {
      ...secured,
      schema: {
        operationId: 'designateRepresentative',
        tags: ['registry'],
        summary: 'Record the co-owner the owners of a unit chose to cast their vote (R1.4)',
        description: 'Used when the estate’s coOwnerVoting is "representative". Takes effect for meetings whose voting opens afterwards (the snapshot).',
        security: bearerSecurity,
        params: estateParams.extend({ unitId: uuidParam('a unit') }),
        body: z.object({ ownerId: z.uuid() }).strict(),
        response: { 200: z.object({ unitId: z.uuid(), representative: z.uuid() }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const estate = await estateFor(request, request.params.estateId, 'registry.designate_representative');
      const { unitId } = request.params;
      const { ownerId } = request.body;
      await inTransaction(app.database.db, (trx) =>
        designateRepresentative(trx, { estateId: estate.id, unitId, ownerId, actor: actorOf(request.user), now: app.clock.now() }),
      );
      return { unitId, representative: ownerId };
    },
  );
}
