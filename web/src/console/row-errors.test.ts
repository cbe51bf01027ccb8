import { describe, expect, it } from 'vitest';
import { parseRegistryCsv } from '../../../src/registry/parse-csv.ts';
import { parseRegistryJson } from '../../../src/registry/parse-json.ts';
import type { RowError } from '../../../src/registry/types.ts';
import { i18n } from './i18n.ts';
import zh from './messages/zh-CN.ts';
import { describeRowError } from './problems.ts';

/**
 * Issue 16: a registry file's refused rows, as the parser gives them, said by the console in
 * Chinese with every figure filled in (the code list against the words: test/unit/registry/row-error-words.test.ts).
 */
/** A valid resident identity number, and the same with a wrong check character (test/unit/registry/fixtures.ts personId(1), personId(3)). */
const ZHANG_SAN = '110101195101010006';
const WRONG_CHECK = '110101195301010001';
const HEADER = 'registry_no,building,stair,room,area,area_source,kind,developer_held,owner_name,owner_kind,owner_id_type,owner_id_number,owner_phone';
const line = (registryNo: string, room: string, { area = '88.50', areaSource = 'registry', name = '张三', id = ZHANG_SAN, phone = '' } = {}) =>
  `${registryNo},3栋,1单元,${room},${area},${areaSource},residential,false,${name},person,resident_id,${id},${phone}`;

const placeholders = (sentence: string) => [...sentence.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

/** Errors of a refused file. */
function refused(result: ReturnType<typeof parseRegistryCsv>): RowError[] {
  if (result.ok) throw new Error('expected errors, the file was accepted');
  return result.errors;
}

describe('describeRowError', () => {
  const bad = refused(
    parseRegistryCsv(
      [
        HEADER,
        line('R-0001', '101'),
        line('R-0002', '101', { area: 'abc' }), // the same room again, and a bad area
        line('R-0003', '102', { areaSource: 'measured', id: WRONG_CHECK }),
        line('R-0004', '103', { name: '', phone: '010-12345678' }),
        line('R-0005', '104', { name: '张叁' }), // 张三's number again, under another name
        line('R-0006', '105', { id: '1.10101E+17' }),
        '',
      ].join('\n'),
    ),
  );
  const sentences = () => bad.map((e) => describeRowError(e, 'csv'));

  it('gives every refusal of a real file a code the console has words for', () => {
    expect(bad.map((e) => e.code).sort()).toEqual(
      ['area-not-decimal', 'code-unknown', 'id-check-character', 'id-scientific-notation', 'owner-two-names', 'phone-not-mobile', 'room-repeated', 'value-missing'].sort(),
    );
  });

  it('says each in Chinese, every figure filled in, the clashing row by its line', () => {
    const said = sentences();
    for (const sentence of said) {
      expect(sentence).toMatch(/[\u4e00-\u9fff]/);
      expect(placeholders(sentence)).toEqual([]);
    }
    expect(said).toContain('面积“abc”不是数字。请只填以平方米为单位的数字，例如 88.50，不要带单位。');
    expect(said).toContain('面积来源“measured”不认识。请改成其中之一：登记、实测、合同。');
    expect(said).toContain('业主姓名没有填写。请补上后重新上传。');
    expect(said).toContain('居民身份证号码被表格软件变成了科学计数法，后几位已经丢失。请把这一列设为“文本”格式，从原始数据重新导出。');
    expect(said.find((s) => s.startsWith('房屋 3栋/1单元/101'))).toBe('房屋 3栋/1单元/101 已在第 2 行登记为不动产单元号 R-0001。一套房屋只能有一个单元号；请删除重复的一行，或改正房号。');
    expect(said.find((s) => s.includes('张叁'))).toContain('在第 2 行却叫“张三”');
  });

  it('never quotes an identity number whole, in the parameters or the sentence', () => {
    const whole = [ZHANG_SAN, WRONG_CHECK];
    for (const e of bad) for (const id of whole) expect(JSON.stringify(e.params) + describeRowError(e, 'csv')).not.toContain(id);
  });

  it('names a JSON unit and owner where a CSV file has lines', () => {
    const owner = { name: '张三', idType: 'resident_id', idNumber: ZHANG_SAN };
    const unit = (registryNo: string, room: string) => ({ registryNo, building: '3栋', room, area: '88.50', areaSource: 'registry', kind: 'residential', owners: [owner] });
    const errors = refused(parseRegistryJson({ format: 'gongjue.registry', version: 1, units: [unit('A', '101'), unit('A', '102')] }));
    expect(errors.map((e) => describeRowError(e, 'json'))).toEqual(['不动产单元号“A”重复了（第 1 个单元已有）。一个专有部分只能写一次，共有人请都写在它的 owners 里。']);
  });

  it('names the whole document where a JSON problem has no path', () => {
    const errors = refused(parseRegistryJson([]));
    expect(errors.map((e) => describeRowError(e, 'json'))).toEqual(['整个文件 的值类型不对。请按导入说明改正后重新上传。']);
  });

  it('keeps the service’s English message out of the Chinese console for a code it does not know', () => {
    const unknown = { line: 3, code: 'something-new', message: 'an English message' } as unknown as RowError;
    expect(describeRowError(unknown, 'csv')).toBe(zh.registry.import.rows.unknownCode);
    i18n.global.locale.value = 'en';
    try {
      expect(describeRowError(unknown, 'csv')).toBe('an English message');
      expect(describeRowError(bad[0]!, 'csv')).toMatch(/^The /);
    } finally {
      i18n.global.locale.value = 'zh-CN';
    }
  });
});
