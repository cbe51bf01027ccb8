import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROW_ERROR_CODES, ROW_SUBJECTS, type RowErrorCode } from '../../../src/registry/row-errors.ts';
import { ID_DOC_TYPES } from '../../../src/registry/types.ts';
import { AREA_SOURCE_WORDS, ID_DOC_TYPE_WORDS, OWNER_KIND_WORDS, UNIT_KIND_WORDS } from '../../../src/registry/vocabulary.ts';
import en from '../../../web/src/console/messages/en.ts';
import zh from '../../../web/src/console/messages/zh-CN.ts';

/**
 * Issue 16: every way the registry parser refuses a row has a stable code, and the console says
 * each code as a Chinese sentence with what to do next. A code added to src/registry/row-errors.ts
 * without its words in web/src/console/messages/areas/registry-rows.ts fails here; how the
 * console fills them from a real file's errors is tested in web/src/console/row-errors.test.ts.
 */
const zhRows = zh.registry.import.rows;
const enRows = en.registry.import.rows;

describe('registry row error codes', () => {
  it.each(ROW_ERROR_CODES)('%s has a Chinese sentence with what to do next, and an English one', (code) => {
    const said = (zhRows.code as Partial<Record<RowErrorCode, string>>)[code];
    expect(said, `no Chinese words for ${code}`).toBeDefined();
    expect(said).toMatch(/[\u4e00-\u9fff]/);
    // A second sentence says what to do: "…。请…" (or a reason, then a request).
    expect(said).toMatch(/。.*请.*。$/);
    expect((enRows.code as Partial<Record<RowErrorCode, string>>)[code], `no English words for ${code}`).toBeDefined();
  });

  it('documents every code in docs/registry-import.md', () => {
    const docs = readFileSync(new URL('../../../docs/registry-import.md', import.meta.url), 'utf8');
    const listed = [...docs.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]).filter((c) => (ROW_ERROR_CODES as string[]).includes(c ?? ''));
    expect(listed.sort()).toEqual([...ROW_ERROR_CODES].sort());
  });

  it('has no words for a code the parser does not give', () => {
    expect(Object.keys(zhRows.code).sort()).toEqual([...ROW_ERROR_CODES].sort());
  });

  it('names every subject, document type and coded cell’s accepted words in Chinese', () => {
    expect(Object.keys(zhRows.subject).sort()).toEqual(Object.keys(ROW_SUBJECTS).sort());
    expect(Object.keys(zhRows.document).sort()).toEqual([...ID_DOC_TYPES].sort());
    const coded = [AREA_SOURCE_WORDS, UNIT_KIND_WORDS, OWNER_KIND_WORDS, ID_DOC_TYPE_WORDS].map((w) => w.subject);
    expect(Object.keys(zhRows.accepted).sort()).toEqual(coded.sort());
  });
});
