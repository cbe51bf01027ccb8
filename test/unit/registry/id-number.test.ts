import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idTail, normaliseIdNumber } from '../../../src/registry/id-number.ts';
import { mod11_2, residentId, USCC_ALPHABET, usccCheck, withWrongCheck } from './fixtures.ts';

const ok = (value: string) => ({ ok: true, value });
const rejected = (message: string | RegExp) => expect.objectContaining({ ok: false, message: expect.stringMatching(message) });

/** Calendar dates 1900-01-01..2100-12-31 as YYYYMMDD. */
const birthDate = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
const region = fc.integer({ min: 100000, max: 999999 }).map(String);

describe('resident identity numbers (GB 11643-1999)', () => {
  it('accepts the example printed in GB 11643-1999 and normalises a lower-case x', () => {
    expect(normaliseIdNumber('resident_id', '11010519491231002X')).toEqual(ok('11010519491231002X'));
    expect(normaliseIdNumber('resident_id', ' 11010519491231002x ')).toEqual(ok('11010519491231002X'));
  });

  it('accepts every well-formed number whose check character is right, and no other check character', () => {
    fc.assert(
      fc.property(region, birthDate, fc.integer({ min: 0, max: 999 }), (r, birth, seq) => {
        const id = residentId(birth, seq, r);
        expect(normaliseIdNumber('resident_id', id)).toEqual(ok(id));
        for (const wrong of '0123456789X') {
          if (wrong === id[17]) continue;
          expect(normaliseIdNumber('resident_id', id.slice(0, 17) + wrong)).toEqual(rejected(/^resident identity number fails its check character$/));
        }
      }),
    );
  });

  it('reads full-width digits and separators typed with a Chinese input method', () => {
    const id = residentId('19900307', 803);
    const fullWidth = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(normaliseIdNumber('resident_id', fullWidth)).toEqual(ok(id));
    expect(normaliseIdNumber('resident_id', `${id.slice(0, 6)} ${id.slice(6, 14)}-${id.slice(14)}`)).toEqual(ok(id));
  });

  it('asks for old 15-digit numbers to be converted', () => {
    expect(normaliseIdNumber('resident_id', '110105491231002')).toEqual(rejected(/^15-digit identity numbers must be converted to 18 digits$/));
  });

  it('refuses impossible birth dates even when the check character fits', () => {
    for (const birth of ['19900230', '19000229', '18991231', '21010101', '19901301', '19900100']) {
      expect(normaliseIdNumber('resident_id', residentId(birth))).toEqual(rejected(`invalid birth date '${birth}'`));
    }
    expect(normaliseIdNumber('resident_id', residentId('20000229'))).toEqual(ok(residentId('20000229')));
  });

  it('refuses a region code starting with 0, wrong lengths and stray letters', () => {
    expect(normaliseIdNumber('resident_id', residentId('19900101', 1, '010101'))).toEqual(rejected(/invalid region code '010101'/));
    expect(normaliseIdNumber('resident_id', residentId('19900101').slice(0, 17))).toEqual(rejected(/17 digits followed by a digit or X/));
    expect(normaliseIdNumber('resident_id', 'A1010519491231002X')).toEqual(rejected(/17 digits followed by a digit or X/));
    expect(normaliseIdNumber('resident_id', '')).toEqual(rejected(/^resident identity number is missing$/));
  });

  it('explains a number a spreadsheet turned into scientific notation', () => {
    expect(normaliseIdNumber('resident_id', '1.10105E+17')).toEqual(rejected(/scientific notation/));
  });

  it('fixture check: the recursive MOD 11-2 agrees with the standard\'s examples', () => {
    expect(mod11_2('11010519491231002')).toBe('X');
    expect(mod11_2('44052418800101001')).toBe('4');
  });
});

