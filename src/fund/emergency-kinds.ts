import type { EmergencyKind } from '../db/schema.ts';

/**
 * The repairs that may draw on the maintenance fund without a vote (R4.9, R7.1,
 * 民法典 第二百八十一条 第二款): these four and no other. Pure: one home for the
 * list, its words, and the amount's text (fen, an integer, shown as yuan).
 */
export const EMERGENCY_KINDS = ['lift', 'fire_safety', 'water_supply', 'danger_to_persons'] as const satisfies readonly EmergencyKind[];

export const EMERGENCY_KIND_WORDS: Record<EmergencyKind, { zh: string; en: string }> = {
  lift: { zh: '电梯故障', en: 'lift failure' },
  fire_safety: { zh: '消防设施故障', en: 'fire safety equipment failure' },
  water_supply: { zh: '供水设施故障', en: 'water supply failure' },
  danger_to_persons: { zh: '危及人身安全的险情', en: 'danger to persons' },
};

export function isEmergencyKind(kind: string): kind is EmergencyKind {
  return (EMERGENCY_KINDS as readonly string[]).includes(kind);
}

/** 1234567 fen → "12,345.67"; exact, from the integer's digits. */
export function yuanText(fen: bigint): string {
  const negative = fen < 0n;
  const digits = (negative ? -fen : fen).toString().padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${whole}.${digits.slice(-2)}`;
}

/** The status a use's events lead to (the review's steps, emergency-uses.ts STEPS): filed and answered await review. `gongjue verify` checks a bundle's uses with it. */
export function statusAfter(events: readonly { kind?: unknown }[]): string | undefined {
  const last = events.at(-1)?.kind;
  if (typeof last !== 'string') return undefined;
  return last === 'filed' || last === 'answered' ? 'awaiting_review' : last;
}
