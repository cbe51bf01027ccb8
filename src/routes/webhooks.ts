import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import { actorOf } from '../identity/principal.ts';
import { ProblemError, problemResponses } from '../problems.ts';
import { EVENT_TYPES } from '../webhooks/events.ts';
import { privateHostProblem } from '../webhooks/receiver-address.ts';
import {
  createSubscription,
  disableSubscription,
  findSubscription,
  listDeliveries,
  listSubscriptions,
  replayDelivery,
  type Scope,
  subscriptionView,
} from '../webhooks/subscriptions.ts';
import { bearerSecurity, uuidParam } from './schemas.ts';

const eventType = z.enum(EVENT_TYPES);

const subscriptionSchema = z
  .object({
    id: z.uuid(),
    estateId: z.uuid().nullable(),
    townshipId: z.uuid().nullable(),
    url: z.string(),
    events: z.array(eventType),
    description: z.string().nullable(),
    createdAt: z.iso.datetime(),
    disabledAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'WebhookSubscription' });

const deliverySchema = z
  .object({
    id: z.uuid(),
    subscriptionId: z.uuid(),
    eventId: z.uuid(),
    eventType: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime().nullable(),
    lastAttemptAt: z.iso.datetime().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookDelivery' });

const scopeQuery = z
  .object({ estateId: uuidParam('an estate').optional(), townshipId: uuidParam('a township').optional() })
  .strict()
  .refine((q) => (q.estateId === undefined) !== (q.townshipId === undefined), { message: 'name exactly one of estateId and townshipId', path: ['estateId'] });

const receiverUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
  .max(2000)
  .refine((u) => {
    // Zod runs this even when the URL check above failed; that failure is already reported.
    if (!URL.canParse(u)) return true;
    const url = new URL(u);
    return url.username === '' && url.password === '';
  }, 'credentials do not belong in the URL: check the signature instead');

/** Other systems subscribe to an estate's or a township's events; deliveries are signed and retried. */
export default async function webhookRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secured = { onRequest: app.authenticate };
  const db = () => app.database.db;

  /** The scope, checked to exist and to be the asker's to manage (404 when it is not even visible). */
  async function authorizeScope(request: FastifyRequest, scope: { estateId?: string | undefined; townshipId?: string | undefined }): Promise<Scope> {
    if (scope.estateId !== undefined) {
      const { estate } = await requireAccess(db(), { principal: request.user, action: 'webhook.manage', estate: scope.estateId });
      return { estateId: estate.id };
    }
    const { township } = await requireAccess(db(), { principal: request.user, action: 'webhook.manage', township: scope.townshipId! });
    return { townshipId: township.id };
  }

  async function subscriptionFor(request: FastifyRequest, id: string) {
    const row = await findSubscription(db(), id);
    if (!row) throw new ProblemError('not-found', 'No such subscription');
    await authorizeScope(request, { estateId: row.estate_id ?? undefined, townshipId: row.township_id ?? undefined });
    return row;
  }

  app.post(
    '/webhooks',
    {
      ...secured,
      schema: {
        operationId: 'createWebhookSubscription',
        tags: ['webhooks'],
        summary: 'Subscribe a receiver to an estate’s or a township’s events. The signing secret is shown once.',
        security: bearerSecurity,
        body: z
          .object({
            estateId: z.uuid().optional(),
            townshipId: z.uuid().optional(),
            url: receiverUrl,
            events: z.array(eventType).min(1).max(EVENT_TYPES.length),
            description: z.string().trim().max(200).optional(),
          })
          .strict()
          .refine((b) => (b.estateId === undefined) !== (b.townshipId === undefined), { message: 'name exactly one of estateId and townshipId', path: ['estateId'] }),
        response: {
          201: z.object({
            subscription: subscriptionSchema,
            secret: z.string().describe('Shown only now: the key of the HMAC in the Gongjue-Signature header (docs/webhooks.md)'),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const scope = await authorizeScope(request, request.body);
      if (app.config.env === 'production' && !request.body.url.startsWith('https://')) {
        throw new ProblemError('validation-failed', 'Receivers must use https in production', {
          errors: [{ path: 'body.url', message: 'expected an https URL' }],
        });
      }
      const privateHost = app.config.jobs.webhooks.allowPrivate ? null : privateHostProblem(new URL(request.body.url).hostname);
      if (privateHost) {
        throw new ProblemError('validation-failed', `Receivers must be on the public internet: ${privateHost}`, {
          errors: [{ path: 'body.url', message: 'expected a receiver on the public internet' }],
        });
      }
      const created = await inTransaction(db(), (trx) =>
        createSubscription(trx, { ...scope, url: request.body.url, events: request.body.events, description: request.body.description }, actorOf(request.user), app.clock.now()),
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/webhooks',
    {
      ...secured,
      schema: {
        operationId: 'listWebhookSubscriptions',
        tags: ['webhooks'],
        summary: 'The subscriptions of one estate or one township',
        security: bearerSecurity,
        querystring: scopeQuery,
        response: { 200: z.object({ items: z.array(subscriptionSchema) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await listSubscriptions(db(), await authorizeScope(request, request.query)) }),
  );

  const subscriptionParams = z.object({ subscriptionId: uuidParam('a subscription') });

  app.get(
    '/webhooks/:subscriptionId',
    {
      ...secured,
      schema: {
        operationId: 'getWebhookSubscription',
        tags: ['webhooks'],
        summary: 'One subscription',
        security: bearerSecurity,
        params: subscriptionParams,
        response: { 200: subscriptionSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => subscriptionView(await subscriptionFor(request, request.params.subscriptionId)),
  );

  app.delete(
    '/webhooks/:subscriptionId',
    {
      ...secured,
      schema: {
        operationId: 'disableWebhookSubscription',
        tags: ['webhooks'],
        summary: 'Unsubscribe: nothing more is sent, retries included',
        security: bearerSecurity,
        params: subscriptionParams,
        response: { 200: subscriptionSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const row = await subscriptionFor(request, request.params.subscriptionId);
      return inTransaction(db(), (trx) => disableSubscription(trx, row.id, actorOf(request.user), app.clock.now()));
    },
  );

  const statusQuery = z.object({ status: z.enum(['pending', 'delivered', 'failed']).optional() }).strict();

  app.get(
    '/webhooks/:subscriptionId/deliveries',
    {
      ...secured,
      schema: {
        operationId: 'listWebhookDeliveries',
        tags: ['webhooks'],
        summary: 'The latest 200 deliveries to one subscription, with their status, attempts and last error',
        security: bearerSecurity,
        params: subscriptionParams,
        querystring: statusQuery,
        response: { 200: z.object({ items: z.array(deliverySchema) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const row = await subscriptionFor(request, request.params.subscriptionId);
      return { items: await listDeliveries(db(), { subscriptionId: row.id, status: request.query.status }) };
    },
  );

  app.get(
    '/webhook-deliveries',
    {
      ...secured,
      schema: {
        operationId: 'listAllWebhookDeliveries',
        tags: ['webhooks'],
        summary: 'Deliveries to every receiver, e.g. the failed list (?status=failed) (admin)',
        security: bearerSecurity,
        querystring: statusQuery,
        response: { 200: z.object({ items: z.array(deliverySchema) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      await requireAccess(db(), { principal: request.user, action: 'webhook.replay' });
      return { items: await listDeliveries(db(), { status: request.query.status }) };
    },
  );

  app.post(
    '/webhook-deliveries/:deliveryId/replay',
    {
      ...secured,
      schema: {
        operationId: 'replayWebhookDelivery',
        tags: ['webhooks'],
        summary: 'Send a failed delivery again, with a fresh set of attempts (admin)',
        security: bearerSecurity,
        params: z.object({ deliveryId: uuidParam('a delivery') }),
        response: { 200: deliverySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await requireAccess(db(), { principal: request.user, action: 'webhook.replay' });
      const delivery = await inTransaction(db(), (trx) => replayDelivery(trx, request.params.deliveryId, actorOf(request.user), app.clock.now()));
      app.jobs.kick();
      return delivery;
    },
  );
}
