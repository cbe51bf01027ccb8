import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { CanvassStatus, DB, Meeting } from '../db/schema.ts';
import { localTime } from '../lib/local-time.ts';
import { maskName, maskPhone } from '../lib/mask.ts';
import { estateNameAndTimeZone } from '../places/estates-repository.ts';
import { ProblemError } from '../problems.ts';
import {
  accountPhones,
  allNonVoters,
  buildingsOf,
  type CanvassFilter,
  type CanvassRow,
  countNonVoters,
  insertVisit,
  isOwnerInElectorate,
  ownersByIds,
  pageOfNonVoters,
  unitsOfVoters,
  visitsOf,
  voterKeyOf,
  voterKeysOf,
} from './canvass-repository.ts';
import { motionInMeeting } from './meetings-repository.ts';
import { remindChosenVoters } from './reminders.ts';

/**
 * Canvassing (扫楼, issue 16): organisers of an open meeting walk the estate
 * to the voters who have not voted. They see those voters by building,
 * stairwell and floor with names and phones masked (src/lib/mask.ts), record
 * what they found at each door, print walking lists, and call a voter after
 * revealing the one phone they need — every reveal in the audit log.
 */

export const CANVASS_STATUSES = ['visited', 'not_home', 'refused', 'lives_elsewhere', 'paper_ballot', 'needs_help'] as const satisfies readonly CanvassStatus[];

/** A voter's units shown in a row; the developer may hold hundreds, and a row names the first few. */
const UNITS_SHOWN = 10;
/** Owners shown in a row: co-owners are few; the developer's owner list names everyone on its units. */
const OWNERS_SHOWN = 5;

/** Canvassing is for voters who can still vote: the meeting's voting is open. */
function requireOpen(meeting: Meeting, now: Date): void {
  if (meeting.status !== 'open' || meeting.voting_closes_at <= now) {
    throw new ProblemError('conflict', `Canvassing is for a meeting open for voting; this meeting is ${meeting.status}`, { status: meeting.status });
  }
}

export interface CanvassVisitView {
  status: CanvassStatus;
  note: string | null;
  setBy: { accountId: string; phone: string };
  setAt: string;
}

export interface CanvassVoterView {
  voterId: string;
  developer: boolean;
  owners: { id: string; name: string; kind: 'person' | 'organisation'; phone: string | null }[];
  /** All of the voter's units (the first UNITS_SHOWN) as they stood at opening, in walking order. */
  units: { building: string; stair: string | null; room: string }[];
  unitCount: number;
  /** Motions open to the voter, and how many of them it has voted on. */
  motions: number;
  voted: number;
  /** What was last found at the door; null: no visit recorded. */
  latest: CanvassVisitView | null;
  visits: number;
}

const place = (u: { building: string; stair: string | null; room: string }) => ({ building: u.building, stair: u.stair, room: u.room });

/** Rows as the API answers them: names and phones masked, who set a status by the masked phone of their account. */
async function present(db: Kysely<DB>, meetingId: string, rows: CanvassRow[]): Promise<CanvassVoterView[]> {
  const [owners, units, setters] = await Promise.all([
    ownersByIds(db, rows.flatMap((r) => r.owners.slice(0, OWNERS_SHOWN))),
    unitsOfVoters(db, meetingId, rows.map((r) => r.voter_key)),
    accountPhones(db, rows.flatMap((r) => (r.set_by === null ? [] : [r.set_by]))),
  ]);
  const ownerOf = new Map(owners.map((o) => [o.id, o]));
  const unitsOf = new Map<string, { building: string; stair: string | null; room: string }[]>();
  for (const u of units) {
    const list = unitsOf.get(u.voter_key) ?? [];
    list.push(place(u));
    unitsOf.set(u.voter_key, list);
  }
  return rows.map((r) => {
    const all = unitsOf.get(r.voter_key) ?? [place(r)];
    return {
      voterId: r.voter_id,
      developer: r.developer,
      owners: r.owners.slice(0, OWNERS_SHOWN).map((id) => {
        const o = ownerOf.get(id);
        return { id, name: o ? maskName(o.name, o.kind) : '*', kind: o?.kind ?? 'person', phone: o?.phone ? maskPhone(o.phone) : null };
      }),
      units: all.slice(0, UNITS_SHOWN),
      unitCount: all.length,
      motions: r.motions,
      voted: r.voted,
      latest:
        r.status === null || r.set_by === null || r.set_at === null
          ? null
          : { status: r.status, note: r.note, setBy: { accountId: r.set_by, phone: maskPhone(setters.get(r.set_by) ?? '') }, setAt: r.set_at.toISOString() },
      visits: r.visits,
    };
  });
}

