import type { AnomalyKind, AssuranceLevel } from '../db/schema.ts';
import { reaches } from '../identity/assurance.ts';

/**
 * Anomaly flags (R7.3): the rules that judge the figures read at the close, and their thresholds —
 * in this one place, and documented in docs/console/township.md. Pure: integers in, a verdict out
 * (shares compared by cross-multiplication, never floats). A flag informs the township; no rule
 * here is read by the tally, and no flag changes a result.
 */
export const ANOMALY_THRESHOLDS = {
  /** One login phone bound to this many owners who are not co-owners (no shared unit) — a family helping one elder is two. */
  sharedPhone: { owners: 3 },
  /** This many accounts that voted online verified their identity, or asked for a login code during the meeting, from one address. */
  sharedAddress: { accounts: 5 },
  /** A holder of at least this share of the estate's proxy cap (maxProxiesPerHolder), and of at least `grantors` owners. */
  proxyNearCap: { percentOfCap: 80, grantors: 2 },
  /** Ballots in the last `minutes` before the close: at least `ballots`, and at least `percent` of all ballots cast in the meeting. */
  lateBurst: { minutes: 30, ballots: 10, percent: 25 },
  /**
   * Paper ballots: at least `ballots`, and a share at least `pointsAbove` percentage points above the estate's usual share and
   * at least `times` that share. The usual share is that of the estate's earlier tallied meetings; `usualWithoutHistory` without any.
   */
  paperShare: { ballots: 5, pointsAbove: 20, times: 2, usualWithoutHistoryPercent: 10 },
  /** Standing online ballots below the estate's minimum assurance: at least `ballots`, and at least `percent` of the online ballots. */
  lowAssurance: { ballots: 1, percent: 10 },
  /** Standing online ballots cast through a binding made after the notice: at least `ballots`, and at least `percent` of the online ballots. */
  lateBinding: { ballots: 3, percent: 20 },
} as const;

/** a / b ≥ percent %, exactly. */
const atLeastPercent = (a: number, b: number, percent: number) => b > 0 && 100 * a >= percent * b;
/** a / b as a whole percentage, rounded down (for display only). */
export const percentOf = (a: number, b: number) => (b === 0 ? 0 : Math.floor((100 * a) / b));

/** Groups owners into co-owner groups: two owners sharing a unit are one group (R1.4). */
export function ownerGroups(owners: readonly { ownerId: string; units: readonly string[] }[]): string[][] {
  const parent = new Map(owners.map((o) => [o.ownerId, o.ownerId]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const byUnit = new Map<string, string>();
  for (const o of owners) {
    for (const unit of o.units) {
      const other = byUnit.get(unit);
      if (other === undefined) byUnit.set(unit, o.ownerId);
      else parent.set(find(o.ownerId), find(other));
    }
  }
  const groups = new Map<string, string[]>();
  for (const o of owners) groups.set(find(o.ownerId), [...(groups.get(find(o.ownerId)) ?? []), o.ownerId]);
  return [...groups.values()];
}

export const sharedPhoneFlagged = (groups: number) => groups >= ANOMALY_THRESHOLDS.sharedPhone.owners;

export const sharedAddressFlagged = (accounts: number) => accounts >= ANOMALY_THRESHOLDS.sharedAddress.accounts;

/** The proxy holder's count against the estate's cap (maxProxiesPerHolder). */
export function proxyNearCapFlagged(grantors: number, cap: number): boolean {
  const rule = ANOMALY_THRESHOLDS.proxyNearCap;
  return grantors >= rule.grantors && 100 * grantors >= rule.percentOfCap * cap;
}

export function lateBurstFlagged(late: number, total: number): boolean {
  const rule = ANOMALY_THRESHOLDS.lateBurst;
  return late >= rule.ballots && atLeastPercent(late, total, rule.percent);
}

/** This meeting's paper ballots against the estate's usual share (earlier meetings' paper / total; none: the default share). */
export function paperShareFlagged(paper: number, total: number, usual: { paper: number; total: number } | null): boolean {
  const rule = ANOMALY_THRESHOLDS.paperShare;
  if (paper < rule.ballots || total === 0) return false;
  const [up, ut] = usual && usual.total > 0 ? [usual.paper, usual.total] : [rule.usualWithoutHistoryPercent, 100];
  // paper/total ≥ up/ut + points/100  ⇔  100·paper·ut ≥ 100·up·total + points·ut·total
  const above = 100 * paper * ut >= 100 * up * total + rule.pointsAbove * ut * total;
  // paper/total ≥ times · up/ut  ⇔  paper·ut ≥ times·up·total
  const times = paper * ut >= rule.times * up * total;
  return above && times;
}

/** The standing online ballots cast below `required`. */
export const belowRequired = (levels: readonly (AssuranceLevel | null)[], required: AssuranceLevel) =>
  levels.filter((level) => level !== null && !reaches(level, required)).length;

export function lowAssuranceFlagged(below: number, online: number): boolean {
  const rule = ANOMALY_THRESHOLDS.lowAssurance;
  return below >= rule.ballots && atLeastPercent(below, online, rule.percent);
}

export function lateBindingFlagged(late: number, online: number): boolean {
  const rule = ANOMALY_THRESHOLDS.lateBinding;
  return late >= rule.ballots && atLeastPercent(late, online, rule.percent);
}

export const ANOMALY_KINDS: readonly AnomalyKind[] = ['shared_phone', 'shared_address', 'proxy_near_cap', 'late_burst', 'paper_share', 'low_assurance', 'late_binding'];
