import type { Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { discrepancyProblem } from './discrepancies.ts';
import { outcomesOf } from './motion-results-repository.ts';
import { lockMeetingToPublish, markPublished } from './publication-repository.ts';
import { notifyBodies, notifyOwners } from '../notifications/outbox.ts';
import { emitEvent } from '../webhooks/events.ts';
import { openObjectionWindow } from './objections.ts';
import { resultPagePath } from './result-messages.ts';

/**
 * Publication of the result notice (公告, R4.7): from here on the notice —
 * totals, verdicts, and each voter's masked choice — is open to the
 * estate's owners, its township and the API clients of its scope. The job
 * system calls this right after tallying; organisers may call it too.
 * Idempotent: a meeting already published is left as it is.
 */
export async function publishMeeting(trx: Transaction<DB>, meetingId: string, actor: string, now: Date): Promise<{ published: boolean }> {
  const meeting = await lockMeetingToPublish(trx, meetingId);
  if (!meeting) throw new ProblemError('not-found', 'No such meeting');
  if (meeting.status === 'published') return { published: false };
  // Its SQL totals and the recount of its sealed record disagreed at close: there is no result to publish.
  if (meeting.status === 'discrepancy') throw await discrepancyProblem(trx, meeting.id, 'publish the result');
  if (meeting.status !== 'tallied') {
    throw new ProblemError('conflict', `Cannot publish the result: the meeting is ${meeting.status}; only a tallied meeting's result can be published`, {
      status: meeting.status,
    });
  }
  await markPublished(trx, meeting.id, now);
  // R7.2: where the estate sets an objection window, the result is posted as preliminary for that many days.
  const window = await openObjectionWindow(trx, meeting, now);
  const outcomes = await outcomesOf(trx, meeting.id);
  const body = window
    ? `【${meeting.estateName}业主大会】${meeting.title}的初步表决结果已公示${window.days}日，请登录查看；如对本人表决意见的记录有异议，请在公示期内在“表决结果”页提出。`
    : `【${meeting.estateName}业主大会】${meeting.title}的表决结果已公告，请登录查看各表决事项的结果及您本人的表决意见。`;
  const message = {
    estateId: meeting.estate_id,
    topic: 'result.published',
    kind: 'results_published' as const,
    // The results page itself, as the final and certified messages link: the owner came to read the result.
    params: { estate: meeting.estateName, meeting: meeting.title, link: resultPagePath(meeting.id) },
    subjectId: meeting.id,
    body,
    now,
  };
  await notifyBodies(trx, ['residents_committee', 'township'], message);
  await notifyOwners(trx, message);
  await emitEvent(trx, {
    type: 'result.published',
    estateId: meeting.estate_id,
    meetingId: meeting.id,
    data: { title: meeting.title, publishedAt: now.toISOString(), objectionsCloseAt: window?.closesAt.toISOString() ?? null, motions: outcomes.map((o) => ({ motionId: o.id, outcome: o.outcome })) },
  }, now);
  await appendAudit(
    trx,
    {
      chain: estateChain(meeting.estate_id),
      actor,
      action: 'meeting.published',
      subject: `meeting:${meeting.id}`,
      data: { publishedAt: now, outcomes: outcomes.map((o) => ({ motionId: o.id, outcome: o.outcome })) },
    },
    now,
  );
  return { published: true };
}
