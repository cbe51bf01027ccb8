import type { Transaction } from 'kysely';
import type { DB, Meeting } from '../../src/db/schema.ts';
import { inLongTransaction, inTransaction } from '../../src/db/transaction.ts';
import { closeMeeting } from '../../src/results/closing.ts';
import { publishMeeting } from '../../src/results/publication.ts';
import { addMotion, createMeeting, openVoting, publishNotice } from '../../src/voting/meetings.ts';
import { requireMeeting } from '../../src/voting/meetings-repository.ts';
import { motionInputSchema } from '../../src/voting/motion-terms.ts';
import { bearer, type TestApp } from '../helpers/app.ts';
import { type MeetingPlan, type NoticedOptions, noticedPlan, openPlan } from '../helpers/meeting-plans.ts';
import { actorFor } from './who.ts';

/**
 * Meetings taken through their states by the meeting services, at the app
 * clock's instant, by the holder of a token (an organiser or committee
 * member): a draft with motions, its notice published, voting open with the
 * electorate snapshot that `openVoting` takes. voting-flow.test.ts drives
 * the same steps through the routes.
 */

/**
 * One step on the meeting in the transaction the route opens (the long limits: opening takes the snapshot),
 * the meeting locked as the route locks it; then the job system looks for due work, as after the route.
 */
async function step(t: TestApp, meetingId: string, run: (trx: Transaction<DB>, meeting: Meeting) => Promise<unknown>): Promise<void> {
  await inLongTransaction(t.testDatabase.database.db, t.app.config.databaseLongStatementMs, async (trx) =>
    run(trx, await requireMeeting(trx, meetingId, { lock: 'update' })),
  );
  t.app.jobs.kick();
}

/** A draft regular meeting of the estate as planned (motions as an organiser writes them); returns its id. */
export async function draftMeeting(t: TestApp, token: string, estateId: string, plan: MeetingPlan): Promise<string> {
  const actor = actorFor(t, token);
  const now = () => t.app.clock.now();
  const { motions, ...meetingInput } = plan;
  const meeting = await inTransaction(t.testDatabase.database.db, (trx) => createMeeting(trx, { estateId, kind: 'regular', ...meetingInput, actor, now: now() }));
  for (const motion of motions) await step(t, meeting.id, (trx, m) => addMotion(trx, m, motionInputSchema.parse(motion), actor, now()));
  return meeting.id;
}

export const publishNoticeOf = (t: TestApp, token: string, meetingId: string) =>
  step(t, meetingId, (trx, m) => publishNotice(trx, m, actorFor(t, token), t.app.clock.now()));

export const openVotingOf = (t: TestApp, token: string, meetingId: string) =>
  step(t, meetingId, (trx, m) => openVoting(trx, m, actorFor(t, token), t.app.clock.now()));

/**
 * An estate meeting taken to "open" with the given motions, on a manual clock
 * (test/helpers/meeting-plans.ts: openPlan; the clock is left at the opening).
 * Returns ids and the organiser's headers.
 */
export async function openMeeting(t: TestApp, clock: { set(at: Date): void }, start: Date, organiserToken: string, estateId: string, motions: object[]) {
  const plan = openPlan(start, motions);
  const meetingId = await draftMeeting(t, organiserToken, estateId, plan);
  clock.set(start);
  await publishNoticeOf(t, organiserToken, meetingId);
  clock.set(plan.votingOpensAt);
  await openVotingOf(t, organiserToken, meetingId);
  const motionRows = await t.testDatabase.database.db.selectFrom('motions').select('id').where('meeting_id', '=', meetingId).orderBy('position').execute();
  return { meetingId, motionIds: motionRows.map((m) => m.id), closesAt: plan.votingClosesAt, headers: bearer(organiserToken) };
}

/** A meeting with one yes/no motion whose notice is published now (test/helpers/meeting-plans.ts: noticedPlan). */
export async function noticedMeeting(t: TestApp, clock: { now(): Date }, organiserToken: string, estateId: string, options: NoticedOptions = {}): Promise<string> {
  const id = await draftMeeting(t, organiserToken, estateId, noticedPlan(clock.now(), options));
  await publishNoticeOf(t, organiserToken, id);
  return id;
}

const DAY_MS = 24 * 3_600_000;

/**
 * A meeting of one yes/no motion, open now and closing at `closesAt` (real time: the servers and
 * workers of the job tests run on the system clock); the app's running clock is set back to now.
 */
export async function meetingClosingAt(t: TestApp, clock: { set(at: Date): void }, organiserToken: string, estateId: string, closesAt: number, title: string): Promise<string> {
  const { meetingId } = await openMeeting(t, clock, new Date(closesAt - 30 * DAY_MS), organiserToken, estateId, [{ matter: 'other_major', kind: 'yes_no', title }]);
  clock.set(new Date());
  return meetingId;
}

/** An open meeting closed at its closing time and its results published, by the services the routes call (the clock is left at the close). */
export async function closeAndPublish(t: TestApp, clock: { set(at: Date): void }, organiserToken: string, meetingId: string, closesAt: Date): Promise<void> {
  clock.set(closesAt);
  const db = t.testDatabase.database.db;
  await inLongTransaction(db, t.app.config.databaseLongStatementMs, (trx) => closeMeeting(trx, meetingId, actorFor(t, organiserToken), closesAt));
  await inTransaction(db, (trx) => publishMeeting(trx, meetingId, actorFor(t, organiserToken), closesAt));
  t.app.jobs.kick();
}
