import { describe, expect, it } from 'vitest';
import type { Failure, Problem } from '../api/client.ts';
import en from './messages/en.ts';
import zhCN from './messages/zh-CN.ts';
import { type Sentence, sentenceFor, type Step } from './problems.ts';

/** The owner app says every refusal as a sentence chosen by the problem's type and the step (problems.ts). */
const problem = (slug: string, status: number, extra: Partial<Problem> = {}, retryAfterSeconds?: number): Failure => ({
  kind: 'problem',
  slug,
  status,
  problem: { type: `urn:gongjue:problem:${slug}`, title: slug, status, ...extra },
  ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
});

const lookup = (messages: object, key: string): unknown => key.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], messages);

describe('sentenceFor', () => {
  it('names the field a validation failure is about', () => {
    expect(sentenceFor(problem('validation-failed', 400, { errors: [{ path: 'body.phone', message: 'x' }] }), 'requestCode').key).toBe('problems.phoneInvalid');
    expect(sentenceFor(problem('validation-failed', 400, { errors: [{ path: 'body.code', message: 'x' }] }), 'logIn').key).toBe('problems.codeInvalid');
    expect(sentenceFor(problem('validation-failed', 400, { requestId: 'abcdef1234' }), 'logIn')).toEqual({ key: 'problems.other', params: { id: 'abcdef12' } });
  });

  it('says how long to wait only when the service said so (Retry-After)', () => {
    expect(sentenceFor(problem('rate-limited', 429, {}, 42), 'requestCode')).toEqual({ key: 'problems.rateLimited', wait: { key: 'problems.seconds', params: { n: 42 } } });
    expect(sentenceFor(problem('rate-limited', 429, {}, 3600), 'requestCode').wait).toEqual({ key: 'problems.minutes', params: { n: 60 } });
    expect(sentenceFor(problem('rate-limited', 429, {}, 121), 'requestCode').wait).toEqual({ key: 'problems.minutes', params: { n: 3 } });
    expect(sentenceFor(problem('rate-limited', 429), 'requestCode')).toEqual({ key: 'problems.rateLimitedNoWait' });
  });

  it('reads 401 and 503 by the step: a wrong code at login, an ended session elsewhere; texts that cannot go out', () => {
    expect(sentenceFor(problem('unauthenticated', 401), 'logIn').key).toBe('problems.codeRefused');
    expect(sentenceFor(problem('unauthenticated', 401), 'load').key).toBe('problems.sessionEnded');
    expect(sentenceFor(problem('unavailable', 503), 'requestCode').key).toBe('problems.smsUnavailable');
    expect(sentenceFor(problem('unavailable', 503), 'load').key).toBe('problems.unavailable');
    expect(sentenceFor({ kind: 'network' }, 'load').key).toBe('problems.network');
    expect(sentenceFor(problem('internal-error', 500), 'load')).toEqual({ key: 'problems.otherNoId' });
  });

  it('says a refused ballot with what to do: closed or not yet open, assurance too low, not this account’s vote', () => {
    expect(sentenceFor(problem('conflict', 409, { detail: 'Voting closed at 2026-12-22T10:00:00.000Z' }), 'cast').key).toBe('problems.votingClosed');
    expect(sentenceFor(problem('conflict', 409, { detail: 'Voting has not opened yet' }), 'cast').key).toBe('problems.votingNotOpen');
    expect(sentenceFor(problem('assurance-too-low', 403), 'cast').key).toBe('problems.assuranceTooLow');
    expect(sentenceFor(problem('forbidden', 403), 'cast').key).toBe('problems.notYourVote');
    expect(sentenceFor(problem('unauthenticated', 401), 'cast').key).toBe('problems.sessionEnded');
    expect(sentenceFor(problem('unavailable', 503), 'cast').key).toBe('problems.unavailable');
    expect(sentenceFor({ kind: 'network' }, 'cast').key).toBe('problems.network');
  });

  it('a receipt check: not in the results, not a receipt code, no results yet — each said as such', () => {
    expect(sentenceFor(problem('not-found', 404), 'checkReceipt').key).toBe('results.problems.receiptNotFound');
    expect(sentenceFor(problem('validation-failed', 400, { errors: [{ path: 'params.receipt', message: '' }] }), 'checkReceipt').key).toBe('results.problems.receiptInvalid');
    expect(sentenceFor(problem('conflict', 409), 'checkReceipt').key).toBe('results.problems.notPublished');
    expect(sentenceFor(problem('not-found', 404), 'load').key).toBe('problems.notFound');
  });

  it('every sentence it can choose exists in Chinese and in English', () => {
    const failures: Failure[] = [
      { kind: 'network' },
      problem('validation-failed', 400, { errors: [{ path: 'body.phone', message: '' }] }),
      problem('validation-failed', 400, { errors: [{ path: 'body.code', message: '' }] }),
      problem('rate-limited', 429, {}, 5),
      problem('rate-limited', 429, {}, 500),
      problem('rate-limited', 429),
      ...['unauthenticated', 'unavailable', 'not-ready', 'not-found', 'forbidden', 'conflict'].map((slug) => problem(slug, 400, { requestId: 'r' })),
      problem('conflict', 409),
      ...['assurance-too-low', 'validation-failed'].map((slug) => problem(slug, 403)),
      problem('conflict', 409, { detail: 'Voting has not opened yet' }),
      ...['not-verified', 'in-person-required', 'face-verification-unavailable'].map((slug) => problem(slug, 422)),
      ...['body.idNumber', 'body.name', 'body.certificateNumber'].map((path) => problem('validation-failed', 400, { errors: [{ path, message: '' }] })),
      problem('proxy-ended', 409),
      problem('proxy-used', 409),
      problem('conflict', 409, { detail: 'The owner has voted personally on this motion; a proxy ballot cannot replace it' }),
      problem('forbidden', 403, { detail: 'The owner’s written instructions fix this choice; the proxy must vote as instructed' }),
      problem('forbidden', 403, { detail: 'You hold no approved proxy with this id for this meeting' }),
    ];
    const steps: Step[] = ['requestCode', 'logIn', 'load', 'cast', 'checkReceipt', 'verify', 'faceStart', 'faceReturn', 'proxyCast', 'proxyRevoke'];
    const keys = (s: Sentence): string[] => [s.key, ...(s.wait ? keys(s.wait) : [])];
    for (const failure of failures) {
      for (const step of steps) {
        for (const key of keys(sentenceFor(failure, step))) {
          expect(typeof lookup(zhCN, key), `zh-CN ${key}`).toBe('string');
          expect(typeof lookup(en, key), `en ${key}`).toBe('string');
        }
      }
    }
  });

  it('says a proxy ballot’s and a revocation’s refusals in the holder’s and the owner’s words (issue 16)', () => {
    expect(sentenceFor(problem('proxy-ended', 409), 'proxyCast').key).toBe('proxies.problems.ended');
    expect(sentenceFor(problem('conflict', 409, { detail: 'The owner has voted personally on this motion; a proxy ballot cannot replace it' }), 'proxyCast').key).toBe('proxies.problems.ownerVoted');
    expect(sentenceFor(problem('conflict', 409, { detail: 'Voting closed at 2026-12-22T00:00:00.000Z' }), 'proxyCast').key).toBe('problems.votingClosed');
    expect(sentenceFor(problem('forbidden', 403, { detail: 'The owner’s written instructions fix this choice; the proxy must vote as instructed' }), 'proxyCast').key).toBe('proxies.problems.instruction');
    expect(sentenceFor(problem('forbidden', 403, { detail: 'You hold no approved proxy with this id for this meeting' }), 'proxyCast').key).toBe('proxies.problems.notApproved');
    expect(sentenceFor(problem('assurance-too-low', 403), 'proxyRevoke').key).toBe('proxies.problems.revokeTooWeak');
    expect(sentenceFor(problem('conflict', 409), 'proxyRevoke').key).toBe('proxies.problems.over');
  });

  it('says what to do after each refusal of verifying oneself: check the details, wait, or go in person', () => {
    expect(sentenceFor(problem('not-verified', 422), 'verify').key).toBe('verify.problems.noMatch');
    expect(sentenceFor(problem('not-verified', 422), 'faceReturn').key).toBe('verify.problems.faceFailed');
    expect(sentenceFor(problem('rate-limited', 429, {}, 900), 'verify')).toEqual({ key: 'verify.problems.locked', wait: { key: 'problems.minutes', params: { n: 15 } } });
    expect(sentenceFor(problem('rate-limited', 429, {}, 3600), 'faceStart').key).toBe('verify.problems.faceTooMany');
    expect(sentenceFor(problem('in-person-required', 403), 'verify').key).toBe('verify.problems.inPerson');
    expect(sentenceFor(problem('conflict', 409), 'verify').key).toBe('verify.problems.boundElsewhere');
    expect(sentenceFor(problem('conflict', 409), 'faceReturn').key).toBe('verify.problems.faceUnfinished');
    expect(sentenceFor(problem('face-verification-unavailable', 409), 'faceStart').key).toBe('verify.problems.faceUnavailable');
    expect(sentenceFor(problem('validation-failed', 400, { errors: [{ path: 'body.idNumber', message: '' }] }), 'verify').key).toBe('verify.problems.idNumberInvalid');
    // Outside verification the same problem is not read as a mismatch.
    expect(sentenceFor(problem('conflict', 409), 'load').key).toBe('problems.otherNoId');
    expect(zhCN.verify.problems.inPerson).toContain('请带营业执照到业委会现场认证');
  });
});
