import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/audit/canonical-json.ts';
import { ballotSeal, type MotionResult, RecordSealStream, recordDigest, resultDigest, SEAL_GENESIS, sealBatching, sealOf, sortedById, unitsDigest } from '../../../src/results/evidence.ts';

// The digests of docs/bundle.md, recomputed here the slow, obvious way from
// canonicalJson: the fast path the service takes must give the same bytes.
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

const value = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.integer(),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string(), { maxKeys: 3 }),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
);
const entry = fc
  .tuple(fc.uuid(), fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== 'id'), value, { maxKeys: 6 }))
  .map(([id, rest]) => ({ id, ...rest }));
// Entries whose keys come in any order, including already sorted (the service's shape).
const entries = fc.array(fc.oneof(entry, entry.map((e) => Object.fromEntries(Object.entries(e).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))), { maxLength: 20 });

describe('seal digests', () => {
  it('sealOf (one pass over the record) gives the digests unitsDigest, ballotSeal and recordDigest give', () => {
    const result = { outcome: 'passed' } as unknown as MotionResult;
    fc.assert(
      fc.property(entries, entries, (units, ballots) => {
        const record = { version: 1, format: 'gongjue.tally-record', units, ballots, settings: { b: 1, a: ['x'] } };
        expect(sealOf('m', record, result)).toEqual({
          motionId: 'm',
          units: unitsDigest(units),
          ballots: ballotSeal(ballots),
          recordSha256: recordDigest(record),
          resultSha256: resultDigest(result),
        });
      }),
      { numRuns: 200 },
    );
    // Lists too long to keep their serialised entries are hashed as they are serialised: the same digests.
    const many = Array.from({ length: 200_001 }, (_, i) => ({ id: `u${String(i).padStart(7, '0')}`, area: '1.00', owners: [`o${i}`] }));
    const few = [{ castAt: '2026-01-01T00:00:00.000Z', id: 'b1', unit: 'u0000001' }];
    const large = { format: 'gongjue.tally-record', units: many, ballots: few, version: 1 };
    const seal = sealOf('m', large, result);
    expect(seal.units).toEqual({ count: 200_001, sha256: sha(canonicalJson(many)) });
    expect(seal.recordSha256).toBe(sha(canonicalJson(large)));
  }, 60_000);

  it('of long lists, serialised and hashed in batches, equal the canonical-JSON definitions, whatever the entries hold', () => {
    // The batched path of a million units, at a size a property test can run: lists longer than
    // keepTextsUpTo, batches of a few entries, flat entries mixed with entries that are not (keys
    // out of order, numbers, objects, class instances) within one batch.
    class Unit {
      constructor(readonly area: string, readonly id: string) {} // keys in order, flat: only the class makes it unlike JSON.stringify
      toJSON() {
        return { id: this.id };
      }
    }
    const mixed = fc.array(fc.oneof(entry, entry.map((e) => Object.fromEntries(Object.entries(e).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))), fc.uuid().map((id) => new Unit('1.00', id))), { maxLength: 30 });
    const result = { outcome: 'passed' } as unknown as MotionResult;
    const before = { ...sealBatching };
    try {
      for (const [keepTextsUpTo, batch] of [[0, 1], [0, 3], [2, 4], [0, 1024]] as const) {
        Object.assign(sealBatching, { keepTextsUpTo, batch });
        fc.assert(
          fc.property(mixed, mixed, (units, ballots) => {
            const record = { version: 1, format: 'gongjue.tally-record', units, ballots, settings: { b: 1, a: ['x'] } };
            let head = SEAL_GENESIS;
            for (const b of sortedById(ballots)) head = sha(head + canonicalJson(b));
            expect(sealOf('m', record, result)).toEqual({
              motionId: 'm',
              units: { count: units.length, sha256: sha(canonicalJson(sortedById(units))) },
              ballots: { count: ballots.length, head },
              recordSha256: sha(canonicalJson({ ...record, units: sortedById(units), ballots: sortedById(ballots) })),
              resultSha256: resultDigest(result),
            });
          }),
          { numRuns: 150 },
        );
      }
    } finally {
      Object.assign(sealBatching, before);
    }
  });

  it('equal the canonical-JSON definitions, whatever the entries hold and however their keys are ordered', () => {
    fc.assert(
      fc.property(entries, entries, (units, ballots) => {
        expect(unitsDigest(units)).toEqual({ count: units.length, sha256: sha(canonicalJson(sortedById(units))) });
        let head = SEAL_GENESIS;
        for (const b of sortedById(ballots)) head = sha(head + canonicalJson(b));
        expect(ballotSeal(ballots)).toEqual({ count: ballots.length, head });
        const record = { version: 1, format: 'gongjue.tally-record', units, ballots, settings: { b: 1, a: ['x'] } };
        expect(recordDigest(record)).toBe(sha(canonicalJson({ ...record, units: sortedById(units), ballots: sortedById(ballots) })));
      }),
      { numRuns: 300 },
    );
  });

  it('do not depend on the order of units or ballots, and change when any entry changes', () => {
    const units = [{ id: 'b', area: '1.00' }, { id: 'a', area: '2.00' }];
    expect(unitsDigest(units)).toEqual(unitsDigest([...units].reverse()));
    expect(unitsDigest(units).sha256).not.toBe(unitsDigest([{ id: 'b', area: '1.01' }, { id: 'a', area: '2.00' }]).sha256);
    expect(ballotSeal([]).head).toBe(SEAL_GENESIS);
  });
});

