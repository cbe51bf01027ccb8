import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * An estate's settings are read and validated in one place (issue 13.2):
 * src/places/estate-settings.ts (its one select in estate-settings-repository.ts), through estateSettingsOf (stored settings)
 * and settingsFromRequest (a client's). No other module of src/ validates
 * them itself or selects the settings column.
 */

const SRC = resolve(import.meta.dirname, '../../src');
const HOME = 'places/estate-settings.ts';
/** Its SQL: the one select of the settings column, called only from HOME. */
const HOME_SQL = 'places/estate-settings-repository.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Files of src/ (relative paths) whose text matches. */
const filesMatching = (pattern: RegExp) =>
  filesUnder(SRC)
    .filter((file) => pattern.test(readFileSync(file, 'utf8')))
    .map((file) => relative(SRC, file));

describe('estate settings', () => {
  it('are validated only in their one loader module', () => {
    expect(filesMatching(/\bvalidateEstateSettings\(/)).toEqual([HOME]);
  });

  it('are selected from the database only there', () => {
    // The settings column named in a select (the estates repository reads whole rows and passes them to settingsOfEstate).
    expect(filesMatching(/select\(\s*(\[[^\]]*)?'settings'/).filter((f) => f !== HOME_SQL)).toEqual([]);
    expect(filesMatching(/\bstoredSettingsOf\(/).filter((f) => f !== HOME_SQL)).toEqual([HOME]);
  });
});
