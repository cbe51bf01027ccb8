/**
 * npx tsx bench/recount-thread.ts — the recount thread's work alone, in this one thread, stage by stage: what
 * bounds the large close now that the units are stored at opening (docs/benchmarks.md). Reads the kept database of
 * `BENCH_CASE=large BENCH_KEEP=1 npm run bench:close` (BENCH_KEEP_DB names another): the stored unit lines and the
 * motion's ballot lines, as the close streams them, then times what the thread does with them: parsing (record-lines.ts)
 * with the staged engine's checks and columns, the electorate's index, the ballots resolved, the standing ballots. CPU times are this process's; run with --cpu-prof for a profile.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { copyOutOf, openDatabase } from '../src/db/database.ts';
import { resultOf } from '../src/results/evidence.ts';
import { KeptLines, RepeatedTexts } from '../src/results/record-lines.ts';
import { copyBinaryColumn, copyLines, recordEnvelope } from '../src/results/records.ts';
import { ballotLinesStatement } from '../src/results/records-repository.ts';
import { estateSettingsOf } from '../src/places/estate-settings.ts';
import { StagedTally, StagedUnits } from '../src/tally/staged.ts';
import { storedUnitLinesCopy } from '../src/voting/electorate-lines-repository.ts';

const url = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
url.pathname = `/${process.env.BENCH_KEEP_DB ?? 'gongjue_bench_close_large_kept'}`;
const database = await openDatabase({ url: url.toString(), embeddedDir: 'memory://', poolMax: 1 });
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
try {
  const { units, ballots, envelope } = await database.db.transaction().execute(async (trx) => {
    const meeting = await trx.selectFrom('meetings').selectAll().executeTakeFirstOrThrow();
    const motion = await trx.selectFrom('motions').selectAll().where('meeting_id', '=', meeting.id).executeTakeFirstOrThrow();
    const settings = (await estateSettingsOf(trx, meeting.estate_id)).tally;
    const copy = (await copyOutOf(trx))!;
    const units: Uint8Array[] = [];
    await copyBinaryColumn(copy, storedUnitLinesCopy(meeting.id), (lines) => units.push(lines));
    if (units.length === 0) throw new Error('no stored unit lines: run BENCH_CASE=large BENCH_KEEP=1 npm run bench:close first');
    // In megabytes of whole lines, as the close hands them over.
    const ballots: Uint8Array[] = [];
    let pending: Buffer[] = [];
    const flush = () => {
      ballots.push(new Uint8Array(Buffer.concat(pending)));
      pending = [];
    };
    await copyLines(copy, ballotLinesStatement(motion.id, settings), (lines) => {
      pending.push(Buffer.from(lines));
      if (pending.reduce((n, b) => n + b.length, 0) >= 1 << 20) flush();
    });
    if (pending.length > 0) flush();
    return { units, ballots, envelope: recordEnvelope(meeting, motion, settings) };
  });
  console.log(`read ${units.length} chunks of unit lines, ${ballots.length} of ballot lines; load ${load()}`);
  global.gc?.();
  let cpu = process.cpuUsage();
  let t = performance.now();
  const lap = (what: string) => {
    const c = process.cpuUsage(cpu);
    console.log(`  ${what}: ${Math.round(performance.now() - t).toLocaleString('en')} ms (CPU ${Math.round((c.user + c.system) / 1000).toLocaleString('en')} ms)`);
    cpu = process.cpuUsage();
    t = performance.now();
  };
  // As the thread does (recount-worker.ts): each megabyte parsed and given to the staged engine as it comes, the
  // lines kept as bytes for the few units and ballots read again.
  const texts = new RepeatedTexts();
  const unitLines = new KeptLines();
  const ballotLines = new KeptLines();
  const staged = new StagedUnits((i) => unitLines.at(i));
  const tally = new StagedTally(envelope, staged, (i) => ballotLines.at(i));
  for (const lines of units) {
    const { values, usual } = unitLines.parseUnits(lines, texts);
    staged.add(values, usual);
  }
  staged.end();
  lap("the unit lines parsed, each unit checked (parseTallyRecord's checks) and read into the index's columns");
  tally.indexUnits();
  lap('the electorate indexed');
  for (const lines of ballots) {
    const { values, usual } = ballotLines.parseBallots(lines, texts);
    tally.addBallots(values, usual);
  }
  lap('the ballot lines parsed, each ballot checked and resolved to its voter');
  const result = resultOf(tally.finish());
  lap('duplicate ids, standing ballots, count, decide');
  console.log(`${result.outcome}: PH ${result.totals.PH}, PA ${result.totals.PA}; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; load ${load()}`);
} finally {
  await database.close();
}
