import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { addMotion, createMeeting, publishNotice } from '../src/voting/meetings.ts';
import { requireMeeting } from '../src/voting/meetings-repository.ts';
import { motionInputSchema } from '../src/voting/motion-terms.ts';

const DAY = 24 * 3_600_000;

/**
 * A meeting of `motions` (a title: a yes/no motion; or a motion as an organiser writes it), its notice published 20 days
 * ago and voting due from two days ago to five days ahead: ready to open now
 * (bench:vote and bench:lookup open it, each when it wants the snapshot taken).
 */
export async function noticedBenchMeeting(db: Kysely<DB>, estateId: string, motions: readonly (string | object)[], title = 'bench'): Promise<string> {
  const now = Date.now();
  const noticedAt = new Date(now - 20 * DAY);
  return inTransaction(db, async (trx) => {
    const meeting = await createMeeting(trx, {
      estateId,
      kind: 'regular',
      title,
      votingOpensAt: new Date(now - 2 * DAY),
      votingClosesAt: new Date(now + 5 * DAY),
      actor: 'system:bench',
      now: noticedAt,
    });
    for (const motion of motions) {
      const input = typeof motion === 'string' ? { matter: 'other_major', kind: 'yes_no', title: motion } : motion;
      await addMotion(trx, meeting, motionInputSchema.parse(input), 'system:bench', noticedAt);
    }
    await publishNotice(trx, await requireMeeting(trx, meeting.id), 'system:bench', noticedAt);
    return meeting.id;
  });
}
