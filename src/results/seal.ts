import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB, Meeting } from '../db/schema.ts';
import { estateSettingsOf } from '../places/estate-settings.ts';
import type { Report, Settings } from '../tally/index.ts';
import { type MotionSeal, type RecordSeal, resultDigest, resultOf, sealOf } from './evidence.ts';
import { reportsOf } from './motion-results-repository.ts';
import { type MotionRecord, tallyRecordsOf } from './records.ts';
import { insertSeals, sealRows } from './seals-repository.ts';

/**
 * Sealing at close. Ballots are not appended to the audit chain one by one
 * (that would serialise an estate's voting on the chain head); instead, once
 * the close has tallied, each motion's units, every ballot version, the whole
 * tally record and the result are digested, stored in result_seals and
 * written into the estate's chain as one 'meeting.tallied' record. Anything
 * changed afterwards — a ballot, a unit's area, a result — no longer matches.
 */
/** What the close hands the seal: the records it recounted, or the seals it computed of them as they streamed. */
export type Sealed = { settings: Settings; records: MotionRecord[] } | { settings: Settings; seals: RecordSeal[] };

export async function sealMeeting(
  trx: Transaction<DB>,
  meeting: Meeting,
  actor: string,
  now: Date,
  /** The reports the close just stored, when the caller has them in hand (saves reading them back). */
  known?: Map<string, Report>,
  /**
   * The tally records the close just recounted, with the settings they carry: sealed as they are, not read
   * again — or their seals, when the close hashed the records as they streamed in (streamed-records.ts).
   */
  counted?: Sealed,
): Promise<MotionSeal[]> {
  let settings = counted?.settings;
  settings ??= (await estateSettingsOf(trx, meeting.estate_id)).tally;
  const sealedSettings = settings;
  const sealedRecords = counted && 'seals' in counted ? counted.seals : (counted?.records ?? (await tallyRecordsOf(trx, meeting, () => sealedSettings)));
  const reports =
    known ??
    new Map(
      (await reportsOf(trx, meeting.id)).map((r) => [
        r.motion_id,
        r.report as Report,
      ]),
    );
  const seals = sealedRecords.map((sealed) => {
    const report = reports.get(sealed.motionId);
    if (!report) throw new Error(`motion ${sealed.motionId} was closed without a result`);
    const result = resultOf(report);
    return 'record' in sealed ? sealOf(sealed.motionId, sealed.record, result) : { ...sealed, resultSha256: resultDigest(result) };
  });
  if (seals.length > 0) {
    await insertSeals(
      trx,
      seals.map((seal) => ({
        motion_id: seal.motionId,
        meeting_id: meeting.id,
        settings: JSON.stringify(settings),
        units_count: seal.units.count,
        units_sha256: seal.units.sha256,
        ballots_count: seal.ballots.count,
        ballots_head: seal.ballots.head,
        record_sha256: seal.recordSha256,
        result_sha256: seal.resultSha256,
        sealed_at: now,
      })),
    );
  }
  await appendAudit(
    trx,
    { chain: estateChain(meeting.estate_id), actor, action: 'meeting.tallied', subject: `meeting:${meeting.id}`, data: { motions: seals } },
    now,
  );
  return seals;
}

/** The seals of a meeting's motions, with the settings each was counted under. */
export async function sealsOf(db: Kysely<DB>, meetingId: string): Promise<Map<string, MotionSeal & { settings: Settings }>> {
  const rows = await sealRows(db, meetingId);
  return new Map(
    rows.map((r) => [
      r.motion_id,
      {
        motionId: r.motion_id,
        settings: r.settings as Settings,
        units: { count: r.units_count, sha256: r.units_sha256 },
        ballots: { count: r.ballots_count, head: r.ballots_head },
        recordSha256: r.record_sha256,
        resultSha256: r.result_sha256,
      },
    ]),
  );
}
