import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, Estate } from '../db/schema.ts';
import { type Settings, SettingsSchema, TallyInputError, resolveSettings } from '../tally/index.ts';
import { ProblemError } from '../problems.ts';

/**
 * An estate's settings (domain.md): the tally engine's own (profile,
 * countParking, nonVoters, coOwnerVoting, overrides, …) plus the procedure's.
 * Defaults follow the national rules; stricter local rules are set per estate.
 */
export const estateSettingsSchema = SettingsSchema.extend({
  noticeDays: z
    .number()
    .int()
    .min(7, 'at least 7 days (the shortest any city allows, for temporary meetings)')
    .max(90)
    .default(15)
    .describe('R4.1: days between the notice and the opening of voting'),
  temporaryNoticeDays: z
    .number()
    .int()
    .min(7, 'at least 7 days')
    .max(90)
    .optional()
    .describe('R4.1: the notice period for temporary meetings, where the city allows a shorter one (杭州: 7); defaults to noticeDays'),
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
    const errors = parsed.error.issues.map((i) => ({ path: ['body', 'settings', ...i.path].join('.'), message: i.message }));
    throw new ProblemError('validation-failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  }
  try {
    resolveSettings(tallySettingsOf(parsed.data));
  } catch (err) {
    if (!(err instanceof TallyInputError)) throw err;
    const errors = err.issues.map((i) => ({ path: `body.${i.path}`, message: i.message }));
    throw new ProblemError('validation-failed', errors.map((e) => e.message).join('; '), { errors });
  }
  return parsed.data;
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
  const estate = await db.selectFrom('estates').select('settings').where('id', '=', estateId).executeTakeFirstOrThrow();
  return settingsOfEstate(estate);
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
