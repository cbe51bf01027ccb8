import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { closeMeeting } from '../voting/closing.ts';
import { openVoting, requireMeeting } from '../voting/meetings.ts';

/**
 * Deadlines as plain functions of their dependencies: open voting at its
 * instant, close it at its instant. PostgreSQL is the source of truth — each
 * run finds what is due from the meetings table — so they run the same under
 * the in-process runner, under a future BullMQ worker, and in a test, and
 * losing every Redis key loses no deadline (invariant 7).
 */

export interface DeadlineDeps {
  db: Kysely<DB>;
  clock: Clock;
  log: Pick<FastifyBaseLogger, 'info' | 'error'>;
}

const ACTOR = 'system:deadlines';

/** Opens every noticed meeting whose opening instant has come. */
export async function openDueMeetings(deps: DeadlineDeps): Promise<string[]> {
  const now = deps.clock.now();
  const due = await deps.db
    .selectFrom('meetings')
    .select('id')
    .where('status', '=', 'noticed')
    .where('voting_opens_at', '<=', now)
    .orderBy('voting_opens_at')
    .execute();
  const opened: string[] = [];
  for (const { id } of due) {
    try {
      await inTransaction(deps.db, async (trx) => {
        const meeting = await requireMeeting(trx, id, { lock: 'update' });
        // Someone (an organiser, another instance) may have opened or cancelled it meanwhile.
        if (meeting.status !== 'noticed') return;
        await openVoting(trx, meeting, ACTOR, deps.clock.now());
        opened.push(id);
      });
    } catch (err) {
      deps.log.error({ err, meetingId: id }, 'could not open voting');
    }
  }
  if (opened.length > 0) deps.log.info({ meetings: opened }, 'voting opened at its instant');
  return opened;
}

/** Closes and tallies every open meeting whose closing instant has passed. Closing is idempotent. */
export async function closeDueMeetings(deps: DeadlineDeps): Promise<string[]> {
  const now = deps.clock.now();
  const due = await deps.db
    .selectFrom('meetings')
    .select('id')
    .where('status', '=', 'open')
    .where('voting_closes_at', '<=', now)
    .orderBy('voting_closes_at')
    .execute();
  const closed: string[] = [];
  for (const { id } of due) {
    try {
      const outcome = await inTransaction(deps.db, (trx) => closeMeeting(trx, id, ACTOR, deps.clock.now()));
      if (outcome.closedNow) closed.push(id);
    } catch (err) {
      deps.log.error({ err, meetingId: id }, 'could not close voting');
    }
  }
  if (closed.length > 0) deps.log.info({ meetings: closed }, 'voting closed and tallied at its instant');
  return closed;
}

/** One pass over everything due, derived from the database alone. */
export async function reconcile(deps: DeadlineDeps): Promise<{ opened: string[]; closed: string[] }> {
  const opened = await openDueMeetings(deps);
  const closed = await closeDueMeetings(deps);
  return { opened, closed };
}
