import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB, Meeting } from '../db/schema.ts';
import { ownedIn } from '../identity/permissions.ts';
import type { Principal } from '../identity/principal.ts';
import { maskName } from '../lib/mask.ts';
import { localTime } from '../lib/local-time.ts';
import { estateColumns } from '../places/estates-repository.ts';
import { estateSettingsOf } from '../places/estate-settings.ts';
import { ProblemError } from '../problems.ts';
import { announceFinal } from './result-messages.ts';
import { mayBecomeFinal, type ResultStage, stageOf, windowClosesAt } from './objection-stage.ts';
import {
  insertObjection,
  insertWindow,
  lockObjection,
  markFinal,
  objectionCounts,
  objectionsOfMeeting,
  objectionsOfTownship,
  standingBallotOf,
  storeAnswer,
  unansweredCount,
  voterOfMeeting,
  windowOf,
} from './objections-repository.ts';

/**
 * The objection window (询异公示, R7.2). With the estate's `objectionDays` at
 * N > 0, publishing a result opens a window of N days: the result is
 * preliminary; an owner may object to how their own ballot was recorded; the
 * committee (or the organisers who called the meeting) answers each
 * objection in writing. The result becomes final once the window has ended
 * and every objection is answered — at the window's end by the job the
 * reconciler derives from `objection_windows.closes_at` (PostgreSQL, not a
 * Redis timer), or by the last answer when it comes later — and only a final
 * result may be certified. Every step is in the estate's audit chain.
 */

export interface ObjectionWindowView {
  days: number;
  openedAt: string;
  closesAt: string;
  /** closesAt in the estate's time zone, for a sentence. */
  closesAtLocal: string;
  finalAt: string | null;
  stage: ResultStage;
  objections: number;
  unanswered: number;
}

/** Opens the window when the estate sets one; called by publication in its transaction. */
export async function openObjectionWindow(trx: Transaction<DB>, meeting: { id: string; estate_id: string }, now: Date): Promise<{ days: number; closesAt: Date } | null> {
  const { objectionDays } = (await estateSettingsOf(trx, meeting.estate_id)).settings;
  if (objectionDays === 0) return null;
  const closesAt = windowClosesAt(now, objectionDays);
  await insertWindow(trx, { meetingId: meeting.id, estateId: meeting.estate_id, days: objectionDays, openedAt: now, closesAt });
  await appendAudit(
    trx,
    { chain: estateChain(meeting.estate_id), actor: 'system:publication', action: 'objections.window_opened', subject: `meeting:${meeting.id}`, data: { days: objectionDays, closesAt } },
    now,
  );
  return { days: objectionDays, closesAt };
}

/** The window of a published result with its counts; null when it was published without one (final at once). */
export async function objectionWindowOf(db: Kysely<DB>, meeting: Pick<Meeting, 'id' | 'estate_id'>, now: Date): Promise<ObjectionWindowView | null> {
  const [window, counts] = await Promise.all([windowOf(db, meeting.id), objectionCounts(db, meeting.id)]);
  if (!window) return null;
  const { time_zone } = await estateColumns(db, meeting.estate_id, ['time_zone']);
  return {
    days: window.days,
    openedAt: window.opened_at.toISOString(),
    closesAt: window.closes_at.toISOString(),
    closesAtLocal: localTime(window.closes_at, time_zone),
    finalAt: window.final_at?.toISOString() ?? null,
    stage: stageOf({ closesAt: window.closes_at, finalAt: window.final_at, unanswered: counts.unanswered }, now),
    objections: counts.total,
    unanswered: counts.unanswered,
  };
}

/**
 * Marks the result final when it may become so now (the window has ended, nothing is
 * unanswered), and tells owners and subscribers so. Idempotent: the job, a late last answer and
 * certification all call it; only the call that marks it final tells anyone.
 */
