import { describe, expect, it } from 'vitest';
import { timeOrderedIds } from '../../src/lib/time-ordered-ids.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millisOf = (id: string) => Number.parseInt(id.replace('-', '').slice(0, 12), 16);

const ascending = (ids: string[]) => ids.every((id, i) => i === 0 || ids[i - 1]! < id);

describe('timeOrderedIds', () => {
  it('makes version-7 UUIDs carrying the time, unique and ascending even within one millisecond', () => {
    const at = Date.UTC(2026, 11, 2, 9, 0, 0);
    const next = timeOrderedIds(() => at);
    const ids = Array.from({ length: 20_000 }, next);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ascending(ids)).toBe(true);
    expect(millisOf(ids[0]!)).toBe(at);
    expect(millisOf(ids.at(-1)!)).toBe(at);
  });

  it('moves on by a millisecond when the counter runs out, and never goes back with the clock', () => {
    let clock = 1_000;
    const next = timeOrderedIds(() => clock, 16);
    const ids = Array.from({ length: 2 ** 16 + 3 }, next);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect(millisOf(ids[2 ** 16 - 1]!)).toBe(1_000);
    expect(millisOf(ids[2 ** 16]!)).toBe(1_001);
    clock = 500;
    ids.push(...Array.from({ length: 2 ** 16 }, next));
    expect(millisOf(ids.at(-1)!)).toBe(1_002);
    expect(ascending(ids)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('follows the clock forward: each id carries the millisecond it was made in', () => {
    let clock = 2_000;
    const next = timeOrderedIds(() => clock);
    const first = [next(), next()];
    clock = 2_005;
    const later = next();
    expect(first.map(millisOf)).toEqual([2_000, 2_000]);
    expect(millisOf(later)).toBe(2_005);
    // The counter restarts with the new millisecond.
    expect(later.slice(15, 18)).toBe('000');
    expect(ascending([...first, later])).toBe(true);
  });
});
