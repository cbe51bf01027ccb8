import type { Kysely } from 'kysely';
import type { DB, Meeting } from '../db/schema.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import { settingsOfEstate } from '../places/estate-settings.ts';
import { requireEstate } from '../places/estates-repository.ts';
import { formatArea, quorum, ruleFor, thresholdWords, formatThreshold, type RuleWords, type Threshold } from '../tally/index.ts';
import type { Amount } from '../tally/amount.ts';
import { motionsOf } from './meetings-repository.ts';
import type { MotionInput } from './motion-terms.ts';
import { motionOf } from './motion-terms.ts';
import { electorateByPlace, participationCount, votersWhoTookPart } from './participation-repository.ts';

/**
 * The quorum cockpit (表决进度): how far each motion of a meeting is from its
 * quorum, by area and by heads, for the whole of its scope and per building
 * and stairwell unit. The quorum test is the tally engine's own (quorum(), on
 * the rule ruleFor gives the motion under the estate's settings): this module
 * only counts who took part and says what is missing. Never a choice (R4.2).
 */

export interface AmountView {
  /** m², exact, two decimals. */
  area: string;
  heads: number;
}

export interface QuorumGap {
  /** "≥ 2/3" */
  threshold: string;
  /** The least area and heads that meet it. */
  needed: AmountView;
  /** What is still missing: zero where that half of the test is met. */
  missing: AmountView;
  areaMet: boolean;
  headsMet: boolean;
  met: boolean;
}

export interface PlaceFigures {
  electorate: AmountView;
  tookPart: AmountView;
  /** Percent of the electorate that took part, two decimals, rounded down (a bar's length never overstates). */
  percent: { area: string; heads: string };
  /** Null where the motion's rule has no quorum (property-law-2007). */
  quorum: QuorumGap | null;
}

export interface StairParticipation extends PlaceFigures {
  /** The stairwell unit's name; '' for flats of the building without one. */
  stair: string;
}

export interface BuildingParticipation extends PlaceFigures {
  building: string;
  stairs: StairParticipation[];
}

export interface MotionParticipation extends PlaceFigures {
  motionId: string;
  position: number;
  title: string;
  scope: MotionInput['scope'];
  /** The quorum share in words, e.g. { zh: "达到三分之二", en: "at least 2/3" }; null without a quorum. */
  thresholdWords: RuleWords | null;
  /** The whole state in one sentence: "参与表决：面积和人数都需达到三分之二（还差 12 户、843.20 ㎡）". */
  words: RuleWords;
  buildings: BuildingParticipation[];
}

export interface MeetingParticipation {
  meetingId: string;
  status: Meeting['status'];
  votingClosesAt: string;
  /** Current ballots of all motions: grows with every voter who takes part; unchanged means nothing moved. */
  ballots: number;
  motions: MotionParticipation[];
}

interface Count {
  area: bigint;
  heads: bigint;
}

/** One motion's electorate by place, and each voter's places: frozen when voting opens (R4.6). */
interface FrozenMotion {
  buildings: Map<string, { total: Count; stairs: Map<string, Count> }>;
  voters: Map<string, { area: bigint; buildings: [string, bigint][]; stairs: [string, string, bigint][] }>;
}

/** One motion's participation by place at one count of current ballots. */
interface CountedMotion {
  total: Count;
  buildings: Map<string, { total: Count; stairs: Map<string, Count> }>;
}

interface CachedMeeting {
  frozen: Map<string, FrozenMotion>;
  ballots: number;
  counted: Map<string, CountedMotion>;
}

/**
 * Per meeting: the frozen electorate by place (read once), and participation
 * at the last count of current ballots (read again only when it moved).
 * Both depend on nothing that can change afterwards, as src/caches.ts wants.
 */
export type ParticipationCache = BoundedMap<string, CachedMeeting>;

export function participationCache(): ParticipationCache {
  return new BoundedMap(50);
}

const zero = (): Count => ({ area: 0n, heads: 0n });
const add = (c: Count, area: bigint) => {
  c.area += area;
  c.heads += 1n;
};

