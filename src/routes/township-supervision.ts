import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inLongTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import { problemResponses } from '../problems.ts';
import { anomaliesOfMeeting, anomaliesOfTownship } from '../results/anomalies.ts';
import { filingEvidence } from '../results/filing-evidence.ts';
import { requireVisibleResult } from '../results/meeting-results.ts';
import { townshipOverview } from '../township/overview.ts';
import { assuranceLevelSchema, bearerSecurity, uuidParam } from './schemas.ts';

const ANOMALY_KINDS = ['shared_phone', 'shared_address', 'proxy_near_cap', 'late_burst', 'paper_share', 'low_assurance', 'late_binding'] as const;
const townshipParams = z.object({ townshipId: uuidParam('a township') });
const meetingParams = z.object({ meetingId: uuidParam('a meeting') });
const pageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

const amountView = z.object({ area: z.string().describe('m², exact, two decimals'), heads: z.number().int() });
const participationSchema = z.object({
  electorate: amountView,
  tookPart: amountView,
  percent: z.object({ area: z.string(), heads: z.string() }),
  quorum: z
    .object({ threshold: z.string(), needed: amountView, missing: amountView, areaMet: z.boolean(), headsMet: z.boolean(), met: z.boolean() })
    .nullable()
    .describe('The tally engine’s quorum test on the motion’s rule; null where the rule has none'),
});

const overviewSchema = z
  .object({
    estate: z.object({ id: z.uuid(), name: z.string() }),
    committee: z.object({ members: z.number().int(), organisers: z.number().int() }),
    registry: z.object({ units: z.number().int(), owners: z.number().int(), importedAt: z.iso.datetime().nullable() }),
    meetingsInProgress: z.array(
      z.object({
        meetingId: z.uuid(),
        title: z.string(),
        votingClosesAt: z.iso.datetime(),
        motions: z.number().int(),
        furthest: participationSchema
          .extend({ motionId: z.uuid(), position: z.number().int(), title: z.string() })
          .describe('The motion furthest from its quorum (heads first, then area)'),
      }),
    ),
    awaitingFiling: z.number().int().describe('Tallied results awaiting the township’s review'),
    petitions: z.object({ collecting: z.number().int(), reached: z.number().int().describe('Reached 20 % of area and heads (R3.4)') }),
    anomalies: z.number().int().describe('Anomaly flags over the estate’s meetings (R7.3)'),
    emergencyUses: z.number().int().describe('Emergency uses of the maintenance fund the estate has filed (R4.9, R7.1)'),
  })
  .meta({ id: 'EstateOverview' });

const flaggedVoterSchema = z.object({ owners: z.array(z.string()).describe('Masked names, as in the notice'), units: z.array(z.string()) });
const anomalySchema = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid(),
    kind: z.enum(ANOMALY_KINDS),
    key: z.string().describe('What tells two flags of a kind apart: a masked phone or network, or the kind'),
    figures: z.record(z.string(), z.union([z.string(), z.number()])).describe('The figures that raised the flag and the threshold (docs/console/township.md)'),
    voters: z.array(flaggedVoterSchema).describe('The voters behind the flag, masked; at most 100'),
    votersTotal: z.number().int(),
    flaggedAt: z.iso.datetime(),
  })
  .meta({ id: 'AnomalyFlag' });

const evidenceSchema = z
  .object({
    meetingId: z.uuid(),
    verification: z
      .object({ verified: z.boolean(), problems: z.array(z.string()), notes: z.array(z.string()), checkedAt: z.iso.datetime() })
      .describe('`gongjue verify` run by the service on its own export bundle, with its public key'),
    channels: z.array(
      z.object({
        motionId: z.uuid(),
        online: z.number().int(),
        paper: z.number().int(),
        proxy: z.number().int(),
        total: z.number().int(),
        onlinePercent: z.number().int().describe('Whole percent, rounded down'),
        paperPercent: z.number().int(),
        proxyPercent: z.number().int(),
        assurance: z.array(z.object({ channel: z.enum(['online', 'paper', 'proxy']), level: assuranceLevelSchema.nullable(), ballots: z.number().int() })),
      }),
    ),
    anomalies: z.array(anomalySchema),
    objections: z
      .object({ open: z.number().int(), answered: z.number().int() })
      .nullable()
      .describe('Objections during the objection window (R7.2); null when the estate set none (objectionDays 0 when the result was published)'),
  })
  .meta({ id: 'FilingEvidence' });

/** The township's supervision (issue 17): the overview of its estates, anomaly flags, a filing's evidence. */
export default async function townshipSupervisionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };
  const db = () => app.database.db;

  app.get(
    '/townships/:townshipId/overview',
    {
      ...secured,
      schema: {
        operationId: 'getTownshipOverview',
        tags: ['township'],
        summary: 'The township’s estates, a page at a time: committee, registry, meetings in progress against their quorum, results awaiting filing, petitions, anomaly flags (township staff, admins)',
        security: bearerSecurity,
        params: townshipParams,
        querystring: pageQuery,
        response: { 200: z.object({ items: z.array(overviewSchema), total: z.number().int() }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { township } = await requireAccess(db(), { principal: request.user, action: 'township.supervise', township: request.params.townshipId });
      return townshipOverview(db(), app.caches.tookPart, township.id, request.query);
    },
  );

  app.get(
    '/townships/:townshipId/anomalies',
    {
      ...secured,
      schema: {
        operationId: 'listTownshipAnomalies',
        tags: ['township'],
        summary: 'Anomaly flags found at the close of the township’s meetings, newest first (R7.3; township staff, admins). Flags inform; they never change a result.',
        security: bearerSecurity,
        params: townshipParams,
        querystring: pageQuery,
        response: {
          200: z.object({ items: z.array(anomalySchema.extend({ estateId: z.uuid(), estateName: z.string(), meetingTitle: z.string() })), total: z.number().int() }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { township } = await requireAccess(db(), { principal: request.user, action: 'township.supervise', township: request.params.townshipId });
      return anomaliesOfTownship(db(), township.id, request.query);
    },
  );

  app.get(
    '/meetings/:meetingId/anomalies',
    {
      ...secured,
      schema: {
        operationId: 'listMeetingAnomalies',
        tags: ['township'],
        summary: 'The anomaly flags of one tallied meeting with the masked voters behind each (township staff, admins)',
        security: bearerSecurity,
        params: meetingParams,
        response: { 200: z.object({ items: z.array(anomalySchema) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { meeting } = await requireAccess(db(), { principal: request.user, action: 'township.supervise', meeting: request.params.meetingId });
      return { items: await anomaliesOfMeeting(db(), meeting.id) };
    },
  );

  app.get(
    '/meetings/:meetingId/filing/evidence',
    {
      ...secured,
      schema: {
        operationId: 'getFilingEvidence',
        tags: ['township'],
        summary: 'What the township weighs before certifying: `gongjue verify` on the service’s own bundle, ballots per channel and assurance level, paper and proxy shares, anomaly flags, objections (township staff, admins)',
        security: bearerSecurity,
        params: meetingParams,
        response: { 200: evidenceSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const access = await requireAccess(db(), { principal: request.user, action: 'township.supervise', meeting: request.params.meetingId });
      await requireVisibleResult(db(), request.user, access);
      return inLongTransaction(db(), app.config.databaseLongStatementMs, (trx) =>
        filingEvidence(trx, access.meeting, { now: app.clock.now(), publicKey: app.keys.resultSigning.publicKey }),
      );
    },
  );
}
