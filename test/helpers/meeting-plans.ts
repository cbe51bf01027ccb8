/**
 * The meetings tests hold, planned once: the same dates and motions whether a
 * test drives them through the routes (test/helpers/voting.ts) or builds them
 * with the meeting services (test/factories/meetings.ts).
 */

const DAY = 24 * 3_600_000;

export interface MeetingPlan {
  title: string;
  votingOpensAt: Date;
  votingClosesAt: Date;
  /** As an organiser writes them (the body of POST /meetings/{id}/motions). */
  motions: object[];
}

/** Noticed at `start`, voting opens 16 days later (past the 15-day notice period) and closes 30 days after `start`. */
export function openPlan(start: Date, motions: object[]): MeetingPlan {
  return { title: '测试会议', votingOpensAt: new Date(start.getTime() + 16 * DAY), votingClosesAt: new Date(start.getTime() + 30 * DAY), motions };
}

export interface NoticedOptions {
  title?: string;
  opensInDays?: number;
  closesInDays?: number;
}

/** One yes/no motion, noticed at `now`, voting to open and close the given days later. */
export function noticedPlan(now: Date, options: NoticedOptions = {}): MeetingPlan {
  return {
    title: options.title ?? '到点开关',
    votingOpensAt: new Date(now.getTime() + (options.opensInDays ?? 16) * DAY),
    votingClosesAt: new Date(now.getTime() + (options.closesInDays ?? 20) * DAY),
    motions: [{ matter: 'other_major', kind: 'yes_no', title: '议题' }],
  };
}
