import { hash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { Channel } from '../db/schema.ts';

/**
 * A ballot receipt: what an owner keeps after voting and finds again in the
 * published result. Below both voting (which hands it out) and results
 * (which lists it), so neither imports the other for it.
 */

export interface ReceiptContent {
  ballotId: string;
  motionId: string;
  voterId: string;
  version: number;
  choice: unknown;
  spoiled: boolean;
  channel: Channel;
  castAt: Date;
}

/**
 * SHA-256 of the ballot's canonical JSON. The eight fields are written out
 * in canonical (sorted) key order rather than through canonicalJson()'s
 * generic sort: every ballot cast pays for this. A property test holds the two
 * to the same text (test/unit/receipt.test.ts).
 */
export function receiptOf(b: ReceiptContent): string {
  const choice = b.choice === undefined ? '' : `"choice":${canonicalJson(b.choice)},`;
  const content =
    `{"ballotId":${JSON.stringify(b.ballotId)},"castAt":${JSON.stringify(b.castAt.toISOString())},"channel":${JSON.stringify(b.channel)},` +
    `${choice}"motionId":${JSON.stringify(b.motionId)},"spoiled":${b.spoiled},"version":${canonicalJson(b.version)},"voterId":${JSON.stringify(b.voterId)}}`;
  return hash('sha256', content, 'hex');
}
