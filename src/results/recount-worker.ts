import { parentPort } from 'node:worker_threads';
import { StagedTally, StagedUnits } from '../tally/staged.ts';
import { KeptLines, RepeatedTexts } from './record-lines.ts';
import { recountStaged } from './recount.ts';

/**
 * The engine's recount of a large meeting, in a thread of its own (streamed-records.ts): the units and
 * ballots arrive as the canonical JSON lines the close seals, are parsed here, and counted in stages
 * (tally/staged.ts): each unit and ballot checked as it comes and read into the typed arrays of the index,
 * each motion's electorate indexed as soon as the units are all in (the close sends them first when they
 * were stored at opening, so this happens while PostgreSQL still writes the ballots), each ballot then
 * resolved to its voter as it comes, and the standing ballots found once the motion's ballots are all in.
 * No parsed unit or ballot is kept: the lines are, as bytes, and the few the engine needs again whole are
 * parsed again from them (record-lines.ts: KeptLines) — where keeping a million objects made garbage
 * collection a third of this thread's time. What comes back is each motion's result (or why its record
 * could not be counted): a few hundred bytes.
 */
export type RecountMessage =
  /** First: each motion's record without its units and ballots. */
  | { kind: 'envelopes'; envelopes: object[] }
  | { kind: 'units'; lines: Uint8Array<ArrayBufferLike> }
  | { kind: 'unitsEnd' }
  | { kind: 'ballots'; index: number; lines: Uint8Array<ArrayBufferLike> }
  | { kind: 'count' };

// The lines stay here as bytes: the few units and ballots the engine needs again whole are parsed again from
// them (staged.ts), where keeping every parsed object made the collector carry a million of them.
const unitLines = new KeptLines();
const units = new StagedUnits((position) => unitLines.at(position));
let ballotLines: KeptLines[] = [];
let tallies: StagedTally[] = [];
const lastIds: (string | undefined)[] = [];
let lastUnit: string | undefined;
// One table of repeated texts for the whole record: a building or a choice met in one megabyte is the same string in the next.
const texts = new RepeatedTexts();

/** The lists arrive sorted by id, as they are sealed; anything else would be sealed in another order than the record's. */
function inIdOrder(values: unknown[], previous: string | undefined): string | undefined {
  for (const value of values) {
    const id = (value as { id: string }).id;
    if (previous !== undefined && previous > id) throw new Error('record lines out of id order');
    previous = id;
  }
  return previous;
}

parentPort!.on('message', (message: RecountMessage) => {
  try {
    if (message.kind === 'envelopes') {
      ballotLines = message.envelopes.map(() => new KeptLines());
      // The close sends each motion's ballots in id order (and inIdOrder below refuses any other).
      tallies = message.envelopes.map((envelope, i) => new StagedTally(envelope, units, (position) => ballotLines[i]!.at(position), true));
    } else if (message.kind === 'units') {
      const { values, usual } = unitLines.parseUnits(message.lines, texts);
      lastUnit = inIdOrder(values, lastUnit);
      units.add(values, usual);
    } else if (message.kind === 'unitsEnd') {
      units.end();
      for (const tally of tallies) tally.indexUnits();
    } else if (message.kind === 'ballots') {
      const { values, usual } = ballotLines[message.index]!.parseBallots(message.lines, texts);
      lastIds[message.index] = inIdOrder(values, lastIds[message.index]);
      tallies[message.index]!.addBallots(values, usual);
    } else {
      parentPort!.postMessage({ recounted: tallies.map(recountStaged) });
    }
  } catch (error) {
    parentPort!.postMessage({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
