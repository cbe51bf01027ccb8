import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/audit/canonical-json.ts';
import { receiptOf } from '../../src/receipts/receipt.ts';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const content = fc.record({
  ballotId: fc.oneof(fc.uuid(), text),
  motionId: fc.oneof(fc.uuid(), text),
  voterId: fc.oneof(fc.uuid(), text),
  version: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  choice: fc.oneof(fc.constant(null), fc.constant(undefined), text, fc.array(text, { maxLength: 5 })),
  spoiled: fc.boolean(),
  channel: fc.constantFrom('online' as const, 'paper' as const, 'proxy' as const),
  castAt: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
});

describe('ballot receipts', () => {
  it('are the SHA-256 of the canonical JSON of the ballot, whatever its content', () => {
    fc.assert(
      fc.property(content, (b) => {
        const canonical = canonicalJson({ ...b, castAt: b.castAt.toISOString() });
        expect(receiptOf(b)).toBe(createHash('sha256').update(canonical).digest('hex'));
      }),
      { numRuns: 1000 },
    );
  }, 30_000);

  it('a published receipt stays the same (a fixed example)', () => {
    const receipt = receiptOf({
      ballotId: '0190f5c2-0000-7000-8000-000000000001',
      motionId: '0190f5c2-0000-7000-8000-000000000002',
      voterId: '0190f5c2-0000-7000-8000-000000000003',
      version: 2,
      choice: ['候选人甲', 'b'],
      spoiled: false,
      channel: 'online',
      castAt: new Date('2027-01-10T01:02:03.004Z'),
    });
    const canonical =
      '{"ballotId":"0190f5c2-0000-7000-8000-000000000001","castAt":"2027-01-10T01:02:03.004Z","channel":"online","choice":["候选人甲","b"],' +
      '"motionId":"0190f5c2-0000-7000-8000-000000000002","spoiled":false,"version":2,"voterId":"0190f5c2-0000-7000-8000-000000000003"}';
    expect(receipt).toBe(createHash('sha256').update(canonical).digest('hex'));
  });
});
