import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Element Plus's selection column (ElTableColumn type="selection") renders its checkboxes without
 * an accessible name — axe: "Form elements must have labels" — and labels its header checkbox
 * aria-checked="mixed" on a <label> (issue 16). No console page uses it: a table that lets staff
 * choose rows draws its own checkbox column with a label per row, as the canvassing list does
 * (web/src/console/pages/canvass/CanvassPage.vue, `aria-label` naming the voter). This keeps it so.
 */
const CONSOLE = resolve(import.meta.dirname, '../../web/src/console');

function vueFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return vueFilesUnder(path);
    return path.endsWith('.vue') ? [path] : [];
  });
}

const SELECTION = /<(ElTableColumn|el-table-column)\b[^>]*\btype=["']selection["']/s;

describe('console tables', () => {
  it('use no Element Plus selection column (its checkboxes have no label)', () => {
    const offending = vueFilesUnder(CONSOLE)
      .filter((file) => SELECTION.test(readFileSync(file, 'utf8')))
      .map((file) => `${relative(CONSOLE, file)}: draw a checkbox column with an aria-label per row instead (see canvass/CanvassPage.vue)`);
    expect(offending).toEqual([]);
  });

  it('the check sees a selection column, however it is written', () => {
    expect(SELECTION.test('<ElTableColumn type="selection" width="48" />')).toBe(true);
    expect(SELECTION.test("<el-table-column\n  width=\"48\"\n  type='selection'\n/>")).toBe(true);
    expect(SELECTION.test('<ElTableColumn type="index" />')).toBe(false);
  });

  it('the canvassing list’s own checkboxes are each labelled', () => {
    const canvass = readFileSync(join(CONSOLE, 'pages/canvass/CanvassPage.vue'), 'utf8');
    // Element Plus's or the browser's own (the list is a plain table since the render work): each names its voter.
    const checkboxes = [...canvass.matchAll(/<ElCheckbox\b[^>]*>|<input\b[^>]*type="checkbox"[^>]*>/gs)].map((m) => m[0]);
    expect(checkboxes.length).toBeGreaterThan(0);
    for (const checkbox of checkboxes) expect(checkbox).toMatch(/aria-label/);
  });
});
