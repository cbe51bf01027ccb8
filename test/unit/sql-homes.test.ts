import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Repositories own the SQL, services own the logic (issue 13.2): a query —
 * a query-builder call or an `sql` template — is written only in a
 * `*-repository.ts` module, in src/db/database.ts (the connection) and
 * src/db/functions.ts (the SQL functions it installs); migrations/ are
 * outside src/. (The last files that held SQL elsewhere, once listed here as
 * not yet moved, now read through repositories too: a new one fails here.)
 */

const SRC = resolve(import.meta.dirname, '../../src');

const HOMES = ['db/database.ts', 'db/functions.ts'];

const QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom|mergeInto|replaceInto)\(|\bsql(<[^`]*>)?`|\bsql\.(raw|ref|id|lit|join)\(/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const isHome = (file: string) => file.endsWith('-repository.ts') || HOMES.includes(file);

describe('SQL in src/', () => {
  it('the check finds a query', () => {
    expect(QUERY.test("await trx.selectFrom('meetings').selectAll()")).toBe(true);
    expect(QUERY.test('await sql`select 1`.execute(db)')).toBe(true);
    expect(QUERY.test('const selected = select(request)')).toBe(false);
  });

  it('is written only in repositories, the connection and the SQL functions', () => {
    const strays = filesUnder(SRC)
      .map((path) => ({ file: relative(SRC, path), text: readFileSync(path, 'utf8') }))
      .filter(({ file, text }) => !isHome(file) && text.split('\n').some((line) => QUERY.test(line)))
      .map(({ file }) => file);
    expect(strays).toEqual([]);
  });

  it('the modules named here exist and hold a query (the list does not outlive them)', () => {
    for (const file of HOMES) expect(QUERY.test(readFileSync(join(SRC, file), 'utf8')), file).toBe(true);
  });
});
