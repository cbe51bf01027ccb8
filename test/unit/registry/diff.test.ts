import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffRegistry } from '../../../src/registry/diff.ts';
import type { RegistryDiff, RegistryOwner, RegistryUnit } from '../../../src/registry/types.ts';

function owner(idKey: string, overrides: Partial<RegistryOwner> = {}): RegistryOwner {
  return { idKey, name: `owner ${idKey}`, kind: 'person', idType: 'resident_id', idTail: '0000', phone: null, certificateKey: null, ...overrides };
}

function unit(registryNo: string, owners: RegistryOwner[], overrides: Partial<RegistryUnit> = {}): RegistryUnit {
  return {
    registryNo,
    building: '3栋',
    stair: '1单元',
    room: registryNo,
    areaHundredths: 8850,
    areaSource: 'registry',
    kind: 'residential',
    developerHeld: false,
    owners,
    ...overrides,
  };
}

const nothing: RegistryDiff = { added: [], removed: [], changed: [], transfers: [], ownerUpdates: [], certificates: [], unchanged: 0 };

describe('diffRegistry', () => {
  it('lists added and removed units by registry number, in order', () => {
    const diff = diffRegistry([unit('B', [owner('p')]), unit('A', [owner('p')])], [unit('D', [owner('q')]), unit('C', [owner('q')]), unit('A', [owner('p')])]);
    expect(diff.added.map((u) => u.registryNo)).toEqual(['C', 'D']);
    expect(diff.removed.map((u) => u.registryNo)).toEqual(['B']);
    expect(diff.unchanged).toBe(1);
  });

  it('names the unit fields that changed', () => {
    const before = unit('A', [owner('p')]);
    const after = unit('A', [owner('p')], { areaHundredths: 8851, stair: null, developerHeld: true });
    expect(diffRegistry([before], [after])).toEqual({
      ...nothing,
      changed: [{ registryNo: 'A', fields: ['stair', 'areaHundredths', 'developerHeld'], before, after }],
    });
  });

  it('sees a transfer when the owner set changes, not when only its order does', () => {
    const p = owner('p');
    const q = owner('q');
    const r = owner('r');
    expect(diffRegistry([unit('A', [p, q])], [unit('A', [q, p])])).toEqual({ ...nothing, unchanged: 1 });
    expect(diffRegistry([unit('A', [q, p])], [unit('A', [r, p])])).toEqual({ ...nothing, transfers: [{ registryNo: 'A', from: [p, q], to: [p, r] }] });
    expect(diffRegistry([unit('A', [p])], [unit('A', [p, q])]).transfers).toEqual([{ registryNo: 'A', from: [p], to: [p, q] }]);
  });

  it('reports a unit that changed and changed hands in both lists, and not as unchanged', () => {
    const diff = diffRegistry([unit('A', [owner('p')])], [unit('A', [owner('q')], { kind: 'commercial' })]);
    expect(diff.changed.map((c) => c.fields)).toEqual([['kind']]);
    expect(diff.transfers.map((t) => t.registryNo)).toEqual(['A']);
    expect(diff.unchanged).toBe(0);
  });

  it('reports an owner whose name, kind or phone changed once, however many units they hold', () => {
    const before = owner('p', { name: '张三', phone: null });
    const after = owner('p', { name: '张叁', phone: '13800138000' });
    const diff = diffRegistry(
      [unit('A', [before]), unit('B', [before, owner('q')])],
      [unit('A', [after]), unit('B', [owner('q'), after])],
    );
    expect(diff).toEqual({ ...nothing, ownerUpdates: [{ idKey: 'p', fields: ['name', 'phone'], before, after }], unchanged: 2 });
  });

  it('does not count a new owner or a departing owner as an owner update', () => {
    const diff = diffRegistry([unit('A', [owner('p')])], [unit('A', [owner('q', { name: 'new' })])]);
    expect(diff.ownerUpdates).toEqual([]);
  });

  it('refuses a side listing a registry number twice', () => {
    expect(() => diffRegistry([unit('A', []), unit('A', [])], [])).toThrow(/registry number A appears twice in the current registry/);
  });

  it('compares 100,000 units: every transfer found, the rest unchanged', () => {
    const current = Array.from({ length: 100_000 }, (_, i) => unit(`R${i}`, [owner(`p${i}`), owner(`q${i % 1000}`)]));
    const incoming = current.map((u, i) => (i % 10 === 0 ? { ...u, owners: [owner(`x${i}`)] } : u)).reverse();
    // Speed is measured by npm run bench:import, never asserted here.
    const diff = diffRegistry(current, incoming);
    expect(diff.transfers).toHaveLength(10_000);
    expect(diff.unchanged).toBe(90_000);
  });
});

