import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { BALLOT_FUNCTIONS } from '../../src/voting/sql/ballot-functions.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/**
 * What a database migrated to the latest migration holds is what the source
 * defines (src/voting/sql/ballot-functions.ts): each function is created
 * again from its source definition in a scratch schema, and the two are
 * compared as PostgreSQL prints them (pg_get_functiondef: arguments, result,
 * language, volatility, settings and body).
 */

let target: TestDatabase;
let db: Kysely<DB>;
beforeAll(async () => {
  target = await createTestDatabase();
  db = target.database.db;
});
afterAll(async () => target?.drop());

class Rollback extends Error {}

describe('the ballot functions of a migrated database', () => {
  it('are the definitions in source', async () => {
    const compared: { name: string; installed: string; source: string }[] = [];
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`create schema source_check`.execute(trx);
        await sql`set local search_path = source_check, public`.execute(trx);
        for (const fn of BALLOT_FUNCTIONS) {
          // Bodies checked as they are created (check_function_bodies is on): SQL bodies parse and name what exists.
          await sql.raw(fn.definition).execute(trx);
          const { rows } = await sql<{ installed: string; source: string }>`
            select pg_get_functiondef(${`public.${fn.signature}`}::regprocedure) as installed,
                   pg_get_functiondef(${`source_check.${fn.signature}`}::regprocedure) as source`.execute(trx);
          compared.push({ name: fn.name, installed: rows[0]!.installed, source: rows[0]!.source.replace(`source_check.${fn.name}(`, `public.${fn.name}(`) });
        }
        throw new Rollback();
      })
      .catch((err) => {
        if (!(err instanceof Rollback)) throw err;
      });
    expect(compared.map((c) => c.name)).toEqual(BALLOT_FUNCTIONS.map((f) => f.name));
    for (const c of compared) expect(c.installed, c.name).toBe(c.source);
  });

  it('hold no other way to cast a ballot: the dead cast_online_ballot and the replaced cast_online_ballots are gone', async () => {
    const { rows } = await sql<{ proname: string }>`
      select proname from pg_proc where pronamespace = 'public'::regnamespace and proname like 'cast%' order by proname`.execute(db);
    expect(rows.map((r) => r.proname)).toEqual(['cast_ballots', 'cast_session_ballots']);
  });

  it('refuse a ballot by the same rule whichever channel asks (ballot_refusal)', async () => {
    const refusal = async (channel: string, speaksFor: string[], owner: string | null, tooWeak = false, minLevel = 'registry_factor') =>
      (
        await sql<{ r: string | null }>`select ballot_refusal(${channel}, 'open', '2026-12-01T00:00:00Z', '2026-11-30T00:00:00Z',
          gen_random_uuid(), gen_random_uuid(), ${speaksFor}::uuid[], ${tooWeak}, ${minLevel}, ${owner}::uuid, 'representative', ${REPRESENTATIVE}::uuid, false, null) as r`.execute(db)
      ).rows[0]!.r;
    const other = '00000000-0000-4000-8000-000000000002';
    expect(await refusal('online', [other], null)).toBe('GJ403 Only the co-owners’ designated representative may cast this vote (R1.4)');
    expect(await refusal('paper', [other], other)).toBe('GJ403 Only the co-owners’ designated representative may sign their paper ballot (R1.4): name them in signedBy');
    expect(await refusal('proxy', [other], other)).toBe('GJ403 Only the co-owners’ designated representative may give a proxy for their shared vote (R1.4)');
    for (const channel of ['online', 'paper', 'proxy']) expect(await refusal(channel, [REPRESENTATIVE], REPRESENTATIVE)).toBeNull();
    // Online, bound only below the meeting's minimum (issue 14): its own code, telling the owner what to do.
    expect(await refusal('online', [], null, true, 'registry_factor')).toMatch(/^GJ43A .*property certificate number/);
    expect(await refusal('online', [], null, true, 'provider_face')).toMatch(/^GJ43A .*face verification/);
    expect(await refusal('online', [], null, true, 'in_person')).toMatch(/^GJ43A .*verified in person/);
    expect(await refusal('online', [], null, false)).toBe('GJ403 You are not a verified owner of this voter');
  });
});

const REPRESENTATIVE = '00000000-0000-4000-8000-000000000001';
