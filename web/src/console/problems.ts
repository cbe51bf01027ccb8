import { ApiFailure, type Problem } from '../api/client.ts';
import { i18n } from './i18n.ts';

type FieldError = NonNullable<Problem['errors']>[number];

/**
 * A failed call as one sentence for staff, in the console's language, with what to do next.
 * Where the service says why in its own words ({zh, en}: a setting looser than the statute) the
 * console shows them; where it names a `reason` with figures (docs/problems.md), the sentence is
 * `shell.problems.reason.<reason>` filled with them; otherwise the sentence of the problem's type.
 * The service's English `detail` is never shown in the Chinese console: a type without its own
 * sentence says what failed in general and gives the request's number to quote.
 */
export function describe(error: unknown): string {
  const t = i18n.global.t;
  const te = (key: string) => i18n.global.te(key);
  const locale = i18n.global.locale;
  if (!(error instanceof ApiFailure)) return t('shell.problems.unexpected');
  const failure = error.failure;
  if (failure.kind === 'network') return t('shell.problems.network');
  const problem = failure.problem;
  const lang: 'zh' | 'en' = locale.value === 'en' ? 'en' : 'zh';
  const reason = typeof problem.reason === 'string' ? problem.reason : undefined;
  if (reason !== undefined && te(`shell.problems.reason.${reason}`)) return t(`shell.problems.reason.${reason}`, figures(problem));
  const english = lang === 'en';
  const detail = problem.detail ?? problem.title;
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
      // The service's own sentences, when it gave one for every field, already say what to do.
      if (problem.errors?.length && problem.errors.every((e) => e.words)) return problem.errors.map((e) => e.words![lang]).join(english ? ' ' : '');
      return t('shell.problems.validation', { detail: fieldsSaid(problem.errors ?? [], lang) || (english ? detail : t('shell.problems.someField')) });
    case 'conflict':
      return english ? t('shell.problems.conflict', { detail }) : t('shell.problems.conflictNoDetail', { id: problem.requestId ?? '-' });
    case 'result-not-final':
      return t('shell.problems.notFinal', { detail });
    case 'not-an-emergency':
      return t('shell.problems.notAnEmergency');
    case 'objection-window-closed':
      return t('shell.problems.windowClosed', { detail });
  }
  const slug = `shell.problems.type.${failure.slug}`;
  if (te(slug)) return t(slug, { requestId: problem.requestId ?? '-' });
  if (failure.status === 401) return t('shell.problems.sessionEnded');
  return english ? t('shell.problems.other', { detail, id: problem.requestId ?? '-' }) : t('shell.problems.otherNoDetail', { id: problem.requestId ?? '-' });
}

/** The figures a problem names beside its reason (numbers and short strings), for the sentence. */
function figures(problem: Problem): Record<string, unknown> {
  const t = i18n.global.t;
  const te = (key: string) => i18n.global.te(key);
  const said: Record<string, unknown> = Object.fromEntries(Object.entries(problem).filter(([, v]) => typeof v === 'number' || typeof v === 'string'));
  const status = problem.meetingStatus;
  if (typeof status === 'string') said.meetingStatusWords = te(`shell.picker.state.${status}`) ? t(`shell.picker.state.${status}`) : status;
  return said;
}

/** Each refused field: the service's own sentence when it has one, else the field's name in the console's words. */
function fieldsSaid(errors: FieldError[], lang: 'zh' | 'en'): string {
  const t = i18n.global.t;
  const te = (key: string) => i18n.global.te(key);
  const said = errors.map((e) => {
    if (e.words) return e.words[lang].replace(/[。.]$/, '');
    const field = (e.path ?? '').replace(/^(body|query|params|headers)\./, '');
    const key = `shell.problems.field.${field.split('.').join('_')}`;
    if (te(key)) return t('shell.problems.fieldWrong', { field: t(key) });
    return lang === 'en' ? (e.path ? `${e.path}: ${e.message}` : e.message) : t('shell.problems.someField');
  });
  return [...new Set(said)].join(lang === 'en' ? '; ' : '；');
}

/** Where a refused row of a registry file is, in the file's own terms: a CSV line, a JSON unit (and owner), or the whole file. */
export function rowPlace(line: number, format: 'csv' | 'json', owner?: number): string {
  const t = i18n.global.t;
  if (line === 0) return t('registry.import.rows.place.wholeFile');
  if (format === 'csv') return t('registry.import.rows.place.line', { line });
  return owner === undefined ? t('registry.import.rows.place.unit', { line }) : t('registry.import.rows.place.owner', { line, owner: owner + 1 });
}

/**
 * One refused row of a registry file (an entry of an `invalid-file` problem) as a sentence in the
 * console's language with what to do next: `registry.import.rows.code.<code>`, filled with the
 * figures the service named, its subjects, documents and places in words. The service's English
 * `message` is said only in the English console, and only for a code the console does not know.
 */
export function describeRowError(error: FieldError, format: 'csv' | 'json'): string {
  const t = i18n.global.t;
  const te = (key: string) => i18n.global.te(key);
  const key = `registry.import.rows.code.${error.code ?? ''}`;
  if (error.code === undefined || !te(key)) return i18n.global.locale.value === 'en' ? error.message : t('registry.import.rows.unknownCode');
  const params: Record<string, unknown> = { ...error.params };
  const words = (area: string, value: unknown) => (typeof value === 'string' && te(`registry.import.rows.${area}.${value}`) ? t(`registry.import.rows.${area}.${value}`) : value);
  params.accepted = words('accepted', params.subject);
  params.subject = words('subject', params.subject);
  params.document = words('document', params.idType);
  // A JSON problem with the document itself names no path.
  if (params.path === '') params.path = t('registry.import.rows.place.wholeFile');
  const first = params.firstLine;
  if (typeof first === 'number') params.first = rowPlace(first, params.format === 'json' ? 'json' : format, typeof params.firstOwner === 'number' ? params.firstOwner : undefined);
  return t(key, params);
}