describe('diffRegistry properties', () => {
  // Small vocabularies so that random registries overlap, collide and differ in every way.
  const registryNo = fc.constantFrom(...'ABCDEFGHIJ'.split(''));
  const idKey = fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5', 'k6');
  const details = fc.record({
    name: fc.constantFrom('张三', '李四'),
    kind: fc.constantFrom('person' as const, 'organisation' as const),
    phone: fc.constantFrom(null, '13800138000'),
  });
  /** One registry: owners are consistent within it (one name per idKey), as the parsers guarantee. */
  const registry = fc
    .tuple(
      fc.dictionary(idKey, details, { minKeys: 6, maxKeys: 6 }),
      fc.uniqueArray(
        fc.record({
          registryNo,
          building: fc.constantFrom('1栋', '2栋'),
          stair: fc.constantFrom(null, '1单元'),
          room: fc.constantFrom('101', '102'),
          areaHundredths: fc.integer({ min: 1, max: 20_000 }),
          areaSource: fc.constantFrom('registry' as const, 'surveyed' as const, 'contract' as const),
          kind: fc.constantFrom('residential' as const, 'commercial' as const, 'parking' as const),
          developerHeld: fc.boolean(),
          ownerKeys: fc.uniqueArray(idKey, { minLength: 1, maxLength: 3 }),
        }),
        { selector: (u) => u.registryNo, maxLength: 10 },
      ),
    )
    .map(([people, units]): RegistryUnit[] =>
      units.map(({ ownerKeys, ...u }) => ({
        ...u,
        owners: ownerKeys.map((key) => ({ idKey: key, idType: 'resident_id', idTail: key.slice(-1), certificateKey: null, ...people[key]! })),
      })),
    );

  it('finds nothing but unchanged units between a registry and itself, in any order', () => {
    fc.assert(
      fc.property(registry, (units) => {
        const shuffled = [...units].reverse().map((u) => ({ ...u, owners: [...u.owners].reverse() }));
        expect(diffRegistry(units, shuffled)).toEqual({ ...nothing, unchanged: units.length });
      }),
    );
  });

  it('turns current into incoming when applied', () => {
    fc.assert(
      fc.property(registry, registry, (current, incoming) => {
        expect(normalise(apply(current, diffRegistry(current, incoming)))).toEqual(normalise(incoming));
      }),
    );
  });

  it('counts every unit present on both sides exactly once among changed/transferred or unchanged', () => {
    fc.assert(
      fc.property(registry, registry, (current, incoming) => {
        const diff = diffRegistry(current, incoming);
        const touched = new Set([...diff.changed.map((c) => c.registryNo), ...diff.transfers.map((t) => t.registryNo)]);
        const onBoth = current.filter((u) => incoming.some((v) => v.registryNo === u.registryNo)).length;
        expect(touched.size + diff.unchanged).toBe(onBoth);
        expect(diff.added.length + onBoth).toBe(incoming.length);
        expect(diff.removed.length + onBoth).toBe(current.length);
      }),
    );
  });
});

/** What the import service does with a diff, in miniature: only the listed fields and owners are written. */
function apply(current: RegistryUnit[], diff: RegistryDiff): RegistryUnit[] {
  const units = new Map(current.map((u) => [u.registryNo, { ...u }]));
  for (const u of diff.removed) units.delete(u.registryNo);
  for (const u of diff.added) units.set(u.registryNo, { ...u });
  for (const change of diff.changed) {
    const u = units.get(change.registryNo)!;
    for (const field of change.fields) Object.assign(u, { [field]: change.after[field] });
  }
  for (const t of diff.transfers) units.get(t.registryNo)!.owners = t.to;
  const updated = new Map(diff.ownerUpdates.map((o) => [o.idKey, o]));
  for (const u of units.values()) {
    u.owners = u.owners.map((o) => {
      const update = updated.get(o.idKey);
      if (update === undefined) return o;
      const fields = Object.fromEntries(update.fields.map((f) => [f, update.after[f]]));
      return { ...o, ...fields };
    });
  }
  return [...units.values()];
}

function normalise(units: RegistryUnit[]): RegistryUnit[] {
  const byKey = (a: { idKey: string }, b: { idKey: string }) => (a.idKey < b.idKey ? -1 : a.idKey > b.idKey ? 1 : 0);
  return [...units]
    .sort((a, b) => (a.registryNo < b.registryNo ? -1 : 1))
    .map((u) => ({ ...u, owners: [...u.owners].sort(byKey) }));
}