function freeze(rows: readonly { motion_id: string; voter_id: string; building: string; stair: string; area: string }[]): Map<string, FrozenMotion> {
  const motions = new Map<string, FrozenMotion>();
  for (const r of rows) {
    let motion = motions.get(r.motion_id);
    if (!motion) motions.set(r.motion_id, (motion = { buildings: new Map(), voters: new Map() }));
    let voter = motion.voters.get(r.voter_id);
    if (!voter) motion.voters.set(r.voter_id, (voter = { area: 0n, buildings: [], stairs: [] }));
    const area = BigInt(r.area);
    voter.area += area;
    voter.stairs.push([r.building, r.stair, area]);
    const inBuilding = voter.buildings.find((b) => b[0] === r.building);
    if (inBuilding) inBuilding[1] += area;
    else voter.buildings.push([r.building, area]);
  }
  for (const motion of motions.values()) motion.buildings = countPlaces(motion.voters.values());
  return motions;
}

/** Area and heads by building and stairwell of these voters: a voter is a head in each place where it holds a flat. */
function countPlaces(voters: Iterable<FrozenMotion['voters'] extends Map<string, infer V> ? V : never>): Map<string, { total: Count; stairs: Map<string, Count> }> {
  const buildings = new Map<string, { total: Count; stairs: Map<string, Count> }>();
  const buildingOf = (name: string) => {
    let b = buildings.get(name);
    if (!b) buildings.set(name, (b = { total: zero(), stairs: new Map() }));
    return b;
  };
  for (const voter of voters) {
    for (const [building, area] of voter.buildings) add(buildingOf(building).total, area);
    for (const [building, stair, area] of voter.stairs) {
      const stairs = buildingOf(building).stairs;
      let s = stairs.get(stair);
      if (!s) stairs.set(stair, (s = zero()));
      add(s, area);
    }
  }
  return buildings;
}

function countTookPart(frozen: Map<string, FrozenMotion>, tookPart: readonly { motionId: string; voterIds: string[] }[]): Map<string, CountedMotion> {
  const ids = new Map(tookPart.map((t) => [t.motionId, t.voterIds]));
  const counted = new Map<string, CountedMotion>();
  for (const [motionId, motion] of frozen) {
    const voters = (ids.get(motionId) ?? []).flatMap((id) => motion.voters.get(id) ?? []);
    const total = zero();
    for (const v of voters) add(total, v.area);
    counted.set(motionId, { total, buildings: countPlaces(voters) });
  }
  return counted;
}

const amountView = (a: Amount): AmountView => ({ area: formatArea(a.area), heads: Number(a.heads) });

/** value/base as a percent with two decimals, rounded down; 0.00 of an empty base. */
export function percentOf(value: bigint, base: bigint): string {
  if (base <= 0n) return '0.00';
  const basisPoints = (value * 10_000n) / base;
  return `${basisPoints / 100n}.${String(basisPoints % 100n).padStart(2, '0')}`;
}

export function placeFigures(total: Amount, tookPart: Amount, threshold: Threshold | null): PlaceFigures {
  let gap: QuorumGap | null = null;
  if (threshold !== null) {
    const q = quorum(tookPart, total, threshold);
    const short = (margin: bigint) => (margin < 0n ? -margin : 0n);
    gap = {
      threshold: formatThreshold(threshold),
      needed: amountView({ area: q.area.needed, heads: q.heads.needed }),
      missing: amountView({ area: short(q.area.margin), heads: short(q.heads.margin) }),
      areaMet: q.area.met,
      headsMet: q.heads.met,
      met: q.met,
    };
  }
  return {
    electorate: amountView(total),
    tookPart: amountView(tookPart),
    percent: { area: percentOf(tookPart.area, total.area), heads: percentOf(tookPart.heads, total.heads) },
    quorum: gap,
  };
}

