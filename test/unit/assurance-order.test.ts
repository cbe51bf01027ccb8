import { describe, expect, it } from 'vitest';
import { ASSURANCE_LEVELS, reaches } from '../../src/identity/assurance.ts';
import { estateSettingsSchema } from '../../src/places/estate-settings.ts';
import { BALLOT_FUNCTIONS } from '../../src/voting/sql/ballot-functions.ts';

/**
 * The order of identity-assurance levels (issue 14) is written twice, because
 * two languages need it: in TypeScript (src/identity/assurance.ts) and in the
 * SQL that refuses a ballot below the meeting's minimum. They must agree, or a
 * binding the service calls strong enough would be refused at the ballot box
 * (or the reverse).
 */
describe('the order of assurance levels', () => {
  it('is the same in cast_ballots as in assurance.ts, weakest first', () => {
    const sql = BALLOT_FUNCTIONS.map((f) => f.definition).join('\n');
    const orders = [...sql.matchAll(/array_position\(array\[([^\]]+)\]/g)].map((m) => m[1]!.split(',').map((v) => v.trim().replace(/^'|'$/g, '')));
    expect(orders.length).toBeGreaterThan(0);
    for (const order of orders) expect(order).toEqual([...ASSURANCE_LEVELS]);
  });

  it('an estate may require any level, and only those', () => {
    const shape = estateSettingsSchema.shape.minimumAssurance;
    for (const level of ASSURANCE_LEVELS) expect(shape.parse(level)).toBe(level);
    expect(shape.safeParse('password').success).toBe(false);
    expect(shape.parse(undefined)).toBe('registry_factor');
  });

  it('a level reaches itself and every weaker one, never a stronger one', () => {
    for (const [i, level] of ASSURANCE_LEVELS.entries()) {
      for (const [j, minimum] of ASSURANCE_LEVELS.entries()) expect(reaches(level, minimum)).toBe(i >= j);
    }
  });
});
