import { describe, expect, it } from 'vitest';
import { areaHundredths, formatArea, parseArea, pickArea } from '../../src/tally/index.ts';

describe('areas are exact hundredths of m² (R1.1)', () => {
  it('reads decimals with up to two places exactly', () => {
    expect(parseArea('2955.64')).toBe(295564n);
    expect(parseArea('4433.46')).toBe(443346n);
    expect(parseArea('90')).toBe(9000n);
    expect(parseArea('90.5')).toBe(9050n);
    expect(parseArea('0.01')).toBe(1n);
    expect(parseArea('9999999999.99')).toBe(999999999999n);
  });

  it('refuses more than two decimals, negative, zero and non-numeric areas', () => {
    for (const bad of ['12.345', '-5.00', '-0.01', '0', '0.00', 'abc', '', '1e3', ' 90', '90 ', '90.', '.5', '+90', '090', '1,5', '10000000000', 'NaN', 'Infinity']) {
      expect(areaHundredths(bad), bad).toBe(-1);
      expect(() => parseArea(bad), bad).toThrow();
    }
  });

  it('says why an area was refused', () => {
    expect(() => parseArea('12.345')).toThrow(/more than two decimals/);
    expect(() => parseArea('-5')).toThrow(/negative/);
    expect(() => parseArea('0.00')).toThrow(/not positive/);
    expect(() => parseArea('abc')).toThrow(/not a decimal/);
  });

  it('formats hundredths back exactly, signs included', () => {
    expect(formatArea(295564n)).toBe('2955.64');
    expect(formatArea(1n)).toBe('0.01');
    expect(formatArea(0n)).toBe('0.00');
    expect(formatArea(-1n)).toBe('-0.01');
    expect(formatArea(-12345)).toBe('-123.45');
    expect(formatArea(10n ** 20n)).toBe('1000000000000000000.00');
  });

  it('R1.1: takes the registry area, else the surveyed, else the contract area, and names the source', () => {
    expect(pickArea({ registry: '90.10', surveyed: '91.00', contract: '92.00' })).toEqual({ area: '90.10', areaSource: 'registry' });
    expect(pickArea({ surveyed: '91.00', contract: '92.00' })).toEqual({ area: '91.00', areaSource: 'surveyed' });
    expect(pickArea({ contract: '92.00' })).toEqual({ area: '92.00', areaSource: 'contract' });
    expect(pickArea({})).toBeUndefined();
  });
});
