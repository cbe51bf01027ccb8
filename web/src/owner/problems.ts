import { ApiFailure, type Failure } from '../api/client.ts';

/**
 * Every refusal as one plain sentence with what to do next, chosen by the problem's type
 * (docs/problems.md) and the step the owner was taking — never by a rule of its own: the
 * service decides, and says how long to wait (Retry-After) when there is a wait.
 */
export type Step = 'requestCode' | 'logIn' | 'load' | 'cast' | 'checkReceipt' | 'verify' | 'faceStart' | 'faceReturn' | 'object' | 'proxyCast' | 'proxyRevoke';

export interface Sentence {
  key: string;
  params?: Record<string, string | number>;
  /** A wait the service asked for (Retry-After), said in its own words inside the sentence. */
  wait?: Sentence;
}

/** How long to wait, in the owner's words: seconds under two minutes, else whole minutes. */
export function waitOf(seconds: number): Sentence {
  return seconds < 120 ? { key: 'problems.seconds', params: { n: seconds } } : { key: 'problems.minutes', params: { n: Math.ceil(seconds / 60) } };
}

function fieldOf(failure: Extract<Failure, { kind: 'problem' }>): string | undefined {
  return failure.problem.errors?.[0]?.path;
}

/** A ballot refused by the service (cast_ballots' refusals, docs/problems.md), in the owner's words. */
function castSentence(failure: Extract<Failure, { kind: 'problem' }>): Sentence | undefined {
  switch (failure.slug) {
    case 'conflict':
      // Online, the only conflict a ballot meets is the voting window: not open yet, or closed.
      return { key: /not opened/i.test(failure.problem.detail ?? '') ? 'problems.votingNotOpen' : 'problems.votingClosed' };
    case 'assurance-too-low':
      return { key: 'problems.assuranceTooLow' };
    case 'forbidden':
      return { key: 'problems.notYourVote' };
    case 'validation-failed':
      return { key: 'problems.choiceInvalid' };
    case 'not-found':
      return { key: 'problems.motionGone' };
  }
  return undefined;
}

/** The refusals of verifying oneself (POST /v1/me/verification, the face checks): what the owner does next, in person when nothing else will. */
function verificationSentence(failure: Extract<Failure, { kind: 'problem' }>, step: Step): Sentence | undefined {
  const field = fieldOf(failure);
  switch (failure.slug) {
    case 'not-verified':
      if (step === 'faceReturn') return { key: 'verify.problems.faceFailed' };
      return { key: 'verify.problems.noMatch' };
    case 'rate-limited':
      if (step === 'faceStart') return { key: 'verify.problems.faceTooMany' };
      return failure.retryAfterSeconds === undefined ? { key: 'verify.problems.lockedNoWait' } : { key: 'verify.problems.locked', wait: waitOf(failure.retryAfterSeconds) };
    case 'in-person-required':
      return { key: 'verify.problems.inPerson' };
    case 'face-verification-unavailable':
      return { key: 'verify.problems.faceUnavailable' };
    case 'conflict':
      return { key: step === 'faceReturn' ? 'verify.problems.faceUnfinished' : 'verify.problems.boundElsewhere' };
    case 'not-found':
      return step === 'faceReturn' ? { key: 'verify.problems.faceUnfinished' } : undefined;
    case 'validation-failed':
      if (field === 'body.idNumber') return { key: 'verify.problems.idNumberInvalid' };
      if (field === 'body.name') return { key: 'verify.problems.nameInvalid' };
      if (field === 'body.certificateNumber') return { key: 'verify.problems.certificateInvalid' };
  }
  return undefined;
}

/** A proxy ballot or a revocation refused (issue 16): the proxy ended, the owner voted personally, the instructions, the window. */
function proxySentence(failure: Extract<Failure, { kind: 'problem' }>, step: Step): Sentence | undefined {
  const detail = failure.problem.detail ?? '';
  switch (failure.slug) {
    case 'proxy-ended':
      return { key: 'proxies.problems.ended' };
    case 'assurance-too-low':
      return step === 'proxyRevoke' ? { key: 'proxies.problems.revokeTooWeak' } : undefined;
    case 'conflict':
      if (step === 'proxyRevoke') return { key: 'proxies.problems.over' };
      if (/personally/i.test(detail)) return { key: 'proxies.problems.ownerVoted' };
      return { key: /not opened/i.test(detail) ? 'problems.votingNotOpen' : 'problems.votingClosed' };
    case 'forbidden':
      if (/instructions/i.test(detail)) return { key: 'proxies.problems.instruction' };
      if (/approved/i.test(detail)) return { key: 'proxies.problems.notApproved' };
      return step === 'proxyCast' ? { key: 'problems.notYourVote' } : undefined;
    case 'validation-failed':
      return step === 'proxyCast' ? { key: 'problems.choiceInvalid' } : undefined;
  }
  return undefined;
}

