import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import type { Action } from '../identity/permissions.ts';
import { accountOf } from '../identity/principal.ts';
import { ProblemError, problemResponses } from '../problems.ts';
import { grantedProxies, heldProxies } from '../voting/my-proxies.ts';
import { recordProxyRevocation, rejectProxy, revokeOwnProxy } from '../voting/proxy-endings.ts';
import {
  approveProxy,
  castProxyBallot,
  decidePaperBallot,
  enterPaperBallot,
  listPaperEntries,
  readPaperAgain,
  registerProxy,
} from '../voting/paper-and-proxies.ts';
import type { PaperDifference, PaperReading } from '../voting/paper-double-entry.ts';
import { findVoters, type VoterRef } from '../voting/electorate-lookup.ts';
import { holdsProxy, proxiesVisibleTo } from '../voting/proxy-visibility.ts';
import { bearerSecurity, floorSchema, receiptSchema, phoneSchema, unitFields, unitKindSchema, uuidParam } from './schemas.ts';

/** A scan: an attachment kept in the estate (POST /v1/estates/{estateId}/attachments), or one kept elsewhere cited by URL and digest. */
const documentRef = z.union([
  z.object({ attachmentId: z.uuid().describe('An attachment of the meeting’s estate; its URL and SHA-256 are kept') }).strict(),
  z
    .object({
      url: z.url({ protocol: /^https?$/ }),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of the scan, 64 hex digits'),
    })
    .strict(),
]);

const differenceSchema = z.object({
  field: z.enum(['spoiled', 'choice']),
  first: z.unknown().describe('The first entry’s reading'),
  second: z.unknown().describe('The confirming entry’s reading'),
});

const choiceSchema = z.union([z.string().min(1).max(40), z.array(z.string().min(1).max(40)).max(50)]);

const paperSchema = z
  .object({
    id: z.uuid(),
    motionId: z.uuid(),
    voterId: z.uuid(),
    voterUnits: z.array(z.string()).describe('The voter’s units (building, stair, room) as at opening: whose paper it is'),
    choice: z.unknown().describe('Blind while pending: null to anyone but the organiser who entered it, until a second organiser has read the paper again'),
    spoiled: z.boolean(),
    scan: z.object({ url: z.string().describe('An attachment’s download path, or the URL given'), sha256: z.string() }),
    signedBy: z.uuid().nullable().describe('The owner who signed the paper'),
    status: z.enum(['pending', 'confirmed', 'rejected']),
    enteredBy: z.uuid(),
    enteredAt: z.iso.datetime(),
    decidedBy: z.uuid().nullable(),
    ballotId: z.uuid().nullable(),
    check: z
      .object({ choice: z.unknown(), spoiled: z.boolean(), checkedBy: z.uuid(), checkedAt: z.iso.datetime(), differences: z.array(differenceSchema) })
      .nullable()
      .describe('While pending: the last second reading of the paper (double entry) and where it differs from the first (empty: alike, ready to confirm); null when nobody has read it again'),
  })
  .meta({ id: 'PaperBallot' });

const proxySchema = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid(),
    grantorOwnerId: z.uuid(),
    holderAccountId: z.uuid(),
    instructions: z.record(z.string(), z.unknown()).nullable(),
    document: z.object({ url: z.string(), sha256: z.string() }),
    status: z.enum(['pending', 'approved', 'rejected', 'revoked']),
    registeredAt: z.iso.datetime(),
    voters: z
      .array(z.object({ motionId: z.uuid(), voterId: z.uuid(), units: z.array(z.string()), area: z.string() }))
      .describe('Once voting is open: per motion, the voter(s) the grantor belongs to — the voterId the holder casts for'),
    ending: z
      .object({
        at: z.iso.datetime(),
        by: z.uuid().describe('The account that rejected or revoked it'),
        reason: z.string().nullable(),
        byGrantor: z.boolean().describe('Revoked by the grantor themselves from the owner app'),
        document: z.object({ url: z.string(), sha256: z.string() }).nullable().describe('The written revocation’s scan, recorded by an organiser'),
      })
      .nullable()
      .describe('Once rejected or revoked: when, by whom and why; null while pending or approved'),
    ballots: z
      .object({ cast: z.number().int(), standing: z.number().int() })
      .describe('Ballots the holder cast under it (every version), and how many stand now: a revocation leaves them standing until the owner votes'),
    may: z
      .object({ approve: z.boolean(), reject: z.boolean(), revoke: z.boolean() })
      .describe('What an organiser may do with it now: approve a pending one; reject a live one nobody has voted under; revoke a live one (the meeting noticed or open)'),
  })
  .meta({ id: 'Proxy' });

