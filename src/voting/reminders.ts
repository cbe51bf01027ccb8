import type { Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB, Meeting } from '../db/schema.ts';
import { localTime } from '../lib/local-time.ts';
import { estateNameAndTimeZone } from '../places/estates-repository.ts';
import { ProblemError } from '../problems.ts';
import { markReminded, ownersToRemind } from './meetings-repository.ts';
import { notifyOwnersByIds } from '../notifications/outbox.ts';
import { startOfLocalDay } from '../notifications/messages.ts';

/**
 * Reminders to owners yet to vote (R6.2): only owners of voters who have not
 * voted on every motion open to them, less owners who opted out of
 * reminders, never twice in one local day — through the notification outbox
 * (the same sender as every other message to owners), whose deliveries keep
 * the estate's quiet hours and daily SMS ceiling. The automatic reminder goes
 * once per meeting (the job); organisers may also remind voters they choose
 * while canvassing. Both go through sendReminders, so both keep the same rules.
 */
async function sendReminders(
  trx: Transaction<DB>,
  meeting: Pick<Meeting, 'id' | 'estate_id' | 'title' | 'voting_closes_at'>,
  now: Date,
  voterKeys?: readonly string[],
): Promise<number> {
  const estate = await estateNameAndTimeZone(trx, meeting.estate_id);
  const closes = localTime(meeting.voting_closes_at, estate.time_zone);
  const body =
    `【${estate.name}业主大会】您尚未对“${meeting.title}”的全部表决事项投票，` +
    `表决将于 ${closes} 截止，请及时登录投票。`;
  const toRemind = await ownersToRemind(trx, meeting.id, startOfLocalDay(now, estate.time_zone), voterKeys);
  return notifyOwnersByIds(trx, toRemind, {
    estateId: meeting.estate_id,
    topic: 'meeting.reminder',
    kind: 'voting_reminder',
    params: { estate: estate.name, meeting: meeting.title, closes, link: `/meetings/${meeting.id}` },
    subjectId: meeting.id,
    body,
    now,
    // A reminder held back by quiet hours or the ceiling past the close would only confuse.
    expiresAt: meeting.voting_closes_at,
  });
}

/**
 * The meeting's one automatic reminder. Returns how many owners were
 * reminded, or null when the meeting is not to be reminded now (not open,
 * already reminded, or closed). The meeting row is locked by the update until
 * the transaction ends, so two runs at once remind once.
 */
export async function remindOwnersYetToVote(trx: Transaction<DB>, meetingId: string, actor: string, now: Date): Promise<number | null> {
  const meeting = await markReminded(trx, meetingId, now);
  if (!meeting) return null;
  const owners = await sendReminders(trx, { id: meetingId, ...meeting }, now);
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor,
    action: 'meeting.reminded',
    subject: `meeting:${meetingId}`,
    data: { owners },
  }, now);
  return owners;
}

/**
 * A reminder to voters an organiser chose (canvassing), by voter key. Those
 * who have voted on everything by now, opted out, or were reminded today are
 * left out, as by the automatic reminder. Returns how many owners were reminded.
 */
export async function remindChosenVoters(trx: Transaction<DB>, meeting: Meeting, voterKeys: readonly string[], actor: string, now: Date): Promise<number> {
  if (meeting.status !== 'open' || meeting.voting_closes_at <= now) {
    throw new ProblemError('conflict', `Reminders go out while voting is open; this meeting is ${meeting.status}`, { status: meeting.status });
  }
  const owners = await sendReminders(trx, meeting, now, voterKeys);
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor,
    action: 'meeting.reminded',
    subject: `meeting:${meeting.id}`,
    data: { owners, chosenVoters: voterKeys.length },
  }, now);
  return owners;
}
