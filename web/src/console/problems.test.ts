import { afterEach, describe as group, expect, it } from 'vitest';
import { ApiFailure, type Problem } from '../api/client.ts';
import { i18n } from './i18n.ts';
import { describe } from './problems.ts';

/**
 * Issue 16: every refusal the console shows is a sentence in the console's language with what to
 * do next — never the service's English `detail` inside a Chinese sentence.
 */
const failure = (slug: string, status: number, extra: Partial<Problem> & Record<string, unknown> = {}) =>
  new ApiFailure({
    kind: 'problem',
    slug,
    status,
    problem: { type: `urn:gongjue:problem:${slug}`, title: 'An English title', status, detail: 'An English detail', requestId: 'req-7', ...extra },
  });

/** Latin words of three letters or more: English left in a Chinese sentence (figures, “R4.1”, “PDF”, “CSV” aside). */
const english = (text: string) => (text.replace('req-7', '').match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !['PDF', 'JPG', 'PNG', 'CSV', 'JSON'].includes(w));

afterEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

group('describe (console problems)', () => {
  const cases: [string, ApiFailure][] = [
    ['a conflict without a reason', failure('conflict', 409)],
    ['a registry changed since the preview', failure('conflict', 409, { reason: 'registry-changed' })],
    ['an owner verified elsewhere', failure('conflict', 409, { reason: 'verified-elsewhere' })],
    ['a meeting in another state', failure('conflict', 409, { reason: 'meeting-status', meetingStatus: 'noticed' })],
    ['a credit code that does not match', failure('not-verified', 422, { reason: 'credit-code-mismatch' })],
    ['details that do not match', failure('not-verified', 422)],
    ['a file of the wrong kind', failure('unsupported-media-type', 415)],
    ['a file too large', failure('payload-too-large', 413)],
    ['a field refused without words', failure('validation-failed', 400, { errors: [{ path: 'body.phone', message: 'expected a mainland mobile number' }] })],
    ['a field unknown to the console', failure('validation-failed', 400, { errors: [{ path: 'body.mystery', message: 'Invalid input' }] })],
    ['an internal error', failure('internal-error', 500)],
    ['a type the console does not know', failure('something-new', 418)],
    ['not an API failure', new ApiFailure({ kind: 'network' })],
  ];
  for (const [what, error] of cases) {
    it(`says ${what} in Chinese only`, () => {
      const said = describe(error);
      expect(said).toMatch(/[\u4e00-\u9fff]/);
      expect(english(said)).toEqual([]);
      expect(said).toMatch(/[。）]$/);
    });
  }

  it('says a thrown error that is not the service’s in Chinese, without its message', () => {
    expect(english(describe(new Error('Cannot read properties of undefined')))).toEqual([]);
  });

  it('shows the service’s own words for a refused setting, in the console’s language', () => {
    const error = failure('validation-failed', 400, {
      errors: [{ path: 'body.settings.noticeDays', message: 'at least 15 days', words: { zh: '会议公告提前天数不能少于15日。请填写15或更大的数。', en: 'Days of notice cannot be fewer than 15.' } }],
    });
    expect(describe(error)).toBe('会议公告提前天数不能少于15日。请填写15或更大的数。');
    i18n.global.locale.value = 'en';
    expect(describe(error)).toBe('Days of notice cannot be fewer than 15.');
  });

  it('fills a reason’s sentence with the figures the service named', () => {
    expect(describe(failure('validation-failed', 400, { reason: 'scope-not-in-registry', building: '1栋', stair: '9单元' }))).toContain('“1栋9单元”');
    expect(describe(failure('conflict', 409, { reason: 'meeting-status', meetingStatus: 'noticed' }))).toContain('“已公告”');
    expect(describe(failure('internal-error', 500))).toContain('req-7');
  });

  it('keeps the service’s detail in English, where it is already the console’s language', () => {
    i18n.global.locale.value = 'en';
    expect(describe(failure('conflict', 409))).toContain('An English detail');
  });
});
