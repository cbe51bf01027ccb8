// The staged recount (src/tally/staged.ts) gives exactly what the one-shot
// engine gives — parseTallyRecord + tallyRecord over the whole record —
// however the record's units and ballots are cut into pieces and whenever
// the electorate is indexed: the same report, or the same issues in the same
// order (and the same count of issues past the reporting limit).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTallyRecord, tallyRecord, TallyInputError } from '../../src/tally/index.ts';
import { StagedTally, StagedUnits } from '../../src/tally/staged.ts';
import { ballot, record, unit } from './helpers.ts';

type Outcome = { report: unknown } | { issues: unknown[]; omitted: number; message: string };

function outcome(run: () => unknown): Outcome {
  try {
    return { report: run() };
  } catch (error) {
    if (!(error instanceof TallyInputError)) throw error;
    return { issues: [...error.issues], omitted: error.omitted, message: error.message };
  }
}

const oneShot = (input: Record<string, unknown>) => outcome(() => tallyRecord(parseTallyRecord(input)));

interface Plan {
  /** Sizes of the pieces the units and the ballots come in (the last piece takes the rest). */
  unitCuts: number[];
  ballotCuts: number[];
  /** The units after the ballots (the close's fallback order) instead of before. */
  unitsLast: boolean;
  /** After how many ballot pieces the owner indexes the electorate (past the end: finish() does). */
  indexAfter: number;
  /** The units and ballots not kept but given back when asked for (copies), as the close's recount thread does. */
  reread: boolean;
  /** Each motion's ballots sorted by id and said to be (idsInOrder), as the close sends them. */
  sorted: boolean;
}

function pieces<T>(list: readonly T[], cuts: readonly number[]): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (const cut of cuts) {
    if (at >= list.length) break;
    out.push(list.slice(at, at + cut));
    at += cut;
  }
  if (at < list.length) out.push(list.slice(at));
  return out;
}

/** Each of `envelopes` (one per motion, sharing the units) counted in stages as `plan` says. */
function staged(envelopes: Record<string, unknown>[], units: readonly unknown[], ballots: readonly (readonly unknown[])[], plan: Plan): Outcome[] {
  // Given back as copies: what is asked for again must not rely on being the very object given.
  const shared = plan.reread ? new StagedUnits((i) => structuredClone(units[i])) : new StagedUnits();
  const tallies = envelopes.map((e, m) =>
    plan.reread || plan.sorted ? new StagedTally(e, shared, plan.reread ? (i) => structuredClone(ballots[m]![i]) : undefined, plan.sorted) : new StagedTally(e, shared),
  );
  const addUnits = () => {
    for (const piece of pieces(units, plan.unitCuts)) shared.add(piece);
    shared.end();
  };
  if (!plan.unitsLast) addUnits();
  tallies.forEach((tally, m) => {
    pieces(ballots[m]!, plan.ballotCuts).forEach((piece, k) => {
      if (k === plan.indexAfter && shared.ended) tally.indexUnits();
      tally.addBallots(piece);
    });
  });
  if (plan.unitsLast) addUnits();
  return tallies.map((tally) => outcome(() => tally.finish()));
}

// ---------------------------------------------------------------- generators: mostly valid, often not

const OWNERS = ['p', 'q', 'r', 's', 't'];
const anyText = fc.constantFrom('', 'a\u0001b', 'x'.repeat(129), 5, null, '楼-1');

