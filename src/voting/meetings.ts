import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB, Meeting, MotionRow } from '../db/schema.ts';
import { estateSettingsOf, noticeDaysFor, settingsOfEstate } from '../places/estate-settings.ts';
import { estateNameAndTimeZone, requireEstate } from '../places/estates-repository.ts';
import type { Settings } from '../tally/index.ts';
import { notifyBodies, notifyOwners } from '../notifications/outbox.ts';
import { ProblemError } from '../problems.ts';
import { type AppliedRule, formatArea, formatThreshold, MATTER_TITLES, type Matter, ruleFor, ruleWords, type RuleWordsKind } from '../tally/index.ts';
import { DAY_MS, localTime } from '../lib/local-time.ts';
import { engineMotion, type MotionInput, motionOf, noSuchMotion } from './motion-terms.ts';
import {
  appendMotion,
  deleteMotion,
  insertMeeting,
  meetingsOfEstate,
  motionsOf,
  replaceMotionTerms,
  requireMeeting,
  scopeExists,
  setMeetingStatus,
  turnout,
  updateMeetingTerms,
} from './meetings-repository.ts';
import { takeSnapshot } from './snapshot.ts';
import { emitEvent } from '../webhooks/events.ts';

/**
 * Meetings of the owners' assembly and their motions, through their life:
 * draft → noticed → open → closed → tallied (→ published, with results), or
 * cancelled before voting opens.
 */

export interface RuleView {
  profile: string;
  matter: Matter;
  matterTitle: { item: number; zh: string; en: string };
  test: string;
  quorum: string | null;
  approval: string;
  base: string;
  liftConsent: string | null;
  statute: { zh: string; en: string };
  /** The rule as one plain sentence for owners, written from the same applied rule (src/tally/rule-words.ts). */
  words: { zh: string; en: string };
}

export interface MotionView {
  id: string;
  position: number;
  matter: Matter;
  kind: 'yes_no' | 'options' | 'election';
  title: string;
  text: string;
  options: { id: string; label: string }[] | null;
  candidates: { id: string; name: string }[] | null;
  seats: number | null;
  scope: MotionInput['scope'];
  liftInstallation: boolean;
  documents: MotionInput['documents'];
  rule: RuleView;
  electorate: { area: string; heads: number } | null;
}

export interface MeetingView {
  id: string;
  estateId: string;
  kind: 'regular' | 'temporary';
  title: string;
  description: string | null;
  status: Meeting['status'];
  votingOpensAt: string;
  votingClosesAt: string;
  local: { timeZone: string; votingOpens: string; votingCloses: string };
  noticedAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  motions: MotionView[];
}

export function ruleView(rule: AppliedRule, kind: RuleWordsKind): RuleView {
  return {
    profile: rule.profile,
    matter: rule.matter,
    matterTitle: MATTER_TITLES[rule.matter],
    test: rule.test,
    quorum: rule.quorum ? formatThreshold(rule.quorum) : null,
    approval: formatThreshold(rule.approval),
    base: rule.base,
    liftConsent: rule.liftConsent ? formatThreshold(rule.liftConsent) : null,
    statute: { zh: rule.statute.zh, en: rule.statute.en },
    words: ruleWords(rule, kind),
  };
}

function motionView(row: MotionRow, settings: Settings): MotionView {
  const terms = row.terms as MotionInput;
  const motion = motionOf(row);
  return {
    id: row.id,
    position: row.position,
    matter: terms.matter,
    kind: terms.kind,
    title: terms.title,
    text: terms.text,
    options: terms.options ?? null,
    candidates: terms.candidates ?? null,
    seats: terms.seats ?? null,
    scope: terms.scope,
    liftInstallation: terms.liftInstallation,
    documents: terms.documents,
    rule: ruleView(ruleFor(motion, settings), terms.kind),
    electorate:
      row.total_area_hundredths === null ? null : { area: formatArea(BigInt(row.total_area_hundredths)), heads: row.total_heads ?? 0 },
  };
}

