import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentOf, keepAttachment, SENDABLE_TYPES } from '../attachments/attachments.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, cleanFileName, contentDisposition } from '../attachments/file-kind.ts';
import { inTransaction } from '../db/transaction.ts';
import { requireAccess } from '../identity/access.ts';
import { actorOf, type Principal } from '../identity/principal.ts';
import { ProblemError, problemResponses } from '../problems.ts';
import { bearerSecurity, uuidParam } from './schemas.ts';

const estateParams = z.object({ estateId: uuidParam('an estate') });

const attachmentSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    contentType: z.enum(ATTACHMENT_TYPES).describe('What the bytes are (judged by their content)'),
    size: z.number().int().describe('Bytes'),
    sha256: z.string().describe('SHA-256 of the bytes, 64 hex digits'),
    url: z.string().describe('Where to download it, with the same bearer token'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Attachment' });

/** The bytes as sent: a Buffer, past the serializer; on the wire (and in the API description) a binary string. */
const binary = z.custom<Buffer>((value) => Buffer.isBuffer(value)).meta({ type: 'string', format: 'binary' });

/**
 * Files kept with an estate's records (a paper ballot's scan, a written proxy):
 * upload and download, for the estate's committee and organisers and its
 * township's staff. Scans show owners' names and signatures, so to anyone
 * else an estate's attachments are not there (404), whatever their role.
 */
export default async function attachmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;

  // Any body is read as bytes, up to the limit; what it is is decided by its content (keepAttachment).
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_request, body, done) => {
    done(null, body);
  });

  async function estateFor(principal: Principal, estateId: string) {
    try {
      return (await requireAccess(db(), { principal, action: 'attachment.manage', estate: estateId })).estate;
    } catch (refusal) {
      if (refusal instanceof ProblemError && refusal.slug === 'forbidden') throw new ProblemError('not-found', 'No such estate');
      throw refusal;
    }
  }

  /** Who may upload is decided from the path and token alone, before a byte of the body is read (onRequest runs before parsing). */
  async function mayUploadBeforeReading(request: FastifyRequest) {
    const params = estateParams.safeParse(request.params);
    if (!params.success) {
      throw new ProblemError('validation-failed', 'params.estateId: expected an estate id (UUID)', {
        errors: [{ path: 'params.estateId', message: 'expected an estate id (UUID)' }],
      });
    }
    await estateFor(request.user, params.data.estateId);
  }

  app.post(
    '/estates/:estateId/attachments',
    {
      onRequest: [app.authenticate, mayUploadBeforeReading],
      bodyLimit: ATTACHMENT_MAX_BYTES,
      schema: {
        operationId: 'uploadAttachment',
        tags: ['attachments'],
        summary: 'Upload a file (PDF, JPEG or PNG, at most 10 MiB) to keep with the estate’s records: a paper ballot’s scan, a written proxy',
        description:
          'The body is the file itself, sent as application/pdf, image/jpeg, image/png or application/octet-stream; its type is judged by its ' +
          'content (magic bytes), never by its name: another kind of file, or one sent as a type it is not, is refused with 415. The name goes ' +
          'in the `name` query parameter (percent-encoded UTF-8). Who may not upload is refused before the body is read. ' +
          'Committee members and organisers of the estate and staff of its township; to anyone else the estate is not there (404).',
        security: bearerSecurity,
        consumes: [...SENDABLE_TYPES],
        params: estateParams,
        querystring: z
          .object({ name: z.string().trim().min(1).max(200).describe('The file’s name as shown and downloaded, e.g. 1栋101-表决票.jpg') })
          .strict(),
        response: { 201: attachmentSchema, ...problemResponses(400, 401, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const estate = await estateFor(request.user, request.params.estateId);
      const name = cleanFileName(request.query.name);
      if (name === null) {
        throw new ProblemError('validation-failed', 'query.name: a file name is needed', { errors: [{ path: 'query.name', message: 'a file name is needed' }] });
      }
      const content = request.body;
      if (!Buffer.isBuffer(content)) {
        throw new ProblemError('unsupported-media-type', `Send the file itself as the body, as ${SENDABLE_TYPES.join(', ')}`);
      }
      const declaredType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!(SENDABLE_TYPES as readonly string[]).includes(declaredType)) {
        throw new ProblemError('unsupported-media-type', `Send the file as one of ${SENDABLE_TYPES.join(', ')}, not ${declaredType || 'no Content-Type'}`);
      }
      const kept = await inTransaction(db(), (trx) =>
        keepAttachment(trx, { estateId: estate.id, name, declaredType, content, actor: actorOf(request.user), at: app.clock.now() }),
      );
      return reply.code(201).header('location', kept.url).send(kept);
    },
  );

  app.get(
    '/estates/:estateId/attachments/:attachmentId',
    {
      onRequest: app.authenticate,
      schema: {
        operationId: 'downloadAttachment',
        tags: ['attachments'],
        summary: 'Download a kept file: its bytes, as the type they are',
        description: 'Sent as an attachment (Content-Disposition), never cached (no-store), never sniffed (nosniff). Who may not see the estate’s attachments gets 404.',
        security: bearerSecurity,
        params: estateParams.extend({ attachmentId: uuidParam('an attachment') }),
        response: {
          200: {
            description: 'The file',
            content: { 'application/pdf': { schema: binary }, 'image/jpeg': { schema: binary }, 'image/png': { schema: binary } },
          },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const estate = await estateFor(request.user, request.params.estateId);
      const file = await attachmentOf(db(), estate.id, request.params.attachmentId);
      return reply
        .type(file.contentType)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', contentDisposition(file.name))
        .header('x-content-sha256', file.sha256)
        .send(file.content);
    },
  );
}
