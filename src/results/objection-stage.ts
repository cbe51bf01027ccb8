/**
 * The stage of a published result under the objection window (询异公示,
 * R7.2), decided from its window alone: pure, no clock of its own.
 * - preliminary: the window runs; owners may object;
 * - awaiting_answers: the window has ended but an objection is unanswered;
 * - awaiting_final: ended and all answered, the job that marks it final is due;
 * - final: marked final (the window ended and every objection was answered).
 * A result published without a window is final from publication.
 */
export type ResultStage = 'preliminary' | 'awaiting_answers' | 'awaiting_final' | 'final';

export interface WindowFacts {
  closesAt: Date;
  finalAt: Date | null;
  unanswered: number;
}

export function stageOf(window: WindowFacts, now: Date): ResultStage {
  if (window.finalAt !== null) return 'final';
  if (now.getTime() < window.closesAt.getTime()) return 'preliminary';
  return window.unanswered > 0 ? 'awaiting_answers' : 'awaiting_final';
}

/** Whether the result may become final now: the window has ended and nothing is left unanswered. */
export function mayBecomeFinal(window: WindowFacts, now: Date): boolean {
  return stageOf(window, now) === 'awaiting_final';
}

export const DAY_MS = 86_400_000;

/** The window's end: `days` whole days after publication, to the millisecond. */
export function windowClosesAt(publishedAt: Date, days: number): Date {
  return new Date(publishedAt.getTime() + days * DAY_MS);
}