describe('unified social credit codes (GB 32100-2015)', () => {
  // Published codes of real organisations, and the example quoted in the brief.
  const published = [
    '91350100M000100Y43', // the example commonly quoted with GB 32100
    '914403001922038216', // 华为技术有限公司
    '91440300708461136T', // 深圳市腾讯计算机系统有限公司
    '91110108551385082Q', // 小米科技有限责任公司
  ];

  it.each(published)('accepts the published code %s', (code) => {
    expect(normaliseIdNumber('uscc', code)).toEqual(ok(code));
    expect(normaliseIdNumber('uscc', code.toLowerCase())).toEqual(ok(code));
  });

  it.each(published)('refuses %s with any other check character', (code) => {
    for (const wrong of USCC_ALPHABET) {
      if (wrong === code[17]) continue;
      expect(normaliseIdNumber('uscc', code.slice(0, 17) + wrong)).toEqual(rejected(/^unified social credit code fails its check character$/));
    }
  });

  it('accepts any code whose check character is computed by the standard', () => {
    const body = fc.array(fc.constantFrom(...USCC_ALPHABET), { minLength: 17, maxLength: 17 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(body, (b) => {
        const code = b + usccCheck(b);
        expect(normaliseIdNumber('uscc', code)).toEqual(ok(code));
      }),
    );
  });

  it('refuses the letters the standard leaves out, and wrong lengths', () => {
    expect(normaliseIdNumber('uscc', '91350100I000100Y43')).toEqual(rejected(/may contain only digits and the letters/));
    expect(normaliseIdNumber('uscc', '91350100M000100Y4')).toEqual(rejected(/must be 18 characters/));
  });

  it('fixture check: the derived weights reproduce the published codes', () => {
    for (const code of published) expect(usccCheck(code.slice(0, 17))).toBe(code[17]);
  });
});

describe('permits and passports', () => {
  it('Hong Kong/Macao permits: H or M and 8 or 10 digits', () => {
    expect(normaliseIdNumber('hk_macao_permit', 'h12345678')).toEqual(ok('H12345678'));
    expect(normaliseIdNumber('hk_macao_permit', 'M1234567801')).toEqual(ok('M1234567801'));
    for (const bad of ['H1234567', 'H123456789', 'K12345678', '12345678']) {
      expect(normaliseIdNumber('hk_macao_permit', bad)).toEqual(rejected(/H or M followed by 8 or 10 digits/));
    }
  });

  it('Taiwan permits: 8 digits, or the old 10 digits with an optional bracketed letter', () => {
    expect(normaliseIdNumber('taiwan_permit', '12345678')).toEqual(ok('12345678'));
    expect(normaliseIdNumber('taiwan_permit', '1234567890')).toEqual(ok('1234567890'));
    expect(normaliseIdNumber('taiwan_permit', '1234567890(b)')).toEqual(ok('1234567890B'));
    expect(normaliseIdNumber('taiwan_permit', '1234567')).toEqual(rejected(/8 digits/));
  });

  it('foreign permanent residence IDs: the old 15-character card and the 2023 card with its check character', () => {
    expect(normaliseIdNumber('foreign_permanent_id', 'usa110090010015')).toEqual(ok('USA110090010015'));
    const body = '93384019850101001'; // 9, province 33, nationality 840, born 1985-01-01, sequence 001
    const card = body + mod11_2(body);
    expect(normaliseIdNumber('foreign_permanent_id', card)).toEqual(ok(card));
    expect(normaliseIdNumber('foreign_permanent_id', withWrongCheck(card))).toEqual(rejected(/fails its check character/));
    expect(normaliseIdNumber('foreign_permanent_id', '83384019850101001X')).toEqual(rejected(/starting with 9/));
  });

  it('passports: 5 to 20 letters and digits', () => {
    expect(normaliseIdNumber('passport', 'e1234 5678')).toEqual(ok('E12345678'));
    expect(normaliseIdNumber('passport', 'AB12')).toEqual(rejected(/5 to 20/));
    expect(normaliseIdNumber('passport', 'AB12_345')).toEqual(rejected(/5 to 20/));
  });
});

describe('idTail', () => {
  it('keeps the last four characters only', () => {
    expect(idTail('11010519491231002X')).toBe('002X');
    expect(idTail('H12345678')).toBe('5678');
  });
});
