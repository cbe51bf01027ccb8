import type { Kysely } from 'kysely';
import type { DB, Estate, Meeting } from '../db/schema.ts';
import { may } from '../identity/permissions.ts';
import type { Principal } from '../identity/principal.ts';
import { ProblemError } from '../problems.ts';
import { discrepancyProblem } from './discrepancies.ts';
import { storedResults } from './motion-results-repository.ts';
import type { Report } from '../tally/index.ts';
import { requirePublished } from './notice.ts';

/** Each motion's result as the tally engine decided it: only once the meeting is closed and tallied. */
export async function meetingResults(db: Kysely<DB>, meeting: Meeting) {
  // Held at close: the answer says which motions' figures disagreed, and where.
  if (meeting.status === 'discrepancy') throw await discrepancyProblem(db, meeting.id, 'show the results');
  if (meeting.status !== 'tallied' && meeting.status !== 'published') {
    throw new ProblemError('conflict', 'Results exist only after the meeting is closed and tallied; until then nobody sees how anyone voted');
  }
  const rows = await storedResults(db, meeting.id);
  return {
    meetingId: meeting.id,
    items: rows.map((r) => ({ motionId: r.motion_id, outcome: r.outcome, decidedAt: r.decided_at.toISOString(), totals: r.totals, report: r.report as Report & Record<string, unknown> })),
  };
}

/**
 * Before publication only those who review the result (the estate's
 * township) see it — the filing and the export bundle; everyone else waits
 * for the notice.
 */
export async function requireVisibleResult(db: Kysely<DB>, principal: Principal, { meeting, estate }: { meeting: Meeting; estate: Estate }): Promise<void> {
  if (meeting.status === 'published') return;
  const reviewer = may(principal, 'filing.review', { estateId: estate.id, townshipId: estate.township_id });
  if (reviewer && meeting.status === 'tallied') return;
  // The township is told why there is no result to review; others only that nothing is published.
  if (reviewer && meeting.status === 'discrepancy') throw await discrepancyProblem(db, meeting.id, 'show the result');
  requirePublished(meeting);
}

/**
 * The filing (备案) of a result: as the result itself (requireVisibleResult), and also, from the
 * tally on, to the committee members and organisers who answer the township's return — the result
 * is in the township's queue from the tally (filings-repository.ts), and they may already
 * resubmit it (filing.resubmit), so they see what was returned and why.
 */
export async function requireVisibleFiling(db: Kysely<DB>, principal: Principal, access: { meeting: Meeting; estate: Estate }): Promise<void> {
  const { meeting, estate } = access;
  if (meeting.status === 'tallied' && may(principal, 'filing.resubmit', { estateId: estate.id, townshipId: estate.township_id })) return;
  await requireVisibleResult(db, principal, access);
}