export async function meetingView(db: Kysely<DB>, meeting: Meeting): Promise<MeetingView> {
  const estate = await requireEstate(db, meeting.estate_id);
  const settings = settingsOfEstate(estate).tally;
  const motions = await motionsOf(db, meeting.id);
  return {
    id: meeting.id,
    estateId: meeting.estate_id,
    kind: meeting.kind,
    title: meeting.title,
    description: meeting.description,
    status: meeting.status,
    votingOpensAt: meeting.voting_opens_at.toISOString(),
    votingClosesAt: meeting.voting_closes_at.toISOString(),
    local: {
      timeZone: estate.time_zone,
      votingOpens: localTime(meeting.voting_opens_at, estate.time_zone),
      votingCloses: localTime(meeting.voting_closes_at, estate.time_zone),
    },
    noticedAt: meeting.noticed_at?.toISOString() ?? null,
    openedAt: meeting.opened_at?.toISOString() ?? null,
    closedAt: meeting.closed_at?.toISOString() ?? null,
    motions: motions.map((m) => motionView(m, settings)),
  };
}

/** An estate's latest meetings, newest first, as the API shows them; drafts only to those who may see them (meeting.read_draft). */
/** A page of an estate's meetings as the API shows them (ui.md: tables page on the server), with the number of all. */
export async function listMeetings(
  db: Kysely<DB>,
  estateId: string,
  { drafts, status, page, pageSize }: { drafts: boolean; status?: readonly Meeting['status'][]; page: number; pageSize: number },
): Promise<{ items: MeetingView[]; total: number; page: number; pageSize: number }> {
  const { meetings, total } = await meetingsOfEstate(db, estateId, { drafts, statuses: status, limit: pageSize, offset: (page - 1) * pageSize });
  return { items: await Promise.all(meetings.map((m) => meetingView(db, m))), total, page, pageSize };
}

/** The meeting as it is now, as the API shows it (after a change, to answer with). */
export async function currentMeetingView(db: Kysely<DB>, meetingId: string): Promise<MeetingView> {
  return meetingView(db, await requireMeeting(db, meetingId));
}

/**
 * Runs a change of the meeting on its row locked for update, in the
 * caller's transaction: changes of one meeting go one at a time, each
 * deciding on the status the last one left.
 */
export async function changeMeeting<T>(trx: Transaction<DB>, meetingId: string, change: (meeting: Meeting) => Promise<T>): Promise<T> {
  return change(await requireMeeting(trx, meetingId, { lock: 'update' }));
}

/** Participation so far per motion (area and heads that took part) against its frozen electorate — never how anyone voted. */
export async function meetingTurnout(db: Kysely<DB>, meeting: Meeting) {
  const view = await meetingView(db, meeting);
  const rows = new Map((await turnout(db, meeting.id)).map((r) => [r.motion_id, r]));
  return {
    items: view.motions.map((m) => ({
      motionId: m.id,
      tookPart: { area: formatArea(BigInt(rows.get(m.id)?.area ?? '0')), heads: Number(rows.get(m.id)?.heads ?? 0) },
      electorate: m.electorate,
    })),
  };
}

export async function createMeeting(
  trx: Transaction<DB>,
  input: {
    estateId: string;
    kind: 'regular' | 'temporary';
    title: string;
    description?: string;
    votingOpensAt: Date;
    votingClosesAt: Date;
    actor: string;
    now: Date;
  },
): Promise<Meeting> {
  if (input.votingClosesAt.getTime() <= input.votingOpensAt.getTime()) {
    throw new ProblemError('validation-failed', 'Voting must close after it opens', {
      errors: [{ path: 'body.votingClosesAt', message: 'must be after votingOpensAt' }],
    });
  }
  const meeting = await insertMeeting(trx, {
    estateId: input.estateId,
    kind: input.kind,
    title: input.title,
    description: input.description ?? null,
    votingOpensAt: input.votingOpensAt,
    votingClosesAt: input.votingClosesAt,
    createdBy: input.actor,
  });
  await appendAudit(trx, {
    chain: estateChain(input.estateId),
    actor: input.actor,
    action: 'meeting.created',
    subject: `meeting:${meeting.id}`,
    data: { kind: meeting.kind, title: meeting.title, votingOpensAt: meeting.voting_opens_at, votingClosesAt: meeting.voting_closes_at },
  }, input.now);
  return meeting;
}

