import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatArea, MAX_AREA_HUNDREDTHS, parseAreaHundredths } from '../../../src/registry/area.ts';

describe('areas in hundredths of a square metre', () => {
  it.each([
    ['88.5', 8850],
    ['88', 8800],
    ['88.50', 8850],
    ['088.50', 8850],
    [' 88.50 ', 8850],
    ['0.01', 1],
    ['4433.46', 443346],
    ['1000000.00', MAX_AREA_HUNDREDTHS],
  ])('reads %j exactly as %i', (text, hundredths) => {
    expect(parseAreaHundredths(text)).toEqual({ ok: true, hundredths });
  });

  it.each([
    ['', /^area is missing$/],
    ['abc', /not a decimal number/],
    ['1e3', /not a decimal number/],
    ['88,50', /not a decimal number/],
    ['88.', /not a decimal number/],
    ['.5', /not a decimal number/],
    ['88.50㎡', /not a decimal number/],
    ['-5', /is negative/],
    ['-0.5', /is negative/],
    ['0', /greater than zero/],
    ['0.00', /greater than zero/],
    ['88.505', /more than two decimal places/],
    ['1000000.01', /larger than 1,000,000.00/],
    ['99999999999999999999', /larger than 1,000,000.00/],
  ])('refuses %j', (text, message) => {
    expect(parseAreaHundredths(text)).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });

  it('round-trips every valid area through its two-decimal form, with or without padding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AREA_HUNDREDTHS }), (hundredths) => {
        const text = formatArea(hundredths);
        expect(text).toMatch(/^\d+\.\d\d$/);
        expect(parseAreaHundredths(text)).toEqual({ ok: true, hundredths });
        expect(parseAreaHundredths(`00${text}`)).toEqual({ ok: true, hundredths });
        if (text.endsWith('0')) expect(parseAreaHundredths(text.slice(0, -1))).toEqual({ ok: true, hundredths });
      }),
    );
  });
});
