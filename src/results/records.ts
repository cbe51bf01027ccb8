import { type Kysely, sql } from 'kysely';
import type { DB, Meeting } from '../db/schema.ts';
import { RECORD_FORMAT, RECORD_VERSION, type Settings } from '../tally/index.ts';
import { motionOf } from '../voting/motion-terms.ts';
import { sortedById } from './evidence.ts';

/**
 * A closed meeting's tally records (docs/tally-record.md), rebuilt from what
 * the database keeps for good: the units as they stood when voting opened
 * (electorate_units), every ballot version (ballots, append-only), the
 * motion's frozen terms and the settings the close counted under. Built
 * the same way at close, when they are sealed, and at every export, so the
 * seal can be checked against them.
 */

export interface RecordUnit {
  id: string;
  registryNo?: string;
  building: string;
  stair?: string;
  room?: string;
  area: string;
  areaSource: string;
  kind: string;
  developerHeld: boolean;
  owners: string[];
  representative?: string;
}

export interface RecordBallot {
  id: string;
  unit: string;
  choice?: unknown;
  castAt: string;
  channel: string;
  spoiled?: true;
  castBy?: string;
}

export interface TallyRecordJson {
  format: typeof RECORD_FORMAT;
  version: typeof RECORD_VERSION;
  estate: { id: string };
  meeting: { id: string; opensAt: string; closesAt: string };
  settings: Settings;
  motion: ReturnType<typeof motionOf>;
  units: RecordUnit[];
  ballots: RecordBallot[];
  [key: string]: unknown;
}

export interface MotionRecord {
  motionId: string;
  position: number;
  title: string;
  record: TallyRecordJson;
}

/** The units of the meeting's electorate snapshot in the record's form, sorted by id. */
export async function recordUnitsOf(db: Kysely<DB>, meetingId: string): Promise<RecordUnit[]> {
  // uuid order in PostgreSQL is the order of their lower-case text: sortedById finds the list sorted.
  // Every column arrives as text the record uses as it is (the area formatted as formatArea does, the
  // owners joined by commas): a million units must not each go through an array parser and a BigInt.
  const rows = await sql<{
    id: string;
    registry_no: string;
    building: string;
    stair: string | null;
    room: string;
    area: string;
    area_source: string;
    kind: string;
    developer_held: boolean;
    owners: string;
    representative: string | null;
  }>`
    select unit_id::text as id, registry_no, building, stair, room,
           case when area_hundredths < 0 then '-' else '' end || (abs(area_hundredths) / 100)::text || '.' || lpad((abs(area_hundredths) % 100)::text, 2, '0') as area,
           area_source, kind, developer_held, array_to_string(owners, ',') as owners, representative::text as representative
    from electorate_units where meeting_id = ${meetingId} order by unit_id`.execute(db);
  const units = new Array<RecordUnit>(rows.rows.length);
  for (let i = 0; i < rows.rows.length; i++) {
    const u = rows.rows[i]!;
    // Keys in alphabetical order (the optional ones all sort after owners): the canonical form is then plain JSON.stringify (evidence.ts).
    const unit: RecordUnit = {
      area: u.area,
      areaSource: u.area_source,
      building: u.building,
      developerHeld: u.developer_held,
      id: u.id,
      kind: u.kind,
      owners: u.owners === '' ? [] : u.owners.split(',').sort(),
    };
    if (u.registry_no !== '') unit.registryNo = u.registry_no;
    if (u.representative !== null) unit.representative = u.representative;
    if (u.room !== '') unit.room = u.room;
    if (u.stair !== null) unit.stair = u.stair;
    units[i] = unit;
  }
  return sortedById(units);
}

/** Every ballot version of each of the motions, each through one unit of its voter, sorted by id: one query for all. */
async function recordBallotsOf(db: Kysely<DB>, motionIds: string[], settingsOf: (motionId: string) => Settings): Promise<Map<string, RecordBallot[]>> {
  const byMotion = new Map<string, RecordBallot[]>(motionIds.map((id) => [id, []]));
  if (motionIds.length === 0) return byMotion;
  const rows = await db
    .selectFrom('ballots')
    .innerJoin('electorate_voters', 'electorate_voters.id', 'ballots.voter_id')
    .select([
      'ballots.motion_id',
      'ballots.id',
      'ballots.choice',
      'ballots.spoiled',
      'ballots.channel',
      'ballots.owner_id',
      // toISOString()'s form, made by the database: parsing 800,000 timestamps into Dates costs seconds.
      // Both truncate to the millisecond (postgres-date did, for the Dates this replaced).
      sql<string>`to_char(ballots.cast_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('cast_at'),
      // One unit is enough for the engine to find the voter; the whole array would be parsed for every ballot.
      sql<string>`electorate_voters.units[1]`.as('unit'),
      'electorate_voters.representative',
    ])
    .where('ballots.motion_id', 'in', motionIds)
    .orderBy('ballots.motion_id')
    .orderBy('ballots.id')
    .execute();
  for (const b of rows) {
    const settings = settingsOf(b.motion_id);
    // A paper ballot is the owner's signed form entered by organisers: under
    // coOwnerVoting "representative" it is the representative's.
    const castBy = b.owner_id ?? (b.channel === 'paper' && settings.coOwnerVoting === 'representative' ? b.representative : null);
    // Keys in alphabetical order, set one by one (no spreads: 800,000 ballots).
    const ballot = { castAt: b.cast_at } as RecordBallot;
    if (castBy !== null) ballot.castBy = castBy;
    ballot.channel = b.channel;
    if (!b.spoiled) ballot.choice = b.choice;
    ballot.id = b.id;
    if (b.spoiled) ballot.spoiled = true;
    ballot.unit = b.unit;
    byMotion.get(b.motion_id)!.push(ballot);
  }
  for (const [id, list] of byMotion) byMotion.set(id, sortedById(list));
  return byMotion;
}

/** One tally record per motion of a meeting that has closed; `settingsOf` gives each motion's counting settings. */
export async function tallyRecordsOf(db: Kysely<DB>, meeting: Meeting, settingsOf: (motionId: string) => Settings): Promise<MotionRecord[]> {
  const [motions, units] = await Promise.all([
    db.selectFrom('motions').select(['id', 'position', 'title', 'terms']).where('meeting_id', '=', meeting.id).orderBy('position').execute(),
    recordUnitsOf(db, meeting.id),
  ]);
  const ballots = await recordBallotsOf(db, motions.map((m) => m.id), settingsOf);
  const records: MotionRecord[] = [];
  for (const row of motions) {
    const settings = settingsOf(row.id);
    records.push({
      motionId: row.id,
      position: row.position,
      title: row.title,
      record: {
        format: RECORD_FORMAT,
        version: RECORD_VERSION,
        estate: { id: meeting.estate_id },
        meeting: { id: meeting.id, opensAt: meeting.voting_opens_at.toISOString(), closesAt: meeting.voting_closes_at.toISOString() },
        settings,
        motion: motionOf(row),
        units,
        ballots: ballots.get(row.id)!,
      },
    });
  }
  return records;
}
