// The tally record: one motion's complete evidence (settings, motion,
// units, ballots) in a versioned JSON format, documented in
// docs/tally-record.md. The zod schemas below are the single description of
// its shape: docs/tally-record.schema.json is generated from them, and the
// fast validator in validate-record.ts is tested against them.

import { z } from 'zod';
import { AREA_PATTERN, areaHundredths } from './area.ts';
import { INSTANT_PATTERN, parseInstant } from './instant.ts';
import { MATTERS } from './matters.ts';

export const RECORD_FORMAT = 'gongjue.tally-record';
export const RECORD_VERSION = 1;

/** Opaque, printable identifiers: they are quoted in messages and joined with U+001F into voter keys. */
// eslint-disable-next-line no-control-regex -- the point is to refuse control characters
export const ID_PATTERN = /^[^\u0000-\u001f\u007f]{1,128}$/;

export const AREA_SOURCES = ['registry', 'surveyed', 'contract'] as const;
export const UNIT_KINDS = ['residential', 'commercial', 'parking'] as const;
export const CHANNELS = ['online', 'paper', 'proxy'] as const;
export const PROFILES = ['civil-code-2021', 'property-law-2007'] as const;
export const MOTION_KINDS = ['yes_no', 'options', 'election', 'petition'] as const;
/** The word a ballot uses to abstain in an options motion; no option may carry this id. */
export const ABSTAIN = 'abstain';

export type AreaSource = (typeof AREA_SOURCES)[number];
export type UnitKind = (typeof UNIT_KINDS)[number];
export type Channel = (typeof CHANNELS)[number];
export type Profile = (typeof PROFILES)[number];
export type MotionKind = (typeof MOTION_KINDS)[number];

export const IdSchema = z.string().regex(ID_PATTERN).describe('Opaque printable identifier, 1–128 characters, no control characters.');

export const AreaSchema = z
  .string()
  .regex(AREA_PATTERN)
  .refine((s) => areaHundredths(s) > 0, { message: 'area must be positive' })
  .describe('Exclusive area in m², a positive decimal string with at most two decimals, e.g. "89.50".');

export const InstantSchema = z
  .string()
  .regex(INSTANT_PATTERN)
  .refine((s) => parseInstant(s) !== undefined, { message: 'not a valid instant' })
  .describe('ISO 8601 instant with seconds and an explicit offset, e.g. "2024-05-01T09:30:00+08:00".');

export const FractionSchema = z
  .object({
    num: z.int().min(0).max(1_000_000),
    den: z.int().min(1).max(1_000_000),
    strict: z.boolean().default(false).describe('true: more than num/den (过半数); false: at least num/den (以上).'),
  })
  .strict()
  .refine((t) => t.num < t.den || (t.num === t.den && !t.strict), { message: 'threshold can never be met' });

export const MatterSchema = z.enum(MATTERS);

export const OverrideSchema = z
  .object({
    quorum: FractionSchema.optional().describe('Share of the total area and heads that must take part.'),
    approval: FractionSchema.optional().describe('Share of the base (participants, or totals under property-law-2007) that must agree.'),
  })
  .strict();

export const SettingsSchema = z
  .object({
    profile: z.enum(PROFILES).default('civil-code-2021'),
    countParking: z.boolean().default(false),
    nonVoters: z.enum(['excluded', 'follow_majority']).default('excluded'),
    coOwnerVoting: z.enum(['any', 'representative']).default('any'),
    liftConsentTwoThirds: z
      .boolean()
      .default(false)
      .describe('R3.6: a lift installation also needs at least 2/3 of the stairwell unit’s heads agreeing.'),
    overrides: z.partialRecord(MatterSchema, OverrideSchema).default({}).describe('Stricter thresholds from the estate’s rules of procedure.'),
  })
  .strict();

export const ScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('estate') }).strict(),
  z.object({ kind: z.literal('building'), building: IdSchema }).strict(),
  z.object({ kind: z.literal('stair'), building: IdSchema, stair: IdSchema }).strict(),
]);

const ChoiceIdSchema = IdSchema.refine((id) => id !== ABSTAIN, { message: `"${ABSTAIN}" is reserved` });

export const OptionSchema = z.object({ id: ChoiceIdSchema, label: z.string().min(1).max(500) }).strict();
export const CandidateSchema = z.object({ id: ChoiceIdSchema, name: z.string().min(1).max(200) }).strict();

