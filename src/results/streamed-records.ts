import { Worker } from 'node:worker_threads';
import type { CopyOut } from '../db/database.ts';
import type { Meeting, MotionRow } from '../db/schema.ts';
import type { Settings } from '../tally/index.ts';
import { type RecordSeal, RecordSealStream } from './evidence.ts';
import { storedUnitLinesCopy, unitLinesStatement } from '../voting/electorate-lines-repository.ts';
import { copyBinaryColumn, copyLines, recordEnvelope } from './records.ts';
import { ballotLinesStatement } from './records-repository.ts';
import type { Recounted } from './recount.ts';
import type { RecountMessage } from './recount-worker.ts';

/**
 * The close of a large meeting (a million units): its tally records are never built as objects here.
 * PostgreSQL writes each unit and ballot as its canonical JSON text (records.ts), COPY streams the texts,
 * and each chunk of them is hashed into the seals as it comes (RecordSealStream) and handed to a worker
 * thread that parses the same texts and recounts each motion with the engine (recount-worker.ts) — on
 * the other core, while this thread hashes and PostgreSQL produces the rows. The seal is of the very
 * texts the engine counted. Same records, same digests as `tallyRecordsOf` + `sealOf`
 * (test/integration/tally-record-copy.test.ts). The units' texts were written once when voting opened
 * (electorate_unit_lines): they are read first, so that the thread checks them and indexes the
 * electorate (tally/staged.ts) while PostgreSQL writes the ballots; a meeting opened without them has
 * PostgreSQL write them after the ballots, as every close did before.
 */
export interface StreamedRecords {
  /** Each motion's seal (all but the result's digest), in the order of the motions given. */
  seals: RecordSeal[];
  /** Each motion's recount, in the same order: the engine runs while the caller's aggregate does. */
  recounted: Promise<Recounted[]>;
}

export async function streamRecords(copy: CopyOut, meeting: Meeting, motions: readonly MotionRow[], settings: Settings): Promise<StreamedRecords> {
  const worker = startRecountWorker();
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the recount thread exited (${code})`)));
  });
  failed.catch(() => {});
  // Listened for from the start: a thread that fails while the lines stream in says so at once.
  const answer = new Promise<Recounted[]>((resolve, reject) => {
    worker.on('message', (m: { recounted?: Recounted[]; failed?: string }) =>
      m.recounted ? resolve(m.recounted) : reject(new Error(`the recount thread failed: ${m.failed}`)),
    );
  });
  answer.catch(() => {});
  const stopped = Promise.race([answer.then(() => new Promise<never>(() => {})), failed]);
  stopped.catch(() => {});
  const send = (message: RecountMessage) => {
    // Lines in an ArrayBuffer are handed over (transferred); in a SharedArrayBuffer, shared.
    if ('lines' in message && message.lines.buffer instanceof ArrayBuffer) worker.postMessage(message, [message.lines.buffer]);
    else worker.postMessage(message);
  };
  // Lines go to the thread a megabyte at a time (COPY's chunks are 64 kB: a message each cost 1.4 s of this thread).
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = (to: { kind: 'units' } | { kind: 'ballots'; index: number }) => {
    if (pendingBytes === 0) return;
    const lines = new Uint8Array(pendingBytes);
    let at = 0;
    for (const piece of pending) {
      lines.set(piece, at);
      at += piece.length;
    }
    pending = [];
    pendingBytes = 0;
    send({ ...to, lines });
  };
  const queue = (lines: Buffer, to: { kind: 'units' } | { kind: 'ballots'; index: number }) => {
    pending.push(lines);
    pendingBytes += lines.length;
    if (pendingBytes >= MESSAGE_BYTES) flush(to);
  };
  try {
    const envelopes = motions.map((row) => recordEnvelope(meeting, row, settings));
    send({ kind: 'envelopes', envelopes });
    const stream = new RecordSealStream(motions.map((row, i) => ({ motionId: row.id, envelope: envelopes[i]! })));
    // The units, when opening stored their lines (a large meeting since migration 0024): read first, so that the
    // recount thread checks them and indexes the electorate while PostgreSQL writes the ballots. They are hashed
    // after the ballots (the record digest takes each motion's ballots before the units: "ballots" < "units"), so
    // they are kept meanwhile — shared with the thread, not copied.
    const stored: Uint8Array<SharedArrayBuffer>[] = [];
    await Promise.race([
      stopped,
      copyBinaryColumn(copy, storedUnitLinesCopy(meeting.id), (lines) => {
        stored.push(lines);
        send({ kind: 'units', lines });
      }),
    ]);
    if (stored.length > 0) send({ kind: 'unitsEnd' });
    for (let i = 0; i < motions.length; i++) {
      await Promise.race([
        stopped,
        copyLines(copy, ballotLinesStatement(motions[i]!.id, settings), (lines) => {
          stream.ballots(i, lines);
          queue(lines, { kind: 'ballots', index: i });
        }),
      ]);
      flush({ kind: 'ballots', index: i });
    }
    if (stored.length > 0) {
      for (const lines of stored.splice(0)) stream.unitLines(Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength));
    } else {
      // A meeting opened without them: PostgreSQL writes the units' lines now, from the snapshot's rows.
      await Promise.race([
        stopped,
        copyLines(copy, unitLinesStatement(meeting.id), (lines) => {
          stream.unitLines(lines);
          queue(lines, { kind: 'units' });
        }),
      ]);
      flush({ kind: 'units' });
      send({ kind: 'unitsEnd' });
    }
    send({ kind: 'count' });
    const recounted = Promise.race([answer, failed]).finally(() => void worker.terminate());
    return { seals: stream.finish(), recounted };
  } catch (error) {
    void worker.terminate();
    throw error;
  }
}

const MESSAGE_BYTES = 1 << 20;

/** The worker runs the compiled JavaScript in production; from the TypeScript sources (tests, tsx) through tsx's loader. */
function startRecountWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./recount-worker.js', here));
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./recount-worker.ts', here).href;
  const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true });
}