describe('seals of streamed canonical JSON lines (RecordSealStream)', () => {
  const lines = (list: unknown[]) => sortedById(list).map((e) => `${canonicalJson(e)}\n`).join('');
  /** The lines cut into chunks at line ends, as COPY hands them on: every chunk whole lines. */
  const chunks = (text: string, cuts: number[]) => {
    const rows = text === '' ? [] : text.slice(0, -1).split('\n').map((l) => `${l}\n`);
    const out: Buffer[] = [];
    let at = 0;
    for (const cut of [...cuts, rows.length]) {
      const end = Math.min(rows.length, at + Math.max(1, cut));
      if (end > at) out.push(Buffer.from(rows.slice(at, end).join('')));
      at = end;
    }
    return out;
  };
  const envelope = fc.record({
    format: fc.constant('gongjue.tally-record'),
    version: fc.constant(1),
    estate: fc.record({ id: fc.uuid() }),
    motion: fc.record({ id: fc.uuid(), title: fc.string() }),
    settings: fc.dictionary(fc.string({ maxLength: 4 }), fc.boolean(), { maxKeys: 3 }),
    aardvark: fc.option(fc.string(), { nil: undefined }), // a key sorting before "ballots"; absent when undefined
  });

  it('give the digests of unitsDigest, ballotSeal and recordDigest for every motion, whatever the chunks, empty lists included', () => {
    fc.assert(
      fc.property(entries, fc.array(fc.tuple(envelope, entries), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(5), { maxLength: 6 }), (units, motions, cuts) => {
        const stream = new RecordSealStream(motions.map(([e], i) => ({ motionId: `m${i}`, envelope: e })));
        motions.forEach(([, ballots], i) => chunks(lines(ballots), cuts).forEach((c) => stream.ballots(i, c)));
        chunks(lines(units), cuts).forEach((c) => stream.unitLines(c));
        expect(stream.finish()).toEqual(
          motions.map(([e, ballots], i) => ({
            motionId: `m${i}`,
            units: unitsDigest(units),
            ballots: ballotSeal(ballots),
            recordSha256: recordDigest({ ...e, units, ballots }),
          })),
        );
      }),
    );
  });

  it('refuse a ballot after the units (the record digest takes ballots first)', () => {
    const stream = new RecordSealStream([{ motionId: 'm', envelope: {} }]);
    stream.unitLines(Buffer.from('{"id":"a"}\n'));
    expect(() => stream.ballots(0, Buffer.from('{"id":"b"}\n'))).toThrow(/before the units/);
  });
});
