import { ApiFailure } from '../api/client.ts';
import { i18n } from './i18n.ts';

/**
 * A failed call as one sentence for staff, with what to do next. The service's own detail
 * (docs/problems.md) is kept in the sentence: it names the rule or the field that refused, and
 * the console holds no rule of its own to say it better.
 */
export function describe(error: unknown): string {
  const t = i18n.global.t;
  if (!(error instanceof ApiFailure)) return t('shell.problems.other', { detail: String(error), id: '-' });
  const failure = error.failure;
  if (failure.kind === 'network') return t('shell.problems.network');
  const detail = failure.problem.detail ?? failure.problem.title;
  const fields = failure.problem.errors?.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('；');
  switch (failure.slug) {
    case 'unauthenticated':
      return t('shell.problems.sessionEnded');
    case 'rate-limited':
      return failure.retryAfterSeconds === undefined ? t('shell.problems.rateLimitedNoWait') : t('shell.problems.rateLimited', { seconds: failure.retryAfterSeconds });
    case 'unavailable':
    case 'not-ready':
      return t('shell.problems.unavailable');
    case 'not-found':
      return t('shell.problems.notFound');
    case 'forbidden':
      return t('shell.problems.forbidden');
    case 'validation-failed':
      return t('shell.problems.validation', { detail: fields || detail });
    case 'conflict':
      return t('shell.problems.conflict', { detail });
    case 'result-not-final':
      return t('shell.problems.notFinal', { detail });
    case 'not-an-emergency':
      return t('shell.problems.notAnEmergency');
    case 'objection-window-closed':
      return t('shell.problems.windowClosed', { detail });
  }
  if (failure.status === 401) return t('shell.problems.sessionEnded');
  return t('shell.problems.other', { detail, id: failure.problem.requestId ?? '-' });
}
