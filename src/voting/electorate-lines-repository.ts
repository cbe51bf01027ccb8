import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The electorate snapshot's units as the tally record writes them: each unit's canonical JSON (docs/bundle.md:
 * keys sorted, no whitespace), one line each, in unit id order. PostgreSQL writes them from the electorate_units
 * rows — when voting opens a large meeting, into electorate_unit_lines (migration 0024), and at the close of a
 * meeting opened without them — and the close of a large meeting streams them, hashed into its seals and
 * recounted by the engine (src/results/streamed-records.ts).
 */

// The canonical JSON of a unit, written by PostgreSQL as one text per row — the very text `JSON.stringify` gives
// for the object recordUnit() (src/results/records.ts) builds from the same row: to_json() of a text escapes
// exactly as JSON.stringify does (", \, \b \f \n \r \t, other controls as \u00xx, nothing else), uuids need no
// escaping, and owners are uuids, so their order by text is their order as JavaScript sorts them.
// test/integration/tally-record-copy.test.ts holds the two to the same seal over nasty texts.
// One concat() a row: concat() writes each part once (and skips nulls: the fields a unit may lack), where a
// chain of || copies the growing text at every step (11.9 s against 7.2 s for a million units, at load 6).
const OWNERS_JSON = `case cardinality(owners) when 0 then '[]' when 1 then '["' || owners[1]::text || '"]'
  else '["' || array_to_string(array(select o::text from unnest(owners) o order by o), '","') || '"]' end`;
const UNIT_JSON = `concat('{"area":"', case when area_hundredths < 0 then '-' end, abs(area_hundredths) / 100, '.', lpad((abs(area_hundredths) % 100)::text, 2, '0'),
  '","areaSource":', to_json(area_source), ',"building":', to_json(building), ',"developerHeld":', case when developer_held then 'true' else 'false' end,
  ',"id":"', unit_id, '","kind":', to_json(kind), ',"owners":', ${OWNERS_JSON},
  case when registry_no <> '' then ',"registryNo":' || to_json(registry_no)::text end,
  case when representative is not null then ',"representative":"' || representative::text || '"' end,
  case when room <> '' then ',"room":' || to_json(room)::text end,
  case when stair is not null then ',"stair":' || to_json(stair)::text end, '}')`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** COPY takes no parameters: the ids it selects by are written into its text, and so must be uuids. */
export function uuidLiteral(id: string): string {
  if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return id;
}

/** COPY's statement for the canonical JSON of the meeting's units, one a row, sorted by id. */
export function unitLinesStatement(meetingId: string): string {
  return `select ${UNIT_JSON} from electorate_units where meeting_id = '${uuidLiteral(meetingId)}' order by unit_id`;
}

/** Units to a row of electorate_unit_lines: ≈ 1 MB of lines, what the close hands its recount thread at a time. */
const UNITS_PER_CHUNK = 4096;

/**
 * Writes the meeting's unit lines (from its electorate_units rows, which must be written already) into
 * electorate_unit_lines: each row the lines of UNITS_PER_CHUNK units in id order, each line ending in a line break.
 */
export async function storeUnitLines(trx: Kysely<DB>, meetingId: string): Promise<void> {
  await sql`
    insert into electorate_unit_lines (meeting_id, chunk, units, lines)
    select ${meetingId}::uuid, chunk, count(*), convert_to(string_agg(line, E'\n' order by unit_id) || E'\n', 'UTF8')
    from (select unit_id, ${sql.raw(UNIT_JSON)} as line, (row_number() over (order by unit_id) - 1) / ${UNITS_PER_CHUNK} as chunk
          from electorate_units where meeting_id = ${meetingId}) as u
    group by chunk`.execute(trx);
}

/** Whether the meeting's unit lines were written when it opened (meetings opened before migration 0024, and small ones, have none). */
export async function hasStoredUnitLines(db: Kysely<DB>, meetingId: string): Promise<boolean> {
  const row = await db.selectFrom('electorate_unit_lines').select('chunk').where('meeting_id', '=', meetingId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** `COPY … TO STDOUT (format binary)` of the meeting's stored unit lines, one chunk a row, in order. */
export function storedUnitLinesCopy(meetingId: string): string {
  return `copy (select lines from electorate_unit_lines where meeting_id = '${uuidLiteral(meetingId)}' order by chunk) to stdout (format binary)`;
}