/** A page of the open meeting's voters who have not voted, in walking order. */
export async function canvassList(db: Kysely<DB>, meeting: Meeting, filter: CanvassFilter, page: { page: number; pageSize: number }, now: Date) {
  requireOpen(meeting, now);
  await requireMotionOf(db, meeting, filter.motionId);
  const offset = (page.page - 1) * page.pageSize;
  const [rows, buildings] = await Promise.all([pageOfNonVoters(db, meeting.id, filter, { offset, limit: page.pageSize }), buildingsOf(db, meeting.id)]);
  const total = rows.length > 0 ? Number(rows[0]!.total) : offset === 0 ? 0 : await countNonVoters(db, meeting.id, filter);
  return { total, page: page.page, pageSize: page.pageSize, buildings, items: await present(db, meeting.id, rows) };
}

async function requireMotionOf(db: Kysely<DB>, meeting: Meeting, motionId: string | undefined): Promise<void> {
  if (motionId === undefined) return;
  if (!(await motionInMeeting(db, meeting.id, motionId))) throw new ProblemError('not-found', 'No such motion in this meeting');
}

export interface WalkingListRow {
  place: string;
  names: string;
  status: CanvassStatus | null;
}

/**
 * Walking lists (扫楼名单) to print: per building, its non-voters in walking
 * order, each with its unit(s), masked names and last status; headed by the
 * estate, the meeting and the local date of printing. A voter with units in
 * several buildings is listed once, under the building of its first unit.
 */
export async function walkingLists(db: Kysely<DB>, meeting: Meeting, filter: CanvassFilter, now: Date) {
  requireOpen(meeting, now);
  await requireMotionOf(db, meeting, filter.motionId);
  const [estate, rows] = await Promise.all([estateNameAndTimeZone(db, meeting.estate_id), allNonVoters(db, meeting.id, filter)]);
  const [owners, units] = await Promise.all([
    ownersByIds(db, rows.flatMap((r) => r.owners.slice(0, OWNERS_SHOWN))),
    unitsOfVoters(db, meeting.id, rows.map((r) => r.voter_key)),
  ]);
  const ownerOf = new Map(owners.map((o) => [o.id, o]));
  const placesOf = new Map<string, string[]>();
  for (const u of units) {
    const list = placesOf.get(u.voter_key) ?? [];
    if (list.length < UNITS_SHOWN) list.push([u.building, u.stair, u.room].filter((s) => s !== null && s !== '').join(' '));
    placesOf.set(u.voter_key, list);
  }
  const buildings: { building: string; rows: WalkingListRow[] }[] = [];
  for (const r of rows) {
    let group = buildings.at(-1);
    if (group?.building !== r.building) {
      group = { building: r.building, rows: [] };
      buildings.push(group);
    }
    group.rows.push({
      place: (placesOf.get(r.voter_key) ?? [[r.building, r.stair, r.room].filter(Boolean).join(' ')]).join('、'),
      names: r.owners
        .slice(0, OWNERS_SHOWN)
        .map((id) => {
          const o = ownerOf.get(id);
          return o ? maskName(o.name, o.kind) : '*';
        })
        .join('、'),
      status: r.status,
    });
  }
  return {
    estate: estate.name,
    meeting: meeting.title,
    printedAt: localTime(now, estate.time_zone),
    votingCloses: localTime(meeting.voting_closes_at, estate.time_zone),
    total: rows.length,
    buildings,
  };
}

