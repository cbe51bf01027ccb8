import { z } from 'zod';
import { MOBILE, normalisePhone } from '../identity/accounts.ts';
import { ASSURANCE_LEVELS } from '../identity/assurance.ts';

/** Schemas shared by several routes. */

export const phoneSchema = z
  .string()
  .max(20)
  .transform(normalisePhone)
  .pipe(z.string().regex(MOBILE, 'expected a mainland mobile number (11 digits starting with 1)'))
  .meta({ example: '13800138000' });

export const uuidParam = (what: string) => z.uuid(`expected ${what} id (UUID)`);

export const bearerSecurity = [{ bearer: [] }];

export const receiptSchema = z
  .object({
    ballotId: z.uuid(),
    motionId: z.uuid(),
    voterId: z.uuid(),
    version: z.number().int().describe('1 for the first ballot, then one more for each change'),
    channel: z.enum(['online', 'paper', 'proxy']),
    castAt: z.iso.datetime(),
    receipt: z.string().describe('SHA-256 of the ballot; find it in the published result'),
    replaced: z.enum(['online', 'paper', 'proxy']).nullable().describe('The channel of the ballot this one replaced'),
  })
  .meta({ id: 'BallotReceipt' });

/** An amount of voting weight: exclusive area (m², exact, two decimals) and heads. */
export const amountSchema = z.object({
  area: z.string().describe('m², exact, two decimals').meta({ example: '2955.64' }),
  heads: z.number().int(),
});

/** Where a unit is and what it counts as: shared by the registry's units and an electorate's voters. */
export const unitFields = {
  id: z.uuid(),
  registryNo: z.string(),
  building: z.string(),
  stair: z.string().nullable(),
  room: z.string(),
  area: z.string(),
};
export const unitKindSchema = z.enum(['residential', 'commercial', 'parking']);

/** How strongly a binding of an account to an owner was established, weakest first (README "Identity assurance"). */
export const assuranceLevelSchema = z.enum(ASSURANCE_LEVELS).meta({ id: 'AssuranceLevel' });

/** A floor of a building, read from room numbers (floor then two digits: src/voting/electorate-lookup.ts, unitPlaceFilters). */
export const floorSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,2}$/, 'expected a floor number, e.g. 12')
  .describe('Rooms numbered floor then two digits: 12 finds 1201…1299');