export async function finalizeIfDue(trx: Transaction<DB>, meetingId: string, actor: string, now: Date): Promise<'final' | 'finalized now' | ResultStage | 'no window'> {
  const window = await windowOf(trx, meetingId, { lock: true });
  if (!window) return 'no window';
  if (window.final_at !== null) return 'final';
  const facts = { closesAt: window.closes_at, finalAt: null, unanswered: await unansweredCount(trx, meetingId) };
  if (!mayBecomeFinal(facts, now)) return stageOf(facts, now);
  await markFinal(trx, meetingId, now);
  await appendAudit(
    trx,
    { chain: estateChain(window.estate_id), actor, action: 'result.final', subject: `meeting:${meetingId}`, data: { closesAt: window.closes_at, finalAt: now } },
    now,
  );
  // Owners and subscribers hear of it in this same transaction: once, since only this branch marks it final.
  await announceFinal(trx, window, now);
  return 'finalized now';
}

/**
 * Certification's precondition (R7.2): a result the estate put under an objection window is
 * certified only once final. An unpublished result of such an estate has had no window yet.
 */
export async function requireFinalResult(trx: Transaction<DB>, meeting: Meeting, actor: string, now: Date): Promise<void> {
  const outcome = await finalizeIfDue(trx, meeting.id, actor, now);
  if (outcome === 'final' || outcome === 'finalized now') return;
  if (outcome === 'no window') {
    if (meeting.status === 'published') return;
    const { objectionDays } = (await estateSettingsOf(trx, meeting.estate_id)).settings;
    if (objectionDays === 0) return;
    throw new ProblemError(
      'result-not-final',
      `This estate posts results for ${objectionDays} days of objections (询异公示) before they are final: publish the result first; it can be certified once that window has ended and every objection is answered`,
      { stage: 'unpublished', objectionDays },
    );
  }
  const window = (await windowOf(trx, meeting.id))!;
  const unanswered = await unansweredCount(trx, meeting.id);
  throw new ProblemError(
    'result-not-final',
    outcome === 'preliminary'
      ? `The result is preliminary until its objection window ends at ${window.closes_at.toISOString()}; it can be certified after that, once every objection is answered`
      : `The objection window has ended but ${unanswered} objection(s) are unanswered; the committee answers each, then the result is final and can be certified`,
    { stage: outcome, closesAt: window.closes_at.toISOString(), unanswered },
  );
}

export interface ObjectionView {
  id: string;
  meetingId: string;
  motionId: string;
  motionPosition: number;
  motionTitle: string;
  voterId: string;
  ballotId: string | null;
  /** The owner who raised it, masked as in the notice. */
  owner: string;
  /** Raised by the asking owner. */
  mine: boolean;
  text: string;
  createdAt: string;
  answer: { text: string; at: string } | null;
}

/** Raises an owner's objection to how their own ballot on a motion was recorded, during the window. */
export async function raiseObjection(
  trx: Transaction<DB>,
  input: { meeting: Meeting; principal: Principal; motionId: string; voterId: string; text: string; now: Date },
): Promise<{ id: string }> {
  const { meeting, principal, now } = input;
  const window = await windowOf(trx, meeting.id, { lock: true });
  if (!window) {
    throw new ProblemError('objection-window-closed', 'This result was published without an objection window (询异公示): there is nothing to object to here; ask the committee or the township', {});
  }
  if (now.getTime() >= window.closes_at.getTime()) {
    throw new ProblemError('objection-window-closed', `The objection window ended at ${window.closes_at.toISOString()}`, { closesAt: window.closes_at.toISOString() });
  }
  const voter = await voterOfMeeting(trx, meeting.id, input.motionId, input.voterId);
  if (!voter) throw new ProblemError('not-found', 'No such voter on a motion of this meeting');
  const mine = ownedIn(principal, meeting.estate_id);
  const owner = voter.owners.find((o) => mine.includes(o));
  // Only one's own vote: another voter's row is not the owner's to object to.
  if (owner === undefined) throw new ProblemError('forbidden', 'An owner objects only to how their own ballot was recorded');
  const standing = await standingBallotOf(trx, input.motionId, input.voterId);
  const { id } = await insertObjection(trx, {
    meetingId: meeting.id,
    estateId: meeting.estate_id,
    motionId: input.motionId,
    voterId: input.voterId,
    ballotId: standing?.ballot_id ?? null,
    ownerId: owner,
    accountId: principal.subject,
    text: input.text,
    now,
  });
  await appendAudit(
    trx,
    {
      chain: estateChain(meeting.estate_id),
      actor: `account:${principal.subject}`,
      action: 'objection.raised',
      subject: `meeting:${meeting.id}`,
      data: { objectionId: id, motionId: input.motionId, voterId: input.voterId, ballotId: standing?.ballot_id ?? null, text: input.text },
    },
    now,
  );
  return { id };
}

