import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Routes validate, ask requireAccess, call one service and shape the answer
 * (issue 13.2, ../shared/architecture.md): no SQL in src/routes/ — neither a
 * query-builder call nor an `sql` template — no audit record written there,
 * no record loaded and authorized by hand (requireAccess does it), and no
 * request body cast (the zod type provider infers it from the schema).
 */

const ROUTES = resolve(import.meta.dirname, '../../src/routes');


const SQL = /\.(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom|mergeInto|replaceInto)\(|\.execute(TakeFirst(OrThrow)?)?\(|\bsql(<[^`]*>)?`|\bsql\.(raw|ref|id|lit|join)\(/;
const AUDIT = /\bappendAudit\(/;
/** Loading a record and authorizing on it is requireAccess's (src/identity/access.ts); a route does not do it by hand. */
const BY_HAND = /\b(authorize|requireEstate|findEstate|findTownship)\(/;
/** A route calls a service; the repositories are the services' (docs/architecture.md). */
const REPOSITORY_IMPORT = /from\s+['"][^'"]*-repository\.ts['"]/;
const CAST = /\brequest\.(body|query|params|headers)\s+as\b|\bas unknown as\b/;

const routeFiles = () =>
  readdirSync(ROUTES)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ name, text: readFileSync(join(ROUTES, name), 'utf8') }));

const offending = (pattern: RegExp) => routeFiles().flatMap(({ name, text }) => text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${name}:${i + 1}: ${line.trim()}`] : [])));

describe('the route files', () => {
  it('the checks find what they look for', () => {
    expect(SQL.test("await db.selectFrom('meetings').selectAll()")).toBe(true);
    expect(SQL.test('await query.executeTakeFirst()')).toBe(true);
    expect(SQL.test('sql<{ n: string }>`select 1`')).toBe(true);
    expect(SQL.test('const selected = select(request)')).toBe(false);
    expect(AUDIT.test('await appendAudit(trx, {')).toBe(true);
    expect(CAST.test('const body = request.body as { reasons: string };')).toBe(true);
    expect(REPOSITORY_IMPORT.test("import { requireMeeting } from '../voting/meetings-repository.ts';")).toBe(true);
    expect(REPOSITORY_IMPORT.test("import { currentMeeting } from '../voting/meetings.ts';")).toBe(false);
    expect(CAST.test("return { algorithm: 'Ed25519' as const }")).toBe(false);
    expect(BY_HAND.test("authorize(request.user, 'estate.read', target);")).toBe(true);
    expect(BY_HAND.test('await requireAccess(db, { principal, action, estate: id });')).toBe(false);
  });

  it('hold no query-builder call and no sql template', () => {
    expect(offending(SQL)).toEqual([]);
  });

  it('write no audit record', () => {
    expect(offending(AUDIT)).toEqual([]);
  });

  it('load and authorize only through requireAccess', () => {
    expect(offending(BY_HAND)).toEqual([]);
  });

  it('import no repository (they call a service)', () => {
    expect(offending(REPOSITORY_IMPORT)).toEqual([]);
  });

  it('cast no request part', () => {
    expect(offending(CAST)).toEqual([]);
  });

  it('are all read', () => {
    expect(routeFiles().map((f) => f.name)).toEqual(readdirSync(ROUTES).filter((name) => name.endsWith('.ts')));
    expect(routeFiles().length).toBeGreaterThan(5);
  });
});
