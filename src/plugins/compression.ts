import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Answers smaller than this go as they are: a header's worth of bytes is not worth compressing. */
export const COMPRESS_FROM_BYTES = 1024;

/**
 * The service's answers compressed (brotli, else gzip) for clients that accept it: JSON and
 * problem answers, and the owner app's index.html. On a phone's slow network every byte waits its
 * turn with the app's scripts: the session restore that brings an SMS link's meeting
 * (POST /v1/auth/refresh with withMeeting) is ~7 KB of JSON and ~2 KB compressed; the quorum
 * cockpit's participation answer ~90 KB and ~10 KB. The web apps' scripts and stylesheets are
 * compressed at build time already (web-app.ts sends their .br/.gz); compressed formats (PDF,
 * images) are sent as they are (mime-db says which types compress).
 *
 * Only answers: request bodies are read as sent (a compressed body stays what it was before, a
 * body that is not JSON), so no request expands past the body limit after it was checked.
 * Every route registered after this plugin (all of them: app.ts registers it first) is covered.
 */
export default fp(
  async function compression(app: FastifyInstance) {
    // Compressed request bodies are not accepted: @fastify/compress skips the routes that say decompress: false.
    app.addHook('onRoute', (route) => {
      route.decompress ??= false;
    });
    await app.register(compress, { global: true, threshold: COMPRESS_FROM_BYTES, encodings: ['br', 'gzip'] });
  },
  { name: 'compression' },
);
