import { describe, expect, it } from 'vitest';
import { compareInstants, parseInstant } from '../../src/tally/index.ts';

const at = (text: string) => {
  const instant = parseInstant(text);
  if (instant === undefined) throw new Error(`not an instant: ${text}`);
  return instant;
};

describe('cast instants', () => {
  it('orders instants across offsets exactly', () => {
    expect(compareInstants(at('2024-05-01T09:00:00+08:00'), at('2024-05-01T01:00:00Z'))).toBe(0);
    expect(compareInstants(at('2024-05-01T00:30:00+08:00'), at('2024-04-30T16:30:00Z'))).toBe(0);
    expect(compareInstants(at('2024-05-01T23:59:59-01:00'), at('2024-05-02T00:59:59Z'))).toBe(0);
    expect(compareInstants(at('2024-05-01T09:00:00+08:00'), at('2024-05-01T01:00:01Z'))).toBeLessThan(0);
  });

  it('keeps sub-millisecond precision that Date.parse would lose', () => {
    const a = at('2024-05-01T09:00:00.1234567Z');
    const b = at('2024-05-01T09:00:00.1234568Z');
    expect(compareInstants(a, b)).toBeLessThan(0);
    expect(Date.parse('2024-05-01T09:00:00.1234567Z')).toBe(Date.parse('2024-05-01T09:00:00.1234568Z'));
    expect(compareInstants(at('2024-05-01T09:00:00.5Z'), at('2024-05-01T09:00:00.500000000Z'))).toBe(0);
  });

  it('agrees with Date.parse on whole milliseconds across many dates', () => {
    for (let k = 0; k < 2000; k++) {
      const ms = Date.UTC(1971, 0, 1) + k * 7_919_000_123;
      const text = new Date(ms).toISOString();
      const mine = at(text);
      expect(mine.day * 86_400_000 + mine.second * 1000 + mine.nano / 1_000_000).toBe(ms);
    }
  });

  it('refuses instants without an offset, impossible dates and other formats', () => {
    for (const bad of [
      '2024-05-01T09:00:00', '2024-05-01 09:00:00Z', '2024-02-30T09:00:00Z', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z',
      '2024-05-01T24:00:00Z', '2024-05-01T09:60:00Z', '2024-05-01T09:00:60Z', '2024-05-01T09:00Z', '2024-05-01T09:00:00.Z',
      '2024-05-01T09:00:00.1234567890Z', '2024-05-01T09:00:00+0800', '2024-05-01T09:00:00+08', '0000-01-01T00:00:00Z',
      '2024-05-01T09:00:00z', 'yesterday', '',
    ]) {
      expect(parseInstant(bad), bad).toBeUndefined();
    }
    expect(parseInstant('2024-02-29T00:00:00Z')).toBeDefined();
    expect(parseInstant('2000-02-29T00:00:00Z')).toBeDefined();
    expect(parseInstant('1900-02-29T00:00:00Z')).toBeUndefined();
  });
});
