import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStorableText, unstorableText } from '../../src/lib/storable-text.ts';

describe('storable text', () => {
  it('refuses NUL and unpaired surrogates, anywhere in a string', () => {
    for (const bad of ['\u0000', 'a\u0000b', '\ud800', 'x\ud800y', '\udfff', '\udc00\ud800', '😀'.slice(0, 1)]) expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
    for (const good of ['', '张三', '😀', 'a\u0001b', '\ufffd', '\ud800\udc00']) expect(isStorableText(good), JSON.stringify(good)).toBe(true);
  });

  it('agrees with a UTF-8 round trip for any string without NUL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const roundTrips = Buffer.from(s, 'utf8').toString('utf8') === s;
        expect(isStorableText(s)).toBe(roundTrips && !s.includes('\u0000'));
      }),
      { numRuns: 500, seed: 12 },
    );
  });

  it('names each bad string and key by its path, and refuses nesting deeper than any request', () => {
    expect(unstorableText({ a: ['ok', 'x\u0000'], b: { '\ud800': 1 }, c: 3 }, 'body').map((f) => f.path)).toEqual(['body.a.1', 'body.b."\\ud800"']);
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const faults = unstorableText(deep, 'body');
    expect(faults).toHaveLength(1);
    expect(faults[0]!.message).toBe('nested more than 32 levels deep');
  });
});