async function requireVoterKey(db: Kysely<DB>, meetingId: string, voterId: string): Promise<string> {
  const key = await voterKeyOf(db, meetingId, voterId);
  if (key === undefined) throw new ProblemError('not-found', 'No such voter in this meeting’s electorate');
  return key;
}

/** Records what was found at a voter's door; the latest visit is the voter's status, earlier ones are kept. */
export async function recordVisit(
  db: Kysely<DB>,
  meeting: Meeting,
  input: { voterId: string; status: CanvassStatus; note: string | null; accountId: string; now: Date },
): Promise<CanvassVisitView> {
  requireOpen(meeting, input.now);
  const voterKey = await requireVoterKey(db, meeting.id, input.voterId);
  const visit = await insertVisit(db, { meetingId: meeting.id, voterKey, status: input.status, note: input.note, setBy: input.accountId, setAt: input.now });
  const phones = await accountPhones(db, [visit.set_by]);
  return { status: visit.status, note: visit.note, setBy: { accountId: visit.set_by, phone: maskPhone(phones.get(visit.set_by) ?? '') }, setAt: visit.set_at.toISOString() };
}

/** A voter's visits, newest first. */
export async function visitHistory(db: Kysely<DB>, meeting: Meeting, voterId: string): Promise<CanvassVisitView[]> {
  const voterKey = await requireVoterKey(db, meeting.id, voterId);
  const visits = await visitsOf(db, meeting.id, voterKey);
  const phones = await accountPhones(db, visits.map((v) => v.set_by));
  return visits.map((v) => ({ status: v.status, note: v.note, setBy: { accountId: v.set_by, phone: maskPhone(phones.get(v.set_by) ?? '') }, setAt: v.set_at.toISOString() }));
}

/**
 * The full registry phone of one owner of the meeting's electorate, for an
 * organiser about to call: shown one at a time, never in a list, and written
 * to the estate's audit log (who, whose, when) in the caller's transaction.
 */
export async function revealPhone(trx: Transaction<DB>, meeting: Meeting, input: { ownerId: string; actor: string; now: Date }) {
  requireOpen(meeting, input.now);
  if (!(await isOwnerInElectorate(trx, meeting.id, input.ownerId))) throw new ProblemError('not-found', 'No such owner in this meeting’s electorate');
  const [owner] = await ownersByIds(trx, [input.ownerId]);
  if (!owner?.phone) throw new ProblemError('not-found', 'This owner has no phone in the registry');
  await appendAudit(
    trx,
    {
      chain: estateChain(meeting.estate_id),
      actor: input.actor,
      action: 'canvass.phone_revealed',
      subject: `owner:${owner.id}`,
      data: { meetingId: meeting.id },
    },
    input.now,
  );
  return { ownerId: owner.id, name: maskName(owner.name, owner.kind), phone: owner.phone };
}

/**
 * A reminder to the voters an organiser chose from the canvass list, by the
 * rules of every reminder (reminders.ts, R6.2). Returns how many were chosen
 * and how many owners were reminded (fewer when some have voted since, opted
 * out, or were reminded today).
 */
export async function remindChosen(trx: Transaction<DB>, meeting: Meeting, input: { voterIds: readonly string[]; actor: string; now: Date }) {
  const keys = await voterKeysOf(trx, meeting.id, input.voterIds);
  const unknown = input.voterIds.filter((id) => !keys.has(id));
  if (unknown.length > 0) throw new ProblemError('not-found', `No such voter in this meeting’s electorate: ${unknown.slice(0, 3).join(', ')}`);
  const voterKeys = [...new Set(keys.values())];
  const reminded = await remindChosenVoters(trx, meeting, voterKeys, input.actor, input.now);
  return { chosen: voterKeys.length, reminded };
}
