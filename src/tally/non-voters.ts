// R2.7, setting nonVoters = follow_majority: the area and heads of owners
// who did not vote are added to the side that holds BOTH the area majority
// and the head majority among those who voted. "Majority" is read as in
// the rest of the rulebook: more than half (过半数) of the participating
// area, and more than half of the participating heads. Abstentions and
// spoiled ballots are participation but no side. When no single side holds
// both majorities, nothing is added and the report says which majority
// each side held.
//
// The deemed voters join a side after participation is measured: they
// never count towards the quorum, but once deemed to have voted they are
// part of the base the approval share is taken of.

import type { Amount } from './amount.ts';
import type { Settings } from './record.ts';

export type NonVoterOutcome =
  | 'excluded'        // setting nonVoters = excluded (default)
  | 'not_applicable'  // elections and petitions: a deemed multi-candidate ballot or signature is not defined
  | 'no_quorum'       // nothing is decided anyway
  | 'added'           // added to `addedTo`
  | 'no_side_holds_both'; // the area and head majorities disagree, or no side holds one

export interface NonVoterResult {
  readonly mode: Settings['nonVoters'];
  readonly outcome: NonVoterOutcome;
  /** Their area and heads (TA − PA, TH − PH). */
  readonly amount: Amount;
  readonly addedTo: string | null;
  /** Which side held more than half of the participating area / heads, if any. */
  readonly areaMajority: string | null;
  readonly headsMajority: string | null;
}

export function notFollowing(mode: Settings['nonVoters'], outcome: NonVoterOutcome, amount: Amount): NonVoterResult {
  return { mode, outcome, amount, addedTo: null, areaMajority: null, headsMajority: null };
}

/**
 * @param sides the sides a ballot can take (agree/oppose, or the options), with their amounts
 * @param tookPart PA/PH, including abstentions and spoiled ballots
 * @param didNotVote TA − PA, TH − PH
 */
export function followMajority(
  sides: readonly { readonly id: string; readonly amount: Amount }[],
  tookPart: Amount,
  didNotVote: Amount,
): NonVoterResult {
  let areaMajority: string | null = null;
  let headsMajority: string | null = null;
  for (const side of sides) {
    if (2n * side.amount.area > tookPart.area) areaMajority = side.id;
    if (2n * side.amount.heads > tookPart.heads) headsMajority = side.id;
  }
  const both = areaMajority !== null && areaMajority === headsMajority;
  return {
    mode: 'follow_majority',
    outcome: both ? 'added' : 'no_side_holds_both',
    amount: didNotVote,
    addedTo: both ? areaMajority : null,
    areaMajority,
    headsMajority,
  };
}