/** The committee's written answer to one objection; the last answer after the window's end makes the result final. */
export async function answerObjection(trx: Transaction<DB>, input: { meeting: Meeting; objectionId: string; answer: string; actor: string; now: Date }): Promise<void> {
  const objection = await lockObjection(trx, input.objectionId);
  if (!objection || objection.meeting_id !== input.meeting.id) throw new ProblemError('not-found', 'No such objection');
  if (objection.answer !== null) throw new ProblemError('conflict', 'This objection has already been answered; an answer is final', { answeredAt: objection.answered_at?.toISOString() });
  await storeAnswer(trx, objection.id, { text: input.answer, by: input.actor, at: input.now });
  await appendAudit(
    trx,
    { chain: estateChain(objection.estate_id), actor: input.actor, action: 'objection.answered', subject: `meeting:${objection.meeting_id}`, data: { objectionId: objection.id, answer: input.answer } },
    input.now,
  );
  await finalizeIfDue(trx, objection.meeting_id, input.actor, input.now);
}

type Row = Awaited<ReturnType<typeof objectionsOfMeeting>>[number];
const viewOf = (r: Row, mine: readonly string[]): ObjectionView => ({
  id: r.id,
  meetingId: r.meeting_id,
  motionId: r.motion_id,
  motionPosition: r.motionPosition,
  motionTitle: r.motionTitle,
  voterId: r.voter_id,
  ballotId: r.ballot_id,
  owner: maskName(r.ownerName, r.ownerKind),
  mine: mine.includes(r.owner_id),
  text: r.text,
  createdAt: r.created_at.toISOString(),
  answer: r.answer !== null && r.answered_at !== null ? { text: r.answer, at: r.answered_at.toISOString() } : null,
});

/** A meeting's objections: all of them for those who answer or oversee; an owner sees only their own. */
export async function objectionsOf(db: Kysely<DB>, meeting: Meeting, principal: Principal, seesAll: boolean): Promise<ObjectionView[]> {
  const mine = ownedIn(principal, meeting.estate_id);
  if (!seesAll && mine.length === 0) return [];
  const rows = await objectionsOfMeeting(db, meeting.id, seesAll ? undefined : mine);
  return rows.map((r) => viewOf(r, mine));
}

/** An objection as the export bundle carries it (docs/bundle.md): the owner masked, no account or owner id. */
export type BundleObjection = {
  id: string;
  motionId: string;
  voterId: string;
  ballotId: string | null;
  owner: string;
  text: string;
  raisedAt: string;
  answer: { text: string; at: string } | null;
};

/** Every objection to a meeting's result with the committee's answer, in the order raised. */
export async function objectionsForBundle(db: Kysely<DB>, meetingId: string): Promise<BundleObjection[]> {
  const rows = await objectionsOfMeeting(db, meetingId);
  return rows.map((r) => {
    const { id, motionId, voterId, ballotId, owner, text, createdAt, answer } = viewOf(r, []);
    return { id, motionId, voterId, ballotId, owner, text, raisedAt: createdAt, answer };
  });
}

export interface TownshipObjectionView extends ObjectionView {
  estateId: string;
  estateName: string;
  meetingTitle: string;
}

/** Every objection in a township's estates, newest first (the township sees objections and answers). */
export async function objectionsInTownship(db: Kysely<DB>, townshipId: string): Promise<TownshipObjectionView[]> {
  const rows = await objectionsOfTownship(db, townshipId, 500);
  return rows.map((r) => ({ ...viewOf(r, []), estateId: r.estate_id, estateName: r.estateName, meetingTitle: r.meetingTitle }));
}
