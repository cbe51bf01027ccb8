// Property tests: random estates — owners of several units, co-owners,
// the developer, parking, scopes, every kind of motion and every setting —
// tallied by the engine and by a deliberately simple oracle written here
// from domain.md alone (BigInt arithmetic, sorting, no shared code).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTallyRecord, tallyRecord, type Report, type TallyRecordInput } from '../../src/tally/index.ts';

type Input = TallyRecordInput;
type UnitIn = Input['units'][number];
type BallotIn = Input['ballots'][number];
type Scope = NonNullable<Input['motion']['scope']>;

// ---------------------------------------------------------------- generators

const MATTERS = [
  'rules_of_procedure', 'management_covenant', 'committee_election', 'property_manager', 'maintenance_fund_use',
  'maintenance_fund_raise', 'rebuild', 'common_parts_use', 'other_major',
] as const;
const CANDIDATES = ['c1', 'c2', 'c3', 'c4', 'c5'];
const OPTIONS = ['A', 'B', 'C'];

const areaText = (hundredths: bigint) => `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;

const unitArb = fc.record({
  owners: fc.uniqueArray(fc.constantFrom('p', 'q', 'r', 's', 't', 'u', 'v', 'w'), { minLength: 1, maxLength: 2 }),
  developerHeld: fc.constantFrom(false, false, false, true),
  kind: fc.constantFrom('residential', 'residential', 'residential', 'commercial', 'parking'),
  building: fc.constantFrom('1', '2'),
  stair: fc.constantFrom('1', '2'),
  area: fc.bigInt({ min: 1n, max: 30000n }),
});

const motionArb: fc.Arbitrary<Input['motion']> = fc.oneof(
  fc.constantFrom(...MATTERS).map((matter): Input['motion'] => ({ id: 'm', kind: 'yes_no', matter })),
  fc.constantFrom(...MATTERS).map((matter): Input['motion'] => ({ id: 'm', kind: 'options', matter, options: OPTIONS.map((id) => ({ id, label: `option ${id}` })) })),
  fc.integer({ min: 1, max: 4 }).map((seats): Input['motion'] => ({ id: 'm', kind: 'election', matter: 'committee_election', seats, candidates: CANDIDATES.map((id) => ({ id, name: id })) })),
  fc.constantFrom(...MATTERS).map((matter): Input['motion'] => ({ id: 'm', kind: 'petition', matter })),
);

const scopeArb: fc.Arbitrary<Scope> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'estate' as const }) },
  fc.constantFrom('1', '2').map((building) => ({ kind: 'building' as const, building })),
  fc.constantFrom('1', '2').map((building) => ({ kind: 'stair' as const, building, stair: '1' })),
);

const settingsArb = fc.record({
  profile: fc.constantFrom('civil-code-2021' as const, 'property-law-2007' as const),
  countParking: fc.boolean(),
  nonVoters: fc.constantFrom('excluded' as const, 'follow_majority' as const),
});

const rawBallotArb = fc.record({
  unit: fc.nat(),
  pick: fc.nat(),
  candidates: fc.uniqueArray(fc.constantFrom(...CANDIDATES), { maxLength: 4 }),
  channel: fc.constantFrom('online' as const, 'online' as const, 'paper' as const, 'proxy' as const),
  spoiled: fc.boolean(),
  zulu: fc.boolean(),
});

function choiceFor(motion: Input['motion'], raw: { pick: number; candidates: string[] }, seats: number): BallotIn['choice'] {
  switch (motion.kind) {
    case 'yes_no':
      return ['agree', 'agree', 'oppose', 'abstain'][raw.pick % 4];
    case 'options':
      return [...OPTIONS, 'abstain', 'A'][raw.pick % 5];
    case 'election':
      return raw.candidates.slice(0, seats);
    case 'petition':
      return ['sign', 'sign', 'withdraw'][raw.pick % 3];
  }
}

/** Minutes from 2024-05-01T00:00Z, as an instant in UTC or in +08:00. */
function instant(minute: number, zulu: boolean): string {
  const ms = Date.UTC(2024, 4, 1) + minute * 60_000;
  if (zulu) return new Date(ms).toISOString().replace('.000Z', 'Z');
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

const recordArb: fc.Arbitrary<Input> = fc
  .tuple(fc.array(unitArb, { minLength: 1, maxLength: 25 }), motionArb, scopeArb, settingsArb, fc.array(rawBallotArb, { maxLength: 40 }), fc.array(fc.nat({ max: 100_000 }), { minLength: 40, maxLength: 40 }))
  .map(([units, motion, scope, settings, raws, minutes]) => {
    const unitsIn: UnitIn[] = units.map((u, i) => ({
      id: `u${i}`,
      building: u.building,
      stair: u.stair,
      area: areaText(u.area),
      areaSource: 'registry',
      kind: u.kind,
      developerHeld: u.developerHeld,
      owners: u.owners,
    }));
    const seats = motion.kind === 'election' ? motion.seats : 0;
    // Distinct minutes for every ballot, so no two ballots share an instant.
    const used = new Set<number>();
    const ballots: BallotIn[] = raws.map((raw, i) => {
      let minute = minutes[i]!;
      while (used.has(minute)) minute++;
      used.add(minute);
      const spoiled = raw.spoiled && raw.channel !== 'online' && motion.kind !== 'petition' && raw.pick % 5 === 0;
      const b: BallotIn = { id: `b${i}`, unit: `u${raw.unit % units.length}`, castAt: instant(minute, raw.zulu), channel: raw.channel };
      if (spoiled) b.spoiled = true;
      else b.choice = choiceFor(motion, raw, seats);
      return b;
    });
    return {
      format: 'gongjue.tally-record' as const,
      version: 1 as const,
      estate: { id: 'e' },
      settings,
      motion: { ...motion, scope },
      units: unitsIn,
      ballots,
    };
  })
  .map((input) => ({ ...input, ballots: input.ballots.filter((b) => oracleElectorate(input).voterOfUnit.has(b.unit)) }))
  .filter((input) => oracleElectorate(input).heads > 0n);

// ---------------------------------------------------------------- the oracle

const hundredths = (text: string): bigint => {
  if (text.startsWith('-')) return -hundredths(text.slice(1));
  const [whole, frac = ''] = text.split('.');
  return BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'));
};

function inScope(u: UnitIn, scope: Scope | undefined): boolean {
  if (!scope || scope.kind === 'estate') return true;
  if (scope.kind === 'building') return u.building === scope.building;
  return u.building === scope.building && u.stair === scope.stair;
}

/** Voter key → counted area; and which units' ballots belong to a voter in the electorate. */
function oracleElectorate(input: Input) {
  const key = (u: UnitIn) => (u.developerHeld ? 'DEVELOPER' : JSON.stringify([...u.owners].sort()));
  const countParking = input.settings?.countParking ?? false;
  const area = new Map<string, bigint>();
  for (const u of input.units) {
    if (!inScope(u, input.motion.scope) || (!countParking && u.kind === 'parking')) continue;
    area.set(key(u), (area.get(key(u)) ?? 0n) + hundredths(u.area));
  }
  const voterOfUnit = new Map<string, string>();
  for (const u of input.units) if (area.has(key(u))) voterOfUnit.set(u.id, key(u));
  let total = 0n;
  for (const a of area.values()) total += a;
  return { area, voterOfUnit, total, heads: BigInt(area.size) };
}

interface OracleResult {
  TA: bigint; TH: bigint; PA: bigint; PH: bigint;
  verdict: Report['verdict'];
}

function oracle(input: Input): OracleResult {
  const { area, voterOfUnit, total: TA, heads: TH } = oracleElectorate(input);
  const motion = input.motion;
  const profile = input.settings?.profile ?? 'civil-code-2021';
  const followMajority = (input.settings?.nonVoters ?? 'excluded') === 'follow_majority';

  // The standing ballot: the latest personal one, else the latest proxy one.
  const byVoter = new Map<string, BallotIn[]>();
  for (const b of input.ballots) {
    const v = voterOfUnit.get(b.unit)!;
    byVoter.set(v, [...(byVoter.get(v) ?? []), b]);
  }
  const standing = new Map<string, BallotIn>();
  for (const [v, list] of byVoter) {
    const personal = list.filter((b) => b.channel !== 'proxy');
    const pool = personal.length > 0 ? personal : list;
    standing.set(v, [...pool].sort((a, b) => Date.parse(a.castAt) - Date.parse(b.castAt)).at(-1)!);
  }

  const support = new Map<string, { a: bigint; h: bigint }>();
  const add = (choice: string, v: string) => {
    const s = support.get(choice) ?? { a: 0n, h: 0n };
    support.set(choice, { a: s.a + area.get(v)!, h: s.h + 1n });
  };
  let PA = 0n;
  let PH = 0n;
  for (const [v, b] of standing) {
    if (motion.kind === 'petition') {
      if (b.choice === 'sign') {
        add('sign', v);
        PA += area.get(v)!;
        PH++;
      }
      continue;
    }
    PA += area.get(v)!;
    PH++;
    if (b.spoiled) continue;
    if (Array.isArray(b.choice)) for (const c of b.choice) add(c, v);
    else add(b.choice as string, v);
  }
  const of = (c: string) => support.get(c) ?? { a: 0n, h: 0n };

  if (motion.kind === 'petition') {
    const s = of('sign');
    const met = 5n * s.a >= TA && 5n * s.h >= TH;
    return { TA, TH, PA, PH, verdict: { kind: 'petition', outcome: met ? 'threshold_met' : 'threshold_not_met' } };
  }

  const quorumMet = profile === 'property-law-2007' || (3n * PA >= 2n * TA && 3n * PH >= 2n * TH);
  if (!quorumMet) {
    const verdict: Report['verdict'] =
      motion.kind === 'yes_no' ? { kind: 'yes_no', outcome: 'no_quorum' }
      : motion.kind === 'options' ? { kind: 'options', outcome: 'no_quorum', winner: null, passing: [] }
      : { kind: 'election', outcome: 'no_quorum', seats: motion.seats, elected: [], unresolvedSeats: 0, tiedForLastSeat: [], vacantSeats: motion.seats };
    return { TA, TH, PA, PH, verdict };
  }

  // R2.7: non-voters join the side holding more than half of both the participating area and heads.
  let deemed: string | null = null;
  if (followMajority && motion.kind !== 'election') {
    const sides = motion.kind === 'yes_no' ? ['agree', 'oppose'] : OPTIONS;
    for (const side of sides) if (2n * of(side).a > PA && 2n * of(side).h > PH) deemed = side;
  }
  const special2021 = ['maintenance_fund_raise', 'rebuild', 'common_parts_use'].includes(motion.matter);
  const special2007 = ['maintenance_fund_use', 'maintenance_fund_raise', 'rebuild'].includes(motion.matter);
  const passes = (choice: string) => {
    let { a, h } = of(choice);
    let baseA = PA;
    let baseH = PH;
    if (deemed !== null) {
      baseA = TA;
      baseH = TH;
      if (choice === deemed) {
        a += TA - PA;
        h += TH - PH;
      }
    }
    if (profile === 'property-law-2007') {
      return special2007 ? 3n * a >= 2n * TA && 3n * h >= 2n * TH : 2n * a > TA && 2n * h > TH;
    }
    return special2021 ? 4n * a >= 3n * baseA && 4n * h >= 3n * baseH : 2n * a > baseA && 2n * h > baseH;
  };

  if (motion.kind === 'yes_no') return { TA, TH, PA, PH, verdict: { kind: 'yes_no', outcome: passes('agree') ? 'passed' : 'rejected' } };
  if (motion.kind === 'options') {
    const passing = OPTIONS.filter(passes);
    const winner = passing.length === 1 ? passing[0]! : null;
    return { TA, TH, PA, PH, verdict: { kind: 'options', outcome: winner ? 'decided' : 'no_decision', winner, passing } };
  }
  const ranked = CANDIDATES.filter(passes).sort((x, y) => {
    const a = of(x);
    const b = of(y);
    return a.h !== b.h ? (a.h > b.h ? -1 : 1) : a.a !== b.a ? (a.a > b.a ? -1 : 1) : x < y ? -1 : 1;
  });
  const elected: string[] = [];
  let unresolvedSeats = 0;
  let tiedForLastSeat: string[] = [];
  for (let i = 0; i < ranked.length && elected.length < motion.seats; ) {
    const group = ranked.filter((c) => of(c).h === of(ranked[i]!).h && of(c).a === of(ranked[i]!).a);
    if (elected.length + group.length <= motion.seats) elected.push(...group);
    else {
      unresolvedSeats = motion.seats - elected.length;
      tiedForLastSeat = group;
      break;
    }
    i += group.length;
  }
  return {
    TA, TH, PA, PH,
    verdict: { kind: 'election', outcome: 'decided', seats: motion.seats, elected, unresolvedSeats, tiedForLastSeat, vacantSeats: motion.seats - elected.length - unresolvedSeats },
  };
}

// ---------------------------------------------------------------- properties

const tally = (input: Input) => tallyRecord(parseTallyRecord(input));
const RUNS = { numRuns: 600 };

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 48271) % 2147483647;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('the engine agrees with the oracle', () => {
  it('on totals and verdict, for every kind of motion and setting', () => {
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(recordArb, (input) => {
        const report = tally(input);
        const expected = oracle(input);
        expect(hundredths(report.totals.TA)).toBe(expected.TA);
        expect(BigInt(report.totals.TH)).toBe(expected.TH);
        expect(hundredths(report.totals.PA)).toBe(expected.PA);
        expect(BigInt(report.totals.PH)).toBe(expected.PH);
        expect(report.verdict).toEqual(expected.verdict);
        const label = `${report.verdict.kind}:${report.verdict.outcome}`;
        kinds.set(label, (kinds.get(label) ?? 0) + 1);
      }),
      { numRuns: 1500 },
    );
    // The generator must reach every outcome, or the agreement proves little.
    for (const label of ['yes_no:passed', 'yes_no:rejected', 'yes_no:no_quorum', 'options:decided', 'options:no_decision', 'election:decided', 'election:no_quorum', 'petition:threshold_met', 'petition:threshold_not_met']) {
      expect(kinds.get(label) ?? 0, label).toBeGreaterThan(5);
    }
  });
});

describe('invariants', () => {
  it('reordering units or ballots never changes the result', () => {
    fc.assert(
      fc.property(recordArb, fc.integer({ min: 1, max: 1_000_000 }), (input, seed) => {
        const reordered = { ...input, units: shuffled(input.units, seed), ballots: shuffled(input.ballots, seed + 1) };
        expect(tally(reordered)).toEqual(tally(input));
      }),
      RUNS,
    );
  });

  it('one more agreeing ballot never turns a pass into a fail', () => {
    const agreeable = recordArb.filter((r) => r.motion.kind === 'yes_no' || r.motion.kind === 'options');
    fc.assert(
      fc.property(agreeable, fc.nat(), (input, pick) => {
        const before = tally(input);
        const winning = before.verdict.kind === 'yes_no' ? (before.verdict.outcome === 'passed' ? 'agree' : null) : before.verdict.kind === 'options' ? before.verdict.winner : null;
        fc.pre(winning !== null);
        // a later personal ballot for the winning side, from any voter of the electorate
        const voters = [...oracleElectorate(input).voterOfUnit.keys()];
        const unit = voters[pick % voters.length]!;
        const after = tally({ ...input, ballots: [...input.ballots, { id: 'extra', unit, choice: winning, castAt: '2024-12-31T23:59:59Z', channel: 'online' }] });
        expect(after.verdict).toMatchObject(before.verdict.kind === 'yes_no' ? { outcome: 'passed' } : { outcome: 'decided', winner: winning });
      }),
      RUNS,
    );
  });

  it('multiplying every area by the same factor never changes a verdict', () => {
    fc.assert(
      fc.property(recordArb, fc.bigInt({ min: 2n, max: 10_000n }), (input, factor) => {
        const scaled = { ...input, units: input.units.map((u) => ({ ...u, area: areaText(hundredths(u.area) * factor) })) };
        const a = tally(input);
        const b = tally(scaled);
        expect(b.verdict).toEqual(a.verdict);
        expect(hundredths(b.totals.TA)).toBe(hundredths(a.totals.TA) * factor);
      }),
      RUNS,
    );
  });

  it('the report’s numbers always add up', () => {
    fc.assert(
      fc.property(recordArb, (input) => {
        const r = tally(input);
        const TA = hundredths(r.totals.TA);
        const PA = hundredths(r.totals.PA);
        expect(PA + hundredths(r.totals.didNotVote.area)).toBe(TA);
        expect(r.totals.PH + r.totals.didNotVote.heads).toBe(r.totals.TH);
        if (r.motion.kind === 'yes_no' || r.motion.kind === 'options') {
          const sumA = r.choices.reduce((s, c) => s + hundredths(c.area), 0n) + hundredths(r.totals.spoiled.area);
          const sumH = r.choices.reduce((s, c) => s + c.heads, 0) + r.totals.spoiled.heads;
          expect(sumA).toBe(PA);
          expect(sumH).toBe(r.totals.PH);
        }
        for (const c of r.choices) {
          expect(hundredths(c.area) <= PA).toBe(true);
          expect(c.heads <= r.totals.PH).toBe(true);
        }
        if (r.quorum) {
          expect(r.quorum.area.value).toBe(r.totals.PA);
          expect(r.quorum.heads.value).toBe(r.totals.PH);
          expect(r.quorum.met).toBe(r.quorum.area.met && r.quorum.heads.met);
          expect(r.quorum.area.met).toBe(hundredths(r.quorum.area.margin) >= 0n);
        }
        for (const t of r.tests) {
          expect(t.passed).toBe(t.area.met && t.heads.met && (t.liftConsent?.met ?? true));
          expect(t.area.met).toBe(hundredths(t.area.margin) >= 0n);
          expect(t.heads.met).toBe(t.heads.margin >= 0);
          const base = r.rule.base === 'total' || r.nonVoters.addedTo !== null ? r.totals.TA : r.totals.PA;
          expect(t.base.area).toBe(base);
        }
        expect(r.ballots!.received).toBe(input.ballots.length);
        expect(r.ballots!.standing + r.ballots!.superseded).toBe(r.ballots!.received);
        expect(r.explanation.zh.length).toBe(r.explanation.en.length);
      }),
      RUNS,
    );
  });
});
