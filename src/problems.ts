import { z } from 'zod';
import { ROW_ERROR_CODES, type RowErrorCode } from './registry/row-errors.ts';

/**
 * Problem details (RFC 9457). Every error the API gives is one of these types;
 * the `type` URIs are stable and part of the API contract (docs/problems.md).
 */
export const PROBLEM_TYPES = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-request': { status: 400, title: 'The request could not be read' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'You may not do this' },
  'in-person-required': { status: 403, title: 'This owner can be verified only in person' },
  'assurance-too-low': { status: 403, title: 'Your verification is not strong enough for this vote' },
  'not-found': { status: 404, title: 'Not found' },
  'face-verification-unavailable': { status: 409, title: 'Face verification is not available here' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  'request-timeout': { status: 408, title: 'The request was not received in time' },
  'paper-entries-differ': { status: 409, title: 'The second entry of the paper ballot differs from the first; it is not confirmed' },
  'paper-second-reading-required': { status: 409, title: 'The paper ballot has not been entered again by a second organiser; it cannot be confirmed yet' },
  'tally-discrepancy': { status: 409, title: "The SQL totals and the engine's recount of the sealed record disagree; the result is held" },
  'result-not-final': { status: 409, title: 'The result is still preliminary: its objection window is open or an objection is unanswered' },
  'objection-window-closed': { status: 409, title: 'The objection window of this result has ended, or it has none' },
  'proxy-ended': { status: 409, title: 'This written proxy was rejected or revoked; it carries the owner’s vote no more' },
  'proxy-used': { status: 409, title: 'The holder has already voted under this proxy; it can be revoked, not rejected' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'uri-too-long': { status: 414, title: 'A part of the URL is too long' },
  'unsupported-media-type': { status: 415, title: 'The request body has an unsupported media type' },
  'not-verified': { status: 422, title: 'The details do not match the property registry' },
  'not-an-emergency': { status: 422, title: 'Only an emergency repair may use the maintenance fund without a vote' },
  'invalid-file': { status: 422, title: 'The file has errors; nothing was imported' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'headers-too-large': { status: 431, title: 'The request headers are too large' },
  'internal-error': { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'The service is unavailable for a moment; retry later' },
  'not-ready': { status: 503, title: 'The service is not ready' },
} as const;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export const problemTypeUri = (slug: ProblemSlug) => `urn:gongjue:problem:${slug}`;

export interface FieldError {
  /** Dotted path of the failing field, prefixed by where it was: body, query, params or headers. */
  path: string;
  message: string;
  /** The refusal as a sentence for staff, where the service has one (zh, en). */
  words?: { zh: string; en: string };
}

/** Throw one of these from anywhere; the error handler turns it into a problem+json answer. */
export class ProblemError extends Error {
  readonly status: number;
  constructor(
    readonly slug: ProblemSlug,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    /** Response headers to send with the problem, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? PROBLEM_TYPES[slug].title);
    this.name = 'ProblemError';
    this.status = PROBLEM_TYPES[slug].status;
  }
}

export const problemSchema = z
  .object({
    type: z.string().meta({ example: 'urn:gongjue:problem:validation-failed' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(
        z.object({
          path: z.string().optional().describe('validation-failed: the failing field, e.g. body.code'),
          line: z.number().int().optional().describe('invalid-file: the line (CSV) or unit number (JSON)'),
          field: z.string().optional().describe('invalid-file: the column or JSON field'),
          code: z
            .enum(ROW_ERROR_CODES as [RowErrorCode, ...RowErrorCode[]])
            .optional()
            .describe('invalid-file: what is wrong with the row, as a stable code (docs/registry-import.md, "Error codes"); `message` says the same in English'),
          params: z
            .record(z.string(), z.union([z.string(), z.number()]))
            .optional()
            .describe('invalid-file: the figures the code\'s sentence names (values from the file as excerpts of at most 40 characters, never an identity number)'),
          message: z.string(),
          words: z
            .object({ zh: z.string(), en: z.string() })
            .optional()
            .describe('Where the service has them: the refusal as a sentence for staff, in Chinese and English, with what to do next (e.g. a setting looser than the statute)'),
        }),
      )
      .optional()
      .describe('One entry per failing field (validation-failed) or bad row (invalid-file)'),
  })
  .loose()
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export type Problem = z.infer<typeof problemSchema>;

export function problemBody(
  slug: ProblemSlug,
  fields: { detail?: string; instance?: string; requestId?: string; extensions?: Record<string, unknown> },
): Problem {
  const { status, title } = PROBLEM_TYPES[slug];
  return {
    ...fields.extensions,
    type: problemTypeUri(slug),
    title,
    status,
    ...(fields.detail === undefined ? {} : { detail: fields.detail }),
    ...(fields.instance === undefined ? {} : { instance: fields.instance }),
    ...(fields.requestId === undefined ? {} : { requestId: fields.requestId }),
  };
}

const STATUS_TITLES: Record<number, string> = {
  ...Object.fromEntries(Object.values(PROBLEM_TYPES).map(({ status, title }) => [status, title])),
  // Two types share 503: the database unavailable for a moment (any route), and not ready or shutting down.
  503: 'The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After`',
};

/**
 * OpenAPI entries for the error statuses a route may answer, all application/problem+json.
 * 503 is in every list: any route may find the database unavailable (type `unavailable`,
 * with Retry-After), so clients must be told to expect it everywhere.
 */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    [...new Set([...statuses, 503])].map((status) => [
      status,
      {
        description: STATUS_TITLES[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: problemSchema } },
      },
    ]),
  );
}
