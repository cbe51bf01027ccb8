import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOutOf, openDatabase } from '../../src/db/database.ts';
import { ballotSeal, recordDigest, sealOf, type MotionResult, unitsDigest } from '../../src/results/evidence.ts';
import { recountRecord } from '../../src/results/recount.ts';
import { streamRecords } from '../../src/results/streamed-records.ts';
import { motionsOf } from '../../src/voting/meetings-repository.ts';
import { copyBinaryColumn, copyLines, tallyRecordsOf } from '../../src/results/records.ts';
import { hasStoredUnitLines, storedUnitLinesCopy, storeUnitLines, unitLinesStatement } from '../../src/voting/electorate-lines-repository.ts';
import { tallySettingsOf, validateEstateSettings } from '../../src/places/estate-settings.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/**
 * Inside a transaction on PostgreSQL the close reads the tally record's units and ballots with
 * COPY … TO STDOUT and parses PostgreSQL's text format itself; elsewhere (exports, PGlite) they
 * are read row by row through pg. The two must give the same record, value for value, and so the
 * same seal — whatever the texts hold: tabs, line breaks, backslashes, \N, quotes, Chinese,
 * characters outside the BMP, empty strings and nulls; paper ballots under either co-owner rule;
 * election choices (arrays), spoiled ballots and JSON null choices.
 */
let tdb: TestDatabase;
let meetingId: string;
const nasty = ['a\tb', 'line\nbreak', 'cr\rhere', 'back\\slash', '\\N', 'quote"d', '\u0001\u0008\u000b\u000c\u007f', '栋\u{1F3E0}', ' lead', 'x\\ty'];

beforeAll(async () => {
  tdb = await createTestDatabase();
  const db = tdb.database.db;
  await sql`insert into townships (code, name) values ('350881001', '街道')`.execute(db);
  const estate = await sql<{ id: string }>`insert into estates (township_id, name) select id, '小区' from townships returning id`.execute(db);
  const meeting = await sql<{ id: string }>`
    insert into meetings (estate_id, kind, title, status, voting_opens_at, voting_closes_at, created_by, noticed_at, opened_at)
    values (${estate.rows[0]!.id}, 'regular', '会议', 'open', '2026-11-01T00:00:00Z', '2026-11-11T00:00:00Z', 'test', '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z')
    returning id`.execute(db);
  meetingId = meeting.rows[0]!.id;
  const motion = await sql<{ id: string }>`
    insert into motions (meeting_id, position, matter, kind, title, terms, total_area_hundredths, total_heads)
    values (${meetingId}, 1, 'other_major', 'election', '选举',
            jsonb_build_object('matter', 'other_major', 'kind', 'election', 'title', '选举', 'text', '', 'scope', jsonb_build_object('kind', 'estate'),
                               'liftInstallation', false, 'documents', '[]'::jsonb, 'seats', 2,
                               'candidates', jsonb_build_array(jsonb_build_object('id', 'c1', 'name', '甲'), jsonb_build_object('id', 'c2', 'name', '乙'))), 0, 0)
    returning id`.execute(db);
  const motionId = motion.rows[0]!.id;
  // Units: every nasty text in every text column, nulls and empty strings where the schema allows them, several owners, a representative.
  for (let i = 0; i < 40; i++) {
    const text = nasty[i % nasty.length]!;
    await sql`
      insert into electorate_units (meeting_id, unit_id, registry_no, building, stair, room, area_hundredths, area_source, kind, developer_held, owners, representative)
      values (${meetingId}, gen_random_uuid(), ${i % 3 === 0 ? '' : `R-${text}`}, ${`${text}栋`}, ${i % 4 === 0 ? null : text}, ${i % 5 === 0 ? '' : text},
              ${[0, 1, 99, 100, 12345, -7][i % 6]!}, ${i % 2 ? 'registry' : text}, ${i % 2 ? 'residential' : text}, ${i % 7 === 0},
              ${i % 9 === 0 ? '{}' : i % 3 === 0 ? `{${crypto.randomUUID()},${crypto.randomUUID()}}` : `{${crypto.randomUUID()}}`}::uuid[],
              ${i % 5 === 1 ? crypto.randomUUID() : null})`.execute(db);
  }
  await sql`
    insert into electorate_voters (motion_id, voter_key, developer, owners, units, area_hundredths, representative)
    select ${motionId}::uuid, unit_id::text, false, owners, array[unit_id], area_hundredths, representative from electorate_units where meeting_id = ${meetingId}`.execute(db);
  const choices = ['["c1"]', '["c1", "c2"]', '[]', `[${JSON.stringify(nasty.join(''))}]`, 'null'];
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`
      insert into ballots (motion_id, voter_id, version, choice, spoiled, channel, owner_id, cast_by, cast_at)
      select v.motion_id, v.id, 1, (${choices}::text[])[1 + n % 5]::jsonb, n % 11 = 0, case when n % 2 = 0 then 'paper' else 'online' end,
             case when n % 2 = 0 then null else v.owners[1] end, gen_random_uuid(), '2026-11-05T01:02:03.456789Z'::timestamptz + n * interval '1 second'
      from (select *, row_number() over (order by id) as n from electorate_voters where motion_id = ${motionId}) v`.execute(trx);
  });
}, 60_000);
afterAll(async () => tdb?.drop());

