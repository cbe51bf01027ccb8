// Which ballot of each voter stands. A voter has one ballot per motion
// whatever the channel (R4.4); the latest stands, except that a ballot the
// owner casts personally (online or on paper) overrides a proxy's, whenever
// the proxy's was cast (R4.3). Every ballot must belong to a voter of the
// motion's electorate: a ballot from outside it is an error, never silently
// dropped.

import type { ElectorateIndex } from './electorate.ts';
import { describeScope, firstOwner, secondOwner, unitId, unitPosition, unitStatus, UnitStatus } from './electorate.ts';
import { compareInstants, readInstant, type Instant } from './instant.ts';
import { quote, type Issues } from './issues.ts';
import { hashString } from './string-hash.ts';
import { ABSTAIN, type Ballot, type Motion, type Scope, type Settings } from './record.ts';

/** Choice codes; options and candidates are numbered from 0 in the motion's order (at most 100 of either). */
export const SPOILED = -1;
/** An election ballot: its candidates are in `candidates`. */
export const CANDIDATE_LIST = -2;
export const AGREE = 0;
export const OPPOSE = 1;
export const YES_NO_ABSTAIN = 2;
export const SIGN = 0;
export const WITHDRAW = 1;

export interface BallotStatistics {
  /** Ballots in the record. */
  readonly received: number;
  /** One per voter who cast any. */
  readonly standing: number;
  /** Replaced by a later ballot, or by the owner's own ballot (R4.3). */
  readonly superseded: number;
  /** Voters whose standing ballot replaced one cast through another channel (R4.4). */
  readonly crossChannelReplacements: number;
  /** Voters whose personal ballot overrode a later proxy ballot (R4.3). */
  readonly proxyOverridden: number;
}

export interface StandingBallots {
  /** voter index → index of its standing ballot, or -1 when it cast none. */
  readonly standing: Int32Array;
  /** ballot index → choice code (see above). */
  readonly choice: Int8Array;
  /** ballot index → candidate numbers, for election ballots. */
  readonly candidates: ReadonlyMap<number, readonly number[]>;
  readonly statistics: BallotStatistics;
}

const ABSTAIN_LIST: readonly number[] = [];

// Runs once per ballot: no closures here (tsx wraps each in a naming helper, measurably).
function badChoice(ballot: Ballot, position: number, issues: Issues, why: string): number {
  issues.add('invalid_choice', `ballots[${position}].choice`, `ballot ${quote(ballot.id)}: ${why}`);
  return SPOILED;
}

function choiceCode(
  ballot: Ballot,
  position: number,
  motion: Motion,
  numbering: ReadonlyMap<string, number>,
  candidates: Map<number, readonly number[]>,
  issues: Issues,
): number {
  if (ballot.spoiled === true) {
    if (ballot.channel === 'online') {
      issues.add('spoiled_online', `ballots[${position}].spoiled`, `ballot ${quote(ballot.id)}: only a paper or proxy ballot can be spoiled; an online ballot cannot`);
    }
    return SPOILED;
  }
  const choice = ballot.choice;
  if (choice === undefined) return badChoice(ballot, position, issues, 'has no choice and is not marked spoiled');
  switch (motion.kind) {
    case 'yes_no':
      if (choice === 'agree') return AGREE;
      if (choice === 'oppose') return OPPOSE;
      if (choice === ABSTAIN) return YES_NO_ABSTAIN;
      return badChoice(ballot, position, issues, `choice ${JSON.stringify(choice)} is not agree, oppose or abstain`);
    case 'petition':
      if (choice === 'sign') return SIGN;
      if (choice === 'withdraw') return WITHDRAW;
      return badChoice(ballot, position, issues, `a petition signature is "sign" or "withdraw", not ${JSON.stringify(choice)}`);
    case 'options': {
      if (choice === ABSTAIN) return motion.options.length;
      const n = typeof choice === 'string' ? numbering.get(choice) : undefined;
      if (n === undefined) return badChoice(ballot, position, issues, `${JSON.stringify(choice)} is not one of the motion's options (R3.5: only announced options can be voted on)`);
      return n;
    }
    case 'election': {
      if (!Array.isArray(choice)) return badChoice(ballot, position, issues, 'an election ballot lists candidate ids (an empty list abstains)');
      if (choice.length > motion.seats) return badChoice(ballot, position, issues, `names ${choice.length} candidates for ${motion.seats} seats`);
      const picked: number[] = [];
      for (const id of choice) {
        const n = numbering.get(id);
        if (n === undefined) return badChoice(ballot, position, issues, `${JSON.stringify(id)} is not a candidate of this election`);
        if (picked.includes(n)) return badChoice(ballot, position, issues, `names candidate ${JSON.stringify(id)} twice`);
        picked.push(n);
      }
      candidates.set(position, picked.length === 0 ? ABSTAIN_LIST : picked.sort((a, b) => a - b));
      return CANDIDATE_LIST;
    }
  }
}

