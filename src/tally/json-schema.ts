// The JSON Schema (draft-07, the dialect most validators speak) of the
// tally record, generated from the zod schema so the two cannot drift
// apart. docs/tally-record.schema.json is this output
// (`npx gongjue schema > docs/tally-record.schema.json`); a test fails when
// the file is stale.

import { z } from 'zod';
import { RECORD_FORMAT, RECORD_VERSION, TallyRecordSchema } from './record.ts';

export function tallyRecordJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(TallyRecordSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Record<string, unknown>;
  return {
    ...generated,
    $id: `https://gongjue.cn/schemas/${RECORD_FORMAT}.v${RECORD_VERSION}.json`,
    title: `Gongjue tally record, version ${RECORD_VERSION}`,
    description:
      'One motion’s complete evidence — settings, motion, units, ballots — from which anyone can recompute the result. ' +
      'See docs/tally-record.md. Some rules (distinct ids, representative among owners, valid calendar dates) are checked by the engine beyond this schema.',
  };
}
