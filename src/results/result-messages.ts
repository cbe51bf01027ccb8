import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { estateColumns } from '../places/estates-repository.ts';
import { notifyBodies, notifyOwners } from '../notifications/outbox.ts';
import { requireMeeting } from '../voting/meetings-repository.ts';
import { emitEvent } from '../webhooks/events.ts';
import { outcomesOf } from './motion-results-repository.ts';
import { objectionCounts } from './objections-repository.ts';

/** The owner app's page of a meeting's result: where every message about the result leads. */
export const resultPagePath = (meetingId: string) => `/meetings/${meetingId}/results`;

/**
 * R7.2: the result has just become final — its objection window ended and every objection is
 * answered. Owners are told (inbox, and SMS to their phones, as with every message about the
 * result), the residents' committee too, and the township reads in its inbox that it may now
 * certify; subscribers get `result.final`. Written in the transaction that marked it final, which
 * happens once (finalizeIfDue under the window's lock), so a job retried or run twice tells once.
 */
export async function announceFinal(trx: Transaction<DB>, window: { meeting_id: string; estate_id: string; opened_at: Date; closes_at: Date }, now: Date): Promise<void> {
  const meetingId = window.meeting_id;
  const [meeting, { name: estateName }, outcomes, counts] = await Promise.all([
    requireMeeting(trx, meetingId),
    estateColumns(trx, window.estate_id, ['name']),
    outcomesOf(trx, meetingId),
    objectionCounts(trx, meetingId),
  ]);
  const answered = counts.total > 0 ? `${counts.total}件异议均已答复，` : '无人提出异议，';
  const message = {
    estateId: window.estate_id,
    topic: 'result.final',
    kind: 'result_final' as const,
    params: { estate: estateName, meeting: meeting.title, link: resultPagePath(meetingId) },
    subjectId: meetingId,
    body: `【${estateName}业主大会】“${meeting.title}”的表决结果询异公示期已满，${answered}现为最终结果，请登录查看。`,
    now,
  };
  await notifyBodies(trx, ['residents_committee', 'township'], message);
  await notifyOwners(trx, message);
  await emitEvent(
    trx,
    {
      type: 'result.final',
      estateId: window.estate_id,
      meetingId,
      data: {
        title: meeting.title,
        finalAt: now.toISOString(),
        objectionsOpenedAt: window.opened_at.toISOString(),
        objectionsClosedAt: window.closes_at.toISOString(),
        objections: counts.total,
        motions: outcomes.map((o) => ({ motionId: o.id, outcome: o.outcome })),
      },
    },
    now,
  );
}