/**
 * Changes a draft's own terms (kind, title, description, voting window): the
 * organiser fixes what publishing the notice refused (R4.1, R4.2) before trying
 * again. Once the notice is out the meeting is what owners were told.
 */
export async function changeDraft(
  trx: Transaction<DB>,
  meeting: Meeting,
  change: { kind?: 'regular' | 'temporary'; title?: string; description?: string | null; votingOpensAt?: Date; votingClosesAt?: Date },
  actor: string,
  now: Date,
): Promise<Meeting> {
  requireStatus(meeting, ['draft'], 'change the meeting (it is fixed once the notice is published)');
  const opens = change.votingOpensAt ?? meeting.voting_opens_at;
  const closes = change.votingClosesAt ?? meeting.voting_closes_at;
  if (closes.getTime() <= opens.getTime()) {
    throw new ProblemError('validation-failed', 'Voting must close after it opens', {
      errors: [{ path: 'body.votingClosesAt', message: 'must be after votingOpensAt' }],
    });
  }
  const changed = await updateMeetingTerms(trx, meeting.id, {
    ...(change.kind !== undefined && { kind: change.kind }),
    ...(change.title !== undefined && { title: change.title }),
    ...(change.description !== undefined && { description: change.description }),
    ...(change.votingOpensAt !== undefined && { voting_opens_at: change.votingOpensAt }),
    ...(change.votingClosesAt !== undefined && { voting_closes_at: change.votingClosesAt }),
  });
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor,
    action: 'meeting.changed',
    subject: `meeting:${meeting.id}`,
    data: { kind: changed.kind, title: changed.title, votingOpensAt: changed.voting_opens_at, votingClosesAt: changed.voting_closes_at },
  }, now);
  return changed;
}

function requireStatus(meeting: Meeting, allowed: Meeting['status'][], doing: string) {
  if (!allowed.includes(meeting.status)) {
    throw new ProblemError('conflict', `Cannot ${doing}: the meeting is ${meeting.status}`, { status: meeting.status, reason: 'meeting-status', meetingStatus: meeting.status });
  }
}

/** Adds a motion to a draft meeting; refused once the notice is out (R3.5). */
export async function addMotion(trx: Transaction<DB>, meeting: Meeting, input: MotionInput, actor: string, now: Date): Promise<MotionRow> {
  requireStatus(meeting, ['draft'], 'add a motion (motions are frozen once the notice is published)');
  await requireScopeExists(trx, meeting.estate_id, input.scope);
  // Check the rule resolves (e.g. the estate's overrides) before accepting the motion.
  ruleFor(engineMotion('new', input), (await estateSettingsOf(trx, meeting.estate_id)).tally);
  const row = await appendMotion(trx, meeting.id, {
    matter: input.matter,
    kind: input.kind,
    title: input.title,
    text: input.text,
    terms: input,
    documents: input.documents,
  });
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor,
    action: 'motion.added',
    subject: `motion:${row.id}`,
    data: { meetingId: meeting.id, terms: input },
  }, now);
  return row;
}