const reasonSchema = z.string().trim().min(1).max(500);

const meetingRefSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(['draft', 'noticed', 'open', 'closed', 'tallied', 'published', 'cancelled', 'discrepancy']),
  estateName: z.string(),
  local: z.object({ timeZone: z.string(), votingOpens: z.string(), votingCloses: z.string() }).describe("The voting window in the estate's time zone"),
});
const refusalSchema = z.object({ type: z.string().describe('The problem type the route would answer (e.g. proxy-ended, conflict)'), detail: z.string() });
const endingSchema = z.object({ at: z.iso.datetime(), reason: z.string().nullable(), byGrantor: z.boolean() }).nullable();

const heldProxySchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['pending', 'approved', 'rejected', 'revoked']),
    meeting: meetingRefSchema,
    grantor: z.object({ name: z.string().describe('Masked: 张*') }),
    instructions: z.record(z.string(), z.unknown()).nullable().describe('motion id → the choice the owner’s written proxy fixes; null: the holder chooses'),
    registeredAt: z.iso.datetime(),
    ending: endingSchema,
    motions: z.array(
      z.object({
        motionId: z.uuid(),
        title: z.string(),
        voterId: z.uuid().nullable().describe('The grantor’s voter on this motion, what POST …/proxy-ballots names; null before voting opens or outside the motion’s scope'),
        units: z.array(z.string()),
        area: z.string().nullable(),
        instructed: z.unknown().describe('The choice the owner fixed for this motion; null: the holder chooses'),
        standing: z
          .union([
            z.object({ by: z.literal('none') }),
            z.object({ by: z.literal('this_proxy'), choice: z.unknown(), castAt: z.iso.datetime(), version: z.number().int(), receipt: z.string(), ballotId: z.uuid() }),
            z.object({ by: z.literal('other') }),
          ])
          .describe('The standing ballot: none; the one cast under this proxy (its choice and receipt); or another one (the owner’s own…), whose choice is not shown'),
        cast: z
          .object({ allowed: z.boolean(), refusal: refusalSchema.nullable() })
          .describe('Whether POST …/proxy-ballots would accept a ballot under this proxy now (asked of the ballot rules, writing nothing) and, if not, why'),
      }),
    ),
  })
  .meta({ id: 'HeldProxy' });

const grantedProxySchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['pending', 'approved', 'rejected', 'revoked']),
    meeting: meetingRefSchema,
    grantor: z.object({ ownerId: z.uuid(), name: z.string().describe('The owner you are verified as') }),
    holder: z.object({ phone: z.string().describe('Masked: 137****9999') }),
    instructions: z.record(z.string(), z.unknown()).nullable(),
    registeredAt: z.iso.datetime(),
    ending: endingSchema,
    ballots: z.object({ cast: z.number().int(), standing: z.number().int() }).describe('Ballots the holder cast under it, and how many stand now'),
    revoke: z
      .object({ allowed: z.boolean(), refusal: refusalSchema.nullable() })
      .describe('Whether POST /v1/me/proxies/{proxyId}/revoke would accept it now and, if not, why'),
  })
  .meta({ id: 'GrantedProxy' });

/** A reading of a paper: its choice, or spoiled (废票). */
const readingFields = z.object({
  choice: choiceSchema.optional().describe('The choice read off the paper, entered again'),
  spoiled: z.boolean().optional().describe('true: the paper is spoiled (废票)'),
});
const readingSchema = readingFields
  .strict()
  .refine((b) => b.spoiled === true || b.choice !== undefined, { message: 'enter the paper’s choice again (or spoiled: true)', path: ['choice'] })
  .refine((b) => !(b.spoiled === true && b.choice !== undefined), { message: 'a spoiled paper has no choice', path: ['choice'] });
