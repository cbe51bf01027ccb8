import { ProblemError, type ProblemSlug } from '../problems.ts';

/**
 * The ballot functions' refusals (src/voting/sql/ballot-functions.ts) as the
 * problems the API answers. The messages are written there, once, for every
 * channel; here only their codes are read.
 */
const REFUSALS: Record<string, ProblemSlug> = {
  GJ400: 'validation-failed',
  GJ401: 'unauthenticated',
  GJ403: 'forbidden',
  GJ43A: 'assurance-too-low',
  GJ404: 'not-found',
  GJ409: 'conflict',
};

/** A refusal as a problem; `field` is the request field a GJ400 is about (e.g. body.signedBy). */
export function refusalProblem(code: string, message: string, field?: string): Error {
  const slug = REFUSALS[code];
  if (!slug) return new Error(`the ballot functions answered ${code}: ${message}`);
  if (slug === 'validation-failed') return new ProblemError(slug, message, { errors: [{ path: field ?? 'body', message }] });
  return new ProblemError(slug, message);
}

/** A refusal as one text — code, space, message — as voting_window_refusal answers it, as a problem. */
export function refusalTextProblem(refusal: string): Error {
  return refusalProblem(refusal.slice(0, 5), refusal.slice(6));
}

/** The problem type a refusal code stands for (undefined: not one of the ballot functions' codes). */
export const refusalSlug = (code: string): ProblemSlug | undefined => REFUSALS[code];
