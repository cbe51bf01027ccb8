import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/audit/canonical-json.ts';
import { parseBallotLines, parseRecordLines, RepeatedTexts } from '../../../src/results/record-lines.ts';
import { Issues } from '../../../src/tally/issues.ts';
import type { Ballot } from '../../../src/tally/record.ts';
import { checkBallot, checkBallotWindow } from '../../../src/tally/validate-record.ts';
import { votingWindow } from '../../../src/tally/window.ts';

/**
 * The recount thread reads a ballot line of the usual shape by its bytes and checks only its instant against
 * the window (parseBallotLines, checkBallotWindow). That is sound only if every line it takes is one whose
 * other fields checkBallot accepts, if it reads what JSON.parse reads, and if the window check then says what
 * checkBallot says: held here on ballots good and bad in every field, in and out of the window.
 */
const good = fc.constantFrom('agree', 'A', '栋1', 'x'.repeat(128), '栋'.repeat(42), '🏠');
const bad = fc.constantFrom('', 'a\u0001b', 'del\u007f', 'x'.repeat(129), '栋'.repeat(43), '"q"', 'back\\slash', 5, null, true);
const id = fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: good });
const instant = fc.constantFrom('2024-05-02T01:00:00.000Z', '2024-05-02T09:30:00+08:00', '2024-05-01T23:59:59.999Z', '2024-05-02T07:00:00.000Z', '2024-05-02T06:59:59.999999Z');
const ballotArb = fc
  .record({
    castAt: instant,
    castBy: fc.option(id, { freq: 2 }),
    channel: fc.constantFrom('online', 'paper', 'proxy'),
    choice: fc.oneof(fc.constant(undefined), good, fc.array(id, { maxLength: 3 })),
    id,
    spoiled: fc.constantFrom(undefined, true, false),
    unit: id,
    fault: fc.option(
      fc.oneof(
        fc.record({ castAt: fc.constantFrom('2024-05-02 09:00', '2024-02-30T00:00:00Z', '', 5) }),
        fc.record({ castBy: bad }),
        fc.record({ channel: fc.constantFrom('fax', 'Online', null) }),
        fc.record({ choice: fc.oneof(bad, fc.constant(['a', 5]), fc.constant(Array.from({ length: 101 }, (_, i) => `c${i}`)), fc.constant({ a: 'b' })) }),
        fc.record({ id: bad }),
        fc.record({ spoiled: fc.constantFrom('yes', 0, null) }),
        fc.record({ unit: bad }),
        fc.record({ colour: fc.constant('red') }),
      ),
      { freq: 2 },
    ),
  })
  .map((b) => {
    const ballot: Record<string, unknown> = { castAt: b.castAt, channel: b.channel, id: b.id, unit: b.unit };
    if (b.castBy !== null) ballot.castBy = b.castBy;
    if (b.choice !== undefined) ballot.choice = b.choice;
    if (b.spoiled !== undefined) ballot.spoiled = b.spoiled;
    return b.fault === null ? ballot : { ...ballot, ...b.fault };
  });
// Windows that the instants above fall in and out of (09:00–15:00 in +08:00 is 01:00–07:00 UTC), and none.
const windowArb = fc.constantFrom(
  undefined,
  { id: 'm', opensAt: '2024-05-02T09:00:00+08:00', closesAt: '2024-05-02T15:00:00+08:00' },
  { id: 'm', opensAt: '2024-05-02T01:00:00.001Z', closesAt: '2024-05-02T06:59:59.9999995Z' },
);

describe('ballot lines of the usual shape', () => {
  it('are taken only when checkBallot accepts their own fields, read as JSON.parse reads them, and the window checked alone says what checkBallot says', () => {
    let usualSeen = 0;
    let refusedSeen = 0;
    let outsideSeen = 0;
    fc.assert(
      fc.property(fc.array(ballotArb, { minLength: 1, maxLength: 6 }), windowArb, (ballots, meeting) => {
        const window = votingWindow(meeting);
        const lines = Buffer.from(ballots.map((b) => `${canonicalJson(b)}\n`).join(''));
        const { values, usual } = parseBallotLines(lines, new RepeatedTexts());
        const parsed = parseRecordLines(lines);
        expect(values).toEqual(parsed);
        parsed.forEach((value, k) => {
          const own = new Issues();
          checkBallot(value, k, own);
          const whole = new Issues();
          checkBallot(value, k, whole, window);
          if (usual[k] === 1) {
            usualSeen++;
            expect(own.all).toEqual([]);
            const windowed = new Issues();
            checkBallotWindow(values[k] as Ballot, k, windowed, window);
            expect(windowed.all).toEqual(whole.all);
            if (windowed.any) outsideSeen++;
          } else if (own.any) refusedSeen++;
        });
      }),
      { numRuns: 1500 },
    );
    expect(usualSeen).toBeGreaterThan(1000);
    expect(refusedSeen).toBeGreaterThan(1000);
    expect(outsideSeen).toBeGreaterThan(100);
  });

  it('are the lines the close writes: a ballot as PostgreSQL writes it is taken', () => {
    const line = '{"castAt":"2026-11-28T01:19:19.232Z","castBy":"7bb2aac7-02ac-4596-8cf3-1585252f2f3a","channel":"online","choice":"abstain","id":"00000794-19f0-45b9-9ea6-b53028059846","unit":"f2800833-853c-4f3a-9f0d-21802e48a79b"}\n';
    const { values, usual } = parseBallotLines(Buffer.from(line));
    expect([...usual]).toEqual([1]);
    expect(values).toEqual([JSON.parse(line)]);
  });
});
