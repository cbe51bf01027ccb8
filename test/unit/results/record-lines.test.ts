import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/audit/canonical-json.ts';
import { KeptLines, parseRecordLines, RepeatedTexts } from '../../../src/results/record-lines.ts';

// Flat entries as units and ballots are (strings, booleans, null, lists of strings), and some that are not
// (numbers, nested objects, a key __proto__), in texts with and without escapes: what the recount thread
// builds from the lines must be what JSON.parse builds, key order included.
const flat = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 3 }));
const odd = fc.oneof(fc.integer(), fc.dictionary(fc.string({ maxLength: 3 }), fc.string(), { maxKeys: 2 }), fc.array(fc.oneof(fc.integer(), fc.boolean()), { maxLength: 2 }));
const key = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('__proto__', 'id', 'owners', '栋'));
const entry = fc.dictionary(key, fc.oneof({ weight: 6, arbitrary: flat }, { weight: 1, arbitrary: odd }), { maxKeys: 8 });
// eslint-disable-next-line no-control-regex -- strings that need no escape: no quote, no backslash, no control character
const plain = fc.dictionary(fc.stringMatching(/^[a-zA-Z]{1,8}$/), fc.oneof(fc.stringMatching(/^[^"\\\u0000-\u001f]{0,12}$/), fc.boolean(), fc.constant(null)), { maxKeys: 8 });

const textOf = (entries: unknown[]) => Buffer.from(entries.map((e) => `${canonicalJson(e)}\n`).join(''));
const parsed = (entries: unknown[]) => entries.map((e) => JSON.parse(canonicalJson(e)) as unknown);

describe('canonical JSON lines read back', () => {
  it('give what JSON.parse gives, whatever the entries hold', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        const values = parseRecordLines(textOf(entries));
        expect(values).toEqual(parsed(entries));
        values.forEach((v, i) => expect(Object.keys(v as object)).toEqual(Object.keys(parsed(entries)[i] as object)));
      }),
      { numRuns: 500 },
    );
  });

  it('give what JSON.parse gives for texts without escapes (the sliced path), prototypes and all', () => {
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 12 }), (entries) => {
        const values = parseRecordLines(textOf(entries));
        expect(values).toEqual(parsed(entries));
        for (const v of values) expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
        expect(values).toStrictEqual(parsed(entries));
      }),
      { numRuns: 500 },
    );
    const unit = { area: '89.50', areaSource: 'registry', building: '1栋', developerHeld: false, id: 'u1', kind: 'residential', owners: ['o1', 'o2'], stair: '🏠' };
    expect(parseRecordLines(textOf([unit, {}, { choice: [] }, { choice: null }]))).toEqual([unit, {}, { choice: [] }, { choice: null }]);
  });

  // The keys whose values are looked up among texts seen before, with values that repeat, differ by one character,
  // are not ASCII (Chinese, astral, Latin-1 letters whose byte would read as another character) or are long.
  const repeating = fc.constantFrom('area', 'areaSource', 'building', 'stair', 'room', 'kind', 'channel', 'choice');
  const value = fc.oneof(
    fc.constantFrom('1栋', '1栋 ', '2栋', '单元', 'é', 'Ã©', '\u00e9', 'agree', 'agreе', '89.50', '89.5', 'x'.repeat(24), 'x'.repeat(25), '栋'.repeat(9), ''),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  );
  const recordLike = fc.dictionary(fc.oneof(repeating, key), fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.boolean()), { maxKeys: 8 });

  it('give what JSON.parse gives when texts are shared across texts and calls, whatever repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.array(recordLike, { maxLength: 8 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 6 }), (texts, limit) => {
        // A small table fills up: what it no longer takes must still be read right.
        const shared = new RepeatedTexts(limit, 3);
        for (const entries of texts) {
          const values = parseRecordLines(textOf(entries), shared);
          expect(values).toEqual(parsed(entries));
          values.forEach((v, i) => expect(Object.keys(v as object)).toEqual(Object.keys(parsed(entries)[i] as object)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('read UTF-8 the way JSON.parse of the decoded text does, even where it is not valid (PostgreSQL never sends that)', () => {
    const broken = Buffer.concat([Buffer.from('{"building":"a'), Buffer.from([0xe6, 0xa0]), Buffer.from('","id":"'), Buffer.from([0xff]), Buffer.from('栋"}\n')]);
    const expected = JSON.parse(broken.toString('utf8').trimEnd()) as unknown;
    expect(parseRecordLines(broken)).toEqual([expected]);
    expect(parseRecordLines(broken, new RepeatedTexts())).toEqual([expected]);
  });

  it('give each line back again, parsed alone, across the texts kept (the recount thread asks for a few units and ballots again)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(entry, plain), { maxLength: 6 }), { maxLength: 4 }), (texts) => {
        const kept = new KeptLines();
        const shared = new RepeatedTexts();
        const all: unknown[] = [];
        for (const entries of texts) {
          expect(kept.parse(textOf(entries), shared)).toEqual(parsed(entries));
          all.push(...parsed(entries));
        }
        // Backwards, so that no answer can lean on the one before.
        for (let i = all.length - 1; i >= 0; i--) expect(kept.at(i)).toEqual(all[i]);
        expect(() => kept.at(all.length)).toThrow(RangeError);
      }),
      { numRuns: 300 },
    );
  });

  it('refuse a text cut inside a line', () => {
    expect(() => parseRecordLines(Buffer.from('{"id":"a"}\n{"id":'))).toThrow(/line break/);
  });
});
