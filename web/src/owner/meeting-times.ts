/**
 * Times of a meeting as an owner reads them. The instants and the estate's local times come from
 * the service (GET /v1/me/meetings: asOf, votingClosesAt, local.votingCloses); these only say them.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Whole days, hours and minutes from `asOf` to `until` (nothing below zero). */
export function timeLeft(asOf: string, until: string): { days: number; hours: number; minutes: number } {
  const ms = Math.max(0, Date.parse(until) - Date.parse(asOf));
  return { days: Math.floor(ms / DAY), hours: Math.floor((ms % DAY) / HOUR), minutes: Math.floor((ms % HOUR) / MINUTE) };
}

/** "2026-12-20 20:00" (the estate's local time, as the service writes it) in its parts, for "12月20日 20:00". */
export function localParts(local: string): { month: number; day: number; time: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2})$/.exec(local);
  if (!match) return { month: 0, day: 0, time: local };
  return { month: Number(match[2]), day: Number(match[3]), time: match[4]! };
}
