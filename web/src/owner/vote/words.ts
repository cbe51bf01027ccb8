import type { Motion } from './meeting-data.ts';

type T = (key: string, params?: Record<string, string | number>) => string;

/** A motion's scope in words ("全体业主", "1栋", "1栋1单元"), from the scope the service gives. */
export function scopeWords(scope: unknown, t: T): string {
  const s = (scope ?? { kind: 'estate' }) as { kind?: string; building?: string; stair?: string };
  if (s.kind === 'stair') return t('meeting.scopeStair', { building: s.building ?? '', stair: s.stair ?? '' });
  if (s.kind === 'building') return t('meeting.scopeBuilding', { building: s.building ?? '' });
  return t('meeting.scopeEstate');
}

/** A choice as the owner reads it: 同意 / an option's label / the candidates' names. */
export function choiceWords(motion: Motion, choice: unknown, t: T): string {
  if (motion.kind === 'election') {
    const ids = Array.isArray(choice) ? (choice as string[]) : [];
    if (ids.length === 0) return t('vote.blankElection');
    return ids.map((id) => motion.candidates?.find((c) => c.id === id)?.name ?? id).join('、');
  }
  if (choice === 'abstain') return t('vote.abstain');
  if (motion.kind === 'yes_no') return choice === 'agree' ? t('vote.agree') : choice === 'oppose' ? t('vote.oppose') : String(choice);
  return motion.options?.find((o) => o.id === choice)?.label ?? String(choice);
}
