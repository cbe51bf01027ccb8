import { describe, expect, it } from 'vitest';
import { localParts, timeLeft } from './meeting-times.ts';

describe('meeting times', () => {
  it('counts whole days, hours and minutes left, never below zero', () => {
    expect(timeLeft('2026-12-15T12:00:00Z', '2026-12-20T17:30:59Z')).toEqual({ days: 5, hours: 5, minutes: 30 });
    expect(timeLeft('2026-12-20T17:00:00Z', '2026-12-20T17:00:00Z')).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(timeLeft('2026-12-21T00:00:00Z', '2026-12-20T17:00:00Z')).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  it('reads the estate’s local time as the service writes it', () => {
    expect(localParts('2026-12-20 20:00')).toEqual({ month: 12, day: 20, time: '20:00' });
    expect(localParts('2027-01-05 09:30')).toEqual({ month: 1, day: 5, time: '09:30' });
  });
});
