import type { paths } from '../../api/schema.ts';

export type Meeting = paths['/v1/meetings/{meetingId}']['get']['responses'][200]['content']['application/json'];
export type MyBallot = paths['/v1/meetings/{meetingId}/my-ballots']['get']['responses'][200]['content']['application/json']['items'][number];
type Motion = Meeting['motions'][number];
type Translate = (key: string, params?: Record<string, string | number>) => string;

/** One line of the receipt: a voter the owner casts for on a motion, and the ballot that stands for it (null: none yet). */
export interface ReceiptEntry {
  voterId: string;
  area: string;
  current: MyBallot['current'];
}

/** A motion of the meeting with the owner's entries on it, in the meeting's order. */
export interface ReceiptMotion {
  id: string;
  position: number;
  title: string;
  motion: Motion;
  entries: ReceiptEntry[];
}

/**
 * The owner's ballots grouped under the meeting's motions, in the meeting's order. Motions the
 * owner has no vote on (outside their scope) are left out: the service lists only what they may vote on.
 */
export function receiptMotions(meeting: Meeting, ballots: readonly MyBallot[]): ReceiptMotion[] {
  return [...meeting.motions]
    .sort((a, b) => a.position - b.position)
    .map((motion) => ({
      id: motion.id,
      position: motion.position,
      title: motion.title,
      motion,
      entries: ballots.filter((b) => b.motionId === motion.id).map((b) => ({ voterId: b.voterId, area: b.area, current: b.current })),
    }))
    .filter((m) => m.entries.length > 0);
}

/** Whether any ballot of the owner stands in this meeting. */
export const hasBallot = (motions: readonly ReceiptMotion[]) => motions.some((m) => m.entries.some((e) => e.current !== null));

/**
 * The choice as the ballot paper says it: 同意 / 反对 / 弃权, the option's label, the chosen
 * candidates' names (none chosen is an abstention, as the service counts it).
 */
export function choiceWords(motion: Motion, current: NonNullable<MyBallot['current']>, t: Translate): string {
  if (current.spoiled) return t('receipt.spoiled');
  const choice = current.choice;
  if (choice === 'agree' || choice === 'oppose' || choice === 'abstain') {
    if (motion.kind !== 'election') return t(`receipt.${choice}`);
  }
  if (motion.kind === 'options' && typeof choice === 'string') {
    return motion.options?.find((o) => o.id === choice)?.label ?? choice;
  }
  if (motion.kind === 'election' && Array.isArray(choice)) {
    if (choice.length === 0) return t('receipt.noCandidate');
    const names = new Map((motion.candidates ?? []).map((c) => [c.id, c.name]));
    return choice.map((id) => names.get(String(id)) ?? String(id)).join('、');
  }
  return String(choice);
}

/** The channel that stands, in words (a paper ballot entered later replaces the online one). */
export function channelWords(channel: string, t: Translate): string {
  return channel === 'online' || channel === 'paper' || channel === 'proxy' ? t(`receipt.channels.${channel}`) : channel;
}

/** A receipt code in groups of four characters, which an owner can read out and compare a group at a time. */
export function codeGroups(code: string): string[] {
  return code.match(/.{1,4}/g) ?? [];
}

/** An instant in the estate's own time zone (the meeting's), as the owner's language writes dates. */
export function localTime(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