const unitArb = fc
  .record({
    id: fc.nat({ max: 14 }),
    owners: fc.uniqueArray(fc.constantFrom(...OWNERS), { minLength: 1, maxLength: 3 }),
    developerHeld: fc.constantFrom(false, false, false, true),
    kind: fc.constantFrom('residential', 'residential', 'commercial', 'parking'),
    building: fc.constantFrom('1', '2'),
    stair: fc.constantFrom('1', '2', undefined),
    area: fc.integer({ min: 1, max: 30000 }),
    representative: fc.option(fc.constantFrom(...OWNERS, 'z'), { freq: 4 }),
    fault: fc.option(
      fc.oneof(
        fc.record({ area: fc.constantFrom('90.5', '-1', '0.00', 'abc', 12) }),
        fc.record({ owners: fc.constantFrom([], ['a', 'a'], 'o1') }),
        fc.record({ kind: fc.constantFrom('garden') }),
        fc.record({ id: anyText }),
        fc.record({ colour: fc.constant('red') }),
      ),
      { freq: 12 },
    ),
  })
  .map((u) => {
    const value: Record<string, unknown> = {
      ...unit(`u${u.id}`, `${Math.floor(u.area / 100)}.${String(u.area % 100).padStart(2, '0')}`, u.owners, { building: u.building, kind: u.kind as 'residential', developerHeld: u.developerHeld }),
    };
    if (u.stair !== undefined) value.stair = u.stair;
    if (u.representative !== null) value.representative = u.representative;
    return u.fault === null ? value : { ...value, ...u.fault };
  });

const CHOICES = ['agree', 'oppose', 'abstain', 'A', 'B', 'sign', 'withdraw', 'nonsense'];

const ballotArb = fc
  .record({
    id: fc.nat({ max: 60 }),
    unit: fc.nat({ max: 16 }),
    choice: fc.oneof(fc.constantFrom(...CHOICES), fc.uniqueArray(fc.constantFrom('c1', 'c2', 'c3', 'x'), { maxLength: 3 }), fc.constant(undefined)),
    minute: fc.integer({ min: -30, max: 600 }),
    channel: fc.constantFrom('online', 'online', 'paper', 'proxy'),
    spoiled: fc.option(fc.constant(true), { freq: 8 }),
    castBy: fc.option(fc.constantFrom(...OWNERS, 'z'), { freq: 3 }),
    fault: fc.option(fc.oneof(fc.record({ castAt: fc.constantFrom('2024-05-02 09:00', 5) }), fc.record({ channel: fc.constant('fax') }), fc.record({ unit: anyText })), { freq: 15 }),
  })
  .map((b) => {
    const value: Record<string, unknown> = { ...ballot(`u${b.unit}`, b.choice, Math.max(b.minute, 0), { id: `b${b.id}`, channel: b.channel as 'online' }) };
    if (b.minute < 0) value.castAt = '2024-05-01T09:00:00+08:00'; // before the window opens
    if (b.choice === undefined) delete value.choice;
    if (b.spoiled !== null) value.spoiled = true;
    if (b.castBy !== null) value.castBy = b.castBy;
    return b.fault === null ? value : { ...value, ...b.fault };
  });

const motionArb = fc.oneof(
  fc.constantFrom('property_manager', 'rebuild').map((matter) => ({ kind: 'yes_no', matter })),
  fc.constant({ kind: 'options', matter: 'property_manager', options: [{ id: 'A', label: 'A' }, { id: 'B', label: 'B' }] }),
  fc.integer({ min: 1, max: 3 }).map((seats) => ({ kind: 'election', matter: 'committee_election', seats, candidates: ['c1', 'c2', 'c3'].map((id) => ({ id, name: id })) })),
  fc.constant({ kind: 'petition', matter: 'other_major' }),
  // A motion the envelope refuses: an unknown matter (zod), a looser override (after the shape).
  fc.constant({ kind: 'yes_no', matter: 'weather' }),
);

const envelopeArb = fc
  .record({
    motion: motionArb,
    scope: fc.oneof({ weight: 3, arbitrary: fc.constant({ kind: 'estate' }) }, fc.constant({ kind: 'building', building: '1' }), fc.constant({ kind: 'stair', building: '2', stair: '1' })),
    countParking: fc.boolean(),
    coOwnerVoting: fc.constantFrom('any', 'representative'),
    looser: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    window: fc.boolean(),
  })
  .map((e) => {
    const base = record([], [], { ...(e.motion as object), scope: e.scope }, {
      countParking: e.countParking,
      coOwnerVoting: e.coOwnerVoting as 'any',
      ...(e.looser ? { overrides: { rebuild: { approval: { num: 1, den: 2 } } } } : {}),
    }) as Record<string, unknown>;
    delete base.units;
    delete base.ballots;
    if (e.window) base.meeting = { id: 'm', opensAt: '2024-05-02T00:00:00+08:00', closesAt: '2024-05-02T15:00:00+08:00' };
    return base;
  });

