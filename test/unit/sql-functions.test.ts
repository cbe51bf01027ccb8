import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { functionDigest } from '../../src/db/functions.ts';
import { BALLOT_FUNCTIONS } from '../../src/voting/sql/ballot-functions.ts';

/**
 * The database functions kept in source (src/voting/sql/ballot-functions.ts)
 * and the migrations that apply them cannot drift: the latest migration that
 * applies a function pins the digest of the definition it applied, and that
 * must be the definition in source. Change a function body, and this fails
 * until a new migration applies it (and pins its digest).
 */

/** Each migration's pinned function versions, in the order they are applied. */
const pinned = Object.entries(migrations).map(([name, m]) => ({
  name,
  applies: (m as { appliesFunctions?: Readonly<Record<string, string>> }).appliesFunctions ?? {},
}));

describe('database functions in source', () => {
  it.each(BALLOT_FUNCTIONS.map((f) => [f.name, f] as const))('%s is applied by the latest migration naming it, at its current definition', (name, fn) => {
    const latest = pinned.filter((m) => name in m.applies).at(-1);
    expect(latest, `no migration applies ${name}: add one that names it in appliesFunctions`).toBeDefined();
    expect(
      latest!.applies[name],
      `${name} changed since migration ${latest!.name} applied it: add a migration that applies it, pinning ${name}: '${functionDigest(fn)}' (see the top of src/voting/sql/ballot-functions.ts)`,
    ).toBe(functionDigest(fn));
  });

  it('each definition creates or replaces the function it names, unqualified, so it lands where the search path says', () => {
    for (const fn of BALLOT_FUNCTIONS) {
      expect(fn.definition).toMatch(new RegExp(`^create or replace function ${fn.name}\\(`));
      expect(fn.signature.startsWith(`${fn.name}(`)).toBe(true);
    }
    expect(new Set(BALLOT_FUNCTIONS.map((f) => f.name)).size).toBe(BALLOT_FUNCTIONS.length);
  });
});
