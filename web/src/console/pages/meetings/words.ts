import type { components } from '../../../api/schema.ts';

export type Meeting = components['schemas']['Meeting'];
export type Motion = components['schemas']['Motion'];
/** A meeting's own terms as the meeting form writes them (POST …/meetings, PATCH /meetings/{id}). */
export interface MeetingTerms {
  kind: 'regular' | 'temporary';
  title: string;
  description: string | null;
  votingOpensAt: string;
  votingClosesAt: string;
}
type T = (key: string, params?: Record<string, string | number>) => string;

/** The way of voting as the form offers it: a stairwell's lift is a yes/no motion the form writes for the organiser. */
export type FormKind = 'yes_no' | 'options' | 'election' | 'lift';

export function formKindOf(motion: Pick<Motion, 'kind' | 'liftInstallation'>): FormKind {
  return motion.liftInstallation ? 'lift' : motion.kind;
}

/** A motion's scope in words ("全体业主", "1栋", "1栋1单元"), from the scope the service stored. */
export function scopeWords(scope: unknown, t: T): string {
  const s = (scope ?? { kind: 'estate' }) as { kind?: string; building?: string; stair?: string };
  if (s.kind === 'stair') return t('meetings.scope.stair', { building: s.building ?? '', stair: s.stair ?? '' });
  if (s.kind === 'building') return t('meetings.scope.building', { building: s.building ?? '' });
  return t('meetings.scope.estate');
}

/** The rule's words and statute in the console's language (the service gives both). */
export const inLanguage = (words: { zh: string; en: string }, locale: string) => (locale === 'en' ? words.en : words.zh);

/** A datetime-local input's value ("2027-01-10T09:00") as an ISO instant, read in this computer's time zone. */
export function instantOf(local: string): string {
  return new Date(local).toISOString();
}

/** An ISO instant as a datetime-local input's value, in this computer's time zone. */
export function localInputOf(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