const planArb = fc.record({
  unitCuts: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 6 }),
  ballotCuts: fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 6 }),
  unitsLast: fc.boolean(),
  indexAfter: fc.nat({ max: 7 }),
  reread: fc.boolean(),
  sorted: fc.boolean(),
});

const VALID_CHOICES: Record<string, readonly unknown[]> = {
  yes_no: ['agree', 'agree', 'oppose', 'abstain'],
  options: ['A', 'B', 'abstain'],
  election: [['c1'], ['c2'], [], ['c3']],
  petition: ['sign', 'withdraw'],
};

/**
 * The same case made valid but for what only the electorate shows (scope, parking, co-owners): a valid
 * motion and settings, distinct unit ids without faults, ballots of those units with choices the motion
 * offers, at distinct instants, distinct ids. Most such records are counted; the rest are refused by tallyRecord.
 */
function cleaned(envelopes: Record<string, unknown>[], units: Record<string, unknown>[], lists: Record<string, unknown>[][]) {
  const seen = new Set<unknown>();
  const goodUnits = units
    .map((u, i) => {
      const clean = unit(`u${i}`, '50.00', Array.isArray(u.owners) && u.owners.length > 0 && new Set(u.owners).size === u.owners.length ? (u.owners as string[]) : ['p'], {
        building: u.building === '2' ? '2' : '1',
        kind: u.kind === 'parking' ? 'parking' : 'residential',
        developerHeld: u.developerHeld === true,
      }) as Record<string, unknown>;
      if (typeof u.stair === 'string') clean.stair = u.stair;
      if (typeof u.representative === 'string' && (clean.owners as string[]).includes(u.representative)) clean.representative = u.representative;
      return clean;
    })
    .filter((u) => !seen.has(u.id) && seen.add(u.id));
  const goodEnvelopes = envelopes.map((e) => {
    const motion = e.motion as Record<string, unknown>;
    const settings = { ...(e.settings as Record<string, unknown>) };
    delete settings.overrides;
    return { ...e, settings, motion: motion.matter === 'weather' ? { ...motion, matter: 'property_manager' } : motion };
  });
  const goodLists = lists.map((list, m) =>
    list.map((b, i) => {
      const kind = (goodEnvelopes[m % goodEnvelopes.length]!.motion as { kind: string }).kind;
      const choices = VALID_CHOICES[kind]!;
      const at = ballot(`u${Number(String(b.unit).slice(1)) % Math.max(goodUnits.length, 1)}`, choices[i % choices.length] as string, i * 7, {
        id: `b${i}`,
        channel: b.channel === 'fax' ? 'online' : (b.channel as 'online'),
      });
      return at;
    }),
  );
  return { envelopes: goodEnvelopes, units: goodUnits, lists: goodLists };
}

