import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import { accountOf, actorOf, type Principal } from '../identity/principal.ts';
import { INBOX_PAGE_MAX, inboxOf, type Reader, messagePreferencesOf, readAllMessages, readMessage, setMessagePreferences } from '../notifications/inbox.ts';
import { meetingDeliveries, resendFailed } from '../notifications/meeting-deliveries.ts';
import { problemResponses } from '../problems.ts';
import { bearerSecurity, uuidParam } from './schemas.ts';

/** Messages: the signed-in person's inbox and preferences; a meeting's deliveries for its organisers. */

const messageId = z.string().regex(/^[1-9]\d{0,17}$/, 'expected a message id');

const messageSchema = z.object({
  id: z.string(),
  kind: z.string(),
  topic: z.string(),
  recipient: z.string(),
  estateId: z.uuid().nullable(),
  subjectId: z.uuid().nullable(),
  ownerId: z.uuid().nullable(),
  text: z.string(),
  link: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});

const preferencesSchema = z.object({
  owners: z.array(z.object({ ownerId: z.uuid(), estateId: z.uuid(), name: z.string(), reminders: z.boolean(), legalNotice: z.literal(true) })),
});

const smsCounts = z.object({ queued: z.number().int(), sent: z.number().int(), delivered: z.number().int(), failed: z.number().int() });

const personOf = (principal: Principal) => accountOf(principal, 'Only people have messages; API clients do not');

/** Who reads: the account (its owners' messages), and the bodies its roles make it part of. */
function readerOf(principal: Principal): Reader {
  const accountId = personOf(principal);
  const committeeOf: string[] = [];
  const staffOf: string[] = [];
  for (const g of principal.grants) {
    if (g.role === 'committee') committeeOf.push(g.estateId);
    if (g.role === 'township_staff') staffOf.push(g.townshipId);
  }
  return { accountId, committeeOf, staffOf, admin: principal.grants.some((g) => g.role === 'admin') };
}

export default async function messageRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };
  const db = () => app.database.db;

  app.get(
    '/me/messages',
    {
      ...secured,
      schema: {
        operationId: 'listMyMessages',
        tags: ['messages'],
        summary: 'The inbox: messages to the owners this account is verified as, and to the bodies it belongs to',
        description:
          'Newest first, `limit` at a time; pass `nextCursor` back as `cursor` for the next page. Staff also see the ' +
          'messages to their bodies: the committee of their estates, their township, the admins. `unreadCount` counts all pages.',
        security: bearerSecurity,
        querystring: z.object({ cursor: messageId.optional(), limit: z.coerce.number().int().min(1).max(INBOX_PAGE_MAX).default(20) }).strict(),
        response: { 200: z.object({ messages: z.array(messageSchema), nextCursor: z.string().nullable(), unreadCount: z.number().int() }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => inboxOf(db(), readerOf(request.user), request.query, app.config.publicBaseUrl),
  );

  app.post(
    '/me/messages/:messageId/read',
    {
      ...secured,
      schema: {
        operationId: 'readMyMessage',
        tags: ['messages'],
        summary: 'Mark one message of the inbox read (someone else’s message: 404)',
        security: bearerSecurity,
        // Any id that is not one of the account's messages is simply not found, malformed or not.
        params: z.object({ messageId: z.string().min(1).max(40) }),
        response: { 200: z.object({ unreadCount: z.number().int() }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => readMessage(db(), readerOf(request.user), request.params.messageId, app.clock.now()),
  );

  app.post(
    '/me/messages/read-all',
    {
      ...secured,
      schema: {
        operationId: 'readAllMyMessages',
        tags: ['messages'],
        summary: 'Mark every message of the inbox read',
        security: bearerSecurity,
        response: { 200: z.object({ marked: z.number().int(), unreadCount: z.number().int() }), ...problemResponses(401, 403) },
      },
    },
    async (request) => readAllMessages(db(), readerOf(request.user), app.clock.now()),
  );

  app.get(
    '/me/message-preferences',
    {
      ...secured,
      schema: {
        operationId: 'getMyMessagePreferences',
        tags: ['messages'],
        summary: 'For each owner this account is verified as: whether reminders are sent (the legal notice always is)',
        security: bearerSecurity,
        response: { 200: preferencesSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => messagePreferencesOf(db(), personOf(request.user)),
  );

  app.put(
    '/me/message-preferences',
    {
      ...secured,
      schema: {
        operationId: 'setMyMessagePreferences',
        tags: ['messages'],
        summary: 'Turn reminders off or on, for one owner this account is verified as or for all of them',
        description: 'Only reminders can be refused: the meeting notice, the results and every other message are always sent.',
        security: bearerSecurity,
        body: z.object({ ownerId: z.uuid().optional(), reminders: z.boolean() }).strict(),
        response: { 200: preferencesSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => setMessagePreferences(db(), personOf(request.user), request.body, app.clock.now()),
  );

  app.get(
    '/meetings/:meetingId/deliveries',
    {
      ...secured,
      schema: {
        operationId: 'getMeetingDeliveries',
        tags: ['messages'],
        summary: 'How the meeting’s messages went out: per kind, owners notified, everyone reached, SMS queued, sent, delivered and failed, and each failure with its reason (phones masked)',
        security: bearerSecurity,
        params: z.object({ meetingId: uuidParam('a meeting') }),
        response: {
          200: z.object({
            kinds: z.array(
              z.object({
                kind: z.string(),
                inbox: z.number().int(),
                ownersNotified: z.number().int(),
                recipients: z.number().int().describe('Everyone the messages of this kind went to, each once: owners, the accounts written to by phone (a proxy’s holder, the residents’ committee) and the bodies’ inboxes'),
                sms: smsCounts,
              }),
            ),
            failures: z.array(
              z.object({
                deliveryId: z.string(),
                kind: z.string(),
                channel: z.literal('sms'),
                phone: z.string(),
                reason: z.string(),
                attempts: z.number().int(),
                failedAt: z.iso.datetime().nullable(),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { meeting } = await requireAccess(db(), { principal: request.user, action: 'meeting.deliveries', meeting: request.params.meetingId });
      return meetingDeliveries(db(), meeting.id);
    },
  );

  app.post(
    '/meetings/:meetingId/deliveries/resend',
    {
      ...secured,
      schema: {
        operationId: 'resendMeetingDeliveries',
        tags: ['messages'],
        summary: 'Send the meeting’s failed SMS again (audited); quiet hours and the daily ceiling still apply',
        security: bearerSecurity,
        params: z.object({ meetingId: uuidParam('a meeting') }),
        response: { 200: z.object({ requeued: z.number().int() }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { meeting } = await requireAccess(db(), { principal: request.user, action: 'meeting.deliveries', meeting: request.params.meetingId });
      const resent = await inTransaction(db(), (trx) => resendFailed(trx, meeting, actorOf(request.user), app.clock.now()));
      // The re-queued deliveries are due now: the job system finds them at its next look.
      app.jobs.kick();
      return resent;
    },
  );
}
