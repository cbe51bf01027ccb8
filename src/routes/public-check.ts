import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../problems.ts';
import { publicCheckOf } from '../results/public-check.ts';
import { uuidParam } from './schemas.ts';

const FILING_STATUSES = ['awaiting_review', 'returned', 'certified', 'correction_ordered', 'revoked'] as const;
const labelSchema = z.object({ zh: z.string(), en: z.string() });

const publicCheckSchema = z
  .object({
    format: z.literal('gongjue.public-check'),
    version: z.literal(1),
    meetingId: z.uuid(),
    estate: z.object({ name: z.string() }),
    township: z.object({ name: z.string() }).describe('The township (街道/乡镇) the estate files with'),
    meeting: z.object({ title: z.string(), timeZone: z.string(), votingOpens: z.string(), votingCloses: z.string(), published: z.string() }),
    filing: z.object({ status: z.enum(FILING_STATUSES), certifiedAt: z.iso.datetime().nullable() }),
    motions: z
      .array(
        z.object({
          motionId: z.uuid(),
          position: z.number().int(),
          title: z.string(),
          matterTitle: labelSchema,
          choices: z.array(z.object({ id: z.string(), label: labelSchema })),
        }),
      )
      .describe('Titles and labels as stored now. A certification of format 2 signs the names itself (its payload); one of format 1 does not: show these beside its figures, said to be unsigned'),
    certification: z
      .object({
        payload: z
          .record(z.string(), z.unknown())
          .describe('The certification as signed: its canonical JSON (docs/bundle.md) is the signed bytes. Format 2 (`version: 2`) also signs the estate’s, township’s and meeting’s names and each motion’s title, matter, labels and verdict words; format 1 ids and figures only'),
        signature: z.string().describe('Ed25519, base64'),
        keyId: z.string().describe('SHA-256 (hex) of the signing key’s DER (SPKI) encoding'),
        publicKey: z.string().describe('SPKI PEM'),
      })
      .nullable()
      .describe('Null until the township certifies the result (尚未经街道办事处备案确认)'),
    keyPath: z.literal('/.well-known/gongjue/result-signing-key'),
  })
  .meta({ id: 'PublicCheck' });

/**
 * The public check of a printed result notice (issue 17): no login. The service has no general
 * request limiter (its limits are per phone and address, for codes); this read is a few indexed
 * rows, answered with a short public cache time so a proxy in front absorbs a crowd scanning one notice.
 */
export default async function publicCheckRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/public/results/:meetingId',
    {
      schema: {
        operationId: 'getPublicCheck',
        tags: ['results'],
        summary:
          'Anyone, without logging in: a published result with its certification as signed, to verify in the browser (the page the QR code on the printed notice leads to); unpublished or unknown: 404',
        params: z.object({ meetingId: uuidParam('a meeting') }),
        response: { 200: publicCheckSchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return publicCheckOf(app.database.db, request.params.meetingId);
    },
  );
}
