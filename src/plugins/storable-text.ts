import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { unstorableText } from '../lib/storable-text.ts';
import { ProblemError } from '../problems.ts';

/**
 * The one place where text PostgreSQL cannot store (NUL, unpaired
 * surrogates; src/lib/storable-text.ts) is refused: before any route's own
 * validation, on every route there is or will be, in the body, the query and
 * the path. The answer is the usual validation-failed naming each field.
 */
export default fp(
  async function storableText(app: FastifyInstance) {
    app.addHook('preValidation', async (request) => {
      const faults = [
        ...unstorableText(request.params, 'params'),
        ...unstorableText(request.query, 'query'),
        ...unstorableText(request.body, 'body'),
      ];
      if (faults.length === 0) return;
      throw new ProblemError('validation-failed', faults.map((f) => `${f.path}: ${f.message}`).join('; '), { errors: faults });
    });
  },
  { name: 'storable-text' },
);