describe('the tally record read with COPY', () => {
  it.each(['any', 'representative'] as const)('is the record read row by row, and seals the same (co-owner voting %s)', async (coOwnerVoting) => {
    const db = tdb.database.db;
    const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
    const settings = { ...tallySettingsOf(validateEstateSettings({})), coOwnerVoting };
    const byRows = await tallyRecordsOf(db, meeting, () => settings);
    const byCopy = await db.transaction().execute(async (trx) => {
      expect(await copyOutOf(trx)).not.toBeNull();
      return tallyRecordsOf(trx, meeting, () => settings);
    });
    expect(byRows[0]!.record.units).toHaveLength(40);
    expect(byRows[0]!.record.ballots).toHaveLength(40);
    // The nasty texts made it through (a unit's building, a ballot's choice), so the comparison compares something.
    expect(byRows[0]!.record.units.map((u) => u.building)).toEqual(expect.arrayContaining(nasty.map((t) => `${t}栋`)));
    expect(byRows[0]!.record.ballots.some((b) => Array.isArray(b.choice) && b.choice[0] === nasty.join(''))).toBe(true);
    expect(byCopy).toEqual(byRows);
    const result = { outcome: 'x' } as unknown as MotionResult;
    expect(sealOf('m', byCopy[0]!.record, result)).toEqual(sealOf('m', byRows[0]!.record, result));
  });

  it.each(['any', 'representative'] as const)(
    'streamed as canonical JSON lines, seals the same digests as the verifier computes and recounts the same (co-owner voting %s)',
    async (coOwnerVoting) => {
      const db = tdb.database.db;
      const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
      const settings = { ...tallySettingsOf(validateEstateSettings({})), coOwnerVoting };
      const [inMemory] = await tallyRecordsOf(db, meeting, () => settings);
      const motions = await motionsOf(db, meetingId);
      const streamed = await db.transaction().execute(async (trx) => {
        const { seals, recounted } = await streamRecords((await copyOutOf(trx))!, meeting, motions, settings);
        return { seals, recounted: await recounted };
      });
      const record = inMemory!.record;
      expect(streamed.seals).toEqual([
        { motionId: inMemory!.motionId, units: unitsDigest(record.units), ballots: ballotSeal(record.ballots), recordSha256: recordDigest(record) },
      ]);
      expect(streamed.seals[0]!.units.count).toBe(40);
      expect(streamed.seals[0]!.ballots.count).toBe(40);
      // The nasty texts make this record one the engine refuses: the same refusal, word for word.
      expect(streamed.recounted).toEqual([recountRecord(inMemory!)]);
    },
    60_000,
  );

  it('is not used outside a transaction (the connection would not stay ours)', async () => {
    expect(await copyOutOf(tdb.database.db)).toBeNull();
  });

  it('is not used on the embedded PGlite database, even in a process that also has PostgreSQL pools', async () => {
    const embedded = await openDatabase({ url: undefined, embeddedDir: 'memory://' });
    try {
      expect(await embedded.db.transaction().execute((trx) => copyOutOf(trx))).toBeNull();
    } finally {
      await embedded.close();
    }
  }, 60_000);
});

// Last in this file: once stored, a meeting's unit lines stay (append-only), and every later stream reads them.
describe('the units stored as lines when voting opened (electorate_unit_lines)', () => {
  it('are the very lines PostgreSQL writes from the snapshot rows, in chunks of whole lines', async () => {
    const db = tdb.database.db;
    const fromRows = await db.transaction().execute(async (trx) => {
      const parts: Buffer[] = [];
      await copyLines((await copyOutOf(trx))!, unitLinesStatement(meetingId), (lines) => parts.push(Buffer.from(lines)));
      return Buffer.concat(parts);
    });
    expect(await hasStoredUnitLines(db, meetingId)).toBe(false);
    await db.transaction().execute((trx) => storeUnitLines(trx, meetingId));
    expect(await hasStoredUnitLines(db, meetingId)).toBe(true);
    const stored = await db.transaction().execute(async (trx) => {
      const chunks: Uint8Array[] = [];
      await copyBinaryColumn((await copyOutOf(trx))!, storedUnitLinesCopy(meetingId), (lines) => chunks.push(lines));
      return chunks.map((c) => Buffer.from(c));
    });
    expect(stored.length).toBeGreaterThan(0);
    for (const chunk of stored) expect(chunk.at(-1)).toBe(0x0a);
    expect(Buffer.concat(stored).equals(fromRows)).toBe(true);
    // Each line is the unit of the record built in memory, as JSON.stringify writes it.
    const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
    const [inMemory] = await tallyRecordsOf(db, meeting, () => tallySettingsOf(validateEstateSettings({})));
    expect(fromRows.toString('utf8')).toBe(inMemory!.record.units.map((u) => `${JSON.stringify(u)}\n`).join(''));
    // The rows are never rewritten.
    await expect(sql`update electorate_unit_lines set units = units where meeting_id = ${meetingId}`.execute(db)).rejects.toThrow();
  });

  it.each(['any', 'representative'] as const)('are streamed first, and seal and recount the same (co-owner voting %s)', async (coOwnerVoting) => {
    const db = tdb.database.db;
    const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
    const settings = { ...tallySettingsOf(validateEstateSettings({})), coOwnerVoting };
    const [inMemory] = await tallyRecordsOf(db, meeting, () => settings);
    const motions = await motionsOf(db, meetingId);
    const streamed = await db.transaction().execute(async (trx) => {
      const { seals, recounted } = await streamRecords((await copyOutOf(trx))!, meeting, motions, settings);
      return { seals, recounted: await recounted };
    });
    const record = inMemory!.record;
    expect(streamed.seals).toEqual([
      { motionId: inMemory!.motionId, units: unitsDigest(record.units), ballots: ballotSeal(record.ballots), recordSha256: recordDigest(record) },
    ]);
    expect(streamed.recounted).toEqual([recountRecord(inMemory!)]);
  }, 60_000);
});
