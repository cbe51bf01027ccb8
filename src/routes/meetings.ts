import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { inLongTransaction, inTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import { type Action, may } from '../identity/permissions.ts';
import { accountOf, actorOf } from '../identity/principal.ts';
import { ProblemError, problemResponses } from '../problems.ts';
import { castOwnBallot } from '../voting/ballots.ts';
import { myBallots } from '../voting/my-ballots.ts';
import { holdsProxy } from '../voting/proxy-visibility.ts';
import { closeMeeting } from '../results/closing.ts';
import { meetingResults } from '../results/meeting-results.ts';
import { IDEMPOTENCY_KEY, idempotent } from '../voting/idempotency.ts';
import {
  addMotion,
  cancelMeeting,
  changeDraft,
  changeMeeting,
  changeMotion,
  createMeeting,
  currentMeetingView,
  listMeetings,
  meetingTurnout,
  meetingView,
  openVoting,
  publishNotice,
  removeMotion,
} from '../voting/meetings.ts';
import { contentDisposition } from '../attachments/file-kind.ts';
import { estateRules } from '../voting/estate-rules.ts';
import { documentByLink, issueDocumentLink, meetingDocument } from '../voting/meeting-documents.ts';
import { DOCUMENT_LINK_SECONDS, documentLinkKey } from '../voting/document-links.ts';
import { meetingPlace } from '../voting/meeting-places.ts';
import { meetingParticipation } from '../voting/participation.ts';
import { MATTERS } from '../tally/index.ts';
import { motionInputSchema } from '../voting/motion-terms.ts';
import { amountSchema, assuranceLevelSchema, bearerSecurity, receiptSchema, uuidParam } from './schemas.ts';
import { tallyReportSchema } from './report-schema.ts';

const MEETING_STATUSES = ['draft', 'noticed', 'open', 'closed', 'tallied', 'published', 'cancelled', 'discrepancy'] as const;

const ruleSchema = z.object({
  profile: z.string(),
  matter: z.string(),
  matterTitle: z.object({ item: z.number().int().describe('The matter’s item in 民法典 第二百七十八条, 1–9'), zh: z.string(), en: z.string() }),
  test: z.string(),
  quorum: z.string().nullable().describe('e.g. "≥ 2/3" of total area and heads; null where the profile has none'),
  approval: z.string().describe('e.g. "> 1/2" or "≥ 3/4", of area and of heads'),
  base: z.string(),
  liftConsent: z.string().nullable(),
  statute: z.object({ zh: z.string(), en: z.string() }),
  words: z
    .object({ zh: z.string(), en: z.string() })
    .describe('The rule in one plain sentence for owners, e.g. "参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到四分之三"'),
});

const quorumGapSchema = z
  .object({
    threshold: z.string().describe('e.g. "≥ 2/3" of the area and of the heads'),
    needed: amountSchema.describe('The least area and heads that meet it'),
    missing: amountSchema.describe('What is still missing; zero where that half of the test is met'),
    areaMet: z.boolean(),
    headsMet: z.boolean(),
    met: z.boolean(),
  })
  .meta({ id: 'QuorumGap' });

const placeFiguresShape = {
  electorate: amountSchema.describe('The frozen electorate of this place (R4.6)'),
  tookPart: amountSchema.describe('Voters who took part: a current ballot, whatever it says'),
  percent: z
    .object({ area: z.string(), heads: z.string() })
    .describe('Percent of the electorate that took part, two decimals, rounded down, e.g. "63.41"'),
  quorum: quorumGapSchema.nullable().describe("Null where the motion's rule has no quorum"),
};

const wordsSchema = z.object({ zh: z.string(), en: z.string() });

const participationSchema = z
  .object({
    meetingId: z.uuid(),
    status: z.enum(MEETING_STATUSES),
    votingClosesAt: z.iso.datetime(),
    ballots: z.number().int().describe('Current ballots of all motions: unchanged means participation has not moved'),
    motions: z.array(
      z
        .object({
          motionId: z.uuid(),
          position: z.number().int(),
          title: z.string(),
          scope: z.union([
            z.object({ kind: z.literal('estate') }),
            z.object({ kind: z.literal('building'), building: z.string() }),
            z.object({ kind: z.literal('stair'), building: z.string(), stair: z.string() }),
          ]),
          ...placeFiguresShape,
          thresholdWords: wordsSchema.nullable().describe('The quorum share in words, e.g. { zh: "达到三分之二", en: "at least 2/3" }'),
          words: wordsSchema.describe('e.g. "参与表决：面积和人数都需达到三分之二（还差 12 户、843.20 ㎡）"'),
          buildings: z.array(
            z
              .object({
                building: z.string(),
                ...placeFiguresShape,
                stairs: z.array(z.object({ stair: z.string().describe("'' for flats without a stairwell unit"), ...placeFiguresShape }).meta({ id: 'StairParticipation' })),
              })
              .meta({ id: 'BuildingParticipation' }),
          ),
        })
        .meta({ id: 'MotionParticipation' }),
    ),
  })
  .meta({ id: 'MeetingParticipation' });

const motionSchema = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    matter: z.string(),
    kind: z.enum(['yes_no', 'options', 'election']),
    title: z.string(),
    text: z.string(),
    options: z.array(z.object({ id: z.string(), label: z.string() })).nullable(),
    candidates: z.array(z.object({ id: z.string(), name: z.string() })).nullable(),
    seats: z.number().int().nullable(),
    scope: z.unknown(),
    liftInstallation: z.boolean(),
    documents: z.array(z.object({ name: z.string(), url: z.string(), sha256: z.string() })),
    rule: ruleSchema.describe('The rule that will decide this motion, shown before anyone votes'),
    electorate: amountSchema.nullable().describe('TA and TH, frozen when voting opens'),
  })
  .meta({ id: 'Motion' });

