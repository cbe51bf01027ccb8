import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { advanceConfirmation, anyMeetingToConfirm, unconfirmedBallots, type UnconfirmedBallots } from './ballot-confirmations-repository.ts';
import { notifyActingAccount } from './outbox.ts';

/**
 * The SMS confirmation of a vote (issue 15): "your 3 votes were recorded",
 * with the receipt's link, once an owner's burst of online ballots on a
 * meeting has settled — no further online ballot from that account on that
 * meeting for the settle time — so voting on ten motions is one message, not
 * ten, and a later change is one more. Casting writes nothing for it: this
 * runs as a job beside the hot path, reads what casting left in `ballots`,
 * and records how far it confirmed in `ballot_confirmations`. Paper and
 * proxy ballots are entered by staff and are not confirmed here.
 */

/**
 * How long after a meeting closes its last bursts are still confirmed: a
 * burst that ends at the close settles after it, and a worker that was down
 * catches up within it; later, the published results say more than a
 * confirmation would.
 */
export const CONFIRMATION_WINDOW_MS = 3_600_000;

export interface ConfirmationPass {
  /** Deliveries queued by this pass, to send now. */
  deliveryIds: string[];
  /** When to look again: a burst settles, or (meetings open) new ballots may come; null: nothing left to confirm. */
  nextAt: Date | null;
}

export function ballotsRecordedMessage(b: UnconfirmedBallots, now: Date) {
  const params = { estate: b.estateName, meeting: b.meetingTitle, count: String(b.recorded), link: `/meetings/${b.meetingId}/receipt` };
  return {
    estateId: b.estateId,
    topic: 'ballots.recorded',
    kind: 'ballots_recorded' as const,
    params,
    subjectId: b.meetingId,
    // The inbox shows the link beside the text: the words alone here.
    body: `【${b.estateName}业主大会】“${b.meetingTitle}”：您的${b.recorded}项表决已记录。投票截止前可以修改，以最后一次为准。`,
    now,
  };
}

export async function confirmSettledBallots(db: Kysely<DB>, now: Date, settleMs: number): Promise<ConfirmationPass> {
  if (!(await anyMeetingToConfirm(db, now, CONFIRMATION_WINDOW_MS))) return { deliveryIds: [], nextAt: null };
  const found = await unconfirmedBallots(db, now, { settleMs, windowMs: CONFIRMATION_WINDOW_MS });
  const deliveryIds: string[] = [];
  let nextAt = new Date(now.getTime() + settleMs);
  for (const burst of found) {
    if (!burst.settled) {
      const settlesAt = new Date(new Date(burst.lastCastAt).getTime() + settleMs);
      if (settlesAt < nextAt) nextAt = settlesAt;
      continue;
    }
    const id = await inTransaction(db, async (trx) => {
      const mine = await advanceConfirmation(trx, { accountId: burst.accountId, meetingId: burst.meetingId, seen: burst.confirmedThrough, through: burst.lastCastAt, now });
      if (!mine || burst.ownerId === null) return null;
      return notifyActingAccount(trx, { ownerId: burst.ownerId, accountId: burst.accountId, message: ballotsRecordedMessage(burst, now) });
    });
    if (id !== null) deliveryIds.push(id);
  }
  return { deliveryIds, nextAt };
}
