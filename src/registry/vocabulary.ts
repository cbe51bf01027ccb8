import type { RowSubject } from './row-errors.ts';
import {
  AREA_SOURCES,
  ID_DOC_TYPES,
  OWNER_KINDS,
  UNIT_KINDS,
  type AreaSource,
  type IdDocType,
  type OwnerKind,
  type UnitKind,
} from './types.ts';

/**
 * The words a registry extract may use for each coded value: our English code,
 * or the Chinese term printed on the registry forms. Codes match without
 * regard to case because staff type them by hand.
 */

export interface Vocabulary<T extends string> {
  /** What the value is, as refusals name it (row-errors.ts: "area source"). */
  subject: RowSubject;
  codes: readonly T[];
  lookup(word: string): T | undefined;
}

function vocabulary<T extends string>(subject: RowSubject, codes: readonly T[], chinese: Record<string, T>): Vocabulary<T> {
  const byWord = new Map<string, T>();
  for (const code of codes) byWord.set(code, code);
  for (const [word, code] of Object.entries(chinese)) byWord.set(word, code);
  return { subject, codes, lookup: (word) => byWord.get(word) ?? byWord.get(word.trim().toLowerCase()) };
}

export const AREA_SOURCE_WORDS: Vocabulary<AreaSource> = vocabulary('areaSource', AREA_SOURCES, {
  登记: 'registry',
  实测: 'surveyed',
  合同: 'contract',
});

export const UNIT_KIND_WORDS: Vocabulary<UnitKind> = vocabulary('unitKind', UNIT_KINDS, {
  住宅: 'residential',
  商业: 'commercial',
  车位: 'parking',
});

export const OWNER_KIND_WORDS: Vocabulary<OwnerKind> = vocabulary('ownerKind', OWNER_KINDS, {
  个人: 'person',
  单位: 'organisation',
});

export const ID_DOC_TYPE_WORDS: Vocabulary<IdDocType> = vocabulary('idType', ID_DOC_TYPES, {
  居民身份证: 'resident_id',
  港澳居民来往内地通行证: 'hk_macao_permit',
  台湾居民来往大陆通行证: 'taiwan_permit',
  外国人永久居留身份证: 'foreign_permanent_id',
  护照: 'passport',
  统一社会信用代码: 'uscc',
});

const BOOLEAN_WORDS = new Map<string, boolean>([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['是', true],
  ['false', false],
  ['no', false],
  ['0', false],
  ['否', false],
  // An empty cell means "not held by the developer": most rows are sold flats.
  ['', false],
]);

export function lookupBoolean(word: string): boolean | undefined {
  return BOOLEAN_WORDS.get(word) ?? BOOLEAN_WORDS.get(word.trim().toLowerCase());
}
