import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, type ProblemSlug, problemTypeUri } from '../../src/problems.ts';

/**
 * docs/problems.md is the contract clients switch on: every problem type the
 * API can answer must have its row there, with the status it is sent with.
 * A type added to src/problems.ts without its documentation fails here.
 */
const docs = readFileSync(new URL('../../docs/problems.md', import.meta.url), 'utf8');

/** The table rows: `| `urn:gongjue:problem:x` | 404 | when … |`. */
const documented = new Map(
  [...docs.matchAll(/^\|\s*`(urn:gongjue:problem:[a-z-]+)`\s*\|\s*(\d{3})\s*\|\s*(.*?)\s*\|\s*$/gm)].map((m) => [m[1]!, { status: Number(m[2]), when: m[3]! }]),
);

describe('docs/problems.md', () => {
  it.each(Object.keys(PROBLEM_TYPES) as ProblemSlug[])('documents %s with its status and when it is sent', (slug) => {
    const row = documented.get(problemTypeUri(slug));
    expect(row, `docs/problems.md has no row for ${problemTypeUri(slug)}`).toBeDefined();
    expect(row!.status).toBe(PROBLEM_TYPES[slug].status);
    expect(row!.when.length).toBeGreaterThan(10);
  });

  it('documents no type the API does not have', () => {
    const known = new Set((Object.keys(PROBLEM_TYPES) as ProblemSlug[]).map(problemTypeUri));
    expect([...documented.keys()].filter((uri) => !known.has(uri))).toEqual([]);
  });
});