/** The reading a body carries; undefined when it carries none (a bare confirmation). */
function readingOfBody(b: { choice?: string | string[] | undefined; spoiled?: boolean | undefined }): PaperReading | undefined {
  if (b.spoiled === true) return { choice: null, spoiled: true };
  return b.choice === undefined ? undefined : { choice: b.choice, spoiled: false };
}
const entriesDiffer = (differences: PaperDifference[], entry: unknown) =>
  new ProblemError('paper-entries-differ', 'The two entries of this paper ballot differ; look at the scan and enter it again, or reject it', { differences, entry });

const meetingParams = z.object({ meetingId: uuidParam('a meeting') });

/**
 * A paper or proxy ballot names its voter by voter id, or by one of the
 * voter's units: its id or its registry number (as on the paper). Exactly one.
 */
const voterRefFields = {
  voterId: z.uuid().optional().describe('The voter (one head) of this motion, from GET …/electorate or the proxy listing'),
  unitId: z.uuid().optional().describe('Instead of voterId: one of the voter’s units (the voter holding it in this motion’s electorate)'),
  registryNo: z.string().trim().min(1).max(100).optional().describe('Instead of voterId: the registry number of one of the voter’s units'),
};
const oneVoterRef = (b: { voterId?: string | undefined; unitId?: string | undefined; registryNo?: string | undefined }) =>
  [b.voterId, b.unitId, b.registryNo].filter((v) => v !== undefined).length === 1;
const oneVoterRefIssue = { message: 'name the voter by exactly one of voterId, unitId, registryNo', path: ['voterId'] };
function voterRefOf(b: { voterId?: string | undefined; unitId?: string | undefined; registryNo?: string | undefined }): VoterRef {
  if (b.voterId !== undefined) return { voterId: b.voterId };
  if (b.unitId !== undefined) return { unitId: b.unitId };
  return { registryNo: b.registryNo! };
}

const electorateVoterSchema = z
  .object({
    owners: z.array(z.object({ id: z.uuid(), name: z.string().describe('Masked: 张*'), kind: z.enum(['person', 'organisation']) })),
    developer: z.boolean(),
    representative: z.uuid().nullable().describe('The co-owner the co-owners chose to cast their vote (R1.4), as at opening'),
    units: z.array(z.object({ ...unitFields, kind: unitKindSchema })),
    motions: z.array(
      z.object({
        motionId: z.uuid(),
        voterId: z.uuid().describe('What paper and proxy ballots on this motion name'),
        unitIds: z.array(z.uuid()).describe('The voter’s units counted on this motion (its scope)'),
        area: z.string(),
        heads: z.literal(1).describe('A voter is one head (R1.2)'),
        ballot: z
          .object({ channel: z.enum(['online', 'paper', 'proxy']), castAt: z.iso.datetime(), version: z.number().int() })
          .nullable()
          .describe('The standing ballot: how and when, never its choice; null: not voted'),
        paperPending: z.boolean().describe('A paper ballot is entered and waits for a second organiser'),
      }),
    ),
  })
  .meta({ id: 'ElectorateVoter' });

