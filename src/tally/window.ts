// R4.2: the voting window opens and closes at fixed instants; a ballot cast
// before the opening or at/after the closing instant is refused.

import { compareInstants, readInstant, type Instant } from './instant.ts';
import type { Meeting } from './record.ts';

export interface VotingWindow {
  contains(at: Instant): boolean;
}

/** The meeting's window, or null when the record gives neither bound. */
export function votingWindow(meeting: Meeting | undefined): VotingWindow | null {
  const opens = meeting?.opensAt === undefined ? undefined : instantOf(meeting.opensAt);
  const closes = meeting?.closesAt === undefined ? undefined : instantOf(meeting.closesAt);
  if (opens === undefined && closes === undefined) return null;
  return {
    contains: (at) => (opens === undefined || compareInstants(at, opens) >= 0) && (closes === undefined || compareInstants(at, closes) < 0),
  };
}

function instantOf(text: string): Instant | undefined {
  const at: Instant = { day: 0, second: 0, nano: 0 };
  return readInstant(text, at) ? at : undefined;
}
