import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { inLongTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import type { Action } from '../identity/permissions.ts';
import { actorOf } from '../identity/principal.ts';
import { CSP } from '../plugins/security-headers.ts';
import { problemResponses } from '../problems.ts';
import { exportBundle } from '../results/bundle.ts';
import { certify, filingOf, filingsOfTownship, recordRuling, resubmit, returnResult } from '../results/certification.ts';
import { requireVisibleFiling, requireVisibleResult } from '../results/meeting-results.ts';
import { buildNotice } from '../results/notice.ts';
import { renderNoticeHtml } from '../results/notice-html.ts';
import { publishMeeting } from '../results/publication.ts';
import { checkPath } from '../results/public-check.ts';
import { lookUpReceipt } from '../results/receipts.ts';
import { currentMeeting } from '../voting/meetings.ts';
import { assuranceLevelSchema, bearerSecurity, uuidParam } from './schemas.ts';
import { objectionWindowSchema } from './objections.ts';

const meetingParams = z.object({ meetingId: uuidParam('a meeting') });
const FILING_STATUSES = ['awaiting_review', 'returned', 'certified', 'correction_ordered', 'revoked'] as const;

const labelSchema = z.object({ zh: z.string(), en: z.string() });
const assuranceMixSchema = z
  .array(z.object({ channel: z.enum(['online', 'paper', 'proxy']), level: assuranceLevelSchema.nullable(), ballots: z.number().int() }))
  .meta({ id: 'AssuranceMix' });
const amountJson = z.object({ area: z.string(), heads: z.number().int() });

const noticeSchema = z
  .object({
    format: z.literal('gongjue.result-notice'),
    version: z.literal(1),
    estate: z.object({ id: z.uuid(), name: z.string() }),
    meeting: z.object({
      id: z.uuid(),
      kind: z.enum(['regular', 'temporary']),
      title: z.string(),
      votingOpensAt: z.iso.datetime(),
      votingClosesAt: z.iso.datetime(),
      closedAt: z.iso.datetime().nullable(),
      publishedAt: z.iso.datetime(),
      local: z.object({ timeZone: z.string(), votingOpens: z.string(), votingCloses: z.string(), published: z.string() }),
    }),
    filing: z.object({
      status: z.enum(FILING_STATUSES),
      certifiedAt: z.iso.datetime().nullable(),
      keyId: z.string().nullable(),
      checkPath: z.string().nullable().describe('The public check page of this result in the owner app (`/check/{meetingId}`), offered once the township certified it; null before (and after a ruling against it)'),
    }),
    objectionWindow: objectionWindowSchema
      .nullable()
      .describe('R7.2: the objection window (询异公示); while its stage is not final the result is preliminary. null: published without one, final at publication'),
    motions: z.array(
      z.object({
        motionId: z.uuid(),
        position: z.number().int(),
        title: z.string(),
        matter: z.string(),
        matterTitle: labelSchema,
        kind: z.string(),
        outcome: z.string(),
        outcomeText: z.string(),
        verdict: z.looseObject({ kind: z.string(), outcome: z.string() }),
        rule: z.looseObject({ profile: z.string(), statute: labelSchema }).describe('The rule applied, as the tally engine reports it'),
        totals: z.object({ TA: z.string(), TH: z.number().int(), PA: z.string(), PH: z.number().int(), didNotVote: amountJson, spoiled: amountJson }),
        choices: z.array(amountJson.extend({ id: z.string(), label: labelSchema })),
        explanation: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
        decidedAt: z.iso.datetime(),
        assurance: assuranceMixSchema.describe(
          'How many standing ballots came from each channel and, online, each level of identity assurance (README "Identity assurance"); paper and proxy: level null',
        ),
        ballots: z.array(
          z.object({
            voterId: z.uuid(),
            units: z.array(z.string()).describe('Building, stairwell unit and room of each of the voter’s units'),
            owners: z.array(z.string()).describe('Masked names, e.g. 张*'),
            developer: z.boolean(),
            choice: z.unknown(),
            choiceText: z.string(),
            spoiled: z.boolean(),
            channel: z.enum(['online', 'paper', 'proxy']),
            castAt: z.iso.datetime(),
            version: z.number().int(),
            replaced: z
              .object({ channel: z.enum(['online', 'paper', 'proxy']), version: z.number().int() })
              .nullable()
              .describe('R4.4: the latest earlier ballot of this voter cast through another channel, which this one replaced; null if none'),
            ballotId: z.uuid(),
            receipt: z.string().describe('The receipt given when this ballot was cast'),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ResultNotice' });

const filingSchema = z
  .object({
    meetingId: z.uuid(),
    estateId: z.uuid(),
    townshipId: z.uuid(),
    status: z.enum(FILING_STATUSES),
    updatedAt: z.iso.datetime().nullable(),
    certifiedAt: z.iso.datetime().nullable(),
    certifiedBy: z.string().nullable(),
    keyId: z.string().nullable(),
    publicKey: z.string().nullable(),
    signature: z.string().nullable().describe('Ed25519, base64, over the canonical JSON of payload (docs/bundle.md)'),
    payload: z.record(z.string(), z.unknown()).nullable(),
    events: z.array(
      z.object({
        kind: z.enum(['certified', 'returned', 'resubmitted', 'correction_ordered', 'revoked']),
        actor: z.string(),
        at: z.iso.datetime(),
        text: z.string(),
        reference: z.string().nullable(),
      }),
    ),
    assurance: z
      .record(z.string(), assuranceMixSchema)
      .describe('Per motion id: the standing ballots per channel and level of identity assurance, to weigh before certifying'),
    objectionWindow: objectionWindowSchema
      .nullable()
      .describe('R7.2: the result’s objection window; it is certified only once its stage is final. null: none (or not yet published)'),
  })
  .meta({ id: 'Filing' });

const bundleSchema = z
  .looseObject({
    format: z.literal('gongjue.result-bundle'),
    version: z.literal(3),
    generatedAt: z.iso.datetime(),
    estate: z.looseObject({ id: z.uuid() }),
    township: z.looseObject({ id: z.uuid(), name: z.string() }),
    meeting: z.looseObject({ id: z.uuid() }),
    motions: z.array(z.looseObject({ motionId: z.uuid(), record: z.record(z.string(), z.unknown()), result: z.unknown(), seal: z.unknown() })),
    certification: z.record(z.string(), z.unknown()).nullable(),
    audit: z.looseObject({ chain: z.string(), head: z.object({ seq: z.number().int(), hash: z.string() }), records: z.array(z.unknown()) }),
    objections: z.array(z.looseObject({ id: z.uuid(), motionId: z.uuid(), owner: z.string().describe('Masked, as in the notice'), text: z.string() })),
    emergencyUses: z.looseObject({ from: z.iso.datetime(), to: z.iso.datetime(), uses: z.array(z.looseObject({ id: z.uuid(), amountFen: z.string() })) }),
    proxyEndings: z.array(
      z.looseObject({
        proxyId: z.uuid(),
        grantor: z.string().describe('Masked, as in the notice'),
        holder: z.string().describe('The holder’s phone, masked'),
        how: z.enum(['rejected', 'revoked_by_grantor', 'revoked_in_writing']),
        at: z.iso.datetime(),
        reason: z.string().nullable(),
        revocationDocumentSha256: z.string().nullable(),
      }),
    ),
    manifest: z.looseObject({
      objections: z.object({ count: z.number().int(), sha256: z.string() }),
      emergencyUses: z.object({ count: z.number().int(), sha256: z.string() }),
      proxyEndings: z.object({ count: z.number().int(), sha256: z.string() }),
    }),
  })
  .meta({ id: 'ResultBundle', description: 'Everything `gongjue verify` needs: see docs/bundle.md' });

const text = (max: number, what: string) => z.string().trim().min(1, `${what} must not be empty`).max(max);

/** Results: the published notice, receipts, filing with the township (备案) and the export bundle. */
export default async function resultRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };
  const db = () => app.database.db;
  const authorized = (request: FastifyRequest, meetingId: string, action: Action) => requireAccess(db(), { principal: request.user, action, meeting: meetingId });

  const filingAnswer = async (meetingId: string) => filingOf(db(), await currentMeeting(db(), meetingId), app.clock.now());

  app.post(
    '/meetings/:meetingId/publish',
    {
      ...secured,
      schema: {
        operationId: 'publishResults',
        tags: ['results'],
        summary: 'Publish the result notice of a tallied meeting (committee members and organisers; the job system does it after tallying). Publishing twice is harmless.',
        security: bearerSecurity,
        params: meetingParams,
        response: {
          200: z.object({ meetingId: z.uuid(), status: z.string(), publishedAt: z.iso.datetime(), publishedNow: z.boolean() }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const { meeting } = await authorized(request, request.params.meetingId, 'result.publish');
      // Publishing, notices, bundles and certification read every voter of a meeting: the long limits of jobs apply.
      const { published } = await inLongTransaction(db(), app.config.databaseLongStatementMs, (trx) => publishMeeting(trx, meeting.id, actorOf(request.user), app.clock.now()));
      app.jobs.kick(); // deliveries of result.published
      const after = await currentMeeting(db(), meeting.id);
      return { meetingId: after.id, status: after.status, publishedAt: after.published_at!.toISOString(), publishedNow: published };
    },
  );

  app.get(
    '/meetings/:meetingId/notice',
    {
      ...secured,
      schema: {
        operationId: 'getResultNotice',
        tags: ['results'],
        summary: 'The published result notice (公告): per motion the totals, verdict, rule and explanation; per voter the room, masked name, choice and receipt',
        security: bearerSecurity,
        params: meetingParams,
        response: { 200: noticeSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { meeting } = await authorized(request, request.params.meetingId, 'result.read');
      return inLongTransaction(db(), app.config.databaseLongStatementMs, (trx) => buildNotice(trx, meeting, app.clock.now()));
    },
  );

  app.get(
    '/meetings/:meetingId/notice.html',
    {
      ...secured,
      schema: {
        operationId: 'getResultNoticeHtml',
        tags: ['results'],
        summary: 'The published result notice as a printable Chinese page (A4, self-contained)',
        security: bearerSecurity,
        params: meetingParams,
        response: {
          200: { description: 'An HTML page', content: { 'text/html': { schema: z.string() } } },
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { meeting } = await authorized(request, request.params.meetingId, 'result.read');
      const notice = await inLongTransaction(db(), app.config.databaseLongStatementMs, (trx) => buildNotice(trx, meeting, app.clock.now()));
      return reply
        .type('text/html; charset=utf-8')
        // The page is self-contained: nothing may be loaded from elsewhere, nothing run.
        .header('content-security-policy', CSP.printable)
        .send(renderNoticeHtml(notice, `${app.config.publicBaseUrl}${checkPath(meeting.id)}`));
    },
  );

  app.get(
    '/meetings/:meetingId/receipts/:receipt',
    {
      ...secured,
      schema: {
        operationId: 'lookUpReceipt',
        tags: ['results'],
        summary: 'Find a ballot receipt in the published result: which ballot it was, and whether it is the version that was counted',
        security: bearerSecurity,
        params: meetingParams.extend({ receipt: z.string().regex(/^[0-9a-fA-F]{64}$/, 'expected a receipt: 64 hexadecimal digits') }),
        response: {
          200: z.object({
            receipt: z.string(),
            motionId: z.uuid(),
            motionTitle: z.string(),
            voterId: z.uuid(),
            ballot: z.object({
              ballotId: z.uuid(),
              version: z.number().int(),
              channel: z.enum(['online', 'paper', 'proxy']),
              castAt: z.iso.datetime(),
              choice: z.unknown(),
              choiceText: z.string(),
              spoiled: z.boolean(),
            }),
            counted: z.boolean().describe('true: this version is the one counted (the latest of the voter’s ballots)'),
            countedInstead: z
              .object({ ballotId: z.uuid(), version: z.number().int(), channel: z.enum(['online', 'paper', 'proxy']), castAt: z.iso.datetime(), receipt: z.string() })
              .nullable(),
          }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => lookUpReceipt(db(), app.caches.receipts, (await authorized(request, request.params.meetingId, 'result.read')).meeting, request.params.receipt),
  );

  app.get(
    '/meetings/:meetingId/bundle',
    {
      ...secured,
      schema: {
        operationId: 'exportResultBundle',
        tags: ['results'],
        summary: 'The export bundle: tally records, stored results, seals, the certification signature and the audit chain — check it with `npx gongjue verify`',
        security: bearerSecurity,
        params: meetingParams,
        response: { 200: bundleSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const access = await authorized(request, request.params.meetingId, 'result.read');
      await requireVisibleResult(db(), request.user, access);
      const { meeting } = access;
      reply.header('content-disposition', `attachment; filename="gongjue-bundle-${meeting.id}.json"`);
      return inLongTransaction(db(), app.config.databaseLongStatementMs, (trx) => exportBundle(trx, meeting, app.clock.now()));
    },
  );

  app.get(
    '/meetings/:meetingId/filing',
    {
      ...secured,
      schema: {
        operationId: 'getFiling',
        tags: ['results'],
        summary: 'The filing of a meeting’s result with the township (备案): its status, signature and history (from the tally on for the township and the estate’s organisers; for others once published)',
        security: bearerSecurity,
        params: meetingParams,
        response: { 200: filingSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const access = await authorized(request, request.params.meetingId, 'result.read');
      await requireVisibleFiling(db(), request.user, access);
      const { meeting } = access;
      return filingOf(db(), meeting, app.clock.now());
    },
  );

  const filingStepSchema = (operationId: string, summary: string) => ({
    operationId,
    tags: ['results'],
    summary,
    security: bearerSecurity,
    params: meetingParams,
    response: { 200: filingSchema, ...problemResponses(400, 401, 403, 404, 409) },
  });
  /** A step of the filing (备案) by whoever the action allows, answered with the filing as it now is. */
  const filingStep = async (request: FastifyRequest, meetingId: string, action: Action, run: (trx: Transaction<DB>, meetingId: string, actor: string) => Promise<void>) => {
    const { meeting } = await authorized(request, meetingId, action);
    await inLongTransaction(db(), app.config.databaseLongStatementMs, (trx) => run(trx, meeting.id, actorOf(request.user)));
    app.jobs.kick(); // deliveries of result.certified, when this step certified
    return filingAnswer(meeting.id);
  };

  app.post(
    '/meetings/:meetingId/filing/certify',
    {
      ...secured,
      schema: filingStepSchema(
        'certifyResult',
        'Certify a tallied result (the estate’s township staff): the service signs its canonical form with its Ed25519 key. Under an objection window (R7.2) only once the result is final (result-not-final otherwise)',
      ),
    },
    async (request) =>
      filingStep(request, request.params.meetingId, 'filing.review', (trx, id, actor) =>
        certify(trx, id, { actor, now: app.clock.now(), key: app.keys.resultSigning }),
      ),
  );
  app.post(
    '/meetings/:meetingId/filing/return',
    {
      ...secured,
      schema: {
        ...filingStepSchema('returnResult', 'Return a result to the organisers with written reasons (the estate’s township staff)'),
        body: z.object({ reasons: text(5000, 'the reasons') }).strict(),
      },
    },
    async (request) =>
      filingStep(request, request.params.meetingId, 'filing.review', (trx, id, actor) =>
        returnResult(trx, id, { reasons: request.body.reasons, actor, now: app.clock.now() }),
      ),
  );
  app.post(
    '/meetings/:meetingId/filing/resubmit',
    {
      ...secured,
      schema: {
        ...filingStepSchema(
          'resubmitResult',
          'Re-submit a returned result with a written response (committee members and organisers); ballots and tallies stay as they are',
        ),
        body: z.object({ response: text(5000, 'the response') }).strict(),
      },
    },
    async (request) =>
      filingStep(request, request.params.meetingId, 'filing.resubmit', (trx, id, actor) =>
        resubmit(trx, id, { response: request.body.response, actor, now: app.clock.now() }),
      ),
  );
  app.post(
    '/meetings/:meetingId/filing/rulings',
    {
      ...secured,
      schema: {
        ...filingStepSchema(
          'recordRuling',
          'Record a court’s revocation (民法典 第二百八十条) or an order to correct (条例 第十九条) against a certified decision (township staff)',
        ),
        body: z
          .object({
            kind: z.enum(['revoked', 'correction_ordered']).describe('revoked: by a court; correction_ordered: by the authorities'),
            reference: text(200, 'the reference').describe('The judgment’s or order’s number, e.g. (2027)闽0881民初123号'),
            text: text(5000, 'the text'),
          })
          .strict(),
      },
    },
    async (request) =>
      filingStep(request, request.params.meetingId, 'filing.review', (trx, id, actor) =>
        recordRuling(trx, id, { ...request.body, actor, now: app.clock.now() }),
      ),
  );

  app.get(
    '/townships/:townshipId/filings',
    {
      ...secured,
      schema: {
        operationId: 'listFilings',
        tags: ['results'],
        summary: 'A township’s tallied meetings by filing status (township staff); by default those awaiting review',
        security: bearerSecurity,
        params: z.object({ townshipId: uuidParam('a township') }),
        querystring: z.object({ status: z.enum([...FILING_STATUSES, 'all']).default('awaiting_review') }).strict(),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                meetingId: z.uuid(),
                estateId: z.uuid(),
                estateName: z.string(),
                title: z.string(),
                meetingStatus: z.string(),
                closedAt: z.iso.datetime().nullable(),
                filingStatus: z.enum(FILING_STATUSES),
                updatedAt: z.iso.datetime().nullable(),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      await requireAccess(db(), { principal: request.user, action: 'filing.review', township: request.params.townshipId });
      return { items: await filingsOfTownship(db(), request.params.townshipId, request.query.status) };
    },
  );
}

/** The public half of the result-signing key, for anyone checking a certified result. */
export async function wellKnownRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/.well-known/gongjue/result-signing-key',
    {
      schema: {
        operationId: 'getResultSigningKey',
        tags: ['results'],
        summary: 'The Ed25519 public key that signs certified results (docs/bundle.md); pass it to `gongjue verify --public-key`',
        response: {
          200: z.object({
            algorithm: z.literal('Ed25519'),
            keyId: z.string().describe('SHA-256 (hex) of the key’s DER (SPKI) encoding'),
            publicKey: z.string().describe('SPKI PEM'),
          }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return { algorithm: 'Ed25519' as const, keyId: app.keys.resultSigning.keyId, publicKey: app.keys.resultSigning.publicKey };
    },
  );
}
