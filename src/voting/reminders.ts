import type { Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { localTime } from '../lib/local-time.ts';
import { estateNameAndTimeZone } from '../places/estates-repository.ts';
import { markReminded, ownersToRemind } from './meetings-repository.ts';
import { notifyOwnersByIds } from '../notifications/outbox.ts';
import { startOfLocalDay } from '../notifications/messages.ts';

/**
 * Owners who have not yet voted on every motion they may vote on are reminded
 * once, before voting closes — less owners who opted out of reminders, and
 * never twice in one local day — through the notification outbox (the same
 * sender as every other message to owners). Returns how many owners were
 * reminded, or null when the meeting is not to be reminded now (not open,
 * already reminded, or closed). The meeting row is locked by the update until
 * the transaction ends, so two runs at once remind once.
 */
export async function remindOwnersYetToVote(trx: Transaction<DB>, meetingId: string, actor: string, now: Date): Promise<number | null> {
  const meeting = await markReminded(trx, meetingId, now);
  if (!meeting) return null;
  const estate = await estateNameAndTimeZone(trx, meeting.estate_id);
  const body =
    `【${estate.name}业主大会】您尚未对“${meeting.title}”的全部表决事项投票，` +
    `表决将于 ${localTime(meeting.voting_closes_at, estate.time_zone)} 截止，请及时登录投票。`;
  const closes = localTime(meeting.voting_closes_at, estate.time_zone);
  const toRemind = await ownersToRemind(trx, meetingId, startOfLocalDay(now, estate.time_zone));
  const owners = await notifyOwnersByIds(trx, toRemind, {
    estateId: meeting.estate_id,
    topic: 'meeting.reminder',
    kind: 'voting_reminder',
    params: { estate: estate.name, meeting: meeting.title, closes, link: `/meetings/${meetingId}` },
    subjectId: meetingId,
    body,
    now,
    // A reminder held back by quiet hours or the ceiling past the close would only confuse.
    expiresAt: meeting.voting_closes_at,
  });
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor,
    action: 'meeting.reminded',
    subject: `meeting:${meetingId}`,
    data: { owners },
  }, now);
  return owners;
}