/** Paper ballots entered and confirmed by two organisers (R4.4); written proxies and the holders' ballots (R4.3). */
export default async function paperAndProxyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };
  const db = () => app.database.db;
  const now = () => app.clock.now();

  async function meetingFor(request: FastifyRequest, meetingId: string, action: Action) {
    const { meeting } = await requireAccess(db(), { principal: request.user, action, meeting: meetingId });
    return { meeting, accountId: accountOf(request.user, 'Only people enter ballots and proxies') };
  }

  app.post(
    '/meetings/:meetingId/motions/:motionId/paper-ballots',
    {
      ...secured,
      schema: {
        operationId: 'enterPaperBallot',
        tags: ['ballots'],
        summary: "Enter a signed paper ballot with a reference to its scan; it counts once a second organiser confirms it",
        security: bearerSecurity,
        params: meetingParams.extend({ motionId: uuidParam('a motion') }),
        body: z
          .object({
            ...voterRefFields,
            signedBy: z
              .uuid('expected an owner id (UUID)')
              .optional()
              .describe('The owner who signed the paper, one of the voter’s owners; required for co-owners under coOwnerVoting "representative" (their representative)'),
            choice: choiceSchema.optional(),
            spoiled: z.boolean().default(false),
            scan: documentRef,
          })
          .strict()
          .refine((b) => b.spoiled || b.choice !== undefined, { message: 'a ballot that is not spoiled needs a choice', path: ['choice'] })
          .refine(oneVoterRef, oneVoterRefIssue),
        response: { 201: paperSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { meeting, accountId } = await meetingFor(request, request.params.meetingId, 'paper.enter');
      const entry = await inTransaction(db(), (trx) =>
        enterPaperBallot(trx, {
          meetingId: meeting.id,
          motionId: request.params.motionId,
          voter: voterRefOf(request.body),
          choice: request.body.choice ?? null,
          spoiled: request.body.spoiled,
          scan: request.body.scan,
          signedBy: request.body.signedBy ?? null,
          accountId,
          now,
        }),
      );
      return reply.code(201).send(entry);
    },
  );

  app.get(
    '/meetings/:meetingId/electorate',
    {
      ...secured,
      schema: {
        operationId: 'findElectorateVoters',
        tags: ['ballots'],
        summary: 'Find voters of an open or closed meeting by registry number, building, stairwell, floor, room or masked name (committee members and organisers)',
        description:
          'For entering paper ballots and registering proxies: each voter (one head, R1.2) with its owners (names masked), its units as they stood ' +
          'when voting opened, and per motion its voter id, area and standing ballot — channel, time and version, never the choice. ' +
          'Filters combine (and); a voter is listed when one of its units matches. `name` is compared masked (张三 and 张* find the same voters).',
        security: bearerSecurity,
        params: meetingParams,
        querystring: z
          .object({
            registryNo: z.string().trim().min(1).max(100).optional(),
            building: z.string().trim().min(1).max(100).optional(),
            stair: z.string().trim().min(1).max(100).optional(),
            floor: floorSchema.optional(),
            room: z.string().trim().min(1).max(100).optional(),
            name: z.string().trim().min(1).max(100).optional().describe('A name, full or masked: matched by its masked form (张三 → 张*)'),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            after: z.string().max(1000).optional().describe('`next` of the previous page'),
          })
          .strict(),
        response: {
          200: z.object({ items: z.array(electorateVoterSchema), next: z.string().nullable().describe('Pass as `after` for the next page; null on the last') }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const { meeting } = await meetingFor(request, request.params.meetingId, 'electorate.lookup');
      const { limit, after, ...filters } = request.query;
      return findVoters(db(), meeting, {
        limit,
        ...(after === undefined ? {} : { after }),
        ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
      });
    },
  );

  app.get(
    '/meetings/:meetingId/paper-ballots',
    {
      ...secured,
      schema: {
        operationId: 'listPaperBallots',
        tags: ['ballots'],
        summary: 'Paper ballots entered for the meeting, with their status',
        security: bearerSecurity,
        params: meetingParams,
        response: { 200: z.object({ items: z.array(paperSchema) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { meeting, accountId } = await meetingFor(request, request.params.meetingId, 'paper.enter');
      return { items: await listPaperEntries(db(), meeting.id, accountId) };
    },
  );

  app.post(
    '/meetings/:meetingId/paper-ballots/:entryId/second-reading',
    {
      ...secured,
      schema: {
        operationId: 'readPaperBallotAgain',
        tags: ['ballots'],
        summary: 'Double entry: a second organiser enters the paper again, blind; the service compares the two readings',
        description:
          'By an organiser other than the one who entered the paper, who has not seen its choice (pending choices are blind to them): ' +
          '`choice`, or `spoiled: true`. The reading is kept on the entry (the latest replaces an earlier one) and compared with the first ' +
          '(a multiple choice in any order). Alike: 200 `{entry, matches: true}`; the entry can then be confirmed with an empty ' +
          '`POST …/confirm`. Different: 409 `paper-entries-differ` with `differences` (each field with the first and second reading) ' +
          'and the `entry`: look at the scan and read it again, or reject the entry and enter it anew. Nothing counts until confirmed.',
        security: bearerSecurity,
        params: meetingParams.extend({ entryId: uuidParam('a paper ballot') }),
        body: readingSchema,
        response: {
          200: z.object({ entry: paperSchema, matches: z.literal(true) }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const { meeting, accountId } = await meetingFor(request, request.params.meetingId, 'paper.enter');
      const read = await inTransaction(db(), (trx) =>
        readPaperAgain(trx, { meetingId: meeting.id, entryId: request.params.entryId, accountId, reading: readingOfBody(request.body)!, now }),
      );
      // The reading is kept (the transaction committed); the answer says where it differs from the first.
      if (read.differences.length > 0) throw entriesDiffer(read.differences, read.entry);
      return { entry: read.entry, matches: true as const };
    },
  );

  app.post(
    '/meetings/:meetingId/paper-ballots/:entryId/confirm',
    {
      ...secured,
      schema: {
        operationId: 'confirmPaperBallot',
        tags: ['ballots'],
        summary: 'Confirm a paper ballot read alike by two organisers: it becomes the voter’s current ballot',
        description:
          'Without a body (or `{}`, or only a `reason`): confirms when the paper’s second reading (`POST …/second-reading`, by an ' +
          'organiser other than the one who entered it) matches the first; 409 `paper-second-reading-required` when nobody has read it ' +
          'again, 409 `paper-entries-differ` when the last second reading differs. With a reading (`choice`, or `spoiled: true`) it is ' +
          'the second reading and the confirmation in one step. Whoever confirms is not the organiser who entered the paper (403).',
        security: bearerSecurity,
        params: meetingParams.extend({ entryId: uuidParam('a paper ballot') }),
        // Like approving a proxy, confirming needs no body: a request without one (Fastify reads it as null) is {} (issue 12).
        body: z
          .preprocess(
            (body) => body ?? {},
            readingFields
              .extend({ reason: z.string().trim().min(1).max(500).optional() })
              .strict()
              .refine((b) => !(b.spoiled === false && b.choice === undefined), { message: 'a paper that is not spoiled needs its choice', path: ['choice'] })
              .refine((b) => !(b.spoiled === true && b.choice !== undefined), { message: 'a spoiled paper has no choice', path: ['choice'] }),
          )
          .optional(),
        response: {
          200: z.object({ entry: paperSchema, receipt: receiptSchema }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const { meeting, accountId } = await meetingFor(request, request.params.meetingId, 'paper.enter');
      const check = request.body === undefined ? undefined : readingOfBody(request.body);
      const reason = request.body?.reason;
      const decided = await inTransaction(db(), (trx) =>
        decidePaperBallot(trx, {
          meetingId: meeting.id,
          entryId: request.params.entryId,
          accountId,
          confirm: true,
          ...(check === undefined ? {} : { check }),
          ...(reason === undefined ? {} : { reason }),
          now,
        }),
      );
      // A reading given here is kept even when it differs (the transaction committed); nothing was confirmed.
      if (decided.receipt === null) throw entriesDiffer(decided.differences, decided.entry);
      return { entry: decided.entry, receipt: decided.receipt };
    },
  );

  app.post(
    '/meetings/:meetingId/paper-ballots/:entryId/reject',
    {
      ...secured,
      schema: {
        operationId: 'rejectPaperBallot',
        tags: ['ballots'],
        summary: 'Reject a paper ballot entry, with the reason (a second organiser)',
        description: 'The body is optional: send none (no Content-Type either), `{}` or `{"reason": "签名不符"}`.',
        security: bearerSecurity,
        params: meetingParams.extend({ entryId: uuidParam('a paper ballot') }),
        // Like approving a proxy, rejecting needs no body: a request without one (Fastify reads it as null) is {}.
        body: z.preprocess((body) => body ?? {}, z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict()).optional(),
        response: {
          200: z.object({ entry: paperSchema, receipt: z.null() }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const { meeting, accountId } = await meetingFor(request, request.params.meetingId, 'paper.enter');
      const decided = await inTransaction(db(), (trx) =>
        decidePaperBallot(trx, {
          meetingId: meeting.id,
          entryId: request.params.entryId,
          accountId,
          confirm: false,
          ...(request.body?.reason === undefined ? {} : { reason: request.body.reason }),
          now,
        }),
      );
      return { entry: decided.entry, receipt: null };
    },
  );

  app.post(
    '/meetings/:meetingId/proxies',
    {
      ...secured,
      schema: {
        operationId: 'registerProxy',
        tags: ['ballots'],
        summary: "Register an owner's written proxy (委托书), optionally binding the holder to the owner's choices",
        security: bearerSecurity,
        params: meetingParams,
        body: z
          .object({
            grantorOwnerId: z.uuid(),
            holderPhone: phoneSchema,
            instructions: z.record(z.uuid(), choiceSchema).nullable().default(null).describe('motion id → the choice the holder must cast'),
            document: documentRef,
          })
          .strict(),
        response: { 201: proxySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { meeting, accountId } = await meetingFor(request, request.params.meetingId, 'proxy.manage');
      const proxy = await inTransaction(db(), (trx) =>
        registerProxy(trx, {
          meetingId: meeting.id,
          grantorOwnerId: request.body.grantorOwnerId,
          holderPhone: request.body.holderPhone,
          instructions: request.body.instructions,
          document: request.body.document,
          accountId,
          now: now(),
        }),
      );
      return reply.code(201).send(proxy);
    },
  );

  app.post(
    '/meetings/:meetingId/proxies/:proxyId/approve',
    {
      ...secured,
      schema: {
        operationId: 'approveProxy',
        tags: ['ballots'],
        summary: 'Approve a registered proxy, within the estate’s limit of proxies per holder',
        security: bearerSecurity,
        params: meetingParams.extend({ proxyId: uuidParam('a proxy') }),
        response: { 200: proxySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { meeting, accountId } = await meetingFor(request, request.params.meetingId, 'proxy.manage');
      return inTransaction(db(), (trx) => approveProxy(trx, { meetingId: meeting.id, proxyId: request.params.proxyId, accountId, now: now() }));
    },
  );

  app.post(
    '/meetings/:meetingId/proxies/:proxyId/reject',
    {
      ...secured,
      schema: {
        operationId: 'rejectProxy',
        tags: ['ballots'],
        summary: 'Reject a registered proxy before it is used, with the reason (organisers)',
        description:
          'A pending or approved proxy nobody has voted under yet, while the meeting is noticed or open: it carries no vote, and the ' +
          'owner may give a new one. 409 `proxy-used` once the holder has voted under it (record the owner’s written revocation instead), ' +
          '`proxy-ended` when it is already rejected or revoked, `conflict` when voting is over.',
        security: bearerSecurity,
        params: meetingParams.extend({ proxyId: uuidParam('a proxy') }),
        body: z.object({ reason: reasonSchema.describe('Why, in writing: kept with the proxy and in the audit log') }).strict(),
        response: { 200: proxySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { meeting, accountId } = await meetingFor(request, request.params.meetingId, 'proxy.manage');
      return inTransaction(db(), (trx) => rejectProxy(trx, { meetingId: meeting.id, proxyId: request.params.proxyId, reason: request.body.reason, accountId, now: now() }));
    },
  );

  app.post(
    '/meetings/:meetingId/proxies/:proxyId/revocation',
    {
      ...secured,
      schema: {
        operationId: 'recordProxyRevocation',
        tags: ['ballots'],
        summary: 'Record the owner’s written revocation of their proxy, with its scan (organisers)',
        description:
          'A pending or approved proxy, while the meeting is noticed or open. From now on the holder casts nothing under it; ballots ' +
          'the holder cast before stand (`ballots.standing`) until the owner votes — online, or on paper — which replaces them as any ' +
          'later ballot does (R4.4). 409 `proxy-ended` when it is already rejected or revoked, `conflict` when voting is over.',
        security: bearerSecurity,
        params: meetingParams.extend({ proxyId: uuidParam('a proxy') }),
        body: z.object({ document: documentRef.describe('The scan of the signed revocation'), reason: reasonSchema.optional() }).strict(),
        response: { 200: proxySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { meeting, accountId } = await meetingFor(request, request.params.meetingId, 'proxy.manage');
      return inTransaction(db(), (trx) =>
        recordProxyRevocation(trx, {
          meetingId: meeting.id,
          proxyId: request.params.proxyId,
          document: request.body.document,
          reason: request.body.reason ?? null,
          accountId,
          now: now(),
        }),
      );
    },
  );

  app.get(
    '/me/proxies',
    {
      ...secured,
      schema: {
        operationId: 'getMyProxies',
        tags: ['ballots'],
        summary: 'Written proxies I hold (to vote for their owners) and those the owners I am verified as have given',
        description:
          '`held`: every proxy this account holds, owner or not — whose (masked), which meeting, the owner’s bound instructions and, per ' +
          'motion, the voter to cast for, the standing ballot and whether `POST …/proxy-ballots` would take a ballot now. `granted`: the ' +
          'proxies given by the owners this account is verified as, with whether `POST /v1/me/proxies/{proxyId}/revoke` would take a revocation.',
        security: bearerSecurity,
        response: {
          200: z.object({ held: z.array(heldProxySchema), granted: z.array(grantedProxySchema) }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => {
      const accountId = accountOf(request.user, 'Only people hold and give proxies');
      const [held, granted] = await Promise.all([heldProxies(db(), accountId, now()), grantedProxies(db(), accountId)]);
      return { held, granted };
    },
  );

  app.post(
    '/me/proxies/:proxyId/revoke',
    {
      ...secured,
      schema: {
        operationId: 'revokeMyProxy',
        tags: ['ballots'],
        summary: 'Revoke the proxy I (an owner I am verified as) gave for a meeting',
        description:
          'By an account bound to the grantor at the level the meeting takes online votes from (else 403 `assurance-too-low`: verify ' +
          'more strongly, or give the organisers a signed revocation); anyone else 404. From now on the holder casts nothing under it; ' +
          'ballots the holder cast before stand (`ballots.standing`) until you vote, which replaces them (R4.4). 409 `proxy-ended` ' +
          'when it is already rejected or revoked, `conflict` when voting is over. The body is optional.',
        security: bearerSecurity,
        params: z.object({ proxyId: uuidParam('a proxy') }),
        body: z.preprocess((body) => body ?? {}, z.object({ reason: reasonSchema.optional() }).strict()).optional(),
        response: { 200: proxySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const accountId = accountOf(request.user, 'Only owners revoke their proxies');
      return inTransaction(db(), (trx) => revokeOwnProxy(trx, { proxyId: request.params.proxyId, reason: request.body?.reason ?? null, accountId, now: now() }));
    },
  );

  app.get(
    '/meetings/:meetingId/proxies',
    {
      ...secured,
      schema: {
        operationId: 'listProxies',
        tags: ['ballots'],
        summary: "The meeting's proxies (organisers: all; anyone else: those they hold)",
        security: bearerSecurity,
        params: meetingParams,
        response: { 200: z.object({ items: z.array(proxySchema) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      // Whoever neither holds a proxy nor may read the meeting learns nothing, not even that it exists.
      const access = await requireAccess(db(), {
        principal: request.user,
        action: 'meeting.read',
        meeting: request.params.meetingId,
        orIf: holdsProxy(db(), request.user, request.params.meetingId),
      });
      return { items: await proxiesVisibleTo(db(), request.user, access) };
    },
  );

  app.post(
    '/meetings/:meetingId/motions/:motionId/proxy-ballots',
    {
      ...secured,
      schema: {
        operationId: 'castProxyBallot',
        tags: ['ballots'],
        summary: 'Vote as proxy holder for the owner who authorised you (their own ballot always prevails)',
        security: bearerSecurity,
        params: meetingParams.extend({ motionId: uuidParam('a motion') }),
        body: z.object({ proxyId: z.uuid(), ...voterRefFields, choice: choiceSchema }).strict().refine(oneVoterRef, oneVoterRefIssue),
        response: { 201: receiptSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      // Who may cast is decided by the proxy itself: its holder, approved, for this meeting (checked in castProxyBallot).
      // But first, whoever neither may read the meeting nor holds a proxy for it gets 404: not a 403 or a 409 telling that it exists.
      const { meeting } = await requireAccess(db(), {
        principal: request.user,
        action: 'meeting.read',
        meeting: request.params.meetingId,
        orIf: holdsProxy(db(), request.user, request.params.meetingId),
      });
      const accountId = accountOf(request.user, 'Only people hold proxies');
      const receipt = await inTransaction(db(), (trx) =>
        castProxyBallot(trx, {
          meetingId: meeting.id,
          motionId: request.params.motionId,
          proxyId: request.body.proxyId,
          voter: voterRefOf(request.body),
          choice: request.body.choice,
          accountId,
          now,
        }),
      );
      return reply.code(201).send(receipt);
    },
  );
}