/** Rewrites a motion of a draft meeting in its place on the agenda, checked as a new one is (R3.5: frozen once the notice is out). */
export async function changeMotion(trx: Transaction<DB>, meeting: Meeting, motionId: string, input: MotionInput, actor: string, now: Date): Promise<void> {
  requireStatus(meeting, ['draft'], 'change a motion (motions are frozen once the notice is published)');
  await requireScopeExists(trx, meeting.estate_id, input.scope);
  ruleFor(engineMotion(motionId, input), (await estateSettingsOf(trx, meeting.estate_id)).tally);
  const found = await replaceMotionTerms(trx, meeting.id, motionId, {
    matter: input.matter,
    kind: input.kind,
    title: input.title,
    text: input.text,
    terms: input,
    documents: input.documents,
  });
  if (!found) throw noSuchMotion();
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor,
    action: 'motion.changed',
    subject: `motion:${motionId}`,
    data: { meetingId: meeting.id, terms: input },
  }, now);
}

export async function removeMotion(trx: Transaction<DB>, meeting: Meeting, motionId: string, actor: string, now: Date): Promise<void> {
  requireStatus(meeting, ['draft'], 'remove a motion');
  if (!(await deleteMotion(trx, meeting.id, motionId))) throw noSuchMotion();
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor,
    action: 'motion.removed',
    subject: `motion:${motionId}`,
    data: { meetingId: meeting.id },
  }, now);
}

async function requireScopeExists(trx: Kysely<DB>, estateId: string, scope: MotionInput['scope']) {
  if (scope.kind === 'estate') return;
  if (!(await scopeExists(trx, estateId, scope.kind === 'stair' ? { building: scope.building, stair: scope.stair } : { building: scope.building }))) {
    throw new ProblemError('validation-failed', 'The scope names no part of this estate', {
      reason: 'scope-not-in-registry',
      building: scope.building,
      stair: scope.kind === 'stair' ? scope.stair : '',
      errors: [{ path: 'body.scope', message: `no ${scope.kind === 'stair' ? `stairwell unit ${scope.stair} in ` : ''}building ${scope.building} in the registry` }],
    });
  }
}

/**
 * Publishes the notice: the motions freeze (R3.5), voting may open no sooner
 * than the notice period (R4.1) and the window must keep within the estate's
 * bounds (R4.2). The residents' committee and every owner are notified.
 */
export async function publishNotice(trx: Transaction<DB>, meeting: Meeting, actor: string, now: Date): Promise<void> {
  requireStatus(meeting, ['draft'], 'publish the notice');
  const estate = await requireEstate(trx, meeting.estate_id);
  const { settings } = settingsOfEstate(estate);
  const motions = await motionsOf(trx, meeting.id);
  // Each refusal names its reason and figures as extensions, so a console can say it in the staff's words with the service's numbers.
  if (motions.length === 0) throw new ProblemError('conflict', 'A meeting needs at least one motion before its notice', { reason: 'no-motions' });

  const noticeDays = noticeDaysFor(settings, meeting.kind);
  const earliest = new Date(now.getTime() + noticeDays * DAY_MS);
  if (meeting.voting_opens_at.getTime() < earliest.getTime()) {
    throw new ProblemError(
      'conflict',
      `Voting must open at least ${noticeDays} days after the notice (R4.1): no earlier than ${localTime(earliest, estate.time_zone)} (${estate.time_zone})`,
      { reason: 'notice-too-short', noticeDays, earliestOpening: earliest.toISOString(), earliestOpeningLocal: localTime(earliest, estate.time_zone), timeZone: estate.time_zone },
    );
  }
  const window = meeting.voting_closes_at.getTime() - meeting.voting_opens_at.getTime();
  if (window < settings.windowDays.min * DAY_MS || window > settings.windowDays.max * DAY_MS) {
    throw new ProblemError(
      'conflict',
      `The voting window must last from ${settings.windowDays.min} to ${settings.windowDays.max} days (R4.2)`,
      { reason: 'window-out-of-bounds', windowDays: settings.windowDays },
    );
  }

  await setMeetingStatus(trx, meeting.id, { status: 'noticed', noticed_at: now });
  const opens = localTime(meeting.voting_opens_at, estate.time_zone);
  const closes = localTime(meeting.voting_closes_at, estate.time_zone);
  const body =
    `【${estate.name}业主大会】${meeting.title}：表决时间 ${opens} 至 ${closes}。` +
    `表决事项：${motions.map((m, i) => `${i + 1}.${m.title}`).join('；')}。`;
  const message = {
    estateId: meeting.estate_id,
    topic: 'meeting.noticed',
    kind: 'meeting_noticed' as const,
    params: { estate: estate.name, meeting: meeting.title, opens, link: `/meetings/${meeting.id}` },
    subjectId: meeting.id,
    body,
    now,
  };
  await notifyBodies(trx, ['residents_committee'], message);
  await notifyOwners(trx, message);
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor,
    action: 'meeting.noticed',
    subject: `meeting:${meeting.id}`,
    data: { votingOpensAt: meeting.voting_opens_at, votingClosesAt: meeting.voting_closes_at, motions: motions.length },
  }, now);
  await emitEvent(trx, {
    type: 'meeting.noticed',
    estateId: meeting.estate_id,
    meetingId: meeting.id,
    data: { title: meeting.title, kind: meeting.kind, votingOpensAt: meeting.voting_opens_at.toISOString(), votingClosesAt: meeting.voting_closes_at.toISOString(), motions: motions.length },
  }, now);
}

