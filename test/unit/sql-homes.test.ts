import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Repositories own the SQL, services own the logic (issue 13.2): a query —
 * a query-builder call or an `sql` template — is written only in a module
 * whose job is data access. Those are the `<aggregate>-repository.ts`
 * modules, src/db/, the SQL functions kept in source (voting/sql/), and the
 * data-access modules named below, each with what it reads or writes.
 */

const SRC = resolve(import.meta.dirname, '../../src');

const DATA_ACCESS: Readonly<Record<string, string>> = {
  'audit/audit-log.ts': 'the append-only audit chain',
  'identity/access-revocation.ts': 'the one prepared probe every request makes (hot path)',
  'identity/accounts.ts': 'accounts by phone',
  'identity/grants.ts': 'role grants of an account',
  'jobs/due-work.ts': 'the reconciler: due work re-derived from PostgreSQL',
  'notifications/outbox.ts': 'the notifications outbox',
  'notifications/sms.ts': 'the SMS outbox copy of each text sent (login codes blanked)',
  'places/estate-settings.ts': 'the one loader of an estate’s settings',
  'places/townships.ts': 'townships',
  'registry/apply.ts': 'the writer of a registry import plan (COPY)',
  'registry/units.ts': 'the units and owners repository',
  'results/records.ts': 'tally records read by COPY',
  'voting/ballot-batches.ts': 'the batched call of cast_session_ballots (hot path)',
  'voting/electorate-lookup.ts': 'the read model of an electorate search',
  'voting/meeting-places.ts': 'a meeting’s estate and township (cached per app)',
  'voting/motion-terms-store.ts': 'a motion’s frozen terms (cached per app)',
  'webhooks/deliver.ts': 'claiming a delivery attempt and recording its outcome',
  'webhooks/events.ts': 'webhook events and their deliveries',
};

const QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom|mergeInto|replaceInto)\(|\bsql(<[^`]*>)?`|\bsql\.(raw|ref|id|lit|join)\(/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const isHome = (file: string) => file.endsWith('-repository.ts') || file.startsWith('db/') || file.startsWith('voting/sql/') || file in DATA_ACCESS;

describe('SQL in src/', () => {
  it('the check finds a query', () => {
    expect(QUERY.test("await trx.selectFrom('meetings').selectAll()")).toBe(true);
    expect(QUERY.test('await sql`select 1`.execute(db)')).toBe(true);
    expect(QUERY.test('const selected = select(request)')).toBe(false);
  });

  it('is written only in repositories and the data-access modules named here', () => {
    const strays = filesUnder(SRC)
      .map((path) => ({ file: relative(SRC, path), text: readFileSync(path, 'utf8') }))
      .filter(({ file, text }) => !isHome(file) && text.split('\n').some((line) => QUERY.test(line)))
      .map(({ file }) => file);
    expect(strays).toEqual([]);
  });

  it('the modules named here exist and hold a query (the list does not outlive them)', () => {
    for (const file of Object.keys(DATA_ACCESS)) expect(QUERY.test(readFileSync(join(SRC, file), 'utf8')), file).toBe(true);
  });
});