/** Choice codes of ballots, with the candidate lists of election ballots. */
interface Choices {
  code: Int8Array;
  readonly candidates: Map<number, readonly number[]>;
}

function sameChoice(a: number, b: number, choices: Choices): boolean {
  if (choices.code[a] !== choices.code[b]) return false;
  if (choices.code[a] !== CANDIDATE_LIST) return true;
  const x = choices.candidates.get(a)!;
  const y = choices.candidates.get(b)!;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** One ballot of a voter who cast several, with its instant. */
interface Cast extends Instant {
  readonly ballot: number;
}

function byInstant(a: Cast, b: Cast): number {
  return compareInstants(a, b) || a.ballot - b.ballot;
}

function outsideElectorate(ballot: Ballot, position: number, status: UnitStatus, scope: Scope, issues: Issues): void {
  if (status === UnitStatus.ParkingNotCounted) {
    issues.add('parking_not_counted', `ballots[${position}].unit`,
      `ballot ${quote(ballot.id)}: unit ${quote(ballot.unit)} is a parking space, not counted (countParking is false), and its owners hold no counted unit`);
  } else {
    issues.add('outside_scope', `ballots[${position}].unit`,
      `ballot ${quote(ballot.id)}: unit ${quote(ballot.unit)} is outside the motion's scope (${describeScope(scope)}) and its owners hold no unit inside it`);
  }
}

/**
 * Per ballot, the first unit whose id hash equals its unit's (or -1), to be
 * confirmed by comparing the ids. The ballots' units are all hashed first,
 * then looked up in the order of the table's slots (HashSlots.slotOrder):
 * in the order the ballots come, each lookup would be a cache miss.
 */
function candidateUnits(ballots: readonly Ballot[], index: ElectorateIndex): Int32Array {
  const n = ballots.length;
  const candidate = new Int32Array(n);
  for (let b = 0; b < n; b++) candidate[b] = hashString(ballots[b]!.unit);
  const order = new Int32Array(n);
  const slots = index.unitSlots;
  slots.slotOrder(candidate, order);
  for (let k = 0; k < n; k++) {
    const b = order[k]!;
    candidate[b] = slots.first(candidate[b]!); // the hash, replaced by the candidate
  }
  return candidate;
}

/**
 * The standing ballot of every voter. `index` must be free of issues (the
 * unit positions are the unit-id numbering only when no id is duplicated),
 * and the ballots must have passed parseTallyRecord, which checks each
 * ballot's own fields and its cast instant against the voting window.
 *
 * Memory is kept to a few typed arrays: on a million-unit record, every
 * 64 MB of typed arrays makes V8 start a full collection of the whole
 * record (half a second). Cast instants are only read for the voters who
 * cast more than one ballot: for everyone else, which ballot stands is
 * not a question.
 */
export function standingBallots(
  ballots: readonly Ballot[],
  index: ElectorateIndex,
  motion: Motion,
  settings: Settings,
  issues: Issues,
): StandingBallots {
  const standing = new StandingBuilder(index, motion, settings, issues, ballots.length);
  const candidate = candidateUnits(ballots, index);
  for (let b = 0; b < ballots.length; b++) {
    const ballot = ballots[b]!;
    let unit = candidate[b]!;
    if (unit < 0 || unitId(index, unit) !== ballot.unit) unit = unitPosition(index, ballot.unit);
    standing.add(ballot, unit);
  }
  return standing.finish(ballots);
}

/** The ballots a StandingBuilder was given, as far as it still needs them: those of voters who cast several. */
export interface BallotSource {
  at(position: number): Ballot | undefined;
}

/**
 * standingBallots one ballot at a time: add() takes each ballot in record order, with the position of its
 * unit in the electorate (-1: none has its id), and keeps only typed arrays of it; finish() picks each
 * voter's standing ballot, reading again (`ballots`) only the ballots of voters who cast more than one.
 * The staged recount adds each ballot as it arrives and keeps no ballot object (staged.ts).
 */
export class StandingBuilder {
  private readonly numbering = new Map<string, number>();
  private readonly choices: Choices;
  /** Per voter, the ballots it cast as a linked list: first[voter] → next[ballot] → … → -1. */
  private readonly first: Int32Array;
  private next: Int32Array;
  private readonly representativeOnly: boolean;
  private count = 0;

  constructor(
    private readonly index: ElectorateIndex,
    private readonly motion: Motion,
    private readonly settings: Settings,
    private readonly issues: Issues,
    expected = 1024,
  ) {
    if (motion.kind === 'options') motion.options.forEach((o, i) => this.numbering.set(o.id, i));
    if (motion.kind === 'election') motion.candidates.forEach((c, i) => this.numbering.set(c.id, i));
    const n = Math.max(expected, 16);
    this.choices = { code: new Int8Array(n), candidates: new Map() };
    this.first = new Int32Array(index.voterCount).fill(-1);
    this.next = new Int32Array(n);
    this.representativeOnly = settings.coOwnerVoting === 'representative';
  }

  /** Ballots added so far. */
  get size(): number {
    return this.count;
  }

  /** The next ballot of the record, cast for the unit at position `unit` (-1: no unit has its id). */
  add(ballot: Ballot, unit: number): void {
    const b = this.count++;
    if (b === this.next.length) this.grow();
    const index = this.index;
    const issues = this.issues;
    if (unit < 0) {
      issues.add('unknown_unit', `ballots[${b}].unit`, `ballot ${quote(ballot.id)}: unknown unit ${quote(ballot.unit)}`);
      return;
    }
    const voter = index.unitVoter[unit]!;
    if (index.voterArea[voter] === 0) {
      outsideElectorate(ballot, b, unitStatus(index.units.at(unit)!, this.settings, this.motion.scope), this.motion.scope, issues);
      return;
    }
    this.choices.code[b] = choiceCode(ballot, b, this.motion, this.numbering, this.choices.candidates, issues);
    if (ballot.castBy !== undefined || this.representativeOnly) checkCaster(ballot, b, unit, voter, index, this.representativeOnly, issues);
    this.next[b] = this.first[voter]!;
    this.first[voter] = b;
  }

  /** Each voter's standing ballot, and the statistics; `ballots` gives back the ballots added (by position). */
  finish(ballots: BallotSource): StandingBallots {
    const { first, next, choices, issues } = this;
    const at: Instant = { day: 0, second: 0, nano: 0 };
    // first[] becomes standing[]: each voter's list is replaced by the ballot that stands.
    const standing = first;
    let standingCount = 0;
    let crossChannelReplacements = 0;
    let proxyOverridden = 0;
    const mine: Cast[] = [];
    // The ballots of the voter in hand, read once each.
    const cast = new Map<number, Ballot>();
    for (let v = 0; v < standing.length; v++) {
      const head = first[v]!;
      if (head < 0) continue;
      standingCount++;
      if (next[head] === -1) continue; // a single ballot stands as it is
      mine.length = 0;
      cast.clear();
      for (let b = head; b >= 0; b = next[b]!) {
        const ballot = ballots.at(b)!;
        cast.set(b, ballot);
        if (!readInstant(ballot.castAt, at)) {
          issues.add('malformed_instant', `ballots[${b}].castAt`, `ballot ${quote(ballot.id)}: castAt ${JSON.stringify(ballot.castAt)} is not an ISO 8601 instant with an offset`);
        }
        mine.push({ ballot: b, day: at.day, second: at.second, nano: at.nano });
      }
      mine.sort(byInstant);
      let latestPersonal = -1;
      let latestAny = -1;
      for (let k = 0; k < mine.length; k++) {
        const b = mine[k]!.ballot;
        const previous = mine[k - 1];
        if (previous !== undefined && compareInstants(previous, mine[k]!) === 0 && !sameChoice(previous.ballot, b, choices)) {
          issues.add('same_instant_conflict', `ballots[${b}]`,
            `ballot ${quote(cast.get(b)!.id)}: cast at the same instant (${cast.get(b)!.castAt}) as ballot ${quote(cast.get(previous.ballot)!.id)} of the same voter, with a different choice`);
        }
        latestAny = b;
        if (cast.get(b)!.channel !== 'proxy') latestPersonal = b;
      }
      const chosen = latestPersonal >= 0 ? latestPersonal : latestAny;
      standing[v] = chosen;
      if (chosen !== latestAny) proxyOverridden++;
      const channel = cast.get(chosen)!.channel;
      let crossChannel = false;
      for (let k = 0; k < mine.length; k++) if (cast.get(mine[k]!.ballot)!.channel !== channel) crossChannel = true;
      if (crossChannel) crossChannelReplacements++;
    }

    const n = this.count;
    return {
      standing,
      choice: choices.code,
      candidates: choices.candidates,
      statistics: { received: n, standing: standingCount, superseded: n - standingCount, crossChannelReplacements, proxyOverridden },
    };
  }

  private grow(): void {
    const next = new Int32Array(this.next.length * 2);
    next.set(this.next);
    this.next = next;
    const code = new Int8Array(next.length);
    code.set(this.choices.code);
    this.choices.code = code;
  }
}

/**
 * castBy, when given, must be one of the voter's owners (for a proxy
 * ballot: the owner who authorised it). Under coOwnerVoting =
 * representative, a co-owned voter's ballot counts only from its
 * designated representative; a record holding any other is refused rather
 * than trimmed, because the service must never have accepted it.
 */
function checkCaster(ballot: Ballot, position: number, unit: number, voter: number, index: ElectorateIndex, representativeOnly: boolean, issues: Issues): void {
  const developer = voter === index.developer;
  // Outside the developer's units, a unit's owners are exactly its voter's (R1.2).
  const second = secondOwner(index, unit);
  const coOwned = !developer && second !== undefined;
  const castBy = ballot.castBy;
  if (castBy !== undefined) {
    const isOwner = developer
      ? index.developerOwners.has(castBy)
      : castBy === firstOwner(index, unit) || castBy === second || (second !== undefined && index.units.at(unit)!.owners.includes(castBy));
    if (!isOwner) {
      issues.add('not_an_owner', `ballots[${position}].castBy`, `ballot ${quote(ballot.id)}: castBy ${quote(castBy)} is not an owner of unit ${quote(ballot.unit)}'s voter`);
      return;
    }
  }
  // The developer is one organisation, and a sole owner is their own representative.
  if (!representativeOnly || !coOwned) return;
  const representative = index.representatives.get(voter);
  if (representative === undefined) {
    issues.add('no_representative', `ballots[${position}]`,
      `ballot ${quote(ballot.id)}: co-owners of unit ${quote(ballot.unit)} have designated no representative (coOwnerVoting is representative)`);
  } else if (castBy !== representative) {
    issues.add('not_representative', `ballots[${position}].castBy`,
      `ballot ${quote(ballot.id)}: cast by ${castBy === undefined ? 'an unnamed co-owner' : quote(castBy)}, not by the designated representative ${quote(representative)}`);
  }
}
