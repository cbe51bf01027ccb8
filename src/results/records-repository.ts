import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Settings } from '../tally/index.ts';
import { uuidLiteral } from '../voting/electorate-lines-repository.ts';

/**
 * The statements that read a closed meeting's tally records (records.ts, streamed-records.ts): row by
 * row, or as the text of a statement for `COPY (…) TO STDOUT`, where ids are written in as literals
 * (COPY takes no parameters). The caller owns the transaction.
 */

/** The meeting's motions, in order, as the records name them. */
export async function motionsOfRecords(db: Kysely<DB>, meetingId: string) {
  return db.selectFrom('motions').select(['id', 'position', 'title', 'terms']).where('meeting_id', '=', meetingId).orderBy('position').execute();
}

export interface RecordUnitRow {
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
}

// uuid order in PostgreSQL is the order of their lower-case text: sortedById finds the list sorted.
// Every column arrives as text the record uses as it is (the area formatted as formatArea does, the
// owners joined by commas): a million units must not each go through an array parser and a BigInt.
function recordUnitsQuery(meetingId: string, literal: boolean) {
  return sql`
    select unit_id::text as id, registry_no, building, stair, room,
           case when area_hundredths < 0 then '-' else '' end || (abs(area_hundredths) / 100)::text || '.' || lpad((abs(area_hundredths) % 100)::text, 2, '0') as area,
           area_source, kind, developer_held, array_to_string(owners, ',') as owners, representative::text as representative
    from electorate_units where meeting_id = ${literal ? sql.lit(uuidLiteral(meetingId)) : meetingId} order by unit_id`;
}

/** The units of the meeting's electorate snapshot, every column as the record's text, by unit id. */
export async function recordUnitRows(db: Kysely<DB>, meetingId: string): Promise<RecordUnitRow[]> {
  return (await recordUnitsQuery(meetingId, false).execute(db)).rows as RecordUnitRow[];
}

/** recordUnitRows' statement for COPY: its 11 columns in that order. */
export function recordUnitsStatement(db: Kysely<DB>, meetingId: string): string {
  return recordUnitsQuery(meetingId, true).compile(db).sql;
}

/** Every ballot version of the motions, each through one unit of its voter, by motion then id. */
function recordBallotsQuery(db: Kysely<DB>, motionIds: readonly string[], literal: boolean) {
  return db
    .selectFrom('ballots')
    .innerJoin('electorate_voters', 'electorate_voters.id', 'ballots.voter_id')
    .select([
      sql<string>`ballots.motion_id::text`.as('motion_id'),
      sql<string>`ballots.id::text`.as('id'),
      // The choice's JSON text, parsed here: the same value pg's jsonb parser gives.
      sql<string | null>`ballots.choice::text`.as('choice'),
      'ballots.spoiled',
      'ballots.channel',
      sql<string | null>`ballots.owner_id::text`.as('owner_id'),
      // toISOString()'s form, made by the database: parsing 800,000 timestamps into Dates costs seconds.
      // Both truncate to the millisecond (postgres-date did, for the Dates this replaced).
      sql<string>`to_char(ballots.cast_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('cast_at'),
      // One unit is enough for the engine to find the voter; the whole array would be parsed for every ballot.
      sql<string>`electorate_voters.units[1]::text`.as('unit'),
      sql<string | null>`electorate_voters.representative::text`.as('representative'),
    ])
    .where('ballots.motion_id', 'in', literal ? motionIds.map((id) => sql.lit(uuidLiteral(id))) : motionIds)
    .orderBy('ballots.motion_id')
    .orderBy('ballots.id');
}

export async function recordBallotRows(db: Kysely<DB>, motionIds: readonly string[]) {
  return recordBallotsQuery(db, motionIds, false).execute();
}

/** recordBallotRows' statement for COPY: its 9 columns in that order. */
export function recordBallotsStatement(db: Kysely<DB>, motionIds: readonly string[]): string {
  return recordBallotsQuery(db, motionIds, true).compile().sql;
}

// The canonical JSON of a ballot (docs/bundle.md: keys sorted, no whitespace), written by PostgreSQL as one text
// per row — the very text `JSON.stringify` gives for the object recordBallotsOf() builds from the same row (see
// src/voting/electorate-lines-repository.ts for the units, and why to_json() and concat()).
// A choice as choiceOf() parses it, written canonically: a string (jsonb writes it as to_json does), a list
// (its strings written as to_json does), SQL null as null. Any other JSON (a number, an object) is not a
// choice the engine accepts: the recount refuses the record before anything of it is sealed.
const CHOICE_JSON = `case when b.choice is null then 'null' when jsonb_typeof(b.choice) = 'array' then
    '[' || coalesce((select string_agg(case when jsonb_typeof(e) = 'string' then to_json(e #>> '{}')::text else e::text end, ',' order by n)
                     from jsonb_array_elements(b.choice) with ordinality as c(e, n)), '') || ']'
  else b.choice::text end`;

/** COPY's statement for the canonical JSON of every ballot version of one motion, one a row, sorted by id (castBy as recordBallotsOf finds it). */
export function ballotLinesStatement(motionId: string, settings: Settings): string {
  const paperByRepresentative = settings.coOwnerVoting === 'representative';
  const castBy = `coalesce(b.owner_id, case when b.channel = 'paper' and ${paperByRepresentative} then v.representative end)`;
  // Sorted by id before the texts are written (offset 0 keeps the sort inside): sorting the written texts moved
  // twice the bytes (≈ 190 MB for 800,000 ballots, spilled to disk beside the close).
  return `select concat('{"castAt":"', to_char(b.cast_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '"',
      ',"castBy":"' || b.cast_by::text || '"', ',"channel":"', b.channel, '"', case when not b.spoiled then ',"choice":' || ${CHOICE_JSON} end,
      ',"id":"', b.id, '"', case when b.spoiled then ',"spoiled":true' end, ',"unit":', coalesce('"' || b.unit::text || '"', 'null'), '}')
    from (select b.id, b.cast_at, ${castBy} as cast_by, b.channel, b.choice, b.spoiled, v.units[1] as unit
            from ballots b join electorate_voters v on v.id = b.voter_id
           where b.motion_id = '${uuidLiteral(motionId)}' order by b.id offset 0) b`;
}
