import type { Kysely, Transaction } from 'kysely';
import type { AnomalyKind, DB, Meeting } from '../db/schema.ts';
import { ASSURANCE_LEVELS, assuranceRank } from '../identity/assurance.ts';
import { maskName, maskPhone } from '../lib/mask.ts';
import { estateSettingsOf } from '../places/estate-settings.ts';
import {
  addressesOfAccounts,
  ballotsSince,
  bindingsOfAccounts,
  earlierStandingByChannel,
  flagsOfMeeting,
  flagsOfTownship,
  ownersOfAccounts,
  ownersWithRooms,
  proxiesPerHolder,
  replaceFlags,
  DRILL_IDS,
  standingFacts,
  standingOnlineVoters,
  votersOf,
} from './anomalies-repository.ts';
import {
  ANOMALY_THRESHOLDS,
  belowRequired,
  lateBindingFlagged,
  lateBurstFlagged,
  lowAssuranceFlagged,
  ownerGroups,
  paperShareFlagged,
  percentOf,
  proxyNearCapFlagged,
  sharedAddressFlagged,
  sharedPhoneFlagged,
} from './anomaly-rules.ts';

/**
 * Anomaly flags (R7.3, issue 17), computed when a meeting is tallied (closing.ts) and stored
 * (migration 0020): the figures are read here, judged by anomaly-rules.ts, and each flag keeps
 * the voters behind it as the public notice masks them (张*, 1栋 101) for the township's
 * drill-down. They inform the township; nothing in the tally reads them.
 */

/** A voter (or owner) behind a flag, masked as in the public notice. */
export interface FlaggedVoter {
  owners: string[];
  units: string[];
}

export interface AnomalyFlag {
  id: string;
  meetingId: string;
  kind: AnomalyKind;
  /** Tells two flags of a kind apart: a masked phone or address, or the kind itself. */
  key: string;
  figures: Record<string, string | number>;
  voters: FlaggedVoter[];
  /** How many voters there are in all; `voters` holds at most DRILL_DOWN of them. */
  votersTotal: number;
  flaggedAt: string;
}

/** At most this many voters are kept per flag for the drill-down (the count says how many there were). */
export const DRILL_DOWN = 100;

export interface FoundAnomaly {
  kind: AnomalyKind;
  key: string;
  figures: Record<string, string | number>;
  voters: FlaggedVoter[];
}