describe('the staged recount', () => {
  it('gives the one-shot engine’s report or issues, in the same order, however the record arrives', () => {
    const seen = { reports: 0, refusals: 0, electorateOrStanding: 0 };
    fc.assert(
      fc.property(
        fc.array(envelopeArb, { minLength: 1, maxLength: 3 }),
        fc.array(unitArb, { maxLength: 14 }),
        fc.array(fc.array(ballotArb, { maxLength: 24 }), { minLength: 3, maxLength: 3 }),
        planArb,
        fc.boolean(),
        (rawEnvelopes, rawUnits, rawLists, plan, clean) => {
          const given = clean ? cleaned(rawEnvelopes, rawUnits, rawLists) : { envelopes: rawEnvelopes, units: rawUnits, lists: rawLists };
          const { envelopes, units } = given;
          // In id order as the close sends them (an id that is no string sorts last, where the close would never send one).
          const lists = plan.sorted ? given.lists.map((list) => [...list].sort(byId)) : given.lists;
          const got = staged(envelopes, units, lists, plan);
          envelopes.forEach((envelope, m) => {
            const expected = oneShot({ ...envelope, units, ballots: lists[m]! });
            expect(got[m]).toEqual(expected);
            if ('report' in expected) seen.reports++;
            else {
              seen.refusals++;
              if (expected.issues.some((i) => STAGE_TWO.has((i as { code: string }).code))) seen.electorateOrStanding++;
            }
          });
        },
      ),
      { numRuns: 1500 },
    );
    // The comparison means something only if every stage's verdict occurred often.
    expect(seen.reports).toBeGreaterThan(120);
    expect(seen.refusals).toBeGreaterThan(300);
    expect(seen.electorateOrStanding).toBeGreaterThan(100);
  });

  it('finds repeated ids among ballots that come in id order, as the one-shot engine does, and refuses ballots out of order', () => {
    const units = Array.from({ length: 6 }, (_, i) => unit(`u${i}`, '50.00', [`o${i}`]));
    // b1 three times, b3 twice: each repeat after the first is an issue at its own place.
    const ids = ['b0', 'b1', 'b1', 'b1', 'b2', 'b3', 'b3', 'b4'];
    const ballots = ids.map((id, i) => ballot(`u${i % 6}`, 'agree', i, { id }));
    const envelope = record([], []) as Record<string, unknown>;
    const expected = oneShot({ ...envelope, units, ballots });
    expect(expected).toMatchObject({ issues: [{ code: 'duplicate_ballot', path: 'ballots[2].id' }, { path: 'ballots[3].id' }, { path: 'ballots[6].id' }] });
    for (const reread of [false, true]) {
      expect(staged([envelope], units, [ballots], { unitCuts: [2], ballotCuts: [3, 2], unitsLast: false, indexAfter: 1, reread, sorted: true })[0]).toEqual(expected);
    }
    const shuffled = [ballots[4]!, ballots[0]!];
    expect(() => staged([envelope], units, [shuffled], { unitCuts: [], ballotCuts: [], unitsLast: false, indexAfter: 0, reread: false, sorted: true })).toThrow(/out of order/);
  });

  it('counts the issues past the reporting limit as the one-shot engine does, over units and ballots together', () => {
    const units = Array.from({ length: 150 }, (_, i) => unit(`u${i}`, '12.345', [`o${i}`]));
    const ballots = Array.from({ length: 120 }, (_, i) => ballot(`u${i}`, 'agree', 0, { id: `b${i}`, channel: 'fax' as never }));
    const envelope = record([], []) as Record<string, unknown>;
    const expected = oneShot({ ...envelope, units, ballots });
    expect(expected).toMatchObject({ omitted: 70 });
    for (const unitsLast of [false, true]) {
      expect(staged([envelope], units, [ballots], { unitCuts: [7, 60], ballotCuts: [33], unitsLast, indexAfter: 1, reread: unitsLast, sorted: false })[0]).toEqual(expected);
    }
  });
});

const idOf = (ballot: unknown) => (ballot as { id?: unknown } | null)?.id;
function byId(a: unknown, b: unknown): number {
  const x = idOf(a);
  const y = idOf(b);
  if (typeof x !== 'string' || typeof y !== 'string') return (typeof x === 'string' ? 0 : 1) - (typeof y === 'string' ? 0 : 1);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Issues only tallyRecord finds (the electorate, the standing ballots): the staged recount's second stage. */
const STAGE_TWO: ReadonlySet<string> = new Set([
  'duplicate_unit', 'unknown_unit', 'outside_scope', 'same_instant_conflict', 'invalid_choice', 'not_an_owner', 'not_representative',
  'no_representative', 'representative_conflict', 'parking_not_counted', 'empty_electorate', 'spoiled_online',
]);
