import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecords, parseRegistryCsv, plainRows } from '../../../src/registry/parse-csv.ts';

// Texts without a quote, made of the characters that matter to a CSV reader and a few that do not.
const plainText = fc
  .array(fc.constantFrom(',', '\n', ' ', 'a', 'B', '1', '张', '栋', '\t', ';', '\uFEFF', '\\'), { maxLength: 60 })
  .map((chars) => chars.join(''));

describe('reading CSV without quotes by splitting lines and commas', () => {
  it('gives exactly the records csv-parse gives, each on its own line', () => {
    fc.assert(
      fc.property(plainText, fc.boolean(), (text, bom) => {
        const input = bom ? `\uFEFF${text}` : text;
        const rows = [...plainRows(input)];
        expect(rows.map((r) => r.cells)).toEqual(csvRecords(input));
        expect(rows.map((r) => r.line)).toEqual(rows.map((_, i) => i + 1));
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads a registry the same whether or not one cell somewhere is quoted', () => {
    const header = 'registry_no,building,stair,room,area,area_source,kind,owner_name,owner_id_type,owner_id_number';
    const rows = ['A-1,1栋,1单元,101,88.5,registry,residential,张三,passport,E1234567', 'A-2,1栋,1单元,102,90,registry,residential,李四,passport,E7654321'];
    const plain = parseRegistryCsv(`${header}\n${rows.join('\n')}\n`);
    const quoted = parseRegistryCsv(`${header}\n${rows[0]}\n${rows[1]!.replace('李四', '"李四"')}\n`);
    expect(plain.ok).toBe(true);
    expect(quoted).toEqual(plain);
  });
});
