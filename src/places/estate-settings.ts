import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, Estate } from '../db/schema.ts';
import { type Settings, SettingsSchema, TallyInputError, resolveSettings } from '../tally/index.ts';
import { ProblemError } from '../problems.ts';
import { storedSettingsOf } from './estate-settings-repository.ts';
import { overrideRefusalWords, settingRefusalWords } from './settings-refusals.ts';

/**
 * R4.1 in one place. 物业管理条例 第十四条: a meeting is announced at least 15 days before it
 * (voting opens); only a temporary meeting, where the city allows it (杭州), may be announced
 * 7 days before. The settings refuse anything shorter, and publishing reads the period from
 * noticeDaysFor, so the floor the settings accept and the one the notice obeys are the same.
 */
export const STATUTORY_NOTICE_DAYS = 15;
export const SHORTEST_TEMPORARY_NOTICE_DAYS = 7;

/**
 * An estate's settings (domain.md): the tally engine's own (profile,
 * countParking, nonVoters, coOwnerVoting, overrides, …) plus the procedure's.
 * Defaults follow the national rules; stricter local rules are set per estate.
 */
export const estateSettingsSchema = SettingsSchema.extend({
  noticeDays: z
    .number()
    .int()
    .min(STATUTORY_NOTICE_DAYS, `at least ${STATUTORY_NOTICE_DAYS} days (条例 第十四条); a shorter notice is for temporary meetings only: temporaryNoticeDays`)
    .max(90)
    .default(STATUTORY_NOTICE_DAYS)
    .describe(`R4.1: days between the notice and the opening of voting, at least ${STATUTORY_NOTICE_DAYS} (条例 第十四条)`),
  temporaryNoticeDays: z
    .number()
    .int()
    .min(SHORTEST_TEMPORARY_NOTICE_DAYS, `at least ${SHORTEST_TEMPORARY_NOTICE_DAYS} days (the shortest any city allows, for temporary meetings)`)
    .max(90)
    .optional()
    .describe(
      `R4.1: the notice period for temporary meetings, where the city allows a shorter one (杭州: ${SHORTEST_TEMPORARY_NOTICE_DAYS}); ` +
        'defaults to noticeDays. Regular meetings always take noticeDays',
    ),
  windowDays: z
    .object({ min: z.number().int().min(1).max(365), max: z.number().int().min(1).max(365) })
    .strict()
    .refine((w) => w.min <= w.max, 'min must not exceed max')
    .default({ min: 1, max: 60 })
    .describe('R4.2: bounds on the length of the voting window, in days (杭州: 5 to 60)'),
  maxProxiesPerHolder: z.number().int().min(1).max(100).default(3).describe('R4.3: owners one proxy holder may represent'),
  residentsCommitteePhone: z
    .string()
    .regex(/^1[3-9]\d{9}$/, 'a mainland mobile number, 11 digits')
    .optional()
    .describe('The residents’ committee’s mobile: it receives the notice and the published result by SMS'),
  minimumAssurance: z
    .enum(['knowledge', 'registry_factor', 'provider_face', 'in_person'])
    .default('registry_factor')
    .describe(
      'Issue 14: the lowest level of identity assurance whose binding may vote online (frozen on the meeting when voting opens). ' +
        'knowledge (name and identity number) may still see holdings; an estate may require provider_face or in_person',
    ),
  objectionDays: z
    .number()
    .int()
    .min(0)
    .max(60, 'at most 60 days')
    .default(0)
    .describe(
      'R7.2 (issue 17): days of the objection window (询异公示) after a result is published; 0 = off. ' +
        'While it runs the result is preliminary: owners may object to how their own ballot was recorded, the committee answers, and only then may it be certified',
    ),
}).strict();

export type EstateSettings = z.output<typeof estateSettingsSchema>;

export const DEFAULT_ESTATE_SETTINGS: EstateSettings = estateSettingsSchema.parse({});

/**
 * Parses and checks settings, including that no override is looser than the
 * statute. In src/ only this module calls it (test/unit/estate-settings-home.test.ts):
 * stored settings are read through estateSettingsOf, a client's through settingsFromRequest.
 */
export function validateEstateSettings(input: unknown): EstateSettings {
  const parsed = estateSettingsSchema.safeParse(input);
  if (!parsed.success) {
    // Each refusal also in the staff's words (zh, en), naming the statute it keeps: the console shows them as they are.
    const errors = parsed.error.issues.map((i) => ({
      path: ['body', 'settings', ...i.path].join('.'),
      message: i.message,
      words: settingRefusalWords(i),
    }));
    throw new ProblemError('validation-failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  }
  try {
    resolveSettings(tallySettingsOf(parsed.data));
  } catch (err) {
    if (!(err instanceof TallyInputError)) throw err;
    const errors = err.issues.map((i) => ({ path: `body.${i.path}`, message: i.message, words: overrideRefusalWords(parsed.data.profile, i.path) }));
    throw new ProblemError('validation-failed', errors.map((e) => e.message).join('; '), { errors });
  }
  return parsed.data;
}

/** R4.1: the days of notice a meeting of this kind needs under these settings. */
export function noticeDaysFor(settings: Pick<EstateSettings, 'noticeDays' | 'temporaryNoticeDays'>, kind: 'regular' | 'temporary'): number {
  return kind === 'temporary' ? (settings.temporaryNoticeDays ?? settings.noticeDays) : settings.noticeDays;
}

/** The part of an estate's settings the tally engine decides by. */
export function tallySettingsOf(settings: EstateSettings): Settings {
  const { noticeDays: _n, temporaryNoticeDays: _t, windowDays: _w, maxProxiesPerHolder: _m, residentsCommitteePhone: _r, minimumAssurance: _a, objectionDays: _o, ...tally } = settings;
  return tally;
}

/** An estate's settings as stored, validated, and the part of them the tally engine decides by. */
export interface LoadedSettings {
  settings: EstateSettings;
  tally: Settings;
}

/**
 * The one reader of an estate's stored settings. They were validated on the
 * way in; they are parsed again on the way out so that defaults added since
 * apply, and a setting the statute no longer allows fails loudly here.
 */
export async function estateSettingsOf(db: Kysely<DB>, estateId: string): Promise<LoadedSettings> {
  return settingsOfEstate(await storedSettingsOf(db, estateId));
}

/** The same, from an estate row the caller already holds (requireAccess returns one; a list of estates has many). */
export function settingsOfEstate(estate: Pick<Estate, 'settings'>): LoadedSettings {
  const settings = validateEstateSettings(estate.settings);
  return { settings, tally: tallySettingsOf(settings) };
}

/** Settings a client sends (a new estate, replaced settings), checked before they are stored. */
export function settingsFromRequest(input: unknown): EstateSettings {
  return validateEstateSettings(input);
}

/** The residents’ committee’s mobile number, where the estate set one. */
export async function residentsCommitteePhoneOf(db: Kysely<DB>, estateId: string): Promise<string | null> {
  return (await estateSettingsOf(db, estateId)).settings.residentsCommitteePhone ?? null;
}
