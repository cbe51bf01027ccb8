import { ProblemError } from '../problems.ts';
import type { Grant, Principal } from './principal.ts';

/**
 * The one place that decides who may do what. Every route asks here; no route
 * looks at roles itself. Unknown actions are refused.
 */
export type Action = 'township.create' | 'township.list' | 'township.read';

/** What an action is about; the township of an estate is always given with it. */
export interface Target {
  townshipId?: string;
}

type Rule = (grant: Grant, target: Target) => boolean;

const isAdmin: Rule = (g) => g.role === 'admin';
const staffOfTownship: Rule = (g, t) => g.role === 'township_staff' && t.townshipId !== undefined && g.townshipId === t.townshipId;
const clientReadingTownship: Rule = (g, t) =>
  g.role === 'client' && t.townshipId !== undefined && g.townshipIds.includes(t.townshipId);

/** Anyone signed in; what they then see is filtered (e.g. by visibleTownships). */
const ANYONE_SIGNED_IN = 'anyone signed in';

const RULES: Record<Action, Rule[] | typeof ANYONE_SIGNED_IN> = {
  'township.create': [isAdmin],
  'township.list': ANYONE_SIGNED_IN,
  'township.read': [isAdmin, staffOfTownship, clientReadingTownship],
};

export function may(principal: Principal, action: Action, target: Target = {}): boolean {
  const rules = RULES[action];
  if (rules === ANYONE_SIGNED_IN) return true;
  return principal.grants.some((grant) => rules.some((rule) => rule(grant, target)));
}

/**
 * Throws unless allowed. `hide` answers "not found" instead of "forbidden",
 * for reads of things the asker must not even learn exist (another estate's).
 */
export function authorize(principal: Principal, action: Action, target: Target = {}, options: { hide?: boolean } = {}) {
  if (may(principal, action, target)) return;
  throw options.hide ? new ProblemError('not-found') : new ProblemError('forbidden', `Not allowed: ${action}`);
}

/** Townships whose records the principal may see: 'all', or a list of ids. */
export function visibleTownships(principal: Principal): 'all' | string[] {
  if (principal.grants.some((g) => g.role === 'admin')) return 'all';
  const ids = new Set<string>();
  for (const g of principal.grants) {
    if (g.role === 'township_staff') ids.add(g.townshipId);
    if (g.role === 'client') for (const id of g.townshipIds) ids.add(id);
  }
  return [...ids];
}