const motionBase = {
  id: IdSchema,
  title: z.string().max(1000).optional(),
  matter: MatterSchema,
  scope: ScopeSchema.default({ kind: 'estate' }),
  liftInstallation: z.boolean().default(false).describe('R3.6: installing a lift in a stairwell unit (matter rebuild, stair scope).'),
};

function uniqueIds(list: readonly { id: string }[]): boolean {
  return new Set(list.map((x) => x.id)).size === list.length;
}

export const MotionSchema = z.discriminatedUnion('kind', [
  z.object({ ...motionBase, kind: z.literal('yes_no') }).strict(),
  z
    .object({ ...motionBase, kind: z.literal('options'), options: z.array(OptionSchema).min(2).max(100) })
    .strict()
    .refine((m) => uniqueIds(m.options), { message: 'option ids must be distinct' }),
  z
    .object({
      ...motionBase,
      kind: z.literal('election'),
      candidates: z.array(CandidateSchema).min(1).max(100),
      seats: z.int().min(1).max(100),
    })
    .strict()
    .refine((m) => uniqueIds(m.candidates), { message: 'candidate ids must be distinct' }),
  z.object({ ...motionBase, kind: z.literal('petition') }).strict(),
]);

export const UnitSchema = z
  .object({
    id: IdSchema,
    registryNo: IdSchema.optional().describe('不动产单元号'),
    building: IdSchema,
    stair: IdSchema.optional(),
    room: IdSchema.optional(),
    area: AreaSchema,
    areaSource: z.enum(AREA_SOURCES),
    kind: z.enum(UNIT_KINDS),
    developerHeld: z.boolean().describe('Unsold, or sold but not delivered: counts towards the developer’s single head.'),
    owners: z.array(IdSchema).min(1).max(100).describe('Opaque owner ids; never names or identity numbers.'),
    representative: IdSchema.optional().describe('The co-owner chosen to cast the vote (R1.4); one of owners.'),
  })
  .strict()
  .refine((u) => new Set(u.owners).size === u.owners.length, { message: 'owner listed twice' })
  .refine((u) => u.representative === undefined || u.owners.includes(u.representative), {
    message: 'representative is not one of the owners',
  });

export const BallotSchema = z
  .object({
    id: IdSchema,
    unit: IdSchema.describe('Any unit of the voter.'),
    choice: z
      .union([IdSchema, z.array(IdSchema).max(100)])
      .optional()
      .describe('yes_no: agree|oppose|abstain; options: an option id or abstain; election: candidate ids (empty: abstain); petition: sign|withdraw.'),
    castAt: InstantSchema,
    channel: z.enum(CHANNELS),
    spoiled: z.boolean().optional().describe('A spoiled paper ballot (废票): counts as taking part only.'),
    castBy: IdSchema.optional().describe('The owner whose vote this is (for a proxy ballot, the owner who authorised it).'),
  })
  .strict();

export const MeetingSchema = z
  .object({
    id: IdSchema,
    opensAt: InstantSchema.optional(),
    closesAt: InstantSchema.optional(),
  })
  .strict();

export const TallyRecordSchema = z
  .object({
    format: z.literal(RECORD_FORMAT),
    version: z.literal(RECORD_VERSION),
    estate: z.object({ id: IdSchema, name: z.string().max(200).optional() }).strict(),
    meeting: MeetingSchema.optional(),
    settings: SettingsSchema.default({
      profile: 'civil-code-2021',
      countParking: false,
      nonVoters: 'excluded',
      coOwnerVoting: 'any',
      liftConsentTwoThirds: false,
      overrides: {},
    }),
    motion: MotionSchema,
    units: z.array(UnitSchema),
    ballots: z.array(BallotSchema),
  })
  .strict();

export type Settings = z.output<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;
export type Override = z.output<typeof OverrideSchema>;
export type Scope = z.output<typeof ScopeSchema>;
export type Motion = z.output<typeof MotionSchema>;
export type MotionInput = z.input<typeof MotionSchema>;
export type Option = z.output<typeof OptionSchema>;
export type Candidate = z.output<typeof CandidateSchema>;
export type Unit = z.output<typeof UnitSchema>;
export type Ballot = z.output<typeof BallotSchema>;
export type Meeting = z.output<typeof MeetingSchema>;
export type TallyRecord = z.output<typeof TallyRecordSchema>;
export type TallyRecordInput = z.input<typeof TallyRecordSchema>;
