// Cast times (castAt) are ISO 8601 instants with an explicit offset, e.g.
// "2024-05-01T09:30:00+08:00" or "2024-05-01T01:30:00.125Z". The latest
// ballot of a voter stands, so instants must be ordered exactly: Date.parse
// would silently truncate to milliseconds and treat two distinct
// microsecond instants as equal. Only integer arithmetic is used here.

export const INSTANT_PATTERN =
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$/;

/** An instant in UTC: whole days since 1970-01-01, second of that day, nanosecond. */
export interface Instant {
  day: number;
  second: number;
  nano: number;
}

const SECONDS_PER_DAY = 86_400;

/** Exact integer quotient for a ≥ 0, b > 0 (the dividend is made a multiple of b first). */
function quotient(a: number, b: number): number {
  return (a - (a % b)) / b;
}

/** Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's algorithm), for year ≥ 1. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = quotient(y, 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9;
  const dayOfYear = quotient(153 * shiftedMonth + 2, 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + quotient(yearOfEra, 4) - quotient(yearOfEra, 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Two ASCII digits at `at` as a number, or -1. */
function two(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Reads an instant into `out`; false when the text is not a valid instant
 * in the format above (including impossible dates such as 02-30).
 * Hot path (800,000 ballots): no regex and no allocation.
 */
export function readInstant(text: string, out: Instant): boolean {
  const n = text.length;
  if (n < 20) return false;
  if (
    text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58
  ) {
    return false;
  }
  const century = two(text, 0);
  const yy = two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  if (century < 0 || yy < 0) return false;
  const year = century * 100 + yy;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;

  let i = 19;
  let nano = 0;
  if (text.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < n) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      nano = nano * 10 + c;
      i++;
    }
    const places = i - start;
    if (places < 1 || places > 9) return false;
    for (let p = places; p < 9; p++) nano *= 10;
  }

  let offsetSeconds = 0;
  const sign = text.charCodeAt(i);
  if (sign === 90 /* Z */) {
    if (i + 1 !== n) return false;
  } else if (sign === 43 /* + */ || sign === 45 /* - */) {
    if (i + 6 !== n || text.charCodeAt(i + 3) !== 58) return false;
    const oh = two(text, i + 1);
    const om = two(text, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return false;
    offsetSeconds = (oh * 3600 + om * 60) * (sign === 43 ? 1 : -1);
  } else {
    return false;
  }

  let days = daysFromCivil(year, month, day);
  let secondOfDay = hour * 3600 + minute * 60 + second - offsetSeconds;
  if (secondOfDay < 0) {
    secondOfDay += SECONDS_PER_DAY;
    days -= 1;
  } else if (secondOfDay >= SECONDS_PER_DAY) {
    secondOfDay -= SECONDS_PER_DAY;
    days += 1;
  }
  out.day = days;
  out.second = secondOfDay;
  out.nano = nano;
  return true;
}

export function parseInstant(text: string): Instant | undefined {
  const out: Instant = { day: 0, second: 0, nano: 0 };
  return readInstant(text, out) ? out : undefined;
}

/** Negative, zero or positive as a is before, at, or after b. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.day - b.day || a.second - b.second || a.nano - b.nano;
}
