// R3.3: a committee election fills N seats. Each candidate who passes the
// ordinary test on their own supporters is ranked by supporting heads, then
// supporting area. A tie that straddles the last seat leaves the seats it
// straddles unresolved — never broken by the order of the candidate list.

import type { Amount } from './amount.ts';

export interface RankedCandidate {
  readonly candidate: string;
  readonly support: Amount;
  /** Competition rank: tied candidates share a rank (1, 2, 2, 4). */
  readonly rank: number;
}

export interface SeatOutcome {
  readonly seats: number;
  readonly ranking: readonly RankedCandidate[];
  readonly elected: readonly string[];
  /** Seats left open by a tie at the last seat(s). */
  readonly unresolvedSeats: number;
  /** The candidates tied for the unresolved seats. */
  readonly tiedForLastSeat: readonly string[];
  /** Seats left open because too few candidates passed. */
  readonly vacantSeats: number;
}

function byStanding(a: { candidate: string; support: Amount }, b: { candidate: string; support: Amount }): number {
  if (a.support.heads !== b.support.heads) return a.support.heads > b.support.heads ? -1 : 1;
  if (a.support.area !== b.support.area) return a.support.area > b.support.area ? -1 : 1;
  // Tied candidates are listed by id only so the output is deterministic; a tie never decides a seat.
  return a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0;
}

function tied(a: Amount, b: Amount): boolean {
  return a.heads === b.heads && a.area === b.area;
}

/** @param passing candidates who passed the test, with their support, in any order */
export function fillSeats(passing: readonly { candidate: string; support: Amount }[], seats: number): SeatOutcome {
  const sorted = [...passing].sort(byStanding);
  const ranking: RankedCandidate[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i]!;
    const previous = ranking[i - 1];
    const rank = previous && tied(previous.support, entry.support) ? previous.rank : i + 1;
    ranking.push({ candidate: entry.candidate, support: entry.support, rank });
  }

  const elected: string[] = [];
  let tiedForLastSeat: string[] = [];
  let unresolvedSeats = 0;
  let i = 0;
  while (i < ranking.length && elected.length < seats) {
    let end = i + 1;
    while (end < ranking.length && ranking[end]!.rank === ranking[i]!.rank) end++;
    const group = ranking.slice(i, end).map((r) => r.candidate);
    if (elected.length + group.length <= seats) {
      elected.push(...group);
    } else {
      unresolvedSeats = seats - elected.length;
      tiedForLastSeat = group;
      break;
    }
    i = end;
  }
  const vacantSeats = seats - elected.length - unresolvedSeats;
  return { seats, ranking, elected, unresolvedSeats, tiedForLastSeat, vacantSeats };
}

/** R3.3: an odd number from 5 to 11 members, 3 allowed where the estate has ≤ 100 households. */
export function committeeSizeAllowed(seats: number, households: bigint): boolean {
  if (seats % 2 === 0) return false;
  if (seats === 3) return households <= 100n;
  return seats >= 5 && seats <= 11;
}