/** 203.0.113.7 → 203.0.113.*, 2001:db8:1:2::5 → 2001:db8:1:*: the network, not the device. */
export function maskAddress(ip: string): string {
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}:*`;
  const parts = ip.split('.');
  return parts.length === 4 ? `${parts.slice(0, 3).join('.')}.*` : '*';
}

async function describeOwners(db: Kysely<DB>, ownerIds: string[]): Promise<FlaggedVoter[]> {
  const rows = await ownersWithRooms(db, [...new Set(ownerIds)]);
  return rows
    .map((r) => ({ owners: [maskName(r.name, r.kind)], units: r.rooms }))
    .sort((a, b) => (a.units[0] ?? '').localeCompare(b.units[0] ?? '', 'zh-CN'));
}

async function describeVoters(db: Kysely<DB>, voterIds: string[]): Promise<FlaggedVoter[]> {
  const voters = await votersOf(db, [...new Set(voterIds)]);
  const owners = new Map((await ownersWithRooms(db, [...new Set(voters.flatMap((v) => v.owners))])).map((o) => [o.id, o]));
  return voters
    .map((v) => {
      const named = v.owners.map((id) => owners.get(id)).filter((o) => o !== undefined);
      return { owners: named.map((o) => maskName(o.name, o.kind)), units: [...new Set(named.flatMap((o) => o.rooms))] };
    })
    .sort((a, b) => (a.units[0] ?? '').localeCompare(b.units[0] ?? '', 'zh-CN'));
}

/** Everything the close finds worth the township's attention in a tallied meeting. */
export async function findAnomalies(db: Kysely<DB>, meeting: Meeting): Promise<FoundAnomaly[]> {
  const found: FoundAnomaly[] = [];
  const closedAt = meeting.closed_at ?? meeting.voting_closes_at;
  const noticedAt = meeting.noticed_at ?? meeting.voting_opens_at;
  const openedAt = meeting.opened_at ?? meeting.voting_opens_at;
  const { settings } = await estateSettingsOf(db, meeting.estate_id);
  // The standing ballots, read once for every flag below that counts them.
  const standingRef = { id: meeting.id, estateId: meeting.estate_id };
  const standing = await standingFacts(db, standingRef, noticedAt);
  const votingAccounts = [...new Set(standing.flatMap((r) => r.accounts ?? []))];

  // One phone bound to owners who are not co-owners.
  const bindings = await bindingsOfAccounts(db, votingAccounts, meeting.estate_id, openedAt, closedAt);
  const byAccount = new Map<string, typeof bindings>();
  for (const b of bindings) byAccount.set(b.account_id, [...(byAccount.get(b.account_id) ?? []), b]);
  for (const rows of byAccount.values()) {
    const groups = ownerGroups(rows.map((r) => ({ ownerId: r.owner_id, units: r.units })));
    if (!sharedPhoneFlagged(groups.length)) continue;
    found.push({
      kind: 'shared_phone',
      key: maskPhone(rows[0]!.phone),
      figures: { owners: rows.length, groups: groups.length, threshold: ANOMALY_THRESHOLDS.sharedPhone.owners },
      voters: await describeOwners(db, rows.map((r) => r.owner_id)),
    });
  }

  // Many voting accounts from one network address.
  for (const address of await addressesOfAccounts(db, votingAccounts, noticedAt, closedAt, ANOMALY_THRESHOLDS.sharedAddress.accounts)) {
    if (!sharedAddressFlagged(address.accounts.length)) continue;
    const owners = await ownersOfAccounts(db, meeting.estate_id, address.accounts);
    found.push({
      kind: 'shared_address',
      key: maskAddress(address.ip),
      figures: { accounts: address.accounts.length, threshold: ANOMALY_THRESHOLDS.sharedAddress.accounts },
      voters: await describeOwners(db, owners.map((o) => o.owner_id)),
    });
  }

  // A proxy holder near the cap.
  for (const holder of await proxiesPerHolder(db, meeting.id)) {
    const grantors = new Set(holder.grantors).size;
    if (!proxyNearCapFlagged(grantors, settings.maxProxiesPerHolder)) continue;
    found.push({
      kind: 'proxy_near_cap',
      key: maskPhone(holder.phone),
      figures: { grantors, cap: settings.maxProxiesPerHolder, percentOfCap: percentOf(grantors, settings.maxProxiesPerHolder) },
      voters: await describeOwners(db, holder.grantors),
    });
  }

  // A burst of ballots just before the close.
  const minutes = ANOMALY_THRESHOLDS.lateBurst.minutes;
  const burst = await ballotsSince(db, meeting.id, new Date(meeting.voting_closes_at.getTime() - minutes * 60_000));
  if (lateBurstFlagged(Number(burst.late), Number(burst.total))) {
    found.push({
      kind: 'late_burst',
      key: 'late_burst',
      figures: { late: Number(burst.late), total: Number(burst.total), minutes, percent: percentOf(Number(burst.late), Number(burst.total)) },
      voters: await describeVoters(db, burst.voters),
    });
  }

  // Paper ballots far above the estate's usual share.
  const paperVoters = [...new Set(standing.flatMap((r) => r.paper_voters ?? []))].sort().slice(0, DRILL_IDS);
  const mine = {
    paper: standing.filter((r) => r.channel === 'paper').reduce((n, r) => n + Number(r.ballots), 0),
    total: standing.reduce((n, r) => n + Number(r.ballots), 0),
    voters: paperVoters,
  };
  if (mine.total > 0) {
    const earlier = await earlierStandingByChannel(db, meeting.id, meeting.estate_id, closedAt);
    const usual = Number(earlier.total) > 0 ? { paper: Number(earlier.paper), total: Number(earlier.total) } : null;
    if (paperShareFlagged(Number(mine.paper), Number(mine.total), usual)) {
      found.push({
        kind: 'paper_share',
        key: 'paper_share',
        figures: {
          paper: Number(mine.paper),
          total: Number(mine.total),
          percent: percentOf(Number(mine.paper), Number(mine.total)),
          usualPercent: usual ? percentOf(usual.paper, usual.total) : ANOMALY_THRESHOLDS.paperShare.usualWithoutHistoryPercent,
          usualFrom: usual ? 'history' : 'default',
        },
        voters: await describeVoters(db, mine.voters),
      });
    }
  }

  // Ballots below the estate's minimum assurance, and bindings made after the notice: counted in SQL, voters read only when flagged.
  const online = standing.filter((r) => r.channel === 'online');
  const onlineBallots = online.reduce((n, r) => n + Number(r.ballots), 0);
  const required =
    meeting.min_assurance !== null && assuranceRank(meeting.min_assurance) > assuranceRank(settings.minimumAssurance) ? meeting.min_assurance : settings.minimumAssurance;
  const weakLevels = ASSURANCE_LEVELS.filter((level) => belowRequired([level], required) === 1);
  const below = online.filter((r) => r.level !== null && weakLevels.includes(r.level)).reduce((n, r) => n + Number(r.ballots), 0);
  if (lowAssuranceFlagged(below, onlineBallots)) {
    found.push({
      kind: 'low_assurance',
      key: 'low_assurance',
      figures: { below, online: onlineBallots, required, percent: percentOf(below, onlineBallots) },
      voters: await describeVoters(db, await standingOnlineVoters(db, standingRef, { levels: weakLevels }, DRILL_IDS)),
    });
  }
  const late = online.filter((r) => r.bound_after).reduce((n, r) => n + Number(r.ballots), 0);
  if (lateBindingFlagged(late, onlineBallots)) {
    found.push({
      kind: 'late_binding',
      key: 'late_binding',
      figures: { ballots: late, online: onlineBallots, percent: percentOf(late, onlineBallots) },
      voters: await describeVoters(db, await standingOnlineVoters(db, standingRef, { boundAfter: noticedAt }, DRILL_IDS)),
    });
  }
  return found;
}

/** Flags found (findAnomalies), stored in place of any earlier ones of the meeting. */
export async function storeAnomalies(trx: Transaction<DB>, meeting: Pick<Meeting, 'id' | 'estate_id'>, found: readonly FoundAnomaly[], now: Date): Promise<number> {
  await replaceFlags(
    trx,
    meeting.id,
    found.map((f) => ({
      meeting_id: meeting.id,
      estate_id: meeting.estate_id,
      kind: f.kind,
      key: f.key,
      figures: JSON.stringify(f.figures),
      voters: JSON.stringify({ total: f.voters.length, shown: f.voters.slice(0, DRILL_DOWN) }),
      flagged_at: now,
    })),
  );
  return found.length;
}

/** The flags of a tallied meeting, found and stored. */
export async function flagAnomalies(trx: Transaction<DB>, meeting: Meeting, now: Date): Promise<number> {
  return storeAnomalies(trx, meeting, await findAnomalies(trx, meeting), now);
}

type FlagRow = Awaited<ReturnType<typeof flagsOfMeeting>>[number];
const view = (r: FlagRow): AnomalyFlag => {
  const voters = r.voters as { total: number; shown: FlaggedVoter[] };
  return { id: r.id, meetingId: r.meeting_id, kind: r.kind, key: r.key, figures: r.figures, voters: voters.shown, votersTotal: voters.total, flaggedAt: r.flagged_at.toISOString() };
};

export async function anomaliesOfMeeting(db: Kysely<DB>, meetingId: string): Promise<AnomalyFlag[]> {
  return (await flagsOfMeeting(db, meetingId)).map(view);
}

export async function anomaliesOfTownship(db: Kysely<DB>, townshipId: string, page: { limit: number; offset: number }) {
  const { items, total } = await flagsOfTownship(db, townshipId, page);
  return { items: items.map((r) => ({ ...view(r), estateId: r.estate_id, estateName: r.estate_name, meetingTitle: r.title })), total };
}