/** The motion's state in one sentence, in the statute's words, with the figures. */
export function participationWords(figures: PlaceFigures, share: RuleWords | null): RuleWords {
  const q = figures.quorum;
  if (q === null || share === null) {
    return { zh: '参与表决：本事项的规则不设参与表决的门槛', en: 'Participation: the rule of this motion sets no participation threshold' };
  }
  if (q.met) {
    return {
      zh: `参与表决：面积和人数都需${share.zh}，已达到（${figures.tookPart.heads} 户、${figures.tookPart.area} ㎡）`,
      en: `Participation: ${share.en} of the area and of the owners must take part — reached (${figures.tookPart.heads} owners, ${figures.tookPart.area} m²)`,
    };
  }
  const zh: string[] = [];
  const en: string[] = [];
  if (!q.headsMet) {
    zh.push(`${q.missing.heads} 户`);
    en.push(`${q.missing.heads} owners`);
  }
  if (!q.areaMet) {
    zh.push(`${q.missing.area} ㎡`);
    en.push(`${q.missing.area} m²`);
  }
  return {
    zh: `参与表决：面积和人数都需${share.zh}（还差 ${zh.join('、')}）`,
    en: `Participation: ${share.en} of the area and of the owners must take part (${en.join(' and ')} still missing)`,
  };
}

/**
 * The cockpit of a meeting. Before voting opens there is no electorate, and
 * no motion is listed. Counts are read again only when the number of current
 * ballots moved since the last reading of this meeting (`cache`).
 */
export async function meetingParticipation(db: Kysely<DB>, cache: ParticipationCache, meeting: Meeting): Promise<MeetingParticipation> {
  const base = { meetingId: meeting.id, status: meeting.status, votingClosesAt: meeting.voting_closes_at.toISOString() };
  if (meeting.opened_at === null) return { ...base, ballots: 0, motions: [] };
  const ballots = await participationCount(db, meeting.id);
  let cached = cache.get(meeting.id);
  if (!cached) {
    cached = { frozen: freeze(await electorateByPlace(db, meeting.id)), ballots: -1, counted: new Map() };
    cache.set(meeting.id, cached);
  }
  if (cached.ballots !== ballots) {
    const tookPart = await votersWhoTookPart(db, meeting.id);
    // Read after the count: a ballot in between only makes this reading newer than the count it is filed under.
    cached.counted = countTookPart(cached.frozen, tookPart);
    cached.ballots = tookPart.reduce((n, t) => n + t.voterIds.length, 0);
  }
  const { frozen, counted } = cached;
  const estate = await requireEstate(db, meeting.estate_id);
  const settings = settingsOfEstate(estate).tally;
  const motionRows = await motionsOf(db, meeting.id);

  const motions = motionRows.map((row): MotionParticipation => {
    const threshold = ruleFor(motionOf(row), settings).quorum;
    const total: Amount = { area: BigInt(row.total_area_hundredths ?? 0), heads: BigInt(row.total_heads ?? 0) };
    const took = counted.get(row.id);
    const figures = placeFigures(total, took?.total ?? zero(), threshold);
    const share = threshold === null ? null : thresholdWords(threshold);
    const buildings = [...(frozen.get(row.id)?.buildings ?? new Map<string, { total: Count; stairs: Map<string, Count> }>())]
      .map(([building, b]) => {
        const tookHere = took?.buildings.get(building);
        return {
          building,
          ...placeFigures(b.total, tookHere?.total ?? zero(), threshold),
          stairs: [...b.stairs]
            .map(([stair, s]) => ({ stair, ...placeFigures(s, tookHere?.stairs.get(stair) ?? zero(), threshold) }))
            .sort((x, y) => naturalOrder(x.stair, y.stair)),
        };
      })
      .sort((x, y) => naturalOrder(x.building, y.building));
    const terms = row.terms as MotionInput;
    return {
      motionId: row.id,
      position: row.position,
      title: terms.title,
      scope: terms.scope,
      ...figures,
      thresholdWords: share,
      words: participationWords(figures, share),
      buildings,
    };
  });
  return { ...base, ballots, motions };
}

const collator = new Intl.Collator('zh-CN', { numeric: true });
/** "2栋" before "10栋". */
function naturalOrder(a: string, b: string): number {
  return collator.compare(a, b);
}
