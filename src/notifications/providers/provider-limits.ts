import type { SmsOutcome } from '../sms-provider.ts';

/**
 * What the cloud SMS adapters share: when a provider's limits lift, and how
 * an answer becomes an outcome. Both providers count their daily and monthly
 * limits in Beijing time (UTC+8, no daylight saving), whatever zone the
 * service runs in.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/** Milliseconds from `now` to the next midnight in Beijing. */
export function untilNextBeijingDay(now: Date): number {
  const beijing = now.getTime() + BEIJING_OFFSET_MS;
  const nextMidnight = (Math.floor(beijing / 86_400_000) + 1) * 86_400_000;
  return nextMidnight - beijing;
}

/** Milliseconds from `now` to the first of next month, 00:00 in Beijing. */
export function untilNextBeijingMonth(now: Date): number {
  const beijing = new Date(now.getTime() + BEIJING_OFFSET_MS);
  const nextMonth = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() + 1, 1);
  return nextMonth - beijing.getTime();
}

/** A Beijing wall-clock time "2026-12-05 10:30:00" (as both providers print them) as an instant. */
export function beijingTimeToDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS);
}

/** The Beijing calendar date of an instant, as yyyyMMdd (Alibaba Cloud's SendDate). */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

export const permanent = (reason: string): SmsOutcome => ({ status: 'failed', reason, retryable: false });
export const retryable = (reason: string, retryAfterMs?: number): SmsOutcome =>
  retryAfterMs === undefined ? { status: 'failed', reason, retryable: true } : { status: 'failed', reason, retryable: true, retryAfterMs };

/**
 * An error that never reached a provider's answer: refused connection, reset,
 * timeout, a body that is not the provider's JSON (a gateway's 502 page).
 * The message may be sent again; the reason names the kind of failure only
 * (error messages can carry the request's URL).
 */
export function unreachable(provider: string, err: unknown): SmsOutcome {
  const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && err.code !== '' ? err.code : null;
  const message = err instanceof Error ? err.message : '';
  // Some SDKs wrap the socket error in their own, keeping only its text ("…reason: connect ECONNREFUSED …").
  const named = /\b(E[A-Z]{3,})\b/.exec(message)?.[1] ?? (/time(d )?out/i.test(message) ? 'timeout' : null);
  return retryable(`${provider} unreachable: ${code ?? named ?? (err instanceof Error ? err.name : 'error')}`);
}

/**
 * The template's parameters in the order it declares them, or the names
 * missing from the request: a message without them is never sendable, so
 * the adapters answer a permanent failure without calling the provider.
 */
export function orderedParams(names: readonly string[], params: Record<string, string>): { values: string[] } | { missing: string[] } {
  const missing = names.filter((n) => typeof params[n] !== 'string');
  return missing.length > 0 ? { missing } : { values: names.map((n) => params[n]!) };
}