const meetingSchema = z
  .object({
    id: z.uuid(),
    estateId: z.uuid(),
    kind: z.enum(['regular', 'temporary']),
    title: z.string(),
    description: z.string().nullable(),
    status: z
      .enum(['draft', 'noticed', 'open', 'closed', 'tallied', 'published', 'cancelled', 'discrepancy'])
      .describe("discrepancy: closed, but the SQL totals and the engine's recount of the sealed tally record disagreed — no result; see GET …/results"),
    votingOpensAt: z.iso.datetime(),
    votingClosesAt: z.iso.datetime(),
    local: z.object({ timeZone: z.string(), votingOpens: z.string(), votingCloses: z.string() }).describe("The instants in the estate's time zone"),
    noticedAt: z.iso.datetime().nullable(),
    openedAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    motions: z.array(motionSchema),
  })
  .meta({ id: 'Meeting' });

const instant = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 instant with a time zone, e.g. 2026-12-01T09:00:00+08:00' });
const meetingParams = z.object({ meetingId: uuidParam('a meeting') });

/** Meetings, motions and ballots: from the notice to the last vote and the close. */
export default async function meetingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };
  const db = () => app.database.db;
  const linkKey = documentLinkKey(app.keys.identityHmacKey);

  const meetingFor = async (request: FastifyRequest, meetingId: string, action: Action) => {
    const { meeting, estate } = await requireAccess(db(), { principal: request.user, action, meeting: meetingId });
    // A draft is not there for whoever may not see drafts (owners): not a refusal, which would tell them it exists.
    if (meeting.status === 'draft' && !may(request.user, 'meeting.read_draft', { estateId: estate.id, townshipId: estate.township_id })) {
      throw new ProblemError('not-found', 'No such meeting');
    }
    return meeting;
  };

  const personOf = (request: FastifyRequest) => accountOf(request.user, 'Only people take part in meetings');

  app.post(
    '/estates/:estateId/meetings',
    {
      ...secured,
      schema: {
        operationId: 'createMeeting',
        tags: ['meetings'],
        summary: 'Call a meeting (committee members and organisers); it starts as a draft',
        security: bearerSecurity,
        params: z.object({ estateId: uuidParam('an estate') }),
        body: z
          .object({
            kind: z.enum(['regular', 'temporary']),
            title: z.string().trim().min(1).max(200),
            description: z.string().max(20_000).optional(),
            votingOpensAt: instant,
            votingClosesAt: instant,
          })
          .strict()
          .meta({
            example: {
              kind: 'regular',
              title: '2027年第一次业主大会',
              votingOpensAt: '2027-01-10T09:00:00+08:00',
              votingClosesAt: '2027-01-24T18:00:00+08:00',
            },
          }),
        response: { 201: meetingSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { estate } = await requireAccess(db(), { principal: request.user, action: 'meeting.manage', estate: request.params.estateId });
      const meeting = await inTransaction(db(), (trx) =>
        createMeeting(trx, {
          estateId: estate.id,
          ...request.body,
          votingOpensAt: new Date(request.body.votingOpensAt),
          votingClosesAt: new Date(request.body.votingClosesAt),
          actor: actorOf(request.user),
          now: app.clock.now(),
        }),
      );
      return reply.code(201).header('location', `/v1/meetings/${meeting.id}`).send(await meetingView(db(), meeting));
    },
  );

  app.get(
    '/estates/:estateId/meetings',
    {
      ...secured,
      schema: {
        operationId: 'listMeetings',
        tags: ['meetings'],
        summary: "An estate's meetings, newest first, a page at a time (drafts only to its committee, organisers and staff: owners see a meeting from its notice on)",
        security: bearerSecurity,
        params: z.object({ estateId: uuidParam('an estate') }),
        querystring: z
          .object({
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
            status: z
              .string()
              .max(200)
              .transform((text, ctx) => {
                const wanted = text.split(',').map((s) => s.trim()).filter(Boolean);
                const unknown = wanted.filter((s) => !(MEETING_STATUSES as readonly string[]).includes(s));
                if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown status ${unknown.join(', ')} (one of ${MEETING_STATUSES.join(', ')})` });
                return wanted as (typeof MEETING_STATUSES)[number][];
              })
              .optional()
              .describe('Only meetings in these statuses, comma-separated, e.g. open,closed (a page of the console that is for some of them)'),
          }),
        response: {
          200: z.object({
            items: z.array(meetingSchema),
            total: z.number().int().describe('Meetings this caller may see, on every page'),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const { estate } = await requireAccess(db(), { principal: request.user, action: 'meeting.read', estate: request.params.estateId });
      const drafts = may(request.user, 'meeting.read_draft', { estateId: estate.id, townshipId: estate.township_id });
      return listMeetings(db(), estate.id, { drafts, ...request.query });
    },
  );

  app.get(
    '/meetings/:meetingId',
    {
      ...secured,
      schema: {
        operationId: 'getMeeting',
        tags: ['meetings'],
        summary: 'A meeting with its motions and the rule that decides each',
        security: bearerSecurity,
        params: meetingParams,
        response: { 200: meetingSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const meetingId = request.params.meetingId;
      // A proxy holder need own nothing in the estate, yet votes on the meeting's motions: they read it (issue 16).
      const { meeting, estate } = await requireAccess(db(), { principal: request.user, action: 'meeting.read', meeting: meetingId, orIf: holdsProxy(db(), request.user, meetingId) });
      if (meeting.status === 'draft' && !may(request.user, 'meeting.read_draft', { estateId: estate.id, townshipId: estate.township_id })) {
        throw new ProblemError('not-found', 'No such meeting');
      }
      return meetingView(db(), meeting);
    },
  );

  app.get(
    '/estates/:estateId/rules',
    {
      ...secured,
      schema: {
        operationId: 'getEstateRules',
        tags: ['meetings'],
        summary: 'The rule that would decide a motion of each matter of 民法典 第二百七十八条 in this estate (its settings applied), before the motion exists',
        description: 'The same rule and words a saved motion shows (Motion.rule). kind and liftInstallation change the words (who must agree) and the lift consent.',
        security: bearerSecurity,
        params: z.object({ estateId: uuidParam('an estate') }),
        querystring: z
          .object({
            matter: z.enum(MATTERS).optional().describe('One matter; without it, all nine in the statute’s order'),
            kind: z.enum(['yes_no', 'options', 'election']).default('yes_no'),
            liftInstallation: z
              .enum(['true', 'false'])
              .default('false')
              .transform((v) => v === 'true')
              .describe('A stairwell’s lift installation (R3.6): a rebuild motion that may need the stairwell’s own consent'),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(ruleSchema) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { estate } = await requireAccess(db(), { principal: request.user, action: 'meeting.read_draft', estate: request.params.estateId });
      return { items: estateRules(estate, request.query) };
    },
  );

  app.patch(
    '/meetings/:meetingId',
    {
      ...secured,
      schema: {
        operationId: 'changeDraftMeeting',
        tags: ['meetings'],
        summary: 'Change a draft meeting’s kind, title, description or voting window (fixed once the notice is published)',
        security: bearerSecurity,
        params: meetingParams,
        body: z
          .object({
            kind: z.enum(['regular', 'temporary']).optional(),
            title: z.string().trim().min(1).max(200).optional(),
            description: z.string().max(20_000).nullable().optional(),
            votingOpensAt: instant.optional(),
            votingClosesAt: instant.optional(),
          })
          .strict()
          .meta({ example: { votingOpensAt: '2027-01-20T09:00:00+08:00', votingClosesAt: '2027-02-03T18:00:00+08:00' } }),
        response: { 200: meetingSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const meeting = await meetingFor(request, request.params.meetingId, 'meeting.manage');
      const { votingOpensAt, votingClosesAt, ...rest } = request.body;
      await inTransaction(db(), (trx) =>
        changeMeeting(trx, meeting.id, (locked) =>
          changeDraft(
            trx,
            locked,
            {
              ...rest,
              ...(votingOpensAt !== undefined && { votingOpensAt: new Date(votingOpensAt) }),
              ...(votingClosesAt !== undefined && { votingClosesAt: new Date(votingClosesAt) }),
            },
            actorOf(request.user),
            app.clock.now(),
          ),
        ),
      );
      return currentMeetingView(db(), meeting.id);
    },
  );

  app.post(
    '/meetings/:meetingId/motions',
    {
      ...secured,
      schema: {
        operationId: 'addMotion',
        tags: ['meetings'],
        summary: 'Put a motion on a draft meeting (frozen once the notice is published)',
        security: bearerSecurity,
        params: meetingParams,
        body: motionInputSchema.meta({
          example: { matter: 'property_manager', kind: 'yes_no', title: '续聘阳光物业服务有限公司', text: '合同期三年……' },
        }),
        response: { 201: meetingSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const meeting = await meetingFor(request, request.params.meetingId, 'meeting.manage');
      await inTransaction(db(), (trx) => changeMeeting(trx, meeting.id, (locked) => addMotion(trx, locked, request.body, actorOf(request.user), app.clock.now())));
      return reply.code(201).send(await currentMeetingView(db(), meeting.id));
    },
  );

  app.put(
    '/meetings/:meetingId/motions/:motionId',
    {
      ...secured,
      schema: {
        operationId: 'changeMotion',
        tags: ['meetings'],
        summary: 'Rewrite a motion of a draft meeting, in its place on the agenda (frozen once the notice is published)',
        security: bearerSecurity,
        params: meetingParams.extend({ motionId: uuidParam('a motion') }),
        body: motionInputSchema,
        response: { 200: meetingSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const meeting = await meetingFor(request, request.params.meetingId, 'meeting.manage');
      await inTransaction(db(), (trx) =>
        changeMeeting(trx, meeting.id, (locked) => changeMotion(trx, locked, request.params.motionId, request.body, actorOf(request.user), app.clock.now())),
      );
      return currentMeetingView(db(), meeting.id);
    },
  );

  app.get(
    '/meetings/:meetingId/documents/:attachmentId',
    {
      ...secured,
      schema: {
        operationId: 'getMeetingDocument',
        tags: ['meetings'],
        summary: 'A document a motion of the meeting cites (PDF), for whoever may read the meeting: its owners once the notice is out',
        description:
          'A motion cites it as {name, url, sha256} with url …/v1/meetings/{meetingId}/documents/{attachmentId} (an attachment of the estate, uploaded by its organisers). ' +
          'Answered only for a document a motion of this meeting cites, with the bytes of that SHA-256; otherwise 404.',
        security: bearerSecurity,
        params: meetingParams.extend({ attachmentId: uuidParam('an attachment') }),
        response: {
          200: {
            description: 'The document',
            content: { 'application/pdf': { schema: z.custom<Buffer>((value) => Buffer.isBuffer(value)).meta({ type: 'string', format: 'binary' }) } },
          },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const meeting = await meetingFor(request, request.params.meetingId, 'meeting.read');
      const file = await meetingDocument(db(), meeting, request.params.attachmentId);
      return reply
        .type(file.contentType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', contentDisposition(file.name))
        .header('x-content-sha256', file.sha256)
        .send(file.content);
    },
  );

  app.post(
    '/meetings/:meetingId/documents/:attachmentId/link',
    {
      ...secured,
      schema: {
        operationId: 'linkMeetingDocument',
        tags: ['meetings'],
        summary: `A link to a document of the meeting that opens without the access token, for ${DOCUMENT_LINK_SECONDS / 60} minutes`,
        description:
          'For whoever may read the meeting (its owners once the notice is out), for a document a motion cites. The owner app opens it in a new ' +
          'tab or, where the browser (WeChat’s) will not, in place: a plain link cannot send the bearer token, and a blob: URL cannot be handed ' +
          'to a phone’s PDF viewer. The link is signed with a key derived from the installation’s secret and names the meeting, the document and ' +
          'its expiry; after that it answers 404 with reason `document-link-expired`.',
        security: bearerSecurity,
        params: meetingParams.extend({ attachmentId: uuidParam('an attachment') }),
        response: {
          200: z.object({
            url: z.string().describe('The path and query to open, on this service’s origin: …/documents/{attachmentId}/download?expires=…&signature=…'),
            expiresAt: z.string().describe('When the link stops working (ISO 8601)'),
          }),
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const meeting = await meetingFor(request, request.params.meetingId, 'meeting.read');
      const link = await issueDocumentLink(db(), linkKey, meeting, request.params.attachmentId, app.clock.now());
      return { url: link.path, expiresAt: link.expiresAt };
    },
  );

  app.get(
    '/meetings/:meetingId/documents/:attachmentId/download',
    {
      schema: {
        operationId: 'downloadMeetingDocumentByLink',
        tags: ['meetings'],
        summary: 'A document of the meeting by a signed link (POST …/link): no access token; shown in the browser (inline)',
        params: meetingParams.extend({ attachmentId: uuidParam('an attachment') }),
        querystring: z.object({
          expires: z.coerce.number().int().min(0).max(1e11).describe('Unix seconds after which the link no longer opens'),
          signature: z.string().min(1).max(100).describe('The service’s signature of the meeting, the document and the expiry'),
        }),
        response: {
          200: {
            description: 'The document',
            content: { 'application/pdf': { schema: z.custom<Buffer>((value) => Buffer.isBuffer(value)).meta({ type: 'string', format: 'binary' }) } },
          },
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const file = await documentByLink(db(), linkKey, { ...request.params, ...request.query }, app.clock.now());
      return reply
        .type(file.contentType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('content-disposition', contentDisposition(file.name, 'inline'))
        .header('x-content-sha256', file.sha256)
        .send(file.content);
    },
  );

  app.delete(
    '/meetings/:meetingId/motions/:motionId',
    {
      ...secured,
      schema: {
        operationId: 'removeMotion',
        tags: ['meetings'],
        summary: 'Take a motion off a draft meeting',
        security: bearerSecurity,
        params: meetingParams.extend({ motionId: uuidParam('a motion') }),
        response: { 204: z.null().describe('Removed'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const meeting = await meetingFor(request, request.params.meetingId, 'meeting.manage');
      await inTransaction(db(), (trx) =>
        changeMeeting(trx, meeting.id, (locked) => removeMotion(trx, locked, request.params.motionId, actorOf(request.user), app.clock.now())),
      );
      return reply.code(204).send(null);
    },
  );

  const transitionSchema = (operationId: string, summary: string) => ({
    operationId,
    tags: ['meetings'],
    summary,
    security: bearerSecurity,
    params: meetingParams,
    response: { 200: meetingSchema, ...problemResponses(400, 401, 403, 404, 409) },
  });
  /** A change of the meeting's state by its committee or organisers, answered with the meeting as it now is. */
  const transitioned = async (request: FastifyRequest, meetingId: string, run: (trx: Transaction<DB>, meetingId: string, actor: string) => Promise<unknown>) => {
    const meeting = await meetingFor(request, meetingId, 'meeting.manage');
    // Opening (the electorate snapshot) and closing (the tally) of a large meeting take what their jobs take.
    await inLongTransaction(db(), app.config.databaseLongStatementMs, (trx) => run(trx, meeting.id, actorOf(request.user)));
    // The change may have made work due (deliveries of its event, publication after a close).
    app.jobs.kick();
    return currentMeetingView(db(), meeting.id);
  };

  app.post(
    '/meetings/:meetingId/notice',
    {
      ...secured,
      schema: transitionSchema(
        'publishNotice',
        'Publish the notice: motions freeze (R3.5); voting must open after the notice period (R4.1) within the window bounds (R4.2); owners and the residents’ committee are notified',
      ),
    },
    async (request) =>
      transitioned(request, request.params.meetingId, (trx, id, actor) => changeMeeting(trx, id, (locked) => publishNotice(trx, locked, actor, app.clock.now()))),
  );
  app.post(
    '/meetings/:meetingId/open',
    {
      ...secured,
      schema: transitionSchema(
        'openVoting',
        'Open voting at or after its opening instant: the electorate of each motion is computed and frozen (R4.6)',
      ),
    },
    async (request) => transitioned(request, request.params.meetingId, (trx, id, actor) => changeMeeting(trx, id, (locked) => openVoting(trx, locked, actor, app.clock.now()))),
  );
  app.post(
    '/meetings/:meetingId/cancel',
    {
      ...secured,
      schema: {
        ...transitionSchema('cancelMeeting', 'Cancel a meeting before voting opens'),
        body: z.object({ reason: z.string().trim().min(1).max(1000) }).strict(),
      },
    },
    async (request) =>
      transitioned(request, request.params.meetingId, (trx, id, actor) =>
        changeMeeting(trx, id, (locked) => cancelMeeting(trx, locked, request.body.reason, actor, app.clock.now())),
      ),
  );
  app.post(
    '/meetings/:meetingId/close',
    {
      ...secured,
      schema: transitionSchema(
        'closeMeeting',
        'Close voting after its closing instant: ballots freeze, each motion is tallied and its result stored. Closing twice is harmless.',
      ),
    },
    async (request) => transitioned(request, request.params.meetingId, (trx, id, actor) => closeMeeting(trx, id, actor, app.clock.now(), db())),
  );

  app.get(
    '/meetings/:meetingId/turnout',
    {
      ...secured,
      schema: {
        operationId: 'getTurnout',
        tags: ['meetings'],
        summary: 'Participation so far per motion (area and heads that took part) — never how anyone voted',
        security: bearerSecurity,
        params: meetingParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                motionId: z.uuid(),
                tookPart: amountSchema,
                electorate: amountSchema.nullable(),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      return meetingTurnout(db(), await meetingFor(request, request.params.meetingId, 'meeting.turnout'));
    },
  );

  app.get(
    '/meetings/:meetingId/participation',
    {
      ...secured,
      schema: {
        operationId: 'getParticipation',
        tags: ['meetings'],
        summary:
          'The quorum cockpit: per motion, participation against its quorum by area and by heads, what is still missing, per building and stairwell unit of its scope — only who took part, never a choice',
        description:
          'For committee members, organisers and township staff of the estate (as GET …/turnout). Figures are exact: areas in m² with two decimals, heads as voters (R1.2). ' +
          'A voter holding flats in several buildings or stairwell units counts as a head in each, so the heads of the places may add up to more than the motion’s. ' +
          'Per place, `quorum.missing` is what that place lacks to reach the quorum share among its own voters — a canvassing guide; the motion’s own `quorum` is the test. ' +
          '`ballots` grows with every voter who takes part: poll, and redraw only when it moved. Before voting opens `motions` is empty.',
        security: bearerSecurity,
        params: meetingParams,
        response: {
          200: participationSchema,
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      meetingParticipation(db(), app.caches.participation, await meetingFor(request, request.params.meetingId, 'meeting.turnout')),
  );

  app.get(
    '/meetings/:meetingId/results',
    {
      ...secured,
      schema: {
        operationId: 'getResults',
        tags: ['meetings'],
        summary: 'Each motion’s result as the tally engine decided it — available only once the meeting is closed and tallied',
        security: bearerSecurity,
        params: meetingParams,
        response: {
          200: z.object({
            meetingId: z.uuid(),
            items: z.array(z.object({ motionId: z.uuid(), outcome: z.string(), decidedAt: z.iso.datetime(), totals: z.unknown(), report: tallyReportSchema })),
          }),
          ...problemResponses(400, 401, 404, 409),
        },
      },
    },
    async (request) => {
      return meetingResults(db(), await meetingFor(request, request.params.meetingId, 'meeting.read'));
    },
  );

  app.get(
    '/meetings/:meetingId/my-ballots',
    {
      ...secured,
      schema: {
        operationId: 'getMyBallots',
        tags: ['ballots'],
        summary: 'What I may vote on: per motion, the voters (heads) I belong to, their weight and their current ballot',
        security: bearerSecurity,
        params: meetingParams,
        response: {
          200: z.object({
            minAssurance: assuranceLevelSchema.describe('The lowest level of assurance whose online vote this meeting accepts (frozen when voting opens)'),
            level: assuranceLevelSchema.nullable().describe('The strongest level of my bindings to owners of this estate; null: not a verified owner here'),
            items: z.array(
              z.object({
                motionId: z.uuid(),
                voterId: z.uuid(),
                owners: z.array(z.uuid()),
                developer: z.boolean(),
                area: z.string(),
                current: z
                  .object({
                    choice: z.unknown(),
                    spoiled: z.boolean(),
                    channel: z.enum(['online', 'paper', 'proxy']).describe('The channel of the ballot that stands (the latest, R4.4)'),
                    castAt: z.iso.datetime(),
                    version: z.number().int(),
                    receipt: z.string(),
                    byYou: z.boolean().describe('Cast online by this account (else by a co-owner, an organiser or a proxy holder)'),
                  })
                  .nullable(),
                changes: z.number().int().describe('Ballots after the first on this motion for this voter, of any channel: "已修改 N 次，以最后一次为准"'),
                assurance: z.object({
                  required: assuranceLevelSchema,
                  level: assuranceLevelSchema.nullable().describe('The strongest level of my bindings to this voter’s owners'),
                  enough: z.boolean(),
                }),
                coOwners: z
                  .object({
                    count: z.number().int(),
                    rule: z.enum(['any', 'representative']).describe('any: each co-owner may cast the shared vote, the latest stands; representative: only the one they designated (R1.4)'),
                    representative: z.object({ you: z.boolean(), name: z.string().describe('Masked unless it is you') }).nullable(),
                  })
                  .nullable()
                  .describe('null: one owner casts this vote'),
                cast: z
                  .object({
                    allowed: z.boolean(),
                    refusal: z.object({ type: z.string(), detail: z.string() }).nullable(),
                  })
                  .describe('Whether the ballot route would accept my online ballot now (decided by the same database function, writing nothing) and, if not, its problem type and detail'),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const meeting = await meetingFor(request, request.params.meetingId, 'meeting.read');
      return myBallots(db(), meeting, personOf(request), app.clock.now());
    },
  );

  app.post(
    '/meetings/:meetingId/motions/:motionId/ballots',
    {
      ...secured,
      // The hot path: the session is checked in the statement that casts (cast_session_ballots), not in one of its own.
      config: { sessionCheckedByRoute: true },
      schema: {
        operationId: 'castBallot',
        tags: ['ballots'],
        summary: 'Cast or change my ballot on a motion, for one voter I belong to',
        description:
          'Send an Idempotency-Key header (8–100 characters) so that a retried request never votes twice: the retry gets the first reply. ' +
          'Refused at or after the closing instant, outside the motion’s electorate, or from an unverified account.',
        security: bearerSecurity,
        params: meetingParams.extend({ motionId: uuidParam('a motion') }),
        headers: z.object({
          'idempotency-key': z.string().regex(IDEMPOTENCY_KEY, 'expected 8–100 letters, digits, . _ : -').optional(),
        }),
        body: z
          .object({
            voterId: z.uuid('expected a voter id (UUID) from my-ballots'),
            choice: z.union([z.string().min(1).max(40), z.array(z.string().min(1).max(40)).max(50)]),
          })
          .strict()
          .meta({ example: { voterId: '0190f5c2-…', choice: 'agree' } }),
        response: { 201: receiptSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const accountId = personOf(request);
      const place = await meetingPlace(db(), app.caches.meetingPlaces, request.params.meetingId);
      await requireAccess(db(), { principal: request.user, action: 'ballot.cast', place: { estateId: place.estateId, townshipId: place.townshipId } });
      const meeting = { id: place.meetingId };
      const key = request.headers['idempotency-key'];
      // A retry may be answered from the stored reply without casting: there the session is asked first.
      if (key !== undefined) {
        const revoked = await app.accessRevocation(request.user);
        if (revoked !== null) throw new ProblemError('unauthenticated', revoked);
      }
      const cast = (db: Parameters<typeof castOwnBallot>[0]) =>
        castOwnBallot(db, app.ballotBatches, app.caches.motionTerms, {
          meetingId: meeting.id,
          motionId: request.params.motionId,
          voterId: request.body.voterId,
          choice: request.body.choice,
          accountId,
          // A person's token always names its session (authenticate refuses one that does not).
          session: request.user.session!,
          now: () => app.clock.now(),
        });
      // Without a key, one statement in its own transaction; with one, the key is claimed in the same transaction as the ballot.
      const result =
        key === undefined
          ? { statusCode: 201, body: await cast(db()), replayed: false }
          : await inTransaction(db(), (trx) =>
              idempotent(trx, { accountId, key, request: { params: request.params, body: request.body } }, async () => ({
                statusCode: 201,
                body: await cast(trx),
              })),
            );
      // A replay answers exactly as the first time did.
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(result.body);
    },
  );
}
