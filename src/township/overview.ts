import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { emergencyUseCounts } from '../fund/emergency-uses-repository.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import { settingsOfEstate } from '../places/estate-settings.ts';
import { ruleFor } from '../tally/index.ts';
import { motionOf } from '../voting/motion-terms.ts';
import { type PlaceFigures, placeFigures } from '../voting/participation.ts';
import {
  anomaliesPerEstate,
  awaitingFilingPerEstate,
  estatesPage,
  headsPerMotion,
  openMeetingMotions,
  petitionsPerEstate,
  registryPerEstate,
  rolesPerEstate,
  tookPartPerMotion,
} from './overview-repository.ts';

/**
 * 辖区小区 (issue 17): the township's estates a page at a time, each with its committee, registry,
 * meetings open for voting and how far their participation is from the quorum (the tally engine's
 * own test, as the cockpit shows it), results awaiting filing, petitions, anomaly flags and
 * emergency uses of the maintenance fund. A handful of queries for the whole page, whatever its size.
 */

export interface OpenMeetingView {
  meetingId: string;
  title: string;
  votingClosesAt: string;
  motions: number;
  /** The motion furthest from its quorum (heads first, then area), with its figures. */
  furthest: PlaceFigures & { motionId: string; position: number; title: string };
}

export interface EstateOverview {
  estate: { id: string; name: string };
  committee: { members: number; organisers: number };
  registry: { units: number; owners: number; importedAt: string | null };
  meetingsInProgress: OpenMeetingView[];
  awaitingFiling: number;
  petitions: { collecting: number; reached: number };
  anomalies: number;
  /** Emergency uses of the maintenance fund (R4.9, R7.1) the estate has filed. */
  emergencyUses: number;
}

/** The count of each estate's emergency uses of the maintenance fund (R7.1), every estate present (0 when none). */
export async function emergencyUsesPerEstate(db: Kysely<DB>, estateIds: string[]): Promise<Map<string, number>> {
  const counts = await emergencyUseCounts(db, estateIds);
  return new Map(estateIds.map((id) => [id, counts.get(id) ?? 0]));
}

/**
 * Each open motion's took-part area at the count of current ballots it was summed at. A voter's
 * current ballot is replaced, never removed: the same count is the same voters and the same
 * area, so only motions whose count moved are summed again (the join of ballots to the frozen
 * electorate is most of a page's cost; counting is cheap).
 */
export type TookPartCache = BoundedMap<string, { heads: bigint; area: bigint }>;
export const tookPartCache = (): TookPartCache => new BoundedMap(5000);

/** Area and heads that took part in each motion, summed again only where the count moved. */
async function tookPartOf(db: Kysely<DB>, cache: TookPartCache, motionIds: string[]): Promise<Map<string, { heads: bigint; area: bigint }>> {
  const counted = new Map((await headsPerMotion(db, motionIds)).map((r) => [r.motion_id, BigInt(r.heads)]));
  const moved = motionIds.filter((id) => (counted.get(id) ?? 0n) > 0n && cache.get(id)?.heads !== counted.get(id));
  const fresh = new Map((await tookPartPerMotion(db, moved)).map((r) => [r.motion_id, { heads: BigInt(r.heads), area: BigInt(r.area) }]));
  for (const [id, amount] of fresh) cache.set(id, amount);
  const none = { heads: 0n, area: 0n };
  return new Map(motionIds.map((id) => [id, fresh.get(id) ?? ((counted.get(id) ?? 0n) === 0n ? none : (cache.get(id) ?? none))]));
}

const byEstate = <R extends { estate_id: string }>(rows: R[]) => new Map(rows.map((r) => [r.estate_id, r]));

/** Below 0 when `a` has taken part less than `b` (heads share first, then area share), exactly. */
function lessAdvanced(a: { took: bigint[]; total: bigint[] }, b: { took: bigint[]; total: bigint[] }): number {
  for (const i of [1, 0]) {
    const left = a.took[i]! * b.total[i]!;
    const right = b.took[i]! * a.total[i]!;
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

export async function townshipOverview(db: Kysely<DB>, cache: TookPartCache, townshipId: string, page: { limit: number; offset: number }) {
  const { items: estates, total } = await estatesPage(db, townshipId, page);
  const ids = estates.map((e) => e.id);
  if (ids.length === 0) return { items: [] as EstateOverview[], total };
  const [roles, registry, motions, awaiting, petitions, anomalies, emergency] = await Promise.all([
    rolesPerEstate(db, ids).then(byEstate),
    registryPerEstate(db, ids).then(byEstate),
    openMeetingMotions(db, ids),
    awaitingFilingPerEstate(db, ids).then(byEstate),
    petitionsPerEstate(db, ids).then(byEstate),
    anomaliesPerEstate(db, ids).then(byEstate),
    emergencyUsesPerEstate(db, ids),
  ]);
  const took = await tookPartOf(db, cache, motions.map((m) => m.id));
  const settings = new Map(estates.map((e) => [e.id, settingsOfEstate(e).tally]));

  const meetings = new Map<string, OpenMeetingView & { estateId: string; rank: { took: bigint[]; total: bigint[] } }>();
  for (const m of motions) {
    const total = { area: BigInt(m.total_area_hundredths ?? '0'), heads: BigInt(m.total_heads ?? 0) };
    const tookPart = took.get(m.id) ?? { area: 0n, heads: 0n };
    const rank = { took: [tookPart.area, tookPart.heads], total: [total.area, total.heads] };
    const figures = { motionId: m.id, position: m.position, title: m.title, ...placeFigures(total, tookPart, ruleFor(motionOf(m), settings.get(m.estate_id)!).quorum) };
    const seen = meetings.get(m.meeting_id);
    if (!seen) {
      meetings.set(m.meeting_id, { estateId: m.estate_id, meetingId: m.meeting_id, title: m.meeting_title, votingClosesAt: m.voting_closes_at.toISOString(), motions: 1, furthest: figures, rank });
      continue;
    }
    seen.motions += 1;
    if (lessAdvanced(rank, seen.rank) < 0) Object.assign(seen, { furthest: figures, rank });
  }
  const open = new Map<string, OpenMeetingView[]>();
  for (const { estateId, rank: _rank, ...view } of meetings.values()) open.set(estateId, [...(open.get(estateId) ?? []), view]);

  const items: EstateOverview[] = estates.map((e) => {
    const r = registry.get(e.id);
    return {
      estate: { id: e.id, name: e.name },
      committee: { members: Number(roles.get(e.id)?.committee ?? 0), organisers: Number(roles.get(e.id)?.organisers ?? 0) },
      registry: { units: Number(r?.units ?? 0), owners: Number(r?.owners ?? 0), importedAt: r?.imported_at?.toISOString() ?? null },
      meetingsInProgress: open.get(e.id) ?? [],
      awaitingFiling: Number(awaiting.get(e.id)?.n ?? 0),
      petitions: { collecting: Number(petitions.get(e.id)?.collecting ?? 0), reached: Number(petitions.get(e.id)?.reached ?? 0) },
      anomalies: Number(anomalies.get(e.id)?.n ?? 0),
      emergencyUses: emergency.get(e.id) ?? 0,
    };
  });
  return { items, total };
}
