import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { MOBILE, normalisePhone } from '../identity/accounts.ts';
import {
  appointAdmin,
  LOCAL_ADMIN_PATH,
  LOCAL_ADMIN_SECRET_HEADER,
  newLocalAdminSecret,
  publishLocalAdminEndpoint,
} from '../identity/bootstrap.ts';
import { ProblemError } from '../problems.ts';

/**
 * `npx gongjue admin grant PHONE` while `npm start` runs on the embedded
 * database (which only one process may open): the command asks the running
 * service here. Registered only in embedded mode; with an external
 * PostgreSQL the command writes to the database itself. Not part of the
 * public API (hidden from the OpenAPI document): it answers only a caller on
 * this machine presenting the secret this process wrote to
 * DATA_DIR/secrets/local-admin.json (src/identity/bootstrap.ts).
 */
export default async function localAdminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secret = newLocalAdminSecret();
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const expected = digest(secret);
  let unpublish = () => {};

  app.addHook('onListen', async () => {
    const address = app.server.address() as AddressInfo | null;
    if (!address || typeof address !== 'object') return;
    // Listening on every interface: the command comes in over loopback.
    const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    unpublish = publishLocalAdminEndpoint(app.config, { pid: process.pid, host, port: address.port, secret });
  });
  app.addHook('onClose', async () => unpublish());

  app.post(
    LOCAL_ADMIN_PATH,
    {
      schema: {
        hide: true,
        headers: z.looseObject({ [LOCAL_ADMIN_SECRET_HEADER]: z.string().max(200).optional() }),
        body: z.object({ phone: z.string().max(40) }).strict(),
        response: { 201: z.object({ accountId: z.uuid(), created: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const socket = request.raw.socket;
      // A reverse proxy on this machine connects from loopback too: a forwarded request is someone else's.
      const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
      if (forwarded || !fromThisMachine(socket.remoteAddress, socket.localAddress)) {
        throw new ProblemError('forbidden', 'Only the command line on this machine may appoint an admin here');
      }
      const presented = request.headers[LOCAL_ADMIN_SECRET_HEADER];
      if (typeof presented !== 'string' || !timingSafeEqual(digest(presented), expected)) {
        throw new ProblemError('forbidden', 'Not the secret of this running service');
      }
      const phone = normalisePhone(request.body.phone);
      if (!MOBILE.test(phone)) {
        const message = 'expected a mainland mobile number';
        throw new ProblemError('validation-failed', `body.phone: ${message}`, { errors: [{ path: 'body.phone', message }] });
      }
      const result = await appointAdmin(app.database.db, phone, 'system:cli', app.clock.now());
      return reply.code(201).send(result);
    },
  );
}

function fromThisMachine(remote: string | undefined, local: string | undefined): boolean {
  if (remote === undefined) return false;
  if (remote === local) return true;
  try {
    const parsed = ipaddr.process(remote);
    return parsed.range() === 'loopback';
  } catch {
    return false;
  }
}
