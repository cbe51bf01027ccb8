import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegistryCsv } from '../../../src/registry/parse-csv.ts';
import { parseRegistryJson } from '../../../src/registry/parse-json.ts';
import type { ParseResult, ParsedUnit } from '../../../src/registry/types.ts';

const sample = (name: string) => fs.readFileSync(new URL(`../../../docs/samples/${name}`, import.meta.url), 'utf8');

function unitsOf(result: ParseResult): ParsedUnit[] {
  expect(result.ok ? [] : result.errors).toEqual([]);
  return result.ok ? result.units : [];
}

describe('the sample files in docs/samples', () => {
  const fromCsv = () => unitsOf(parseRegistryCsv(sample('registry-sample.csv')));
  const fromJson = () => unitsOf(parseRegistryJson(JSON.parse(sample('registry-sample.json'))));

  it('parse without errors and describe the same estate', () => {
    const csvUnits = fromCsv();
    expect(csvUnits.length).toBeGreaterThanOrEqual(12);
    expect(fromJson().map(({ line: _line, ...u }) => u)).toEqual(csvUnits.map(({ line: _line, ...u }) => u));
  });

  it('show what the documentation promises: co-owners, a multi-unit owner, the developer, a shop and parking', () => {
    const units = fromCsv();
    expect(units.some((u) => u.owners.length >= 3)).toBe(true);
    const unitsPerOwner = new Map<string, number>();
    for (const u of units) for (const o of u.owners) unitsPerOwner.set(o.idNumber, (unitsPerOwner.get(o.idNumber) ?? 0) + 1);
    expect([...unitsPerOwner.values()].some((n) => n >= 3)).toBe(true);
    expect(units.filter((u) => u.developerHeld).every((u) => u.owners[0]?.idType === 'uscc')).toBe(true);
    expect(new Set(units.map((u) => u.kind))).toEqual(new Set(['residential', 'commercial', 'parking']));
    expect(new Set(units.map((u) => u.areaSource))).toEqual(new Set(['registry', 'surveyed', 'contract']));
  });
});
