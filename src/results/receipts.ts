import type { Kysely } from 'kysely';
import type { Channel, DB, Meeting } from '../db/schema.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import { ProblemError } from '../problems.ts';
import type { Report } from '../tally/index.ts';
import { type ReceiptContent, receiptOf } from '../receipts/receipt.ts';
import { titledReportOf } from './motion-results-repository.ts';
import { choiceText, requirePublished } from './notice.ts';
import { ballotsOfMeeting, standingBallotOf } from './receipts-repository.ts';

/**
 * Looking up a ballot receipt in a published result: which ballot it was,
 * and whether that version is the one counted (the latest version of the
 * voter's ballot stands; an earlier receipt shows what replaced it).
 * Receipts are derived from the ballot rows, never stored (the vote hot
 * path writes nothing extra); a published meeting never changes, so each
 * meeting's receipts are computed once and remembered by the app
 * (src/caches.ts), for the few meetings last asked about.
 */

interface BallotRef extends ReceiptContent {
  receipt: string;
}

/** Each published meeting's ballots by receipt. */
export type PublishedReceipts = BoundedMap<string, Map<string, BallotRef>>;

export const publishedReceipts = (): PublishedReceipts => new BoundedMap(8);

async function receiptsOf(db: Kysely<DB>, remembered: PublishedReceipts, meetingId: string): Promise<Map<string, BallotRef>> {
  const known = remembered.get(meetingId);
  if (known) return known;
  const rows = await ballotsOfMeeting(db, meetingId);
  const byReceipt = new Map<string, BallotRef>();
  for (const r of rows) {
    const ref = { ballotId: r.id, motionId: r.motion_id, voterId: r.voter_id, version: r.version, choice: r.choice, spoiled: r.spoiled, channel: r.channel, castAt: r.cast_at };
    const receipt = receiptOf(ref);
    byReceipt.set(receipt, { ...ref, receipt });
  }
  remembered.set(meetingId, byReceipt);
  return byReceipt;
}

export interface ReceiptLookup {
  receipt: string;
  motionId: string;
  motionTitle: string;
  voterId: string;
  ballot: { ballotId: string; version: number; channel: Channel; castAt: string; choice: unknown; choiceText: string; spoiled: boolean };
  /** true when this version is the voter's latest, the one counted. */
  counted: boolean;
  /** The version that was counted instead, when a later one replaced this one. */
  countedInstead: { ballotId: string; version: number; channel: Channel; castAt: string; receipt: string } | null;
}

export async function lookUpReceipt(db: Kysely<DB>, remembered: PublishedReceipts, meeting: Meeting, receipt: string): Promise<ReceiptLookup> {
  requirePublished(meeting);
  const receipts = await receiptsOf(db, remembered, meeting.id);
  const found = receipts.get(receipt.toLowerCase());
  if (!found) throw new ProblemError('not-found', 'No ballot of this meeting has this receipt');
  const [current, motion] = await Promise.all([standingBallotOf(db, found.motionId, found.voterId), titledReportOf(db, found.motionId)]);
  const counted = current.ballot_id === found.ballotId;
  const instead = counted ? undefined : [...receipts.values()].find((r) => r.ballotId === current.ballot_id);
  return {
    receipt: found.receipt,
    motionId: found.motionId,
    motionTitle: motion.title,
    voterId: found.voterId,
    ballot: {
      ballotId: found.ballotId,
      version: found.version,
      channel: found.channel,
      castAt: found.castAt.toISOString(),
      choice: found.choice,
      choiceText: choiceText(motion.report as Report, found.choice, found.spoiled),
      spoiled: found.spoiled,
    },
    counted,
    countedInstead: instead
      ? { ballotId: instead.ballotId, version: instead.version, channel: instead.channel, castAt: instead.castAt.toISOString(), receipt: instead.receipt }
      : null,
  };
}
