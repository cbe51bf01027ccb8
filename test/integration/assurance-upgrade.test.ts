import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createMigrator, migrateToLatest } from '../../src/db/migrator.ts';
import { createTestDatabase } from '../helpers/database.ts';

/**
 * Migration 0015 on a database that already holds bindings and meetings: self-bindings become
 * knowledge, in-person ones in_person; a meeting already open keeps the old rule (knowledge), one
 * not yet open gets the estate's minimum when it opens.
 */
it('migration 0015 gives existing bindings their level and open meetings the old rule', async () => {
  const target = await createTestDatabase({ empty: true });
  const db = target.database.db;
  try {
    expect((await createMigrator(db).migrateTo('0013_ballot_rules')).error).toBeUndefined();
    await sql`insert into townships (id, code, name) values ('00000000-0000-4000-8000-000000000001', '350881200', 't')`.execute(db);
    await sql`insert into estates (id, township_id, name) values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'e')`.execute(db);
    await sql`insert into owners (id, estate_id, kind, name, id_type, id_key, id_tail) values ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 'person', 'n', 'resident_id', decode(repeat('ab', 32), 'hex'), '1234'),
      ('00000000-0000-4000-8000-000000000013', '00000000-0000-4000-8000-000000000002', 'person', 'm', 'resident_id', decode(repeat('cd', 32), 'hex'), '1234')`.execute(db);
    await sql`insert into accounts (id, phone) values ('00000000-0000-4000-8000-000000000004', '13800000000')`.execute(db);
    await sql`insert into owner_bindings (account_id, owner_id, method) values ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000003', 'self')`.execute(db);
    await sql`insert into owner_bindings (account_id, owner_id, method, verified_by, document_type) values ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000013', 'in_person', '00000000-0000-4000-8000-000000000004', 'resident_id')`.execute(db);
    await sql`insert into meetings (estate_id, kind, title, status, voting_opens_at, voting_closes_at, created_by) values
      ('00000000-0000-4000-8000-000000000002', 'regular', 'open one', 'open', now(), now() + interval '1 day', '00000000-0000-4000-8000-000000000004'),
      ('00000000-0000-4000-8000-000000000002', 'regular', 'noticed one', 'noticed', now(), now() + interval '1 day', '00000000-0000-4000-8000-000000000004')`.execute(db);
    await migrateToLatest(db);
    const bindings = await sql<{ method: string; level: string }>`select method, level from owner_bindings order by method`.execute(db);
    expect(bindings.rows).toEqual([{ method: 'in_person', level: 'in_person' }, { method: 'self', level: 'knowledge' }]);
    const meetings = await sql<{ title: string; min_assurance: string | null }>`select title, min_assurance from meetings order by title`.execute(db);
    expect(meetings.rows).toEqual([{ title: 'noticed one', min_assurance: null }, { title: 'open one', min_assurance: 'knowledge' }]);
  } finally {
    await target.drop?.();
  }
});
