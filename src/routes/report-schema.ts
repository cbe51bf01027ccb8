import { z } from 'zod';

/**
 * The tally engine's report (src/tally/report.ts) as the API describes it: the parts a reader
 * of a result needs — totals, choices, the quorum and each test with the least figures that
 * would have sufficed, the verdict and the engine's explanation lines in Chinese and English.
 * Loose objects where the engine writes more: everything else the engine writes (settings, non-voters, statistics) passes
 * through unchanged, so nothing of the report is lost by describing part of it.
 */
const label = z.object({ zh: z.string(), en: z.string() });
const threshold = z.object({ num: z.number().int(), den: z.number().int(), strict: z.boolean(), text: z.string().describe('e.g. "≥ 2/3"') });
const amount = z.object({ area: z.string().describe('m², exact, two decimals'), heads: z.number().int() });
const comparison = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    base: value,
    threshold,
    needed: value.describe('The least value that meets the threshold'),
    margin: value.describe('value − needed: negative when missed'),
    met: z.boolean(),
  });

export const tallyReportSchema = z
  .looseObject({
    format: z.literal('gongjue.tally-report'),
    version: z.number().int(),
    motion: z.looseObject({ id: z.string().nullable(), title: z.string().nullable(), kind: z.string(), matter: z.string(), matterTitle: label.extend({ item: z.number().int().describe('The item of 民法典 第二百七十八条') }) }),
    rule: z.looseObject({ profile: z.string(), statute: label, test: z.string(), base: z.string(), quorum: threshold.nullable(), approval: threshold }),
    totals: z.looseObject({ TA: z.string(), TH: z.number().int(), PA: z.string(), PH: z.number().int(), didNotVote: amount, spoiled: amount }),
    choices: z.array(amount.extend({ id: z.string(), label })).readonly(),
    quorum: z.looseObject({ met: z.boolean(), threshold, area: comparison(z.string()), heads: comparison(z.number().int()) }).nullable(),
    verdict: z.looseObject({ kind: z.enum(['yes_no', 'options', 'election', 'petition']), outcome: z.string() }),
    warnings: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })).readonly(),
    explanation: z.object({ zh: z.array(z.string()).readonly(), en: z.array(z.string()).readonly() }).describe('The engine’s explanation, one checkable line each'),
  })
  .meta({ id: 'TallyReport' });
