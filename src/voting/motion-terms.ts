import { z } from 'zod';
import type { MotionRow } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { MATTERS, MotionSchema, type Motion } from '../tally/index.ts';

/**
 * A motion as an organiser writes it, checked with the tally engine's own
 * motion schema so that what is put to the vote is exactly what the engine
 * will decide.
 */

const documentSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    url: z.url({ protocol: /^https?$/ }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of the document, 64 hex digits'),
  })
  .strict();

const choiceId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'ids are lower-case letters, digits, - and _');

export const motionInputSchema = z
  .object({
    matter: z.enum(MATTERS),
    kind: z.enum(['yes_no', 'options', 'election']),
    title: z.string().trim().min(1).max(200),
    text: z.string().max(20_000).default(''),
    options: z.array(z.object({ id: choiceId, label: z.string().trim().min(1).max(500) }).strict()).min(2).max(50).optional(),
    candidates: z.array(z.object({ id: choiceId, name: z.string().trim().min(1).max(100) }).strict()).min(1).max(50).optional(),
    seats: z.number().int().min(1).max(50).optional(),
    scope: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('estate') }).strict(),
        z.object({ kind: z.literal('building'), building: z.string().min(1).max(50) }).strict(),
        z.object({ kind: z.literal('stair'), building: z.string().min(1).max(50), stair: z.string().min(1).max(50) }).strict(),
      ])
      .default({ kind: 'estate' }),
    liftInstallation: z.boolean().default(false),
    documents: z.array(documentSchema).max(20).default([]),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.kind === 'options' && !m.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'an options motion needs options' });
    if (m.kind === 'election') {
      if (!m.candidates) ctx.addIssue({ code: 'custom', path: ['candidates'], message: 'an election needs candidates' });
      if (m.seats === undefined) ctx.addIssue({ code: 'custom', path: ['seats'], message: 'an election needs the number of seats' });
      if (m.matter !== 'committee_election') ctx.addIssue({ code: 'custom', path: ['matter'], message: 'an election is matter committee_election' });
    }
    if (m.kind !== 'options' && m.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only an options motion has options' });
    if (m.kind !== 'election' && (m.candidates || m.seats !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['candidates'], message: 'only an election has candidates and seats' });
    }
    if (m.liftInstallation && (m.kind !== 'yes_no' || m.matter !== 'rebuild' || m.scope.kind !== 'stair')) {
      ctx.addIssue({ code: 'custom', path: ['liftInstallation'], message: 'a lift installation is a yes/no rebuild motion scoped to one stairwell unit (R3.6)' });
    }
  });

export type MotionInput = z.output<typeof motionInputSchema>;

/** The engine's motion for this input; `id` is the motion's database id. */
export function engineMotion(id: string, input: Pick<MotionInput, 'matter' | 'kind' | 'title' | 'options' | 'candidates' | 'seats' | 'scope' | 'liftInstallation'>): Motion {
  const base = { id, title: input.title, matter: input.matter, scope: input.scope, liftInstallation: input.liftInstallation };
  const raw =
    input.kind === 'options'
      ? { ...base, kind: 'options', options: input.options }
      : input.kind === 'election'
        ? { ...base, kind: 'election', candidates: input.candidates, seats: input.seats }
        : { ...base, kind: 'yes_no' };
  return MotionSchema.parse(raw);
}

/** A ballot's choice: yes/no → agree|oppose|abstain; options → an option id or abstain; election → up to `seats` candidate ids. */
export type Choice = string | string[];

export function choiceProblem(motion: Motion, choice: unknown): string | null {
  switch (motion.kind) {
    case 'yes_no':
      return choice === 'agree' || choice === 'oppose' || choice === 'abstain' ? null : 'choose agree, oppose or abstain';
    case 'options':
      return typeof choice === 'string' && (choice === 'abstain' || motion.options.some((o) => o.id === choice))
        ? null
        : `choose one of ${motion.options.map((o) => o.id).join(', ')} or abstain`;
    case 'election': {
      if (!Array.isArray(choice) || choice.some((c) => typeof c !== 'string')) return 'choose a list of candidate ids (empty to abstain)';
      if (choice.length > motion.seats) return `choose at most ${motion.seats} candidates`;
      if (new Set(choice).size !== choice.length) return 'a candidate is chosen twice';
      const unknown = (choice as string[]).find((c) => !motion.candidates.some((k) => k.id === c));
      return unknown === undefined ? null : `no candidate ${unknown}`;
    }
    default:
      return 'this motion takes no ballots';
  }
}

/** A choice the motion does not take, refused as the request field `path` (every channel's one check of the choice). */
export function requireValidChoice(motion: Motion, choice: unknown, path = 'body.choice'): void {
  const problem = choiceProblem(motion, choice);
  if (problem) throw new ProblemError('validation-failed', problem, { errors: [{ path, message: problem }] });
}

/** The stored terms of a motion as the engine's motion. */
export function motionOf(row: Pick<MotionRow, 'id' | 'terms'>): Motion {
  return engineMotion(row.id, row.terms as MotionInput);
}

/** The refusal for a motion that is not the meeting's (cast_ballots answers the same in SQL, GJ404). */
export function noSuchMotion(): ProblemError {
  return new ProblemError('not-found', 'No such motion in this meeting');
}
