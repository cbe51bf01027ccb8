import { describe, expect, it } from 'vitest';
import { DAY_MS, mayBecomeFinal, stageOf, windowClosesAt } from '../../src/results/objection-stage.ts';

/** R7.2: the stage of a result under its objection window, decided from the window alone. */
describe('stageOf', () => {
  const opened = new Date('2026-12-01T04:00:00Z');
  const closesAt = windowClosesAt(opened, 7);

  it('closes the window N whole days after publication', () => {
    expect(closesAt.getTime() - opened.getTime()).toBe(7 * DAY_MS);
  });

  it('is preliminary up to the last millisecond of the window, objections or not', () => {
    const before = new Date(closesAt.getTime() - 1);
    expect(stageOf({ closesAt, finalAt: null, unanswered: 0 }, before)).toBe('preliminary');
    expect(stageOf({ closesAt, finalAt: null, unanswered: 2 }, before)).toBe('preliminary');
    expect(mayBecomeFinal({ closesAt, finalAt: null, unanswered: 0 }, before)).toBe(false);
  });

  it('at the window’s end waits for every answer, then may become final', () => {
    expect(stageOf({ closesAt, finalAt: null, unanswered: 1 }, closesAt)).toBe('awaiting_answers');
    expect(mayBecomeFinal({ closesAt, finalAt: null, unanswered: 1 }, closesAt)).toBe(false);
    expect(stageOf({ closesAt, finalAt: null, unanswered: 0 }, closesAt)).toBe('awaiting_final');
    expect(mayBecomeFinal({ closesAt, finalAt: null, unanswered: 0 }, closesAt)).toBe(true);
  });

  it('is final once marked, and stays so', () => {
    expect(stageOf({ closesAt, finalAt: closesAt, unanswered: 0 }, closesAt)).toBe('final');
    expect(mayBecomeFinal({ closesAt, finalAt: closesAt, unanswered: 0 }, new Date(closesAt.getTime() + DAY_MS))).toBe(false);
  });
});
