import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Unit } from '../../src/tally/index.ts';
import { insertElectorateUnits } from '../../src/voting/electorate-repository.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/**
 * The close of a large meeting reads its snapshot's units in unit id order (records.ts). Opening writes
 * them in that order, whatever order the registry lists them in (by registry number), so the rows lie in
 * the table as the index lists them and the close reads the table front to back, not a random page per unit.
 */
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
}, 60_000);
afterAll(async () => tdb?.drop());

it('the electorate snapshot is written in unit id order, not in the order the units were given', async () => {
  const db = tdb.database.db;
  await sql`insert into townships (code, name) values ('350881001', '街道')`.execute(db);
  const estate = await sql<{ id: string }>`insert into estates (township_id, name) select id, '小区' from townships returning id`.execute(db);
  const meeting = await sql<{ id: string }>`
    insert into meetings (estate_id, kind, title, status, voting_opens_at, voting_closes_at, created_by, noticed_at, opened_at)
    values (${estate.rows[0]!.id}, 'regular', '会议', 'open', '2026-11-01T00:00:00Z', '2026-11-11T00:00:00Z', 'test', '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z')
    returning id`.execute(db);
  const meetingId = meeting.rows[0]!.id;
  // Registry numbers in one order, ids in another (random): as the registry lists them, by registry number.
  const units: Unit[] = Array.from({ length: 300 }, (_, i) => ({
    id: randomUUID(),
    registryNo: `R-${String(i).padStart(4, '0')}`,
    building: `${1 + (i % 7)}栋`,
    room: String(100 + i),
    area: '89.50',
    areaSource: 'registry',
    kind: 'residential',
    developerHeld: false,
    owners: [randomUUID()],
  }));
  const ids = units.map((u) => u.id).sort();
  expect(units.map((u) => u.id)).not.toEqual(ids);
  await db.transaction().execute((trx) => insertElectorateUnits(trx, meetingId, units));
  // ctid: where each row lies in the table.
  const stored = await sql<{ unit_id: string }>`select unit_id::text from electorate_units where meeting_id = ${meetingId} order by ctid`.execute(db);
  expect(stored.rows.map((r) => r.unit_id)).toEqual(ids);
});
