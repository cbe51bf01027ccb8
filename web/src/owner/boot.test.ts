import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STORAGE_KEY } from './i18n.ts';

/**
 * boot.ts (inlined into index.html, so it imports nothing) reads the owner's language to show
 * index.html's loading words in it: it must read the key i18n.ts keeps the choice under.
 */
describe('the first script', () => {
  it('reads the language the owner chose where i18n.ts keeps it', () => {
    const boot = readFileSync(new URL('./boot.ts', import.meta.url), 'utf8');
    expect(boot).toContain(`const LOCALE_KEY = '${STORAGE_KEY}';`);
    expect(boot).toContain('localStorage.getItem(LOCALE_KEY)');
  });
});
