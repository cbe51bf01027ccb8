import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/audit/canonical-json.ts';
import { parseRecordLines, parseUnitLines, RepeatedTexts } from '../../../src/results/record-lines.ts';
import { Issues } from '../../../src/tally/issues.ts';
import { checkUnit } from '../../../src/tally/validate-record.ts';

/**
 * The recount thread reads a unit line of the usual shape straight into the fields the index reads, and skips
 * checkUnit for it (parseUnitLines). That is sound only if every line it takes is one checkUnit accepts, and
 * only if what it reads is what JSON.parse reads: held here on units good and bad in every field.
 */
const good = fc.constantFrom('1栋', '2', 'A座', '单元3', 'x', 'R-1', '🏠', 'x'.repeat(128), '栋'.repeat(42));
const bad = fc.constantFrom('', 'a\u0001b', 'tab\there', 'del\u007f', 'x'.repeat(129), '栋'.repeat(43), '"q"', 'back\\slash', 5, null, ['x']);
const id = fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: good });
// A good unit (one or two owners, a representative among them or none), then at most one fault in one field.
const unitArb = fc
  .record({
    area: fc.constantFrom('89.50', '120.01', '7', '0.01', '9999999999.99', '89.5'),
    areaSource: fc.constantFrom('registry', 'surveyed', 'contract'),
    building: good,
    developerHeld: fc.boolean(),
    id,
    kind: fc.constantFrom('residential', 'commercial', 'parking'),
    owners: fc.uniqueArray(id, { minLength: 1, maxLength: 2 }),
    registryNo: fc.option(good, { freq: 2 }),
    representative: fc.boolean(),
    room: fc.option(good, { freq: 2 }),
    stair: fc.option(good, { freq: 2 }),
    fault: fc.option(
      fc.oneof(
        fc.record({ area: fc.constantFrom('0.00', '-1.00', '89.505', '01.5', 'abc', '', '12345678901', 89) }),
        fc.record({ areaSource: fc.constantFrom('guess', 'Registry') }),
        fc.record({ kind: fc.constantFrom('garden', '') }),
        fc.record({ developerHeld: fc.constantFrom('no', 0, null) }),
        fc.record({ owners: fc.constantFrom([], ['a', 'a'], ['a', 'b', 'c'], 'a', [5]) }),
        fc.record({ representative: fc.constantFrom('stranger', 5) }),
        fc.record({ id: bad }),
        fc.record({ building: bad }),
        fc.record({ stair: bad }),
        fc.record({ room: bad }),
        fc.record({ registryNo: bad }),
        fc.record({ colour: fc.constant('red') }),
      ),
      { freq: 2 },
    ),
  })
  .map((u) => {
    const unit: Record<string, unknown> = { area: u.area, areaSource: u.areaSource, building: u.building, developerHeld: u.developerHeld, id: u.id, kind: u.kind, owners: u.owners };
    for (const k of ['registryNo', 'room', 'stair'] as const) if (u[k] !== null) unit[k] = u[k];
    if (u.representative) unit.representative = u.owners[u.owners.length - 1];
    return u.fault === null ? unit : { ...unit, ...u.fault };
  });

/** What UnitReader.add reads of a unit. */
const indexed = (u: Record<string, unknown>) => ({
  id: u.id, owners: u.owners, area: u.area, developerHeld: u.developerHeld, kind: u.kind, building: u.building, stair: u.stair, representative: u.representative,
});

describe('unit lines of the usual shape', () => {
  it('are taken only when checkUnit accepts them, and read as JSON.parse reads them', () => {
    let usualSeen = 0;
    let refusedSeen = 0;
    fc.assert(
      fc.property(fc.array(unitArb, { minLength: 1, maxLength: 6 }), (units) => {
        const lines = Buffer.from(units.map((u) => `${canonicalJson(u)}\n`).join(''));
        const { values, usual } = parseUnitLines(lines, new RepeatedTexts());
        const parsed = parseRecordLines(lines);
        expect(values.length).toBe(parsed.length);
        parsed.forEach((value, k) => {
          const issues = new Issues();
          checkUnit(value, k, issues);
          if (usual[k] === 1) {
            usualSeen++;
            expect(issues.all).toEqual([]);
            expect(indexed(values[k] as Record<string, unknown>)).toEqual(indexed(value as Record<string, unknown>));
          } else {
            if (issues.any) refusedSeen++;
            expect(values[k]).toEqual(value);
          }
        });
      }),
      { numRuns: 1500 },
    );
    // Both sides of the line were walked often.
    expect(usualSeen).toBeGreaterThan(1000);
    expect(refusedSeen).toBeGreaterThan(1000);
  });

  it('are the lines the close stores: a unit as opening writes it is taken', () => {
    const unit = { area: '107.51', areaSource: 'registry', building: '2070栋', developerHeld: false, id: '0000038f-ced3-4bd9-9c20-9bddacd403aa', kind: 'residential', owners: ['429b3d93-66ce-4f88-a257-3da4a1a6cf46'], registryNo: 'R-827929', room: '429', stair: '2单元' };
    const { values, usual } = parseUnitLines(Buffer.from(`${JSON.stringify(unit)}\n`));
    expect([...usual]).toEqual([1]);
    expect(indexed(values[0] as Record<string, unknown>)).toEqual(indexed(unit));
  });
});
