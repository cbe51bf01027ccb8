import { describe, expect, it } from 'vitest';
import { maskedParts, maskName, maskPhone } from '../../src/lib/mask.ts';

describe('masked names', () => {
  it('keep one character of a person, two of an organisation, never the whole name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('  李四 ')).toBe('李*');
    expect(maskName('王')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName('明远商贸有限公司', 'organisation')).toBe('明远******');
    expect(maskName('AB', 'organisation')).toBe('A*');
    expect(maskName('𠮷野家')).toBe('𠮷**'); // one character, though two UTF-16 units
  });

  it('are the kept characters and the length maskedParts gives (the rule a search by masked name uses)', () => {
    for (const [name, kind] of [['张三', 'person'], ['欧阳娜娜', 'person'], ['明远商贸有限公司', 'organisation'], ['王', 'person'], ['𠮷野家', 'organisation']] as const) {
      const { kept, keptLength, length } = maskedParts(name, kind);
      expect([...kept].length).toBe(keptLength);
      expect(keptLength).toBeLessThan(Math.max(length, 1));
      expect(maskName(name, kind)).toBe(kept + '*'.repeat(length - keptLength));
    }
  });
});

describe('masked phones', () => {
  it('keep the first three and last four digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('12345')).toBe('*****');
  });
});