/**
 * Opens voting at or after the opening instant: the electorate of every
 * motion is computed by the tally engine from the registry as it is now,
 * and frozen (R4.6).
 */
export async function openVoting(trx: Transaction<DB>, meeting: Meeting, actor: string, now: Date): Promise<void> {
  requireStatus(meeting, ['noticed'], 'open voting');
  if (now.getTime() < meeting.voting_opens_at.getTime()) {
    throw new ProblemError('conflict', `Voting opens at ${meeting.voting_opens_at.toISOString()}, not before`);
  }
  const totals = await takeSnapshot(trx, meeting);
  // Frozen with the electorate: a change of the estate's setting mid-vote never turns an accepted binding away.
  const minAssurance = (await estateSettingsOf(trx, meeting.estate_id)).settings.minimumAssurance;
  await setMeetingStatus(trx, meeting.id, { status: 'open', opened_at: now, min_assurance: minAssurance });
  const estate = await estateNameAndTimeZone(trx, meeting.estate_id);
  const closes = localTime(meeting.voting_closes_at, estate.time_zone);
  await notifyOwners(trx, {
    estateId: meeting.estate_id,
    topic: 'voting.opened',
    kind: 'voting_opened',
    params: { estate: estate.name, meeting: meeting.title, closes, link: `/meetings/${meeting.id}` },
    subjectId: meeting.id,
    body: `【${estate.name}业主大会】“${meeting.title}”现已开始表决，将于 ${closes} 截止，请登录投票。`,
    now,
  });
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor,
    action: 'meeting.opened',
    subject: `meeting:${meeting.id}`,
    data: { electorate: totals, minAssurance },
  }, now);
  await emitEvent(trx, {
    type: 'voting.opened',
    estateId: meeting.estate_id,
    meetingId: meeting.id,
    data: { votingClosesAt: meeting.voting_closes_at.toISOString(), motions: totals },
  }, now);
}

export async function cancelMeeting(trx: Transaction<DB>, meeting: Meeting, reason: string, actor: string, now: Date): Promise<void> {
  requireStatus(meeting, ['draft', 'noticed'], 'cancel the meeting (only before voting opens)');
  await setMeetingStatus(trx, meeting.id, { status: 'cancelled', cancelled_at: now });
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor,
    action: 'meeting.cancelled',
    subject: `meeting:${meeting.id}`,
    data: { reason },
  }, now);
}

/**
 * A meeting as it stands now, or 404: what a route answers with after a
 * change made in its own transaction (publishing, filing), read afresh.
 */
export async function currentMeeting(db: Kysely<DB>, meetingId: string): Promise<Meeting> {
  return requireMeeting(db, meetingId);
}