export function sentenceFor(failure: Failure, step: Step): Sentence {
  if (failure.kind === 'network') return { key: 'problems.network' };
  if (step === 'proxyCast' || step === 'proxyRevoke') {
    const sentence = proxySentence(failure, step);
    if (sentence) return sentence;
  }
  if (step === 'cast') {
    const sentence = castSentence(failure);
    if (sentence) return sentence;
  }
  if (step === 'checkReceipt') {
    // A receipt looked up in the published results: not there, not a receipt code, or no results yet.
    if (failure.slug === 'not-found') return { key: 'results.problems.receiptNotFound' };
    if (failure.slug === 'validation-failed') return { key: 'results.problems.receiptInvalid' };
    if (failure.slug === 'conflict') return { key: 'results.problems.notPublished' };
  }
  if (step === 'object') {
    // An objection to one's own record (R7.2): the window ended, or the record is not the owner's (any more).
    if (failure.slug === 'objection-window-closed') return { key: 'results.objection.closed' };
    if (failure.slug === 'forbidden' || failure.slug === 'not-found') return { key: 'results.objection.rowGone' };
    if (failure.slug === 'validation-failed') return { key: 'results.objection.needText' };
  }
  if (step === 'verify' || step === 'faceStart' || step === 'faceReturn') {
    const sentence = verificationSentence(failure, step);
    if (sentence) return sentence;
  }
  switch (failure.slug) {
    case 'validation-failed': {
      const field = fieldOf(failure);
      if (field === 'body.phone') return { key: 'problems.phoneInvalid' };
      if (field === 'body.code') return { key: 'problems.codeInvalid' };
      break;
    }
    case 'rate-limited':
      return failure.retryAfterSeconds === undefined ? { key: 'problems.rateLimitedNoWait' } : { key: 'problems.rateLimited', wait: waitOf(failure.retryAfterSeconds) };
    case 'unauthenticated':
      return { key: step === 'logIn' ? 'problems.codeRefused' : 'problems.sessionEnded' };
    case 'unavailable':
    case 'not-ready':
      return { key: step === 'requestCode' ? 'problems.smsUnavailable' : 'problems.unavailable' };
    case 'not-found':
      return { key: 'problems.notFound' };
    case 'forbidden':
      return { key: 'problems.forbidden' };
  }
  const id = failure.problem.requestId;
  return id ? { key: 'problems.other', params: { id: id.slice(0, 8) } } : { key: 'problems.otherNoId' };
}

/** The sentence for anything a call threw (a failure of the API or of the network; anything else is a fault of the app). */
export function describe(error: unknown, step: Step, t: (key: string, params?: Record<string, string | number>) => string): string {
  const failure: Failure = error instanceof ApiFailure ? error.failure : { kind: 'problem', slug: 'internal-error', status: 0, problem: { type: '', title: '', status: 0 } };
  const sentence = sentenceFor(failure, step);
  return t(sentence.key, sentence.wait ? { ...sentence.params, wait: t(sentence.wait.key, sentence.wait.params) } : sentence.params);
}

/** A refusal the service announced before the owner tried (my-ballots' cast.refusal), said as the cast's refusal would be. */
export function refusalSentence(
  refusal: { type: string; detail: string },
  t: (key: string, params?: Record<string, string | number>) => string,
  step: 'cast' | 'proxyCast' | 'proxyRevoke' = 'cast',
): string {
  const type = `urn:gongjue:problem:${refusal.type}`;
  const failure: Failure = { kind: 'problem', slug: refusal.type, status: 0, problem: { type, title: '', status: 0, detail: refusal.detail } };
  const sentence = sentenceFor(failure, step);
  return t(sentence.key, sentence.params);
}
