// Settings arrive as JSON (a record, or the service's estate configuration)
// and are resolved once: defaults filled in, overrides checked against the
// statute. Both entry points — a record and aggregated totals — go through
// here, so a looser override can never slip in by either door.

import { TallyInputError, type Issue } from './issues.ts';
import { SettingsSchema, type Settings, type SettingsInput } from './record.ts';
import { overrideIssues } from './rule.ts';
import { zodIssues } from './zod-issues.ts';

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

export function resolveSettings(input: SettingsInput | Settings | undefined): Settings {
  const parsed = SettingsSchema.safeParse(input ?? {});
  if (!parsed.success) throw new TallyInputError(zodIssues(parsed.error, 'settings', undefined));
  const issues: readonly Issue[] = overrideIssues(parsed.data);
  if (issues.length > 0) throw new TallyInputError(issues);
  return parsed.data;
}
