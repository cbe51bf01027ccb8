import { describe, expect, it } from 'vitest';
import {
  belowRequired,
  lateBindingFlagged,
  lateBurstFlagged,
  lowAssuranceFlagged,
  ownerGroups,
  paperShareFlagged,
  proxyNearCapFlagged,
  sharedAddressFlagged,
  sharedPhoneFlagged,
} from '../../../src/results/anomaly-rules.ts';
import { maskAddress } from '../../../src/results/anomalies.ts';

/** R7.3: each anomaly rule at its threshold, exactly (docs/console/township.md). */
describe('anomaly rules', () => {
  it('count co-owners of a unit as one group, however they chain', () => {
    const groups = ownerGroups([
      { ownerId: 'a', units: ['u1'] },
      { ownerId: 'b', units: ['u1', 'u2'] },
      { ownerId: 'c', units: ['u2'] },
      { ownerId: 'd', units: ['u3'] },
      { ownerId: 'e', units: [] },
    ]);
    expect(groups.map((g) => g.sort())).toEqual([['a', 'b', 'c'], ['d'], ['e']]);
    expect(sharedPhoneFlagged(2)).toBe(false);
    expect(sharedPhoneFlagged(3)).toBe(true);
  });

  it('flag five accounts from one address, not four', () => {
    expect(sharedAddressFlagged(4)).toBe(false);
    expect(sharedAddressFlagged(5)).toBe(true);
  });

  it('flag a proxy holder at 80 % of the cap with at least two owners', () => {
    expect(proxyNearCapFlagged(2, 3)).toBe(false); // 67 %
    expect(proxyNearCapFlagged(3, 3)).toBe(true);
    expect(proxyNearCapFlagged(4, 5)).toBe(true); // exactly 80 %
    expect(proxyNearCapFlagged(1, 1)).toBe(false); // one owner is no pattern
  });

  it('flag a late burst of at least 10 ballots and 25 % of all', () => {
    expect(lateBurstFlagged(10, 40)).toBe(true);
    expect(lateBurstFlagged(10, 41)).toBe(false);
    expect(lateBurstFlagged(9, 10)).toBe(false);
  });

  it('flag paper far above the estate’s usual share (20 points and twice), exactly', () => {
    // Usual 10 % (no history): 30 % is exactly 20 points above and three times.
    expect(paperShareFlagged(30, 100, null)).toBe(true);
    expect(paperShareFlagged(29, 100, null)).toBe(false);
    // Usual 40 %: 60 % is 20 points above but not twice.
    expect(paperShareFlagged(60, 100, { paper: 40, total: 100 })).toBe(false);
    expect(paperShareFlagged(80, 100, { paper: 40, total: 100 })).toBe(true);
    expect(paperShareFlagged(4, 4, null)).toBe(false); // too few to mean anything
  });

  it('count ballots below the required level, and flag 10 %', () => {
    expect(belowRequired(['knowledge', 'registry_factor', 'in_person', null], 'registry_factor')).toBe(1);
    expect(lowAssuranceFlagged(1, 10)).toBe(true);
    expect(lowAssuranceFlagged(1, 11)).toBe(false);
    expect(lowAssuranceFlagged(0, 0)).toBe(false);
  });

  it('flag ballots through bindings made after the notice from 3 and 20 %', () => {
    expect(lateBindingFlagged(3, 15)).toBe(true);
    expect(lateBindingFlagged(3, 16)).toBe(false);
    expect(lateBindingFlagged(2, 2)).toBe(false);
  });

  it('mask an address to its network', () => {
    expect(maskAddress('203.0.113.7')).toBe('203.0.113.*');
    expect(maskAddress('2001:db8:1:2::5')).toBe('2001:db8:1:*');
  });
});
