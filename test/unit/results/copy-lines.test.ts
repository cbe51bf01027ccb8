import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyLines } from '../../../src/results/records.ts';

/**
 * The close reads the ballots' canonical lines with a text `COPY … TO STDOUT`: the connection hands the data
 * over in chunks split anywhere — inside a line, inside a doubled backslash, on a line break. Whatever the
 * split, the lines handed on are whole lines, each ending in its line break, COPY's escape undone, and all of
 * them in order.
 */
async function lines(chunks: readonly Buffer[]): Promise<Buffer[]> {
  const seen: Buffer[] = [];
  const copy = () =>
    (async function* () {
      for (const chunk of chunks) yield chunk;
    })();
  await copyLines(copy, 'select 1', (piece) => seen.push(Buffer.from(piece)));
  return seen;
}

const cut = (data: Buffer, at: readonly number[]) => {
  const points = [...new Set(at.map((n) => n % (data.length + 1)))].sort((a, b) => a - b);
  return [0, ...points].map((from, i) => data.subarray(from, points[i] ?? data.length)).filter((c, i, all) => c.length > 0 || all.length === 1);
};

describe('the lines of a text COPY', () => {
  it('are whole, escapes undone, in order, however the chunks split them', async () => {
    const line = fc.array(fc.constantFrom('a', '栋', '\\', '"', ':', '{'), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { maxLength: 12 }), async (texts, at) => {
        // COPY's text format doubles each backslash; the rows hold no line break of their own.
        const data = Buffer.from(texts.map((t) => `${t.replaceAll('\\', '\\\\')}\n`).join(''));
        const pieces = await lines(cut(data, at));
        for (const piece of pieces) expect(piece[piece.length - 1]).toBe(0x0a);
        expect(Buffer.concat(pieces).toString('utf8')).toBe(texts.map((t) => `${t}\n`).join(''));
      }),
      { numRuns: 400 },
    );
  });

  it('refuse data that ends inside a row', async () => {
    await expect(lines([Buffer.from('{"a":1}\n{"b"')])).rejects.toThrow(/inside a row/);
  });
});
