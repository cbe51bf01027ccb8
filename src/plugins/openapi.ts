import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { ZodType } from 'zod';
import pkg from '../../package.json' with { type: 'json' };

export const OPENAPI_TAGS = [
  { name: 'operations', description: 'Liveness, readiness and the API description' },
  { name: 'auth', description: 'Logging in: phone and one-time code for people, client credentials for systems' },
  { name: 'places', description: 'Townships (街道/乡镇) and their estates' },
  { name: 'roles', description: 'Township staff, committee members, organisers and API clients' },
  { name: 'registry', description: 'The property registry of an estate: units, owners, imports, in-person verification' },
  { name: 'owners', description: 'The signed-in person: verification as an owner, holdings and voting weight' },
  { name: 'meetings', description: 'Meetings of the owners’ assembly and their motions, from the notice to the result' },
  { name: 'ballots', description: 'Casting and changing ballots; paper ballots and proxies' },
  { name: 'attachments', description: 'Files kept with an estate’s records: scans of paper ballots and written proxies' },
  { name: 'petitions', description: 'Owners’ petitions and their progress against 20 % of area and heads' },
  { name: 'messages', description: 'Messages to owners and bodies: the inbox, reminder preferences, a meeting’s SMS deliveries and re-sending' },
  { name: 'webhooks', description: 'Events delivered to other systems: subscriptions, signed deliveries, retries and replays' },
  { name: 'emergency', description: 'Emergency repairs paid from the maintenance fund without a vote (民法典 第二百八十一条): filed by the committee, reviewed by the township' },
];

/**
 * Operations whose body may be left out — a zod body that accepts none, like confirming a paper
 * ballot or rejecting it (issue 12: a request without a body, not even `{}`). @fastify/swagger
 * marks every request body required; the document says `required: false` for these.
 */
const optionalBodies = new Set<string>();
const operationKey = (method: string, url: string) => `${method.toLowerCase()} ${url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
function transform(input: TransformInput) {
  const body = (input.schema as { body?: unknown } | undefined)?.body;
  if (body instanceof ZodType && body.safeParse(undefined).success) {
    for (const method of [input.route.method].flat()) optionalBodies.add(operationKey(method, input.url));
  }
  return jsonSchemaTransform(input);
}
function transformObject(input: Parameters<typeof jsonSchemaTransformObject>[0]) {
  const document = jsonSchemaTransformObject(input) as { paths?: Record<string, Record<string, { requestBody?: { required?: boolean } }>> };
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      if (operation.requestBody && optionalBodies.has(operationKey(method, path))) operation.requestBody.required = false;
    }
  }
  return document as ReturnType<typeof jsonSchemaTransformObject>;
}

/**
 * The OpenAPI document is generated from the routes' zod schemas, served at
 * /openapi.json with an interactive page at /docs, and committed as
 * openapi.yaml (`npm run openapi`; a test fails when it is stale).
 */
export default fp(
  async function openapi(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Gongjue 共决 API',
          version: pkg.version,
          description:
            'Electronic owner voting and owners\' assemblies for residential estates (业主大会电子表决). ' +
            'Errors are RFC 9457 problem details (application/problem+json).',
        },
        tags: OPENAPI_TAGS,
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (ES256)' },
          },
        },
      },
      transform,
      transformObject,
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'list', deepLinking: true },
      // Swagger UI's own CSP: its inline scripts and styles by their hashes, nothing else inline.
      // Not framed by anyone, and no upgrade-insecure-requests: that would break /docs on a plain-http development server.
      staticCSP: true,
      transformStaticCSP: (header: string) =>
        header.replace(/\s*upgrade-insecure-requests;?/, '').replace("frame-ancestors 'self'", "frame-ancestors 'none'"),
    });

    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
