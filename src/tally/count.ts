// Counting: the standing ballots reduced to totals per choice. Each voter
// adds its whole area and one head (R1.2) to whatever its ballot chose; an
// abstention or a spoiled ballot adds to participation only (R2.4).

import { CANDIDATE_LIST, SIGN, SPOILED, type StandingBallots } from './ballots.ts';
import type { Totals } from './decision.ts';
import type { ElectorateIndex } from './electorate.ts';
import type { Motion } from './record.ts';
import { choiceIds } from './totals.ts';

export function countStanding(index: ElectorateIndex, ballots: StandingBallots, motion: Motion): Totals {
  const ids = choiceIds(motion);
  // Slots: one per choice in choiceIds order (for an election the last is abstain), then spoiled.
  const slots = ids.length + 1;
  const spoiledSlot = ids.length;
  const abstainSlot = ids.length - 1;
  const area = new Array<number>(slots).fill(0);
  const heads = new Array<number>(slots).fill(0);
  let tookPartArea = 0;
  let tookPartHeads = 0;

  const { standing, choice, candidates } = ballots;
  for (let v = 0; v < standing.length; v++) {
    const b = standing[v]!;
    if (b < 0) continue;
    const weight = index.voterArea[v]!;
    const code = choice[b]!;
    if (motion.kind === 'petition') {
      // Only a signature counts; a withdrawn or spoiled one is no signature.
      if (code !== SIGN) continue;
      area[0]! += weight;
      heads[0]!++;
    } else if (code === SPOILED) {
      area[spoiledSlot]! += weight;
      heads[spoiledSlot]!++;
    } else if (code === CANDIDATE_LIST) {
      const picked = candidates.get(b)!;
      if (picked.length === 0) {
        area[abstainSlot]! += weight;
        heads[abstainSlot]!++;
      }
      for (const c of picked) {
        area[c]! += weight;
        heads[c]!++;
      }
    } else {
      area[code]! += weight;
      heads[code]!++;
    }
    tookPartArea += weight;
    tookPartHeads++;
  }

  const choices: Record<string, { area: bigint; heads: bigint }> = {};
  ids.forEach((id, i) => {
    choices[id] = { area: BigInt(area[i]!), heads: BigInt(heads[i]!) };
  });
  return {
    TA: index.total.area,
    TH: index.total.heads,
    PA: motion.kind === 'petition' ? BigInt(area[0]!) : BigInt(tookPartArea),
    PH: motion.kind === 'petition' ? BigInt(heads[0]!) : BigInt(tookPartHeads),
    choices,
    spoiled: { area: BigInt(area[spoiledSlot]!), heads: BigInt(heads[spoiledSlot]!) },
  };
}
