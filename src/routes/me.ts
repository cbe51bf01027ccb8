import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { accessOf, accountOverview } from '../identity/account-overview.ts';
import { holdingsOf } from '../identity/holdings.ts';
import { requireAccess } from '../identity/access.ts';
import { ownedIn } from '../identity/permissions.ts';
import { MY_MEETINGS_MAX, myMeetings } from '../voting/my-meetings.ts';
import { accountOf, grantSchema, type Principal } from '../identity/principal.ts';
import { ID_DOC_TYPES } from '../registry/types.ts';
import { type SelfVerification, verifySelf } from '../identity/verification.ts';
import { completeFaceVerification, startFaceCheck } from '../identity/face-verification.ts';
import { endMyBinding, myBindings } from '../identity/my-bindings.ts';
import { ProblemError, problemResponses } from '../problems.ts';
import { amountSchema, assuranceLevelSchema, bearerSecurity, uuidParam } from './schemas.ts';

const levelWordsSchema = z.object({ zh: z.string(), en: z.string() }).describe('The level in an owner’s words, e.g. 姓名、证件号码和登记信息');

const ownerRefSchema = z.object({
  ownerId: z.uuid(),
  estateId: z.uuid(),
  estateName: z.string(),
  name: z.string(),
  level: assuranceLevelSchema.describe('How strongly the binding was established; the estate’s minimumAssurance says which levels may vote'),
  levelWords: levelWordsSchema,
  votesOnline: z
    .boolean()
    .describe('Whether the level reaches the estate’s minimumAssurance now, so meetings opened from now on take this owner’s online ballots (a meeting keeps the minimum it opened with)'),
});

const personOf = (principal: Principal) => accountOf(principal, 'Only people have an account; API clients do not');

