import { parentPort } from 'node:worker_threads';
import { parseRecordLines, RepeatedTexts } from './record-lines.ts';
import { recountTallyRecord } from './recount.ts';

/**
 * The engine's recount of a large meeting, in a thread of its own (streamed-records.ts): the units and
 * ballots arrive as the canonical JSON lines the close seals, are parsed here — the million objects live
 * in this thread's heap, not in the one that hashes and talks to PostgreSQL — and each motion's record
 * is recounted once all its lines are in. What comes back is each motion's result (or why its record
 * could not be counted): a few hundred bytes.
 */
export type RecountMessage =
  | { kind: 'units'; lines: Uint8Array<ArrayBuffer> }
  | { kind: 'ballots'; index: number; lines: Uint8Array<ArrayBuffer> }
  | { kind: 'count'; envelopes: object[] };

const units: unknown[] = [];
const ballots: unknown[][] = [];
// One table of repeated texts for the whole record: a building or a choice met in one megabyte is the same string in the next.
const texts = new RepeatedTexts();

/** The lists arrive sorted by id, as they are sealed; anything else would be sealed in another order than the record's. */
function append(list: unknown[], values: unknown[]): void {
  let previous = list.length === 0 ? undefined : (list[list.length - 1] as { id: string }).id;
  for (const value of values) {
    const id = (value as { id: string }).id;
    if (previous !== undefined && previous > id) throw new Error('record lines out of id order');
    previous = id;
    list.push(value);
  }
}

parentPort!.on('message', (message: RecountMessage) => {
  try {
    if (message.kind === 'units') append(units, parseRecordLines(message.lines, texts));
    else if (message.kind === 'ballots') append((ballots[message.index] ??= []), parseRecordLines(message.lines, texts));
    else {
      const recounted = message.envelopes.map((envelope, i) => recountTallyRecord({ ...envelope, units, ballots: ballots[i] ?? [] }));
      parentPort!.postMessage({ recounted });
    }
  } catch (error) {
    parentPort!.postMessage({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
