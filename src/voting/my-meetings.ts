import type { Kysely } from 'kysely';
import type { DB, MeetingStatus } from '../db/schema.ts';
import { type AssuranceLevel, assuranceRank, reaches } from '../identity/assurance.ts';
import { localTime } from '../lib/local-time.ts';
import { myBindingLevels, myMotionCounts, publicMeetingsOfEstates } from './my-meetings-repository.ts';

/**
 * An owner's home (the owner app's first page): the meetings of every estate they are verified
 * in, past their draft (a draft is the organisers' work in progress: owners never see it), each
 * with the phase the app groups it by and how far the owner is with their votes.
 */

/** How an owner sees a meeting: voting not yet open (the notice is out), open now, over, or called off. */
export type MeetingPhase = 'upcoming' | 'open' | 'closed' | 'cancelled';

export function phaseOf(status: Exclude<MeetingStatus, 'draft'>): MeetingPhase {
  switch (status) {
    case 'noticed':
      return 'upcoming';
    case 'open':
      return 'open';
    case 'cancelled':
      return 'cancelled';
    case 'closed':
    case 'tallied':
    case 'published':
    case 'discrepancy':
      return 'closed';
  }
}

/** The most meetings a home lists: a few years of an estate's meetings. */
export const MY_MEETINGS_MAX = 100;

export interface MyMeeting {
  id: string;
  estateId: string;
  estateName: string;
  kind: 'regular' | 'temporary';
  title: string;
  status: Exclude<MeetingStatus, 'draft'>;
  phase: MeetingPhase;
  votingOpensAt: string;
  votingClosesAt: string;
  local: { timeZone: string; votingOpens: string; votingCloses: string };
  noticedAt: string | null;
  closedAt: string | null;
  resultsPublished: boolean;
  motions: number;
  mayVoteOn: number;
  votedOn: number;
  /** Whether the account's binding in the estate reaches the level this meeting takes online ballots from (null before voting opens). */
  levelEnough: boolean | null;
}

export async function myMeetings(db: Kysely<DB>, input: { accountId: string; estateIds: readonly string[]; now: Date }): Promise<{ asOf: string; items: MyMeeting[] }> {
  const rows = await publicMeetingsOfEstates(db, [...new Set(input.estateIds)], MY_MEETINGS_MAX);
  const counts = new Map((await myMotionCounts(db, rows.map((r) => r.id), input.accountId)).map((c) => [c.meeting_id, c]));
  const best = new Map<string, AssuranceLevel>();
  for (const b of await myBindingLevels(db, input.accountId)) {
    const known = best.get(b.estate_id);
    if (known === undefined || assuranceRank(b.level) > assuranceRank(known)) best.set(b.estate_id, b.level);
  }
  return {
    asOf: input.now.toISOString(),
    items: rows.map((r) => {
      // The repository leaves drafts out; the type cannot know it.
      const status = r.status as Exclude<MeetingStatus, 'draft'>;
      const count = counts.get(r.id);
      const level = best.get(r.estate_id);
      return {
        id: r.id,
        estateId: r.estate_id,
        estateName: r.estate_name,
        kind: r.kind,
        title: r.title,
        status,
        phase: phaseOf(status),
        votingOpensAt: r.voting_opens_at.toISOString(),
        votingClosesAt: r.voting_closes_at.toISOString(),
        local: { timeZone: r.time_zone, votingOpens: localTime(r.voting_opens_at, r.time_zone), votingCloses: localTime(r.voting_closes_at, r.time_zone) },
        noticedAt: r.noticed_at?.toISOString() ?? null,
        closedAt: r.closed_at?.toISOString() ?? null,
        resultsPublished: status === 'published',
        motions: r.motions,
        mayVoteOn: count?.may_vote ?? 0,
        votedOn: count?.voted ?? 0,
        levelEnough: r.opened_at === null ? null : level !== undefined && reaches(level, r.min_assurance ?? 'knowledge'),
      };
    }),
  };
}