/** The problem that answers a refused self-verification. */
function refusalOf(outcome: Extract<SelfVerification, { ok: false }>): ProblemError {
  if (outcome.reason === 'locked') {
    const seconds = Math.max(1, Math.ceil((outcome.retryAfterMs ?? 60_000) / 1000));
    return new ProblemError('rate-limited', 'Too many failed attempts; try again later or ask your committee to verify you in person', { retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
  }
  if (outcome.reason === 'in_person_only') {
    return new ProblemError(
      'in-person-required',
      'Organisations and the developer are verified only in person: their representative brings the business licence and their own identity document to the township or the committee',
    );
  }
  if (outcome.reason === 'bound_elsewhere') {
    return new ProblemError('conflict', 'This owner is already verified on another account; ask your committee or township to verify you in person');
  }
  return new ProblemError('not-verified', 'No owner in the property registry has this name and identity number');
}

/** The signed-in person: who they are, verifying themselves as owners, what they hold. */
export default async function meRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };

  app.get(
    '/me',
    {
      ...secured,
      schema: {
        operationId: 'getMe',
        tags: ['owners'],
        summary: 'The signed-in person: phone, roles and the registry owners they are verified as',
        security: bearerSecurity,
        response: {
          200: z.object({
            accountId: z.uuid(),
            phone: z.string(),
            grants: z.array(grantSchema),
            verifiedOwners: z.array(ownerRefSchema),
            faceVerification: z.boolean().describe('Whether this installation has a face-verification provider (POST /v1/me/face-checks)'),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => {
      return { ...(await accountOverview(app.database.db, personOf(request.user))), faceVerification: app.face !== null };
    },
  );

  app.get(
    '/me/meetings',
    {
      ...secured,
      schema: {
        operationId: 'listMyMeetings',
        tags: ['owners'],
        summary: 'The meetings of every estate I am verified in, for the owner app’s home: past their draft, newest voting first',
        description:
          'Each with `phase` (upcoming: the notice is out, voting not yet open; open; closed; cancelled), and how far I am: ' +
          '`mayVoteOn` motions whose electorate holds a voter of an owner I am bound to (0 until voting opens and freezes it), ' +
          `\`votedOn\` of those with a ballot standing for every such voter. \`asOf\`: the service’s clock, to count the time left from. At most ${MY_MEETINGS_MAX}.`,
        security: bearerSecurity,
        response: {
          200: z.object({
            asOf: z.iso.datetime(),
            items: z.array(
              z.object({
                id: z.uuid(),
                estateId: z.uuid(),
                estateName: z.string(),
                kind: z.enum(['regular', 'temporary']),
                title: z.string(),
                status: z.enum(['noticed', 'open', 'closed', 'tallied', 'published', 'cancelled', 'discrepancy']),
                phase: z.enum(['upcoming', 'open', 'closed', 'cancelled']),
                votingOpensAt: z.iso.datetime(),
                votingClosesAt: z.iso.datetime(),
                local: z.object({ timeZone: z.string(), votingOpens: z.string(), votingCloses: z.string() }).describe("The instants in the estate's time zone"),
                noticedAt: z.iso.datetime().nullable(),
                closedAt: z.iso.datetime().nullable(),
                resultsPublished: z.boolean().describe('The results notice is out: GET /v1/meetings/{id}/results'),
                motions: z.number().int(),
                mayVoteOn: z.number().int(),
                votedOn: z.number().int(),
                levelEnough: z
                  .boolean()
                  .nullable()
                  .describe('Whether my verification reaches the level this meeting takes online ballots from (frozen when voting opened); null before voting opens'),
              }),
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => {
      const accountId = personOf(request.user);
      const estateIds = request.user.grants.flatMap((g) => (g.role === 'owner' ? [g.estateId] : []));
      return myMeetings(app.database.db, { accountId, estateIds, now: app.clock.now() });
    },
  );

  app.post(
    '/me/verification',
    {
      ...secured,
      schema: {
        operationId: 'verifyMyself',
        tags: ['owners'],
        summary: 'Bind this account to the registry owner with this name and identity number',
        description:
          'A match makes the account a verified owner of all that owner’s units, in every estate. The binding’s level of ' +
          'assurance (README "Identity assurance"): `registry_factor` when the property certificate number given is one the ' +
          'registry records for the owner (a wrong one is a failed attempt) or the login phone is the owner’s phone on ' +
          'record, else `knowledge` (may see holdings; estates accept votes from `registry_factor` up by default). An owner ' +
          'already bound to this account at a lower level is raised. A mismatch is refused ' +
          'without saying which field was wrong; 5 failures within 15 minutes lock verification for a while, and so do ' +
          'too many failures from one address, or naming one owner from any accounts (that owner’s committee is told). ' +
          'Organisations and the developer are verified only in person (403 in-person-required).',
        security: bearerSecurity,
        body: z
          .object({
            name: z.string().trim().min(1).max(100),
            idType: z.enum(ID_DOC_TYPES).default('resident_id'),
            idNumber: z.string().trim().min(1).max(40),
            certificateNumber: z
              .string()
              .trim()
              .min(1)
              .max(80)
              .optional()
              .describe('不动产权证书号 of one of the owner’s units, as printed: the second factor that reaches registry_factor'),
          })
          .strict()
          .meta({ example: { name: '张三', idType: 'resident_id', idNumber: '11010119900307447X', certificateNumber: '京(2020)朝阳区不动产权第0012345号' } }),
        response: {
          200: z.object({
            verifiedOwners: z.array(ownerRefSchema),
            assurance: z
              .array(z.object({ ownerId: z.uuid(), level: assuranceLevelSchema, factor: z.enum(['phone', 'property_certificate']).nullable() }))
              .describe('The level of each binding this verification made or kept (factor: the second factor it reached registry_factor with)'),
            accessToken: z.string().describe('A fresh access token that carries the new owner grants'),
          }),
          ...problemResponses(400, 401, 403, 409, 422, 429),
        },
      },
    },
    async (request) => {
      const accountId = personOf(request.user);
      const outcome = await inTransaction(app.database.db, (trx) =>
        verifySelf(trx, {
          accountId,
          ...request.body,
          hmacKey: app.keys.identityHmacKey,
          ip: request.ip,
          limits: {
            failuresPerOwner: app.config.identityLimits.verificationFailuresPerOwner,
            failuresPerAddressPerHour: app.config.identityLimits.verificationFailuresPerAddressPerHour,
          },
          now: app.clock.now(),
        }),
      );
      // Refused outside the transaction: the failed attempt it recorded must stay.
      if (!outcome.ok) throw refusalOf(outcome);
      const { grants, verifiedOwners } = await accessOf(app.database.db, accountId);
      return {
        verifiedOwners,
        assurance: outcome.owners.map((o) => ({ ownerId: o.ownerId, level: o.level, factor: o.factor })),
        // Same session: the new token ends when the caller's session does.
        accessToken: app.issueAccessToken({ ...request.user, grants }),
      };
    },
  );

  const assuranceSchema = z
    .array(z.object({ ownerId: z.uuid(), level: assuranceLevelSchema, factor: z.enum(['phone', 'property_certificate']).nullable() }))
    .describe('The level of each binding this verification made or kept');

  app.post(
    '/me/face-checks',
    {
      ...secured,
      schema: {
        operationId: 'startFaceCheck',
        tags: ['owners'],
        summary: 'Start a face check (人脸核身) for a name and resident identity number: open the answered URL on the phone',
        description:
          'The provider’s page matches the person’s face to the identity number; when it sends the owner back to `redirectUrl`, ' +
          'complete the check (`POST /v1/me/face-checks/{checkId}/completion`). 409 face-verification-unavailable when this ' +
          'installation has no provider. At most 10 checks per account a day (each costs a fee).',
        security: bearerSecurity,
        body: z
          .object({
            name: z.string().trim().min(1).max(100),
            idNumber: z.string().trim().min(1).max(40).describe('居民身份证 number: face verification checks resident identity cards only'),
            redirectUrl: z.url({ protocol: /^https?$/ }).max(2000).describe('Where the provider sends the owner back: a page of this service (the owner app, under PUBLIC_BASE_URL)'),
          })
          .strict(),
        response: {
          201: z.object({ checkId: z.uuid(), url: z.string().describe('The provider’s page to open') }),
          ...problemResponses(400, 401, 403, 409, 429),
        },
      },
    },
    async (request, reply) => {
      const accountId = personOf(request.user);
      const started = await startFaceCheck(app.database.db, app.face, {
        accountId,
        ...request.body,
        hmacKey: app.keys.identityHmacKey,
        now: app.clock.now(),
      }, app.config.publicBaseUrl);
      return reply.code(201).send(started);
    },
  );

  app.post(
    '/me/face-checks/:checkId/completion',
    {
      ...secured,
      schema: {
        operationId: 'completeFaceCheck',
        tags: ['owners'],
        summary: 'Read a face check’s outcome from the provider and bind the account to the registry owner at provider_face',
        description:
          'The outcome is read from the provider, server to server; the name and identity number it matched must be those the ' +
          'check was started with and a registry owner’s. A binding of another account below provider_face is replaced (the ' +
          'face outranks a copy of the identity card); one at provider_face or in person is not (409). 409 while the check is not finished.',
        security: bearerSecurity,
        params: z.object({ checkId: uuidParam('a face check') }),
        response: {
          200: z.object({ verifiedOwners: z.array(ownerRefSchema), assurance: assuranceSchema, accessToken: z.string() }),
          ...problemResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => {
      const accountId = personOf(request.user);
      const outcome = await inTransaction(app.database.db, (trx) =>
        completeFaceVerification(trx, app.face, { accountId, checkId: request.params.checkId, hmacKey: app.keys.identityHmacKey, now: app.clock.now() }),
      );
      // Refused outside the transaction: the check stays used up.
      if (!outcome.ok) throw outcome.refusal;
      const { grants, verifiedOwners } = await accessOf(app.database.db, accountId);
      return {
        verifiedOwners,
        assurance: outcome.owners.map((o) => ({ ownerId: o.ownerId, level: o.level, factor: o.factor })),
        accessToken: app.issueAccessToken({ ...request.user, grants }),
      };
    },
  );

  const bindingSchema = z.object({
    id: z.uuid(),
    phone: z.string().describe('Masked: 138****1234'),
    you: z.boolean().describe('This account'),
    method: z.enum(['self', 'in_person', 'face']),
    level: assuranceLevelSchema,
    levelWords: levelWordsSchema,
    factor: z.enum(['phone', 'property_certificate']).nullable(),
    since: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
  });

  app.get(
    '/me/bindings',
    {
      ...secured,
      schema: {
        operationId: 'getMyBindings',
        tags: ['owners'],
        summary: 'For each owner I am bound to: every phone ever bound to them (masked), since when, until when, at which level',
        security: bearerSecurity,
        response: {
          200: z.object({
            items: z.array(
              z.object({ ownerId: z.uuid(), estateId: z.uuid(), estateName: z.string(), name: z.string(), bindings: z.array(bindingSchema) }),
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => ({ items: await myBindings(app.database.db, personOf(request.user)) }),
  );

  app.delete(
    '/me/bindings/:ownerId',
    {
      ...secured,
      schema: {
        operationId: 'endMyBinding',
        tags: ['owners'],
        summary: 'End my binding to an owner; every session of this account ends with it (log in again)',
        security: bearerSecurity,
        params: z.object({ ownerId: uuidParam('an owner') }),
        response: {
          200: z.object({ endedAt: z.iso.datetime(), sessionsEnded: z.literal(true) }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const accountId = personOf(request.user);
      const ended = await inTransaction(app.database.db, (trx) => endMyBinding(trx, { accountId, ownerId: request.params.ownerId, now: app.clock.now() }));
      return { ...ended, sessionsEnded: true as const };
    },
  );

  app.get(
    '/me/estates/:estateId/holdings',
    {
      ...secured,
      schema: {
        operationId: 'getMyHoldings',
        tags: ['owners'],
        summary: 'My units in an estate, the voters (heads) they form and their weight',
        security: bearerSecurity,
        params: z.object({ estateId: uuidParam('an estate') }),
        response: {
          200: z.object({
            estateId: z.uuid(),
            units: z.array(
              z.object({
                id: z.uuid(),
                registryNo: z.string().optional(),
                building: z.string(),
                stair: z.string().nullable(),
                room: z.string().optional(),
                area: z.string().describe('m², exact, two decimals'),
                kind: z.enum(['residential', 'commercial', 'parking']),
                developerHeld: z.boolean(),
                counted: z.boolean().describe('Whether the unit adds weight (parking may not: countParking)'),
              }),
            ),
            voters: z.array(
              z.object({
                owners: z.array(z.object({ id: z.uuid(), you: z.boolean() })),
                developer: z.boolean(),
                units: z.array(z.uuid()),
                area: z.string(),
                heads: z.literal(1),
              }),
            ),
            estateTotal: amountSchema,
            settings: z.object({ countParking: z.boolean() }),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      personOf(request.user);
      const { estateId } = request.params;
      const mine = ownedIn(request.user, estateId);
      if (mine.length === 0) {
        // Whoever may not see the estate gets the answer of an estate that does not exist; who may (staff, committee) a plain refusal.
        let sees = true;
        try {
          await requireAccess(app.database.db, { principal: request.user, action: 'estate.read', estate: estateId });
        } catch (refusal) {
          if (!(refusal instanceof ProblemError && refusal.slug === 'not-found')) throw refusal;
          sees = false;
        }
        throw new ProblemError(sees ? 'forbidden' : 'not-found', 'You are not a verified owner of this estate (verify yourself, then refresh your token)');
      }
      return holdingsOf(app.database.db, estateId, mine);
    },
  );
}
