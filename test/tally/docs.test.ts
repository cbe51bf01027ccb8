// docs/tally-record.schema.json is what the engine's zod schema generates,
// accepts the documented example and the fixtures, and the example in
// docs/tally-record.md counts to the figures written beside it.

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { MotionSchema, tallyRecordJsonSchema } from '../../src/tally/index.ts';
import { tally } from './helpers.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const schema = JSON.parse(read('docs/tally-record.schema.json')) as Record<string, unknown>;
const doc = read('docs/tally-record.md');
const jsonBlocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
const fullExample = jsonBlocks.find((block) => block.format === 'gongjue.tally-record')!;

describe('docs/tally-record.schema.json', () => {
  it('is exactly the schema generated from the engine (run `npx gongjue schema > docs/tally-record.schema.json`)', () => {
    expect(schema).toEqual(tallyRecordJsonSchema());
  });

  const validate = new Ajv({ allErrors: true }).compile(schema);

  it('accepts the full example of docs/tally-record.md and the valid fixtures', () => {
    expect(validate(fullExample), JSON.stringify(validate.errors)).toBe(true);
    for (const name of ['c1-quorum-boundary.json', 'lift-stair.json']) {
      expect(validate(JSON.parse(read(`test/tally/fixtures/${name}`))), name).toBe(true);
    }
  });

  it('refuses malformed areas, empty owner lists and unknown fields', () => {
    expect(validate(JSON.parse(read('test/tally/fixtures/invalid-shape.json')))).toBe(false);
    const units = fullExample.units as Record<string, unknown>[];
    expect(validate({ ...fullExample, units: [{ ...units[0], area: '89.505' }] })).toBe(false);
    expect(validate({ ...fullExample, units: [{ ...units[0], owners: [] }] })).toBe(false);
    expect(validate({ ...fullExample, units: [{ ...units[0], ownerName: '王五' }] })).toBe(false);
    expect(validate({ ...fullExample, version: 2 })).toBe(false);
  });
});

describe('docs/tally-record.md', () => {
  it('its full example counts to the figures in the table beside it', () => {
    const report = tally(fullExample);
    expect(report.totals).toMatchObject({ TA: '814.25', TH: 6, PA: '754.25', PH: 5, spoiled: { area: '95.25', heads: 1 } });
    expect(report.choices.map((c) => [c.id, c.area, c.heads])).toEqual([
      ['agree', '569.50', 3],
      ['oppose', '89.50', 1],
      ['abstain', '0.00', 0],
    ]);
    expect(report.quorum).toMatchObject({ met: true, area: { needed: '542.84' }, heads: { needed: 4 } });
    expect(report.tests[0]).toMatchObject({ area: { needed: '377.13' }, heads: { needed: 3, margin: 0 } });
    expect(report.verdict.outcome).toBe('passed');
    expect(report.ballots).toMatchObject({ proxyOverridden: 1 });
  });

  it('its motion snippets are valid motions', () => {
    const motions = jsonBlocks.filter((block) => block.format === undefined);
    expect(motions).toHaveLength(3);
    for (const motion of motions) expect(MotionSchema.safeParse(motion).success, JSON.stringify(motion)).toBe(true);
  });
});
