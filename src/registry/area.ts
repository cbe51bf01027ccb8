import { excerpt, refused, type RowFault } from './row-errors.ts';

/**
 * Areas are exact decimals with two places (domain R1.1). They are read
 * digit by digit into integer hundredths of a square metre: going through a
 * binary float would turn "4433.46" into 443345.99… and break the quorum
 * arithmetic that compares areas exactly.
 */

export type AreaResult = { ok: true; hundredths: number } | ({ ok: false } & RowFault);

/** Nothing real is larger; a bigger figure is a unit mix-up or a typo. */
export const MAX_AREA_HUNDREDTHS = 100_000_000; // 1,000,000.00 m²

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

export function parseAreaHundredths(raw: string): AreaResult {
  const text = raw.trim();
  if (text === '') return refused('area-missing');
  const negative = text.startsWith('-');
  const match = DECIMAL.exec(negative ? text.slice(1) : text);
  if (!match) return refused('area-not-decimal', { value: excerpt(text) });
  if (negative) return refused('area-negative', { value: excerpt(text) });
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > 2) return refused('area-too-precise', { value: excerpt(text) });
  const significant = whole.length > 1 && whole.startsWith('0') ? whole.replace(/^0+(?=\d)/, '') : whole;
  // Eight digits of whole square metres already exceed the maximum; checking
  // the length first keeps Number() within its exact integer range.
  const hundredths = significant.length > 8 ? Infinity : Number(significant) * 100 + Number(fraction.padEnd(2, '0'));
  if (hundredths === 0) return refused('area-zero');
  if (hundredths > MAX_AREA_HUNDREDTHS) return refused('area-too-large', { value: excerpt(text) });
  return { ok: true, hundredths };
}

/** 8850 → "88.50": the form used in messages and in the JSON import. */
export function formatArea(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const fraction = String(hundredths % 100).padStart(2, '0');
  return `${whole}.${fraction}`;
}
