// zod reports paths such as ["units", 17, "area"]; a clerk needs to know
// it is unit "3-2-1101". These helpers turn zod issues into Issues whose
// message names the unit or ballot by its id.

import type { z } from 'zod';
import { quote, type Issue } from './issues.ts';

function pathText(prefix: string, path: readonly PropertyKey[]): string {
  let text = prefix;
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
  return text;
}

/** The id of the element at path[0] (an array index) of `list`, when it has one. */
function elementId(list: unknown, index: PropertyKey | undefined): string | undefined {
  if (!Array.isArray(list) || typeof index !== 'number') return undefined;
  const element: unknown = list[index];
  if (element && typeof element === 'object' && 'id' in element) {
    const id = element.id;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

/**
 * @param prefix path of the validated value in the record, e.g. "units"
 * @param noun   what an element of an array value is called ("unit", "ballot"), or undefined
 */
export function zodIssues(error: z.ZodError, prefix: string, noun: string | undefined, value?: unknown): Issue[] {
  return error.issues.map((issue) => {
    const path = pathText(prefix, issue.path);
    const id = noun ? elementId(value, issue.path[0]) : undefined;
    const subject = noun && id !== undefined ? `${noun} ${quote(id)}` : path;
    const field = noun && id !== undefined ? issue.path.slice(1).join('.') : '';
    return {
      code: 'malformed',
      path,
      message: `${subject}${field ? ` (${field})` : ''}: ${issue.message}`,
    };
  });
}
