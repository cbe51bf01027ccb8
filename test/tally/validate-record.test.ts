// parseTallyRecord: shape errors name the unit or ballot; the fast per-unit
// and per-ballot checks accept exactly what the zod schemas accept.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BallotSchema, parseTallyRecord, TallyInputError, UnitSchema } from '../../src/tally/index.ts';
import { Issues } from '../../src/tally/issues.ts';
import { checkBallot, checkUnit } from '../../src/tally/validate-record.ts';
import { ballot, flats, record, unit, type BallotInput, type UnitInput } from './helpers.ts';

function refusal(input: unknown): { code: string; path: string; message: string }[] {
  try {
    parseTallyRecord(input);
  } catch (error) {
    if (error instanceof TallyInputError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseTallyRecord', () => {
  it('accepts a minimal record and fills in the default settings', () => {
    const r = parseTallyRecord(record(flats(2), [ballot('u1', 'agree')]));
    expect(r.settings).toEqual({
      profile: 'civil-code-2021', countParking: false, nonVoters: 'excluded', coOwnerVoting: 'any', liftConsentTwoThirds: false, overrides: {},
    });
    expect(r.motion.scope).toEqual({ kind: 'estate' });
  });

  it('refuses other formats and versions', () => {
    expect(refusal({ ...record([], []), version: 2 })[0]!.path).toBe('version');
    expect(refusal({ ...record([], []), format: 'something' })[0]!.path).toBe('format');
    expect(refusal('not an object')[0]!.message).toMatch(/expected object/);
  });

  it('names the unit by id: malformed area, empty owners, unknown field', () => {
    const issues = refusal(record([unit('3-2-1101', '89.505', ['a']), unit('3-2-1102', '89.50', []), { ...unit('3-2-1103', '1.00', ['b']), colour: 'red' } as UnitInput], []));
    expect(issues.map((i) => i.message)).toEqual([
      'unit "3-2-1101": malformed area "89.505" has more than two decimals',
      'unit "3-2-1102": owner list is empty',
      'unit "3-2-1103": colour is not a field of a unit',
    ]);
    expect(issues.map((i) => i.path)).toEqual(['units[0].area', 'units[1].owners', 'units[2].colour']);
  });

  it('names the ballot by id: malformed instant, channel', () => {
    const issues = refusal(record(flats(1), [ballot('u1', 'agree', 0, { id: 'b-7', castAt: '2024-05-02 09:00' }), { ...ballot('u1', 'agree', 1, { id: 'b-8' }), channel: 'fax' } as unknown as BallotInput]));
    expect(issues.map((i) => i.message)).toEqual([
      'ballot "b-7": castAt "2024-05-02 09:00" is not an ISO 8601 instant with seconds and an offset',
      'ballot "b-8": channel must be online, paper or proxy',
    ]);
  });

  it('refuses a looser override with the matter and the floor in the message', () => {
    const issues = refusal(record(flats(1), [], {}, { overrides: { maintenance_fund_raise: { approval: { num: 2, den: 3 } } } }));
    expect(issues[0]).toMatchObject({ code: 'override_looser_than_statute', path: 'settings.overrides.maintenance_fund_raise.approval' });
    expect(issues[0]!.message).toMatch(/maintenance_fund_raise \(筹集建筑物及其附属设施的维修资金/);
    expect(issues[0]!.message).toMatch(/floor ≥ 3\/4/);
  });

  it('refuses unattainable thresholds and unknown matters', () => {
    expect(refusal(record(flats(1), [], {}, { overrides: { rebuild: { approval: { num: 5, den: 4 } } } }))[0]!.message).toMatch(/never be met/);
    expect(refusal(record(flats(1), [], { matter: 'weather' as never }))[0]!.path).toBe('motion.matter');
  });
});

// Generators: a valid unit or ballot with up to three fields replaced by
// anything (valid or not), so both verdicts are common.
const validId = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
const anyId = fc.oneof(validId, fc.constantFrom('', 'a\u0001b', 'x'.repeat(129), 'x'.repeat(128), '楼-1'), fc.constantFrom(5, null, true));
const validArea = fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 1, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`);
const validInstant = fc.date({ min: new Date('1971-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());

function mutated(valid: fc.Arbitrary<Record<string, unknown>>, anything: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(anything);
  return fc
    .tuple(valid, fc.array(fc.tuple(fc.constantFrom(...keys), fc.boolean()), { maxLength: 3 }))
    .chain(([base, changes]) =>
      fc.tuple(...changes.map(([key]) => anything[key]!)).map((values) => {
        const result: Record<string, unknown> = { ...base };
        changes.forEach(([key, remove], i) => {
          if (remove && key !== 'extra') delete result[key];
          else result[key] = values[i];
        });
        return result;
      }),
    );
}

const unitLike = mutated(
  fc.record(
    {
      id: validId, building: validId, area: validArea,
      areaSource: fc.constantFrom('registry', 'surveyed', 'contract'),
      kind: fc.constantFrom('residential', 'commercial', 'parking'),
      developerHeld: fc.boolean(),
      owners: fc.uniqueArray(validId, { minLength: 1, maxLength: 3 }),
    },
  ),
  {
    id: anyId,
    registryNo: anyId,
    building: anyId,
    stair: anyId,
    room: anyId,
    area: fc.oneof(validArea, fc.constantFrom('90', '90.5', '12.345', '-1', '0', '0.00', 'abc', '090', '1e3', '9999999999.99', '10000000000', '', 12, null)),
    areaSource: fc.constantFrom('registry', 'surveyed', 'contract', 'other', 1),
    kind: fc.constantFrom('residential', 'commercial', 'parking', 'garden'),
    developerHeld: fc.constantFrom(true, false, 'yes', 0),
    owners: fc.oneof(fc.array(validId, { maxLength: 4 }), fc.array(anyId, { maxLength: 3 }), fc.constant('o1'), fc.constant(['a', 'a']), fc.array(validId, { minLength: 101, maxLength: 101 })),
    representative: fc.oneof(validId, fc.constant('a'), fc.constant(7)),
    extra: fc.constant(1),
  },
);

const ballotLike = mutated(
  fc.record({ id: validId, unit: validId, choice: fc.oneof(validId, fc.array(validId, { maxLength: 3 })), castAt: validInstant, channel: fc.constantFrom('online', 'paper', 'proxy') }),
  {
    id: anyId,
    unit: anyId,
    choice: fc.oneof(anyId, fc.array(anyId, { maxLength: 3 }), fc.array(validId, { minLength: 100, maxLength: 101 })),
    castAt: fc.oneof(
      validInstant,
      fc.constantFrom('2024-05-02T09:00:00+08:00', '2024-05-02T09:00:00.123456789Z', '2024-02-30T09:00:00Z', '2024-05-02T09:00:00', '2024-05-02T25:00:00Z', '', 5),
    ),
    channel: fc.constantFrom('online', 'paper', 'proxy', 'fax'),
    spoiled: fc.constantFrom(true, false, 'no', undefined),
    castBy: anyId,
    extra: fc.constant(1),
  },
);

function agreement(arb: fc.Arbitrary<Record<string, unknown>>, check: (value: unknown, i: number, issues: Issues) => void, schema: { safeParse: (v: unknown) => { success: boolean } }) {
  const seen = { accepted: 0, refused: 0 };
  fc.assert(
    fc.property(arb, (value) => {
      const issues = new Issues();
      check(value, 0, issues);
      const zod = schema.safeParse(value).success;
      expect(!issues.any, JSON.stringify(value)).toBe(zod);
      seen[zod ? 'accepted' : 'refused']++;
    }),
    { numRuns: 4000 },
  );
  // The comparison means something only if both verdicts occurred often.
  expect(seen.accepted).toBeGreaterThan(400);
  expect(seen.refused).toBeGreaterThan(400);
}

describe('the fast validators agree with the zod schemas', () => {
  it('units', () => agreement(unitLike, checkUnit, UnitSchema));
  it('ballots', () => agreement(ballotLike, checkBallot, BallotSchema));
});
